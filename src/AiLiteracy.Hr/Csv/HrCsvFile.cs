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
    private const int SniffBytes = 64 * 1024;

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
        var head = new byte[SniffBytes];
        var read = await ReadHeadAsync(stream, head, cancellationToken).ConfigureAwait(false);
        var encoding = DetectEncoding(head.AsSpan(0, read));
        var headText = encoding.GetString(head, 0, read).TrimStart('\uFEFF');
        var firstLineEnd = headText.IndexOfAny(['\r', '\n']);
        var delimiter = DetectDelimiter(firstLineEnd < 0 ? headText : headText[..firstLineEnd]);

        Stream content = new PrefixedStream(head, read, stream);
        using var reader = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: true);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            HasHeaderRecord = true,
            DetectColumnCountChanges = false,
            MissingFieldFound = null,
            BadDataFound = null,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
        };
        using var csv = new CsvReader(reader, configuration);
        if (!await csv.ReadAsync().ConfigureAwait(false))
        {
            yield return new CsvRow<T>(new CsvRowError(fileName, 1, null, new LocalizedText(
                "Le fichier est vide : une ligne d'en-tête est attendue.",
                "The file is empty: a header line is expected.")));
            yield break;
        }

        csv.ReadHeader();
        var fields = new CsvFields(fileName, csv.HeaderRecord ?? []);
        var nextLine = csv.Parser.RawRow + 1;
        while (await csv.ReadAsync().ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = nextLine;
            nextLine = csv.Parser.RawRow + 1;
            fields.Load(csv.Parser.Record ?? [], line);
            var result = parse(fields);
            yield return result.Record is not null
                ? new CsvRow<T>(line, result.Record)
                : new CsvRow<T>(result.Error ?? new CsvRowError(fileName, line, null, new LocalizedText("Ligne invalide.", "Invalid row.")));
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

    private static async Task<int> ReadHeadAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>A stream that replays bytes already read, then continues with the rest of the source.</summary>
    private sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefixLength)
            {
                var n = Math.Min(buffer.Length, prefixLength - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            return rest.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < prefixLength)
            {
                return Read(buffer.Span);
            }

            return await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
