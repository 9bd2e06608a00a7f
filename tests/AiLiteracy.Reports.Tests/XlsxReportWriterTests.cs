using AiLiteracy.Model;
using AiLiteracy.Reports.Export;
using AiLiteracy.Reports.Tests.TestData;
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
}
