using AiLiteracy.Model;

namespace AiLiteracy.Hr.Csv;

/// <summary>A CSV row that was rejected, with where and why.</summary>
/// <param name="File">The file name.</param>
/// <param name="Line">The 1-based physical line number where the row starts (the header is line 1).</param>
/// <param name="Column">The column (header name) at fault, when one is.</param>
/// <param name="Message">Why the row was rejected, in French and English.</param>
public sealed record CsvRowError(string File, int Line, string? Column, LocalizedText Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Column is null ? $"{File}:{Line}: {Message.Fr}" : $"{File}:{Line} [{Column}]: {Message.Fr}";
}

/// <summary>One row read from a CSV file: either a record or an error.</summary>
/// <typeparam name="T">The record type.</typeparam>
public readonly record struct CsvRow<T>
    where T : class
{
    /// <summary>Creates a row holding a record.</summary>
    /// <param name="line">The line number.</param>
    /// <param name="record">The record.</param>
    public CsvRow(int line, T record)
    {
        Line = line;
        Record = record;
        Error = null;
    }

    /// <summary>Creates a row holding an error.</summary>
    /// <param name="error">The error.</param>
    public CsvRow(CsvRowError error)
    {
        Line = error.Line;
        Record = null;
        Error = error;
    }

    /// <summary>The 1-based line number where the row starts.</summary>
    public int Line { get; }

    /// <summary>The record, when the row is valid.</summary>
    public T? Record { get; }

    /// <summary>The error, when the row was rejected.</summary>
    public CsvRowError? Error { get; }
}

/// <summary>The outcome of reading a whole CSV file: valid records kept, rejected rows reported.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Records">The valid records.</param>
/// <param name="Errors">The rejected rows.</param>
public sealed record CsvReadResult<T>(IReadOnlyList<T> Records, IReadOnlyList<CsvRowError> Errors);
