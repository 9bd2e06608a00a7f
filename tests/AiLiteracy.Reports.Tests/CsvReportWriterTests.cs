using System.Text;
using AiLiteracy.Model;
using AiLiteracy.Reports.Export;

namespace AiLiteracy.Reports.Tests;

public sealed class CsvReportWriterTests
{
    private static ReportTable Table(params object?[][] rows) => new(
        "sample",
        new LocalizedText("Exemple", "Sample"),
        [
            new ReportColumn("name", new("Nom", "Name")),
            new ReportColumn("hours", new("Heures", "Hours"), ReportColumnKind.Decimal),
            new ReportColumn("date", new("Date", "Date"), ReportColumnKind.Date),
            new ReportColumn("share", new("Part", "Share"), ReportColumnKind.Percent),
            new ReportColumn("cost", new("Coût", "Cost"), ReportColumnKind.Money),
            new ReportColumn("count", new("Nombre", "Count"), ReportColumnKind.Integer),
        ],
        rows);

    [Fact]
    public void Write_InFrench_UsesSemicolonsDecimalCommaAndFrenchDates()
    {
        var csv = CsvReportWriter.ToString(Table(["Anne", 2.5m, new DateOnly(2026, 3, 15), 0.8125m, 1234.5m, 12]));

        Assert.Equal("Nom;Heures;Date;Part (%);Coût;Nombre\r\nAnne;2,5;15/03/2026;81,25;1234,50;12\r\n", csv);
    }

    [Fact]
    public void Write_InEnglish_UsesCommasDecimalPointIsoDatesAndEnglishHeaders()
    {
        var csv = CsvReportWriter.ToString(Table(["Anne", 2.5m, new DateOnly(2026, 3, 15), 0.8125m, 1234.5m, 12]), "en");

        Assert.Equal("Name,Hours,Date,Share (%),Cost,Count\r\nAnne,2.5,2026-03-15,81.25,1234.50,12\r\n", csv);
    }

    [Fact]
    public async Task Write_StartsWithAUtf8ByteOrderMark_ForSpreadsheets()
    {
        using var stream = new MemoryStream();
        await CsvReportWriter.WriteAsync(Table(["Élodie", null, null, null, null, null]), stream);

        var bytes = stream.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Contains("Élodie;;;;;", Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+33 1 23", "'+33 1 23")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    public void Write_NeutralisesFormulasInTextCells(string text, string expected)
    {
        var csv = CsvReportWriter.ToString(Table([text, null, null, null, null, null]));

        Assert.Equal(expected + ";;;;;", csv.Split("\r\n")[1]);
    }

    [Fact]
    public void Write_LeavesNegativeNumbersAlone()
    {
        var csv = CsvReportWriter.ToString(Table(["x", -1.5m, null, null, null, -3]));

        Assert.Equal("x;-1,5;;;;-3", csv.Split("\r\n")[1]);
    }

    [Fact]
    public void Write_QuotesSeparatorsQuotesAndLineBreaks()
    {
        var csv = CsvReportWriter.ToString(Table(["Dupont; \"Jo\"\nligne 2", null, null, null, null, null]));

        Assert.StartsWith("\"Dupont; \"\"Jo\"\"\nligne 2\";", csv.Split("\r\n")[1], StringComparison.Ordinal);
    }
}
