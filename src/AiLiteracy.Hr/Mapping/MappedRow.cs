using AiLiteracy.Hr.Csv;

namespace AiLiteracy.Hr.Mapping;

/// <summary>One row of a mapped file: a record, or the reason it was rejected; with the row's key when it could be read.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Line">The 1-based physical line where the row starts.</param>
/// <param name="Record">The record, when the row is valid.</param>
/// <param name="Key">The employee number of the row, when it could be read (also for a rejected row).</param>
/// <param name="Error">Why the row was rejected.</param>
/// <param name="Warnings">What was accepted with a reservation (value ignored, planned departure…), or <see langword="null"/>.</param>
public readonly record struct MappedRow<T>(int Line, T? Record, string? Key, CsvRowError? Error, IReadOnlyList<CsvRowError>? Warnings)
    where T : class
{
    /// <summary>Whether the row holds a record.</summary>
    public bool IsValid => Record is not null;
}

/// <summary>Checks employee numbers (<i>matricules</i>): 1 to 64 letters, digits, dot, dash or underscore.</summary>
public static class EmployeeNumbers
{
    /// <summary>The longest employee number accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="value"/> is a valid employee number.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
