using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AiLiteracy.Reports.Export;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as an Excel workbook (Office Open XML, built with DocumentFormat.OpenXml): one
/// sheet per table with a bold frozen header row and filters, typed cells (numbers, dates, percentages, amounts in the
/// report's currency) and column widths suited to their content. Sheets are streamed row by row, so registers of
/// hundreds of thousands of rows are written without building them in memory; a table longer than a sheet allows
/// continues on the next sheet (« Mesures (2) »).
/// </summary>
public static class XlsxReportWriter
{
    /// <summary>The media type written.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The most data rows a sheet holds (Excel's 1,048,576 rows, header excluded).</summary>
    public const int MaxRowsPerSheet = 1_048_575;

    private const string SpreadsheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const uint HeaderStyle = 1;
    private const uint IntegerStyle = 2;
    private const uint DecimalStyle = 3;
    private const uint PercentStyle = 4;
    private const uint DateStyle = 5;
    private const uint MoneyStyle = 6;
    private const uint TextStyle = 7;
    private static readonly int ExcelEpochDayNumber = new DateOnly(1899, 12, 30).DayNumber;

    /// <summary>Writes the workbook.</summary>
    /// <param name="document">The report.</param>
    /// <param name="stream">The destination (left open). Must be seekable; write to a <see cref="MemoryStream"/> or a file first when the destination is not.</param>
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
        using var package = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        package.PackageProperties.Title = $"{document.Title.Get(lang)} — {document.OrganizationName}";
        package.PackageProperties.Creator = "AI Literacy SDK";
        package.PackageProperties.Created = document.AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        package.PackageProperties.Language = lang == "en" ? "en" : "fr-FR";

        var workbookPart = package.AddWorkbookPart();
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = Styles(document.Currency, lang);
        stylesPart.Stylesheet.Save();

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
                var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
                int written;
                using (var partStream = sheetPart.GetStream(FileMode.Create, FileAccess.Write))
                {
                    written = WriteSheet(partStream, table, rows, ref more, lang, maxRowsPerSheet, cancellationToken);
                }

