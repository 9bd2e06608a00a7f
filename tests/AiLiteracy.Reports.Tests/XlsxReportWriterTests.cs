using AiLiteracy.Model;
using AiLiteracy.Reports.Export;
using AiLiteracy.Reports.Tests.TestData;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace AiLiteracy.Reports.Tests;

public sealed class XlsxReportWriterTests
{
    private static ReportDocument Document(int rows) => new(
        "sample",
        new LocalizedText("Exemple", "Sample"),
        "Commune de Test",
        new DateOnly(2026, 3, 15),
        "EUR",
        [
            new ReportTable(
                "people",
                new LocalizedText("Personnes : liste [1]", "People"),
                [
                    new ReportColumn("name", new("Nom", "Name")),
                    new ReportColumn("date", new("Date", "Date"), ReportColumnKind.Date),
                    new ReportColumn("hours", new("Heures", "Hours"), ReportColumnKind.Decimal),
                    new ReportColumn("share", new("Part", "Share"), ReportColumnKind.Percent),
                    new ReportColumn("count", new("Nombre", "Count"), ReportColumnKind.Integer),
                ],
                Enumerable.Range(1, rows).Select(i => new object?[] { $"Agent\u0001 {i}", new DateOnly(2026, 3, i % 28 + 1), i + 0.5m, 0.25m, i })),
        ]);

    private static SpreadsheetDocument Open(byte[] bytes) => SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    private static List<(string Name, Worksheet Sheet)> Sheets(SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart!;
        return [.. workbook.Workbook.Sheets!.Elements<Sheet>()
            .Select(s => (s.Name!.Value!, ((WorksheetPart)workbook.GetPartById(s.Id!.Value!)).Worksheet))];
    }

