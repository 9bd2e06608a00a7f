using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using AiLiteracy.Model;
using CsvHelper;
using CsvHelper.Configuration;

namespace AiLiteracy.Hr.Csv;

/// <summary>
/// Reads and writes CSV files the way French HR systems exchange them: separator detected among <c>;</c>,
/// <c>,</c> and tab; UTF-8 with or without BOM, or Windows-1252, detected; quoted fields with line breaks;
/// header names matched without regard to case or accents.
/// </summary>
public static class HrCsvFile
{
    static HrCsvFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Detects the encoding of a CSV file: UTF-8 (with or without BOM) or Windows-1252.</summary>
    /// <param name="head">The first bytes of the file (64 KiB is plenty).</param>
    /// <returns>The encoding to read it with.</returns>
    public static Encoding DetectEncoding(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }

        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            // A multi-byte sequence cut at the end of the sniffed block is not an error.
            var cut = head.Length;
            for (var i = Math.Max(0, head.Length - 3); i < head.Length; i++)
            {
                if ((head[i] & 0xC0) == 0xC0)
                {
                    cut = i;
                }
            }

            strict.GetCharCount(head[..cut]);
            return strict;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252);
        }
    }

    /// <summary>Detects the separator from the header line: the most frequent of <c>;</c>, <c>,</c> and tab.</summary>
    /// <param name="headerLine">The first line of the file.</param>
    /// <returns>The separator.</returns>
    public static string DetectDelimiter(string headerLine)
    {
        var semicolons = headerLine.Count(c => c == ';');
        var commas = headerLine.Count(c => c == ',');
        var tabs = headerLine.Count(c => c == '\t');
        if (tabs > semicolons && tabs > commas)
        {
            return "\t";
        }

        return commas > semicolons ? "," : ";";
    }

    /// <summary>
    /// Reads every row of a CSV stream and converts it with <paramref name="parse"/>, streaming: a valid row
    /// yields a record, an invalid one an error naming its line and column.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The CSV content.</param>
    /// <param name="fileName">The file name, for error messages.</param>
    /// <param name="parse">Converts the fields of one row.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The rows, in file order.</returns>
    public static async IAsyncEnumerable<CsvRow<T>> ReadAsync<T>(
        Stream stream,
        string fileName,
        Func<CsvFields, CsvParse<T>> parse,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(parse);
        using var reader = await HrCsvReader.OpenAsync(stream, fileName, leaveOpen: true, cancellationToken).ConfigureAwait(false);
        if (!reader.HasHeader)
        {
            yield return new CsvRow<T>(new CsvRowError(fileName, 1, null, new LocalizedText(
                "Le fichier est vide : une ligne d'en-tête est attendue.",
                "The file is empty: a header line is expected.")));
            yield break;
        }

        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var fields = reader.Fields;
            var result = parse(fields);
            yield return result.Record is not null
                ? new CsvRow<T>(fields.Line, result.Record)
                : new CsvRow<T>(result.Error ?? new CsvRowError(fileName, fields.Line, null, new LocalizedText("Ligne invalide.", "Invalid row.")));
        }
    }

    /// <summary>Reads a whole CSV stream: valid records kept, rejected rows reported.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The CSV content.</param>
    /// <param name="fileName">The file name, for error messages.</param>
    /// <param name="parse">Converts the fields of one row.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The records and the errors.</returns>
    public static async Task<CsvReadResult<T>> ReadAllAsync<T>(
        Stream stream,
        string fileName,
        Func<CsvFields, CsvParse<T>> parse,
        CancellationToken cancellationToken = default)
        where T : class
    {
        var records = new List<T>();
        var errors = new List<CsvRowError>();
        await foreach (var row in ReadAsync(stream, fileName, parse, cancellationToken).ConfigureAwait(false))
        {
            if (row.Record is not null)
            {
                records.Add(row.Record);
            }
            else if (row.Error is not null)
            {
                errors.Add(row.Error);
            }
        }

        return new CsvReadResult<T>(records, errors);
    }

    /// <summary>Writes rows as a French HR CSV file: UTF-8 with BOM, <c>;</c> separator, quoted where needed.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The destination.</param>
    /// <param name="header">The column names.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="format">Converts a record to its fields, in header order.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public static async Task WriteAsync<T>(
        Stream stream,
        IReadOnlyList<string> header,
        IEnumerable<T> rows,
        Func<T, IReadOnlyList<string?>> format,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", NewLine = "\r\n" };
        await using var csv = new CsvWriter(writer, configuration);
        foreach (var column in header)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync().ConfigureAwait(false);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var field in format(row))
            {
                csv.WriteField(field ?? string.Empty);
            }

            await csv.NextRecordAsync().ConfigureAwait(false);
        }

        await csv.FlushAsync().ConfigureAwait(false);
    }
}