                var sheetIndex = (uint)sheets.ChildElements.Count;
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = sheetIndex + 1, Name = name });
                definedNames.Append(new DefinedName($"'{name.Replace("'", "''", StringComparison.Ordinal)}'!$A$1:${Column(table.Columns.Count - 1)}${written + 1}")
                {
                    Name = "_xlnm._FilterDatabase",
                    LocalSheetId = sheetIndex,
                    Hidden = true,
                });
            }
            while (more);
        }

        workbookPart.Workbook = new Workbook(sheets, definedNames);
        workbookPart.Workbook.Save();
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

    private static int WriteSheet(Stream stream, ReportTable table, IEnumerator<object?[]> rows, ref bool more, string lang, int maxRows, CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false, CheckCharacters = false };
        using var xml = XmlWriter.Create(stream, settings);
        var columns = table.Columns;
        xml.WriteStartDocument(true);
        xml.WriteStartElement("worksheet", SpreadsheetNamespace);

        xml.WriteStartElement("sheetViews");
        xml.WriteStartElement("sheetView");
        xml.WriteAttributeString("workbookViewId", "0");
        xml.WriteStartElement("pane");
        xml.WriteAttributeString("ySplit", "1");
        xml.WriteAttributeString("topLeftCell", "A2");
        xml.WriteAttributeString("activePane", "bottomLeft");
        xml.WriteAttributeString("state", "frozen");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteStartElement("cols");
        for (var i = 0; i < columns.Count; i++)
        {
            xml.WriteStartElement("col");
            xml.WriteAttributeString("min", Number(i + 1));
            xml.WriteAttributeString("max", Number(i + 1));
            xml.WriteAttributeString("width", Width(columns[i], lang).ToString("0.#", CultureInfo.InvariantCulture));
            xml.WriteAttributeString("customWidth", "1");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();

        xml.WriteStartElement("sheetData");
        xml.WriteStartElement("row");
        xml.WriteAttributeString("r", "1");
        foreach (var column in columns)
        {
            InlineString(xml, column.Header.Get(lang), HeaderStyle);
        }

        xml.WriteEndElement();

        var written = 0;
        while (more && written < maxRows)
        {
            var row = rows.Current;
            xml.WriteStartElement("row");
            xml.WriteAttributeString("r", Number(written + 2));
            for (var i = 0; i < columns.Count; i++)
            {
                WriteCell(xml, i < row.Length ? row[i] : null, columns[i].Kind);
            }

            xml.WriteEndElement();
            written++;
            if (written % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            more = rows.MoveNext();
        }

        xml.WriteEndElement();

        xml.WriteStartElement("autoFilter");
        xml.WriteAttributeString("ref", $"A1:{Column(columns.Count - 1)}{written + 1}");
        xml.WriteEndElement();

        xml.WriteStartElement("pageMargins");
        xml.WriteAttributeString("left", "0.5");
        xml.WriteAttributeString("right", "0.5");
        xml.WriteAttributeString("top", "0.6");
        xml.WriteAttributeString("bottom", "0.6");
        xml.WriteAttributeString("header", "0.3");
        xml.WriteAttributeString("footer", "0.3");
        xml.WriteEndElement();

        xml.WriteStartElement("pageSetup");
        xml.WriteAttributeString("orientation", "landscape");
        xml.WriteAttributeString("fitToWidth", "1");
        xml.WriteAttributeString("fitToHeight", "0");
        xml.WriteEndElement();

        xml.WriteEndElement();
        xml.WriteEndDocument();
        return written;
    }

    private static void WriteCell(XmlWriter xml, object? value, ReportColumnKind kind)
    {
        switch (value)
        {
            case null:
                xml.WriteStartElement("c");
                xml.WriteEndElement();
                break;
            case string text:
                InlineString(xml, text, TextStyle);
                break;
            case DateOnly date:
                NumberCell(xml, Number(date.DayNumber - ExcelEpochDayNumber), DateStyle);
                break;
            case int number:
                NumberCell(xml, Number(number), kind == ReportColumnKind.Money ? MoneyStyle : IntegerStyle);
                break;
            case long number:
                NumberCell(xml, number.ToString(CultureInfo.InvariantCulture), IntegerStyle);
                break;
            case decimal number:
                NumberCell(xml, number.ToString(CultureInfo.InvariantCulture), kind switch
                {
                    ReportColumnKind.Percent => PercentStyle,
                    ReportColumnKind.Money => MoneyStyle,
                    ReportColumnKind.Integer => IntegerStyle,
                    _ => DecimalStyle,
                });
                break;
            case bool flag:
                xml.WriteStartElement("c");
                xml.WriteAttributeString("t", "b");
                xml.WriteElementString("v", flag ? "1" : "0");
                xml.WriteEndElement();
                break;
            default:
                InlineString(xml, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, TextStyle);
                break;
        }
    }

    private static void NumberCell(XmlWriter xml, string value, uint style)
    {
        xml.WriteStartElement("c");
        xml.WriteAttributeString("s", Number(style));
        xml.WriteElementString("v", value);
        xml.WriteEndElement();
    }

    private static void InlineString(XmlWriter xml, string text, uint style)
    {
        xml.WriteStartElement("c");
        xml.WriteAttributeString("s", Number(style));
        xml.WriteAttributeString("t", "inlineStr");
        xml.WriteStartElement("is");
        xml.WriteStartElement("t");
        var clean = XmlSafe(text);
        if (clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1])))
        {
            xml.WriteAttributeString("xml", "space", null, "preserve");
        }

        xml.WriteString(clean.Length > 32_767 ? clean[..32_767] : clean);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
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

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(uint value) => value.ToString(CultureInfo.InvariantCulture);
}