    [Fact]
    public void Write_ProducesAWorkbookTheOpenXmlValidatorAccepts()
    {
        using var document = Open(XlsxReportWriter.ToBytes(Document(20)));

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Write_TypesCells_NumbersDatesAndInlineText()
    {
        using var document = Open(XlsxReportWriter.ToBytes(Document(3)));

        var rows = Sheets(document)[0].Sheet.Descendants<Row>().ToList();
        Assert.Equal(4, rows.Count);
        var header = rows[0].Elements<Cell>().Select(c => c.InnerText).ToList();
        Assert.Equal(["Nom", "Date", "Heures", "Part", "Nombre"], header);
        var first = rows[1].Elements<Cell>().ToList();
        Assert.Equal("Agent 1", first[0].InnerText);
        Assert.Equal((new DateOnly(2026, 3, 2).DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(System.Globalization.CultureInfo.InvariantCulture), first[1].CellValue!.Text);
        Assert.Equal("1.5", first[2].CellValue!.Text);
        Assert.Equal("0.25", first[3].CellValue!.Text);
        Assert.Null(first[4].DataType);
    }

    [Fact]
    public void Write_NamesSheetsInTheRequestedLanguage_WithoutForbiddenCharacters()
    {
        using var french = Open(XlsxReportWriter.ToBytes(Document(1)));
        using var english = Open(XlsxReportWriter.ToBytes(Document(1), "en"));

        Assert.Equal("Personnes - liste -1-", Sheets(french)[0].Name);
        Assert.Equal("People", Sheets(english)[0].Name);
    }

    [Fact]
    public void Write_ContinuesALongTableOnNextSheets()
    {
        using var stream = new MemoryStream();
        XlsxReportWriter.Write(Document(5), stream, "en", maxRowsPerSheet: 2);
        using var document = Open(stream.ToArray());

        var sheets = Sheets(document);
        Assert.Equal(["People", "People (2)", "People (3)"], sheets.Select(s => s.Name));
        Assert.Equal([3, 3, 2], sheets.Select(s => s.Sheet.Descendants<Row>().Count()));
        Assert.Equal("Agent 5", sheets[2].Sheet.Descendants<Row>().Last().Elements<Cell>().First().InnerText);
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Fact]
    public void Write_StreamsToANonSeekableDestination_AndLeavesItOpen()
    {
        using var destination = new MemoryStream();
        using var forwardOnly = new ForwardOnlyStream(destination);

        XlsxReportWriter.Write(Document(50), forwardOnly, "en");

        Assert.False(forwardOnly.Disposed);
        using var document = Open(destination.ToArray());
        Assert.Equal(51, Sheets(document)[0].Sheet.Descendants<Row>().Count());
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Fact]
    public void Write_KeepsFormulaLikeTextAsText()
    {
        var report = new ReportDocument(
            "sample",
            new LocalizedText("Exemple", "Sample"),
            "Commune de Test",
            new DateOnly(2026, 3, 15),
            "EUR",
            [new ReportTable("people", new LocalizedText("Personnes", "People"), [new ReportColumn("name", new("Nom", "Name"))], [["=HYPERLINK(\"http://x\")"], ["+1+1"], [" padded "]])]);

        using var document = Open(XlsxReportWriter.ToBytes(report));

        var cells = Sheets(document)[0].Sheet.Descendants<Row>().Skip(1).Select(r => r.Elements<Cell>().Single()).ToList();
        Assert.Empty(Sheets(document)[0].Sheet.Descendants<CellFormula>());
        Assert.All(cells, c => Assert.Equal(CellValues.InlineString, c.DataType!.Value));
        Assert.Equal(["=HYPERLINK(\"http://x\")", "+1+1", " padded "], cells.Select(c => c.InnerText));
        Assert.Equal(SpaceProcessingModeValues.Preserve, cells[2].Descendants<Text>().Single().Space!.Value);
    }

    [Fact]
    public void Write_EscapesMarkup_KeepsUnicode_AndDropsCharactersXmlCannotCarry()
    {
        string[] texts = ["R&D <IA> \"test\" 'ok'", "Hélène Noël — 🤖 ✓", "ligne 1\r\nligne 2\rligne 3", "nul\u0000 \u001Fcontrôle\uFFFE", "lone \uD800 surrogate", new string('x', 40_000)];
        var report = new ReportDocument(
            "sample",
            new LocalizedText("Exemple", "Sample"),
            "Commune de Test",
            new DateOnly(2026, 3, 15),
            "EUR",
            [
                new ReportTable(
                    "texts",
                    new LocalizedText("Textes & <marques>", "Texts"),
                    [new ReportColumn("text", new("Texte & <valeur>", "Text")), new ReportColumn("amount", new("Montant", "Amount"), ReportColumnKind.Money), new ReportColumn("flag", new("Drapeau", "Flag"))],
                    texts.Select((t, i) => new object?[] { t, -1234.5m * i, i % 2 == 0 })),
            ]);

        using var document = Open(XlsxReportWriter.ToBytes(report));

        Assert.Empty(new OpenXmlValidator().Validate(document));
        var rows = Sheets(document)[0].Sheet.Descendants<Row>().ToList();
        Assert.Equal("Texte & <valeur>", rows[0].Elements<Cell>().First().InnerText);
        var values = rows.Skip(1).Select(r => r.Elements<Cell>().First().InnerText).ToList();
        Assert.Equal("R&D <IA> \"test\" 'ok'", values[0]);
        Assert.Equal("Hélène Noël — 🤖 ✓", values[1]);
        Assert.Equal("ligne 1\nligne 2\nligne 3", values[2]);
        Assert.Equal("nul contrôle", values[3]);
        Assert.Equal("lone  surrogate", values[4]);
        Assert.Equal(32_767, values[5].Length);
        Assert.Equal("-6172.5", rows[6].Elements<Cell>().ElementAt(1).CellValue!.Text);
        Assert.Equal(6u, rows[6].Elements<Cell>().ElementAt(1).StyleIndex!.Value);
        var flag = rows[1].Elements<Cell>().ElementAt(2);
        Assert.Equal(CellValues.Boolean, flag.DataType!.Value);
        Assert.Equal("1", flag.CellValue!.Text);
    }

    [Theory]
    [InlineData("fr", "dd/mm/yyyy", "#,##0.00\\ \"€\"", "Nom")]
    [InlineData("en", "yyyy-mm-dd", "\"€\"#,##0.00", "Name")]
    public void Write_FreezesTheHeader_SizesColumns_AndFormatsNumbersForTheLanguage(string language, string dateFormat, string moneyFormat, string firstHeader)
    {
        using var document = Open(XlsxReportWriter.ToBytes(Document(3), language));

        var (_, sheet) = Sheets(document)[0];
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1d, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);
        var widths = sheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
        Assert.Equal([40d, 12d, 12d, 10d, 10d], widths);
        Assert.Equal("A1:E4", sheet.Descendants<AutoFilter>().Single().Reference!.Value);
        var header = sheet.Descendants<Row>().First().Elements<Cell>().ToList();
        Assert.Equal(firstHeader, header[0].InnerText);
        Assert.All(header, c => Assert.Equal(1u, c.StyleIndex!.Value));
        var first = sheet.Descendants<Row>().ElementAt(1).Elements<Cell>().ToList();
        Assert.Equal([7u, 5u, 3u, 4u, 2u], first.Select(c => c.StyleIndex!.Value));

        var styles = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var formats = styles.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value);
        Assert.Equal(dateFormat, formats[165]);
        Assert.Equal(moneyFormat, formats[166]);
        var cellFormats = styles.CellFormats!.Elements<CellFormat>().ToList();
        Assert.Equal([0u, 0u, 3u, 164u, 10u, 165u, 166u, 49u], cellFormats.Select(f => f.NumberFormatId?.Value ?? 0u));
        Assert.True(cellFormats[1].ApplyFont!.Value);

        var filter = document.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>().Single();
        Assert.Equal("_xlnm._FilterDatabase", filter.Name!.Value);
        Assert.EndsWith("!$A$1:$E$4", filter.Text, StringComparison.Ordinal);
        Assert.Equal(language == "en" ? "en" : "fr-FR", document.PackageProperties.Language);
    }

