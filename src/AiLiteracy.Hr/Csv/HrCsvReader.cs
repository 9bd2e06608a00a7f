using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace AiLiteracy.Hr.Csv;

/// <summary>
/// Reads a French HR CSV file one row at a time, streaming: encoding (UTF-8 with or without BOM, Windows-1252) and
/// separator (<c>;</c>, <c>,</c>, tab) detected from the first 64 KiB, blank lines skipped, quoted fields with line
/// breaks kept, each row located by the physical line it starts on. Memory does not grow with the file.
/// </summary>
public sealed class HrCsvReader : IDisposable
{
    private const int SniffBytes = 64 * 1024;

    private readonly CountingStream _counter;
    private bool _synchronous;
    private int _lastEndLine;
    private readonly StreamReader _reader;
    private readonly CsvReader _csv;

    static HrCsvReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private HrCsvReader(CountingStream counter, StreamReader reader, CsvReader csv, string fileName, Encoding encoding, string delimiter, long? length)
    {
        _counter = counter;
        _reader = reader;
        _csv = csv;
        FileName = fileName;
        Encoding = encoding;
        Delimiter = delimiter;
        Length = length;
        Fields = new CsvFields(fileName, []);
    }

    /// <summary>The file name used in errors.</summary>
    public string FileName { get; }

    /// <summary>The detected encoding.</summary>
    public Encoding Encoding { get; }

    /// <summary>The detected separator.</summary>
    public string Delimiter { get; }

    /// <summary>Whether the file has a header line (an empty file has none).</summary>
    public bool HasHeader { get; private set; }

    /// <summary>The header names as written in the file.</summary>
    public IReadOnlyList<string> Header => Fields.Header;

    /// <summary>The fields of the current row (after <see cref="ReadAsync"/> returned <see langword="true"/>), looked up by header name.</summary>
    public CsvFields Fields { get; private set; }

    /// <summary>The 1-based physical line where the current row starts (the header is line 1).</summary>
    public int Line => Fields.Line;

    /// <summary>Bytes read from the source so far (for progress; runs slightly ahead of the rows returned).</summary>
    public long BytesRead => _counter.BytesRead;

    /// <summary>The length of the source in bytes, when it is known.</summary>
    public long? Length { get; }

    /// <summary>
    /// Opens a CSV stream: detects encoding and separator and reads the header line. The stream is left open when the
    /// reader is disposed only if <paramref name="leaveOpen"/> is set.
    /// </summary>
    /// <param name="stream">The CSV content.</param>
    /// <param name="fileName">The file name, for errors.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The reader, positioned after the header; <see cref="HasHeader"/> is <see langword="false"/> for an empty file.</returns>
    public static async Task<HrCsvReader> OpenAsync(Stream stream, string fileName, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        long? length = null;
        if (stream.CanSeek)
        {
            length = stream.Length - stream.Position;
        }

        var counter = new CountingStream(stream, leaveOpen);
        var head = new byte[SniffBytes];
        var read = await ReadHeadAsync(counter, head, cancellationToken).ConfigureAwait(false);
        var encoding = HrCsvFile.DetectEncoding(head.AsSpan(0, read));
        var headText = encoding.GetString(head, 0, read).TrimStart('\uFEFF');
        var firstLineEnd = headText.IndexOfAny(['\r', '\n']);
        var delimiter = HrCsvFile.DetectDelimiter(firstLineEnd < 0 ? headText : headText[..firstLineEnd]);

        var content = new PrefixedStream(head, read, counter);
        var reader = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            HasHeaderRecord = true,
            DetectColumnCountChanges = false,
            MissingFieldFound = null,
            BadDataFound = null,
            IgnoreBlankLines = true,
            BufferSize = 64 * 1024,
        };
        var csv = new CsvReader(reader, configuration);
        var result = new HrCsvReader(counter, reader, csv, fileName, encoding, delimiter, length)
        {
            // Files and memory never block for long: read them synchronously, row by row, which CsvHelper does much faster.
            _synchronous = stream is FileStream or MemoryStream or UnmanagedMemoryStream,
        };
        try
        {
            if (await csv.ReadAsync().ConfigureAwait(false))
            {
                csv.ReadHeader();
                result.Fields = new CsvFields(fileName, csv.HeaderRecord ?? []);
                result.HasHeader = result.Fields.Header.Any(h => !string.IsNullOrWhiteSpace(h));
                result._lastEndLine = csv.Parser.RawRow;
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next row.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a row was read; <see langword="false"/> at the end of the file.</returns>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!HasHeader || !(_synchronous ? _csv.Read() : await _csv.ReadAsync().ConfigureAwait(false)))
        {
            return false;
        }

        var record = _csv.Parser.Record ?? [];
        var end = _csv.Parser.RawRow;

        // The usual row is the physical line after the previous one: no blank line, no line break inside quotes.
        Fields.Load(record, end == _lastEndLine + 1 ? end : StartLine(end, record));
        _lastEndLine = end;
        return true;
    }

    /// <summary>
    /// The physical line a record starts on: the parser counts lines up to the end of the record (blank lines
    /// included), so the line breaks inside its quoted fields are taken off.
    /// </summary>
    private static int StartLine(int endLine, string[] record)
    {
        var breaks = 0;
        foreach (var field in record)
        {
            var span = field.AsSpan();
            var index = span.IndexOfAny('\r', '\n');
            while (index >= 0)
            {
                breaks++;
                var next = index + (span[index] == '\r' && index + 1 < span.Length && span[index + 1] == '\n' ? 2 : 1);
                span = span[next..];
                index = span.IndexOfAny('\r', '\n');
            }
        }

        return endLine - breaks;
    }

    /// <summary>The error to report when the current row does not have as many fields as the header (a cut or misquoted line), or <see langword="null"/>.</summary>
    /// <returns>The error, or <see langword="null"/> when the field count is right (extra empty trailing fields are accepted).</returns>
    public CsvRowError? CheckFieldCount()
    {
        var expected = Fields.Header.Count;
        var actual = Fields.FieldCount;
        if (actual < expected)
        {
            return Fields.Error(null,
                $"Ligne incomplète : {actual} colonne(s) au lieu de {expected} (fichier tronqué ou séparateur manquant ?).",
                $"Incomplete line: {actual} column(s) instead of {expected} (truncated file or missing separator?).");
        }

        for (var i = expected; i < actual; i++)
        {
            if (!string.IsNullOrWhiteSpace(Fields.GetAt(i)))
            {
                return Fields.Error(null,
                    $"Ligne trop longue : {actual} colonnes au lieu de {expected} (séparateur « {DelimiterName(Delimiter, french: true)} » dans une valeur non protégée par des guillemets ?).",
                    $"Line too long: {actual} columns instead of {expected} (separator '{DelimiterName(Delimiter, french: false)}' inside an unquoted value?).");
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _csv.Dispose();
        _reader.Dispose();
    }

    private static string DelimiterName(string delimiter, bool french) => delimiter switch
    {
        "\t" => french ? "tabulation" : "tab",
        _ => delimiter,
    };

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

    /// <summary>Counts the bytes read from the source.</summary>
    private sealed class CountingStream(Stream inner, bool leaveOpen) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            BytesRead += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            BytesRead += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
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

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
