namespace AiLiteracy.Hr.Mapping;

/// <summary>
/// A compact set of employee numbers with the line each was first seen on, for imports of millions of rows: the
/// numbers are stored as ASCII bytes in one arena (about 25 bytes per entry with the table, against about 80 for a
/// <see cref="HashSet{T}"/> of strings). Only valid employee numbers (<see cref="EmployeeNumbers.IsValid"/>, ASCII) are
/// accepted. Not thread-safe.
/// </summary>
public sealed class EmployeeNumberSet
{
    private byte[] _arena = new byte[4096];
    private int _arenaLength;
    private int[] _offsets = new int[256];
    private int[] _lines = new int[256];
    private int[] _hashes = new int[256];
    private int[] _buckets = new int[512];
    private int _count;

    /// <summary>The number of employee numbers in the set.</summary>
    public int Count => _count;

    /// <summary>Bytes held by the set (for memory reports).</summary>
    public long AllocatedBytes => _arena.Length + ((long)_offsets.Length * 12) + ((long)_buckets.Length * 4);

    /// <summary>Adds an employee number seen on <paramref name="line"/>, unless it is already there.</summary>
    /// <param name="employeeNumber">A valid employee number.</param>
    /// <param name="line">The line it was seen on.</param>
    /// <param name="firstLine">The line it was first seen on, when already there.</param>
    /// <returns><see langword="true"/> when added; <see langword="false"/> when already there.</returns>
    /// <exception cref="ArgumentException">The value is not a valid employee number.</exception>
    public bool TryAdd(ReadOnlySpan<char> employeeNumber, int line, out int firstLine)
    {
        if (!EmployeeNumbers.IsValid(employeeNumber))
        {
            throw new ArgumentException("Not a valid employee number.", nameof(employeeNumber));
        }

        return TryAddValid(employeeNumber, line, out firstLine);
    }

    /// <summary>Adds an employee number already checked with <see cref="EmployeeNumbers.IsValid"/>.</summary>
    internal bool TryAddValid(ReadOnlySpan<char> employeeNumber, int line, out int firstLine)
    {
        var hash = Hash(employeeNumber);
        var mask = _buckets.Length - 1;
        var slot = hash & mask;
        while (_buckets[slot] != 0)
        {
            var entry = _buckets[slot] - 1;
            if (_hashes[entry] == hash && EqualsAt(entry, employeeNumber))
            {
                firstLine = _lines[entry];
                return false;
            }

            slot = (slot + 1) & mask;
        }

        firstLine = 0;
        if (_count == _offsets.Length)
        {
            Array.Resize(ref _offsets, _count * 2);
            Array.Resize(ref _lines, _count * 2);
            Array.Resize(ref _hashes, _count * 2);
        }

        if (_arenaLength + employeeNumber.Length + 1 > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaLength + employeeNumber.Length + 1));
        }

        _offsets[_count] = _arenaLength;
        _arena[_arenaLength++] = (byte)employeeNumber.Length;
        foreach (var c in employeeNumber)
        {
            _arena[_arenaLength++] = (byte)c;
        }

        _lines[_count] = line;
        _hashes[_count] = hash;
        _buckets[slot] = ++_count;
        if (_count * 2 > _buckets.Length)
        {
            Grow();
        }

        return true;
    }

    /// <summary>Whether the set holds <paramref name="employeeNumber"/>.</summary>
    /// <param name="employeeNumber">The employee number.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(ReadOnlySpan<char> employeeNumber)
    {
        if (!EmployeeNumbers.IsValid(employeeNumber))
        {
            return false;
        }

        var hash = Hash(employeeNumber);
        var mask = _buckets.Length - 1;
        for (var slot = hash & mask; _buckets[slot] != 0; slot = (slot + 1) & mask)
        {
            var entry = _buckets[slot] - 1;
            if (_hashes[entry] == hash && EqualsAt(entry, employeeNumber))
            {
                return true;
            }
        }

        return false;
    }

    private static int Hash(ReadOnlySpan<char> value)
    {
        // FNV-1a over the ASCII bytes, then a final mix so that sequential numbers spread over the table.
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash ^= hash >> 15;
        hash *= 0x2c1b3c6du;
        hash ^= hash >> 12;
        return (int)(hash & 0x7fffffff);
    }

    private bool EqualsAt(int entry, ReadOnlySpan<char> value)
    {
        var offset = _offsets[entry];
        if (_arena[offset] != value.Length)
        {
            return false;
        }

        var stored = _arena.AsSpan(offset + 1, value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (stored[i] != value[i])
            {
                return false;
            }
        }

        return true;
    }

    private void Grow()
    {
        var buckets = new int[_buckets.Length * 2];
        var mask = buckets.Length - 1;
        for (var entry = 0; entry < _count; entry++)
        {
            var slot = _hashes[entry] & mask;
            while (buckets[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            buckets[slot] = entry + 1;
        }

        _buckets = buckets;
    }
}
