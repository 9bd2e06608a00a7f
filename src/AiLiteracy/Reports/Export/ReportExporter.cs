using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace AiLiteracy.Reports.Export;

/// <summary>The formats reports are exported in.</summary>
public enum ReportFormat
{
    /// <summary>JSON, with the API's conventions (camelCase, kebab-case enums, ISO dates).</summary>
    Json,
    /// <summary>CSV of one table (the report's default table unless another is asked for).</summary>
    Csv,
    /// <summary>An Excel workbook with one sheet per table.</summary>
    Xlsx,
    /// <summary>A printable HTML document (the literacy register only).</summary>
    Html,
}

/// <summary>Writes a report in any <see cref="ReportFormat"/>: one entry point for the server, the CLI and vendors.</summary>
public static class ReportExporter
{
    /// <summary>The media type of a format.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The media type with its charset when textual.</returns>
    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Csv => CsvReportWriter.ContentType,
        ReportFormat.Xlsx => XlsxReportWriter.ContentType,
        ReportFormat.Html => RegisterHtmlWriter.ContentType,
        _ => "application/json; charset=utf-8",
    };

    /// <summary>The file extension of a format, without dot.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The extension.</returns>
    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Csv => "csv",
        ReportFormat.Xlsx => "xlsx",
        ReportFormat.Html => "html",
        _ => "json",
    };

    /// <summary>Parses a format name (<c>json</c>, <c>csv</c>, <c>xlsx</c>, <c>html</c>; case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The format, or <see langword="null"/> when the name is not one.</returns>
    public static ReportFormat? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "json" => ReportFormat.Json,
        "csv" => ReportFormat.Csv,
        "xlsx" or "excel" => ReportFormat.Xlsx,
        "html" => ReportFormat.Html,
        _ => null,
    };

    /// <summary>The format a media type of an <c>Accept</c> header asks for.</summary>
    /// <param name="mediaType">The media type, without parameters.</param>
    /// <returns>The format, or <see langword="null"/> when not one of the formats.</returns>
    public static ReportFormat? FromMediaType(string? mediaType) => mediaType?.Trim().ToLowerInvariant() switch
    {
        "application/json" => ReportFormat.Json,
        "text/csv" => ReportFormat.Csv,
        XlsxReportWriter.ContentType => ReportFormat.Xlsx,
        "text/html" => ReportFormat.Html,
        _ => null,
    };

    /// <summary>Writes a report.</summary>
    /// <param name="document">The report laid out as tables (CSV, XLSX).</param>
    /// <param name="payload">The report object serialised for JSON, and the register for HTML (<see cref="LiteracyRegisterReport"/>).</param>
    /// <param name="format">The format.</param>
    /// <param name="stream">The destination (left open), written asynchronously whatever the format (an HTTP response body will do): the workbook is written forward only on a pool thread into a pipe of at most 1 MiB that this call copies to the destination.</param>
    /// <param name="language"><c>fr</c> (default) or <c>en</c>.</param>
    /// <param name="table">For CSV, the key of the table to write; the document's default table when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    /// <exception cref="ArgumentException">The table is unknown, or HTML is asked for another report than the register.</exception>
    public static async Task WriteAsync(ReportDocument document, object payload, ReportFormat format, Stream stream, string language = "fr", string? table = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(stream);
        switch (format)
        {
            case ReportFormat.Csv:
                var selected = table is null ? document.Default : document.Find(table)
                    ?? throw new ArgumentException($"Unknown table '{table}'; the report has: {string.Join(", ", document.Tables.Select(t => t.Key))}.", nameof(table));
                await CsvReportWriter.WriteAsync(selected, stream, language, cancellationToken).ConfigureAwait(false);
                break;
            case ReportFormat.Xlsx:
                await WriteXlsxAsync(document, stream, language, cancellationToken).ConfigureAwait(false);
                break;
            case ReportFormat.Html when payload is LiteracyRegisterReport register:
                var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
                await using (writer.ConfigureAwait(false))
                {
                    await RegisterHtmlWriter.WriteAsync(register, writer, language, cancellationToken: cancellationToken).ConfigureAwait(false);
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                break;
            case ReportFormat.Html:
                throw new ArgumentException("Only the literacy register has a printable HTML form.", nameof(format));
            default:
                await JsonSerializer.SerializeAsync(stream, payload, payload.GetType(), AiLiteracyJson.Compact, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Writes the workbook (written synchronously, forward only) on a pool thread into a pipe, and copies the pipe to
    /// <paramref name="destination"/> asynchronously: memory stays bounded by the pipe (1 MiB) and the destination need
    /// not allow synchronous writes.
    /// </summary>
    private static async Task WriteXlsxAsync(ReportDocument document, Stream destination, string language, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
        var producer = Task.Run(
            () =>
            {
                try
                {
                    using (var output = pipe.Writer.AsStream(leaveOpen: true))
                    {
                        XlsxReportWriter.Write(document, output, language, cancellationToken: cancellationToken);
                        output.Flush();
                    }

                    pipe.Writer.Complete();
                }
                catch (Exception ex)
                {
                    pipe.Writer.Complete(ex);
                    throw;
                }
            },
            CancellationToken.None);
        try
        {
            await pipe.Reader.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The destination failed (a client gone): stop the writer, then report the first failure.
            await pipe.Reader.CompleteAsync(ex).ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The writer stops because the reader completed; the destination's failure is the one to report.
            }

            throw;
        }

        await producer.ConfigureAwait(false);
    }
}
