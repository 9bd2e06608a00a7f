using System.Buffers;
using System.Globalization;
using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AiLiteracy.Reports.Export;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as an Excel workbook (Office Open XML, built with DocumentFormat.OpenXml): one
/// sheet per table with a bold frozen header row and filters, typed cells (numbers, dates, percentages, amounts in the
/// report's currency, text as inline strings, never formulas) and column widths suited to their content. The package
/// is written forward only: each sheet's markup is streamed row by row and compressed into the destination as it is
/// written, so registers of a million rows are written in bounded memory (about 100 MB above the report itself) and
/// to any writable stream. A table longer than a sheet allows continues on the next sheet (« Mesures (2) »).
/// </summary>
public static class XlsxReportWriter
{
    /// <summary>The media type written.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The most data rows a sheet holds (Excel's 1,048,576 rows, header excluded).</summary>
    public const int MaxRowsPerSheet = 1_048_575;

    private const uint HeaderStyle = 1;
    private const uint IntegerStyle = 2;
    private const uint DecimalStyle = 3;
    private const uint PercentStyle = 4;
    private const uint DateStyle = 5;
    private const uint MoneyStyle = 6;
    private const uint TextStyle = 7;
    private const int MaxCellTextLength = 32_767;
    private const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private const string WorksheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    private const string StylesContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
    private const string OfficeDocumentRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    private const string WorksheetRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
    private const string StylesRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
    private static readonly int ExcelEpochDayNumber = new DateOnly(1899, 12, 30).DayNumber;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the workbook.</summary>
    /// <param name="document">The report.</param>
    /// <param name="stream">The destination (left open); written forward only, so it need not be seekable (an HTTP response body will do).</param>
    /// <param name="language"><c>fr</c> (default) or <c>en</c>: sheet names, headers, date and amount formats.</param>
    /// <param name="maxRowsPerSheet">The most data rows per sheet before the table continues on a new sheet (tests use a small value).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public static void Write(ReportDocument document, Stream stream, string language = "fr", int maxRowsPerSheet = MaxRowsPerSheet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerSheet, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRowsPerSheet, MaxRowsPerSheet);
        var lang = ReportText.Normalize(language);

        // A write-only package is a ZIP archive in create mode: each part is compressed into the destination while it is
        // written and never buffered (a read-write package, which SpreadsheetDocument.Create opens, keeps every part
        // uncompressed in memory until it is closed, and DocumentFormat.OpenXml cannot add parts to a write-only one).
        // So System.IO.Packaging holds parts and relationships, and each part's XML is written once, one part after the
        // other: styles, sheets (streamed), then the workbook that lists them (typed elements written by OpenXmlWriter);
        // content types, relationships and document properties are written on close.
        using var package = Package.Open(stream, FileMode.Create, FileAccess.Write);
        package.PackageProperties.Title = $"{document.Title.Get(lang)} — {document.OrganizationName}";
        package.PackageProperties.Creator = "AI Literacy SDK";
        package.PackageProperties.Created = document.AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        package.PackageProperties.Language = lang == "en" ? "en" : "fr-FR";

        var workbookUri = PackUriHelper.CreatePartUri(new Uri("/xl/workbook.xml", UriKind.Relative));
        var relationships = new List<(string Id, Uri Target, string Type)>();
        WritePart(package, new Uri("/xl/styles.xml", UriKind.Relative), StylesContentType, writer =>
        {
            writer.WriteStartDocument(true);
            writer.WriteElement(Styles(document.Currency, lang));
        });
        relationships.Add(("rId1", new Uri("styles.xml", UriKind.Relative), StylesRelationship));