    [Fact]
    public void Write_StopsWhenCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        using var stream = new MemoryStream();

        Assert.ThrowsAny<OperationCanceledException>(() => XlsxReportWriter.Write(Document(10_000), stream, cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task Write_TheDemoRegisterAndPlan_HaveASheetPerTableAndValidate()
    {
        var demo = await DemoWorld.GetAsync();
        var register = ReportDocuments.LiteracyRegister(demo.Register());
        var plan = ReportDocuments.TrainingPlan(demo.Snapshot.TrainingPlan(ReportFilter.None, new Engines.TrainingPlanCostOptions { CostPerSession = 800 }));

        foreach (var report in new[] { register, plan })
        {
            using var document = Open(XlsxReportWriter.ToBytes(report));
            var sheets = Sheets(document);
            Assert.Equal(report.Tables.Select(t => t.Title.Fr), sheets.Select(s => s.Name));
            Assert.Empty(new OpenXmlValidator().Validate(document));
        }

        using var registerBook = Open(XlsxReportWriter.ToBytes(register));
        var measures = Sheets(registerBook).Single(s => s.Name == "Mesures").Sheet.Descendants<Row>().Count() - 1;
        Assert.Equal(demo.Register().Register.People.Sum(p => p.Measures.Count), measures);
    }

    [Fact]
    public async Task ExporterWriteAsync_StreamsTheWorkbook_ToADestinationThatRefusesSynchronousWrites()
    {
        var document = Document(20_000);
        var inner = new MemoryStream();
        var destination = new AsyncOnlyStream(inner);

        await ReportExporter.WriteAsync(document, new object(), ReportFormat.Xlsx, destination, "en");

        Assert.True(destination.Writes > 1, "the workbook must reach the destination in several writes, not as one buffer");
        using var book = Open(inner.ToArray());
        Assert.Equal(20_001, Sheets(book)[0].Sheet.Descendants<Row>().Count());
        Assert.Empty(new OpenXmlValidator().Validate(book));
    }

    [Fact]
    public async Task ExporterWriteAsync_WhenTheDestinationFails_ReportsItsErrorAndStopsTheWriter()
    {
        var destination = new AsyncOnlyStream(new MemoryStream()) { FailAfterWrites = 2 };

        var error = await Assert.ThrowsAsync<IOException>(() => ReportExporter.WriteAsync(Document(50_000), new object(), ReportFormat.Xlsx, destination, "fr"));

        Assert.Equal("client gone", error.Message);
    }

    /// <summary>A response-like destination: forward only, asynchronous writes only.</summary>
    private sealed class AsyncOnlyStream(Stream inner) : Stream
    {
        public int Writes { get; private set; }

        public int FailAfterWrites { get; init; } = int.MaxValue;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (++Writes > FailAfterWrites)
            {
                throw new IOException("client gone");
            }

            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>A destination that can only be written forward (like an HTTP response body).</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public bool Disposed { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
