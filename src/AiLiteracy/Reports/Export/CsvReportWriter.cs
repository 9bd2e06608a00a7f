using System.Globalization;
using System.Text;

namespace AiLiteracy.Reports.Export;

/// <summary>
/// Writes a <see cref="ReportTable"/> as CSV the way spreadsheets of each language open it without an import
/// wizard: in French, <c>;</c>-separated with a decimal comma and <c>dd/MM/yyyy</c> dates; in English,
/// <c>,</c>-separated with a decimal point and ISO dates. UTF-8 with a byte order mark, CRLF line ends, RFC 4180
/// quoting. Text cells that a spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, CR)
/// are prefixed with an apostrophe. Percentages are written as percent values (<c>81,25</c> for 0.8125).
/// </summary>
public static class CsvReportWriter
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The media type written: <c>text/csv; charset=utf-8</c>.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>Writes the table.</summary>
    /// <param name="table">The table.</param>
    /// <param name="stream">The destination (left open).</param>
    /// <param name="language"><c>fr</c> (default) or <c>en</c>: headers, separator and number formats.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public static async Task WriteAsync(ReportTable table, Stream stream, string language = "fr", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stream);
        var lang = ReportText.Normalize(language);
        var english = lang == "en";
        var separator = english ? ',' : ';';
        var culture = english ? CultureInfo.InvariantCulture : French;
        var writer = new StreamWriter(stream, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await using (writer.ConfigureAwait(false))
        {
            var line = new StringBuilder(256);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                var header = column.Header.Get(lang) + (column.Kind == ReportColumnKind.Percent ? " (%)" : string.Empty);
                Append(line, i, separator, Text(header));
            }

            await writer.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
            var rows = 0;
            foreach (var row in table.Rows)
            {
                line.Clear();
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var value = i < row.Length ? row[i] : null;
                    Append(line, i, separator, Format(value, table.Columns[i].Kind, culture, english));
                }

                await writer.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
                if (++rows % 4096 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the table to a string (without byte order mark), for small tables and tests.</summary>
    /// <param name="table">The table.</param>
    /// <param name="language"><c>fr</c> (default) or <c>en</c>.</param>
    /// <returns>The CSV text.</returns>
    public static string ToString(ReportTable table, string language = "fr")
    {
        using var stream = new MemoryStream();
        WriteAsync(table, stream, language).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(stream.GetBuffer(), 3, (int)stream.Length - 3);
    }

    private static void Append(StringBuilder line, int index, char separator, string value)
    {
        if (index > 0)
        {
            line.Append(separator);
        }

        if (value.AsSpan().IndexOfAny(separator == ';' ? ";\"\r\n" : ",\"\r\n") >= 0)
        {
            line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            line.Append(value);
        }
    }

    private static string Format(object? value, ReportColumnKind kind, CultureInfo culture, bool english) => value switch
    {
        null => string.Empty,
        string text => Text(text),
        DateOnly date => date.ToString(english ? "yyyy-MM-dd" : "dd/MM/yyyy", CultureInfo.InvariantCulture),
        decimal number when kind == ReportColumnKind.Percent => Math.Round(number * 100, 2).ToString("0.##", culture),
        decimal number when kind == ReportColumnKind.Money => number.ToString("0.00", culture),
        decimal number => number.ToString("0.##", culture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "1" : "0",
        IFormattable formattable => Text(formattable.ToString(null, culture)),
        _ => Text(value.ToString() ?? string.Empty),
    };

    /// <summary>Neutralises text a spreadsheet would evaluate as a formula (CSV injection).</summary>
    private static string Text(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