        var sheets = new Sheets();
        var definedNames = new DefinedNames();
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in document.Tables)
        {
            using var rows = table.Rows.GetEnumerator();
            var part = 0;
            var more = rows.MoveNext();
            do
            {
                part++;
                var name = SheetName(table.Title.Get(lang), part, usedNames);
                var sheetIndex = (uint)sheets.ChildElements.Count;
                var file = $"worksheets/sheet{sheetIndex + 1}.xml";
                int written;
                var sheetPart = package.CreatePart(PackUriHelper.CreatePartUri(new Uri("/xl/" + file, UriKind.Relative)), WorksheetContentType, CompressionOption.Normal);
                using (var partStream = sheetPart.GetStream(FileMode.Create, FileAccess.Write))
                {
                    written = WriteSheet(partStream, table, rows, ref more, lang, maxRowsPerSheet, cancellationToken);
                }

                var id = $"rId{relationships.Count + 1}";
                relationships.Add((id, new Uri(file, UriKind.Relative), WorksheetRelationship));
                sheets.Append(new Sheet { Id = id, SheetId = sheetIndex + 1, Name = name });
                definedNames.Append(new DefinedName($"'{name.Replace("'", "''", StringComparison.Ordinal)}'!$A$1:${Column(table.Columns.Count - 1)}${written + 1}")
                {
                    Name = "_xlnm._FilterDatabase",
                    LocalSheetId = sheetIndex,
                    Hidden = true,
                });
            }
            while (more);
        }

        var workbook = WritePart(package, workbookUri, WorkbookContentType, writer =>
        {
            writer.WriteStartDocument(true);
            writer.WriteElement(new Workbook(sheets, definedNames));
        });
        foreach (var (id, target, type) in relationships)
        {
            workbook.CreateRelationship(target, TargetMode.Internal, type, id);
        }

        package.CreateRelationship(workbookUri, TargetMode.Internal, OfficeDocumentRelationship, "rId1");
    }

    /// <summary>Writes the workbook into a byte array.</summary>
    /// <param name="document">The report.</param>
    /// <param name="language"><c>fr</c> (default) or <c>en</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The <c>.xlsx</c> bytes.</returns>
    public static byte[] ToBytes(ReportDocument document, string language = "fr", CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream();
        Write(document, stream, language, cancellationToken: cancellationToken);
        return stream.ToArray();
    }

    /// <summary>Creates a small part (styles, workbook) and writes its elements with the SAX writer, closing it before the next part is created.</summary>
    private static PackagePart WritePart(Package package, Uri uri, string contentType, Action<OpenXmlWriter> write)
    {
        var part = package.CreatePart(PackUriHelper.CreatePartUri(uri), contentType, CompressionOption.Normal);
        using (var partStream = part.GetStream(FileMode.Create, FileAccess.Write))
        using (var writer = OpenXmlWriter.Create(partStream, Utf8))
        {
            write(writer);
        }

        return part;
    }

    /// <summary>
    /// Streams one worksheet. Its markup is fixed and small (rows of cells with a style, a type and a value), so it is
    /// written straight as UTF-8 by <see cref="SheetMarkup"/>: text is escaped and numbers formatted in place, with no
    /// per-cell allocation. Neither <see cref="OpenXmlWriter"/> (which looks up each element's metadata for every tag:
    /// 10.7 s of CPU for a million-row register) nor <see cref="XmlWriter"/> (5.4 s, most of it bookkeeping of elements
    /// and namespaces) keeps a 100,000-agent register under its time budget; the markup written is the same.
    /// </summary>
    private static int WriteSheet(Stream stream, ReportTable table, IEnumerator<object?[]> rows, ref bool more, string lang, int maxRows, CancellationToken cancellationToken)
    {
        using var xml = new SheetMarkup(stream);
        var columns = table.Columns;
        xml.Raw("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>"u8);
        xml.Raw("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"u8);
        xml.Raw("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\" /></sheetView></sheetViews>"u8);
        xml.Raw("<cols>"u8);
        for (var i = 0; i < columns.Count; i++)
        {
            xml.Raw("<col min=\""u8);
            xml.Number(i + 1);
            xml.Raw("\" max=\""u8);
            xml.Number(i + 1);
            xml.Raw("\" width=\""u8);
            xml.Number(Width(columns[i], lang), "0.#");
            xml.Raw("\" customWidth=\"1\" />"u8);
        }

        xml.Raw("</cols><sheetData><row r=\"1\">"u8);
        foreach (var column in columns)
        {
            InlineString(xml, column.Header.Get(lang), HeaderStyle);
        }

        xml.Raw("</row>"u8);

        var written = 0;
        while (more && written < maxRows)
        {
            var row = rows.Current;
            xml.Raw("<row r=\""u8);
            xml.Number(written + 2);
            xml.Raw("\">"u8);
            for (var i = 0; i < columns.Count; i++)
            {
                WriteCell(xml, i < row.Length ? row[i] : null, columns[i].Kind);
            }

            xml.Raw("</row>"u8);
            written++;
            if (written % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            more = rows.MoveNext();
        }

        xml.Raw("</sheetData><autoFilter ref=\"A1:"u8);
        xml.Text(Column(columns.Count - 1));
        xml.Number(written + 1);
        xml.Raw("\" /><pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\" />"u8);
        xml.Raw("<pageSetup orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\" /></worksheet>"u8);
        return written;
    }

    private static void WriteCell(SheetMarkup xml, object? value, ReportColumnKind kind)
    {
        switch (value)
        {
            case null:
                xml.Raw("<c />"u8);
                break;
            case string text:
                InlineString(xml, text, TextStyle);
                break;
            case DateOnly date:
                NumberCell(xml, date.DayNumber - ExcelEpochDayNumber, DateStyle);
                break;
            case int number:
                NumberCell(xml, number, kind == ReportColumnKind.Money ? MoneyStyle : IntegerStyle);
                break;
            case long number:
                NumberCell(xml, number, IntegerStyle);
                break;
            case decimal number:
                NumberCell(xml, number, kind switch
                {
                    ReportColumnKind.Percent => PercentStyle,
                    ReportColumnKind.Money => MoneyStyle,
                    ReportColumnKind.Integer => IntegerStyle,
                    _ => DecimalStyle,
                });
                break;
            case bool flag:
                xml.Raw(flag ? "<c t=\"b\"><v>1</v></c>"u8 : "<c t=\"b\"><v>0</v></c>"u8);
                break;
            default:
                InlineString(xml, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, TextStyle);
                break;
        }
    }

    private static void NumberCell<T>(SheetMarkup xml, T value, uint style)
        where T : IUtf8SpanFormattable
    {
        xml.Raw("<c s=\""u8);
        xml.Number(style);
        xml.Raw("\"><v>"u8);
        xml.Number(value);
        xml.Raw("</v></c>"u8);
    }

    /// <summary>A text cell: an inline string, so a value starting with <c>=</c> stays text and is never evaluated.</summary>
    private static void InlineString(SheetMarkup xml, string text, uint style)
    {
        var clean = XmlSafe(text);
        if (clean.Length > MaxCellTextLength)
        {
            clean = clean[..MaxCellTextLength];
        }

        xml.Raw("<c s=\""u8);
        xml.Number(style);
        xml.Raw(clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1]))
            ? "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"u8
            : "\" t=\"inlineStr\"><is><t>"u8);
        xml.Text(clean);
        xml.Raw("</t></is></c>"u8);
    }

    /// <summary>
    /// Writes XML markup as UTF-8 into a pooled buffer flushed to the part stream: literal markup as is, numbers formatted
    /// in place (invariant culture), text escaped as <see cref="XmlWriter"/> does (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>,
    /// line breaks as <c>\n</c>). The text must already be XML-safe (<see cref="XmlSafe"/>).
    /// </summary>
    private sealed class SheetMarkup(Stream stream) : IDisposable
    {
        private static readonly SearchValues<char> Special = SearchValues.Create("&<>\r");
        private byte[]? buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int used;

        private Span<byte> Free => Buffer.AsSpan(used);

        private byte[] Buffer => buffer ?? throw new ObjectDisposedException(nameof(SheetMarkup));

        public void Raw(ReadOnlySpan<byte> utf8)
        {
            while (utf8.Length > Free.Length)
            {
                var part = Free.Length;
                utf8[..part].CopyTo(Free);
                used += part;
                utf8 = utf8[part..];
                Flush();
            }

            utf8.CopyTo(Free);
            used += utf8.Length;
        }

        public void Number<T>(T value, string? format = null)
            where T : IUtf8SpanFormattable
        {
            if (Free.Length < 128)
            {
                Flush();
            }

            if (!value.TryFormat(Free, out var length, format, CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException($"A number does not fit in {Free.Length} bytes.");
            }

            used += length;
        }

        public void Text(ReadOnlySpan<char> text)
        {
            while (!text.IsEmpty)
            {
                var special = text.IndexOfAny(Special);
                Utf8Run(special < 0 ? text : text[..special]);
                if (special < 0)
                {
                    return;
                }

                switch (text[special])
                {
                    case '&':
                        Raw("&amp;"u8);
                        break;
                    case '<':
                        Raw("&lt;"u8);
                        break;
                    case '>':
                        Raw("&gt;"u8);
                        break;
                    default:
                        // \r\n and a lone \r become \n, as XmlWriter's default new-line handling does.
                        Raw("\n"u8);
                        if (special + 1 < text.Length && text[special + 1] == '\n')
                        {
                            special++;
                        }

                        break;
                }

                text = text[(special + 1)..];
            }
        }

        public void Dispose()
        {
            if (buffer is null)
            {
                return;
            }

            Flush();
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }

        private void Utf8Run(ReadOnlySpan<char> text)
        {
            while (!text.IsEmpty)
            {
                if (Free.Length < 4)
                {
                    Flush();
                }

                var status = System.Text.Unicode.Utf8.FromUtf16(text, Free, out var read, out var written);
                used += written;
                text = text[read..];
                if (status == OperationStatus.DestinationTooSmall)
                {
                    Flush();
                }
            }
        }

        private void Flush()
        {
            stream.Write(Buffer, 0, used);
            used = 0;
        }
    }

    /// <summary>Drops characters XML 1.0 cannot carry (control characters, lone surrogates).</summary>
    private static string XmlSafe(string text)
    {
        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsXmlChar(text, i))
            {
                firstBad = i;
                break;
            }
        }

        if (firstBad < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (IsXmlChar(text, i))
            {
                builder.Append(text[i]);
                if (char.IsHighSurrogate(text[i]))
                {
                    builder.Append(text[++i]);
                }
            }
        }

        return builder.ToString();
    }

    private static bool IsXmlChar(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i > 0 && char.IsHighSurrogate(text[i - 1]);
        }

        return c is '\t' or '\n' or '\r' || (c >= 0x20 && c != '\uFFFE' && c != '\uFFFF');
    }

    private static double Width(ReportColumn column, string lang)
    {
        var header = column.Header.Get(lang).Length + 3;
        var content = column.Kind switch
        {
            ReportColumnKind.Date => 12,
            ReportColumnKind.Integer => 10,
            ReportColumnKind.Percent => 10,
            ReportColumnKind.Decimal => 12,
            ReportColumnKind.Money => 15,
            _ => column.Key is "name" or "title" or "module" or "org_unit" or "directorate" or "job_family" or "indicator" ? 40 : 16,
        };
        return Math.Min(60, Math.Max(header, content));
    }

    private static string SheetName(string title, int part, HashSet<string> used)
    {
        var invalid = new[] { '[', ']', ':', '*', '?', '/', '\\' };
        var clean = new string([.. title.Select(c => Array.IndexOf(invalid, c) >= 0 ? '-' : c)]).Trim('\'');
        var suffix = part > 1 ? $" ({part})" : string.Empty;
        var name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        var unique = name;
        for (var n = 2; !used.Add(unique); n++)
        {
            var tail = $"~{n}";
            unique = (name.Length + tail.Length > 31 ? name[..(31 - tail.Length)] : name) + tail;
        }

        return unique;
    }

    private static Stylesheet Styles(string currency, string lang)
    {
        var symbol = currency == "EUR" ? "€" : currency;
        var english = lang == "en";
        var numberingFormats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.0#" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = english ? "yyyy-mm-dd" : "dd/mm/yyyy" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = english ? $"\"{symbol}\"#,##0.00" : $"#,##0.00\\ \"{symbol}\"" })
        { Count = 3 };
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
        { Count = 2 };
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDCE6F2" }) { PatternType = PatternValues.Solid }))
        { Count = 3 };
        var borders = new Borders(
            new Border(),
            new Border(new BottomBorder(new Color { Rgb = "FF1F3864" }) { Style = BorderStyleValues.Thin }))
        { Count = 2 };
        var cellFormats = new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
            {
                FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true,
            },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 49, ApplyNumberFormat = true })
        { Count = 8 };
        var cellStyleFormats = new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 };
        var cellStyles = new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 };
        return new Stylesheet(numberingFormats, fonts, fills, borders, cellStyleFormats, cellFormats, cellStyles);
    }

    private static string Column(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
