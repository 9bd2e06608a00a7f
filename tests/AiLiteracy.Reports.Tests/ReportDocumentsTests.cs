using AiLiteracy.Engines;
using AiLiteracy.Reports.Export;
using AiLiteracy.Reports.Tests.TestData;

namespace AiLiteracy.Reports.Tests;

public sealed class ReportDocumentsTests
{
    [Fact]
    public async Task TrainingPlan_NeedsTable_AddsUpToThePlansHeadCount()
    {
        var demo = await DemoWorld.GetAsync();
        var report = demo.Snapshot.TrainingPlan(ReportFilter.None, TrainingPlanCostOptions.Default);

        var needs = ReportDocuments.TrainingPlan(report).Default;

        Assert.Equal("needs", needs.Key);
        var rows = needs.Rows.ToList();
        Assert.Equal(report.Plan.Lines.Count, rows.Count);
        var people = needs.Columns.Select(c => c.Key).ToList().IndexOf("people_to_train");
        Assert.Equal(report.Plan.HeadCount, rows.Sum(r => (int)r[people]!));
        Assert.All(rows, r => Assert.Equal(needs.Columns.Count, r.Length));
    }

    [Fact]
    public async Task TrainingPlan_ModulesTable_CarriesTheBudgetOfEachModule()
    {
        var demo = await DemoWorld.GetAsync();
        var report = demo.Snapshot.TrainingPlan(ReportFilter.None, new TrainingPlanCostOptions { CostPerSession = 900, CostPerLearnerHour = 25 });

        var modules = ReportDocuments.TrainingPlan(report).Find("modules")!;

        var cost = modules.Columns.Select(c => c.Key).ToList().IndexOf("cost");
        Assert.Equal(report.Budget.TotalCost, modules.Rows.Sum(r => (decimal)r[cost]!));
        Assert.True(report.Budget.TotalCost > 0);
    }

    [Fact]
    public async Task TrainingPlan_SummaryNamesTheAuthorityAndSaysWhenNothingIsPriced()
    {
        var demo = await DemoWorld.GetAsync();
        var report = demo.Snapshot.TrainingPlan(ReportFilter.None, TrainingPlanCostOptions.Default);

        var csv = CsvReportWriter.ToString(ReportDocuments.TrainingPlan(report).Find("summary")!);

        Assert.Contains("Collectivité;Communauté d'agglomération du Val de Brume", csv, StringComparison.Ordinal);
        Assert.Contains("non chiffré (coûts non paramétrés)", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiteracyRegister_SummarySaysWhenTheDataWasRead_InBothLanguages()
    {
        var demo = await DemoWorld.GetAsync();
        var report = demo.Register() with { GeneratedAt = new DateTimeOffset(2026, 3, 15, 10, 42, 0, TimeSpan.FromHours(1)) };

        var french = CsvReportWriter.ToString(ReportDocuments.LiteracyRegister(report).Find("summary")!);
        var english = CsvReportWriter.ToString(ReportDocuments.LiteracyRegister(report, "en").Find("summary")!, "en");

        Assert.Contains("Données lues le;15/03/2026 09:42 UTC", french, StringComparison.Ordinal);
        Assert.Contains("Data read at,2026-03-15 09:42 UTC", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiteracyRegister_MeasuresTable_HasOneRowPerMeasure()
    {
        var demo = await DemoWorld.GetAsync();
        var report = demo.Register();

        var document = ReportDocuments.LiteracyRegister(report, "en");

        Assert.Equal("measures", document.Default.Key);
        Assert.Equal(report.Register.People.Sum(p => p.Measures.Count), document.Default.Rows.Count());
        Assert.Equal(report.Register.AiSystems.Count, document.Find("ai-systems")!.Rows.Count());
        Assert.Equal(report.Register.Gaps.Count, document.Find("gaps")!.Rows.Count());
        Assert.Equal("literacy-register-val-de-brume-2026-11-01.xlsx", document.FileName("xlsx", report.Register.OrganizationId));
    }

    [Fact]
    public async Task Coverage_DirectoratesTable_EndsWithTheTotal()
    {
        var demo = await DemoWorld.GetAsync();
        var coverage = demo.Snapshot.Coverage(ReportFilter.None);

        var rows = ReportDocuments.Coverage(coverage).Default.Rows.ToList();

        Assert.Equal(coverage.ByDirectorate.Count + 1, rows.Count);
        Assert.Equal(("Total", coverage.Total.ActiveAgents), ((string)rows[^1][1]!, (int)rows[^1][2]!));
    }

    [Fact]
    public void FileName_IsAsciiAndDated()
    {
        var document = new ReportDocument("training-plan", new("Plan", "Plan"), "Commune d'Évry-sur-Seine", new DateOnly(2026, 1, 9), "EUR", [new ReportTable("t", new("T", "T"), [], [])]);

        Assert.Equal("training-plan-commune-d-evry-sur-seine-2026-01-09.csv", document.FileName("csv"));
    }

    [Fact]
    public async Task Exporter_WritesTheRequestedCsvTable_AndRefusesAnUnknownOne()
    {
        var demo = await DemoWorld.GetAsync();
        var report = demo.Snapshot.TrainingPlan(ReportFilter.None, TrainingPlanCostOptions.Default);
        var document = ReportDocuments.TrainingPlan(report);
        using var stream = new MemoryStream();

        await ReportExporter.WriteAsync(document, report, ReportFormat.Csv, stream, "fr", "quarters");

        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("Trimestre;Début;Fin;Stagiaires", text, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => ReportExporter.WriteAsync(document, report, ReportFormat.Csv, new MemoryStream(), "fr", "nope"));
        await Assert.ThrowsAsync<ArgumentException>(() => ReportExporter.WriteAsync(document, report, ReportFormat.Html, new MemoryStream()));
    }

    [Fact]
    public async Task Exporter_WritesJsonWithTheApiConventions()
    {
        var demo = await DemoWorld.GetAsync();
        var report = demo.Snapshot.TrainingPlan(ReportFilter.None, TrainingPlanCostOptions.Default);
        using var stream = new MemoryStream();

        await ReportExporter.WriteAsync(ReportDocuments.TrainingPlan(report), report, ReportFormat.Json, stream);

        var json = System.Text.Json.Nodes.JsonNode.Parse(stream.ToArray())!;
        Assert.Equal(report.Plan.HeadCount, (int)json["plan"]!["headCount"]!);
        Assert.Equal("2026-11-01", (string)json["plan"]!["asOf"]!);
        Assert.Equal(4, json["plan"]!["budget"]!["quarters"]!.AsArray().Count);
        Assert.Null(json["labels"]);
    }
}
