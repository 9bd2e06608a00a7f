using AiLiteracy.Model;

namespace AiLiteracy.Hr.Csv;

/// <summary>The result of converting one CSV row: a record or an error.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Record">The record, when the row is valid.</param>
/// <param name="Error">The error, when it is not.</param>
public readonly record struct CsvParse<T>(T? Record, CsvRowError? Error)
    where T : class
{
    /// <summary>A valid row.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The result.</returns>
    public static CsvParse<T> Ok(T record) => new(record, null);

    /// <summary>A rejected row.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static CsvParse<T> Fail(CsvRowError error) => new(null, error);
}

/// <summary>
/// The fields of the current CSV row, looked up by header name without regard to case, accents or surrounding
/// spaces (<c>Matricule</c>, <c>MATRICULE</c> and <c>matricule </c> are the same column).
/// </summary>
public sealed class CsvFields
{
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private string[] _record = [];

    /// <summary>Creates the field accessor for a header.</summary>
    /// <param name="fileName">The file name, for errors.</param>
    /// <param name="header">The header names.</param>
    public CsvFields(string fileName, IReadOnlyList<string> header)
    {
        FileName = fileName;
        Header = header;
        for (var i = 0; i < header.Count; i++)
        {
            _columns.TryAdd(FrenchHrVocabulary.Fold(header[i]), i);
        }
    }

    /// <summary>The file name.</summary>
    public string FileName { get; }

    /// <summary>The header names as written in the file.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The 1-based line number where the current row starts.</summary>
    public int Line { get; private set; }

    /// <summary>Whether the header has a column of one of these names.</summary>
    /// <param name="names">Accepted names.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Has(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (_columns.ContainsKey(FrenchHrVocabulary.Fold(name)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of the first present column among <paramref name="names"/>, or <see langword="null"/> when absent or empty.</summary>
    /// <param name="names">Accepted names.</param>
    /// <returns>The trimmed value.</returns>
    public string? Get(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (_columns.TryGetValue(FrenchHrVocabulary.Fold(name), out var index))
            {
                var value = index < _record.Length ? _record[index].Trim() : null;
                return string.IsNullOrEmpty(value) ? null : value;
            }
        }

        return null;
    }

    /// <summary>The number of fields of the current row.</summary>
    public int FieldCount => _record.Length;

    /// <summary>The index of the first present column among <paramref name="names"/> (matched without regard to case or accents), or -1.</summary>
    /// <param name="names">Accepted names.</param>
    /// <returns>The 0-based column index, or -1 when absent.</returns>
    public int IndexOf(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (_columns.TryGetValue(FrenchHrVocabulary.Fold(name), out var index))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>The trimmed value of the field at <paramref name="index"/>, or <see langword="null"/> when the row has no such field or it is empty.</summary>
    /// <param name="index">The 0-based column index.</param>
    /// <returns>The value.</returns>
    public string? GetAt(int index)
    {
        if ((uint)index >= (uint)_record.Length)
        {
            return null;
        }

        var value = _record[index];
        if (value.Length == 0)
        {
            return null;
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            value = value.Trim();
            return value.Length == 0 ? null : value;
        }

        return value;
    }

    /// <summary>Creates an error for the current row.</summary>
    /// <param name="column">The column at fault.</param>
    /// <param name="fr">The French message.</param>
    /// <param name="en">The English message.</param>
    /// <returns>The error.</returns>
    public CsvRowError Error(string? column, string fr, string en) => new(FileName, Line, column, new LocalizedText(fr, en));

    /// <summary>Creates the error for a required value that is missing.</summary>
    /// <param name="column">The column.</param>
    /// <returns>The error.</returns>
    public CsvRowError Missing(string column) =>
        Error(column, $"La colonne « {column} » est obligatoire.", $"Column '{column}' is required.");

    internal void Load(string[] record, int line)
    {
        _record = record;
        Line = line;
    }
}
