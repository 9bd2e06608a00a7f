using System.Text;
using System.Text.Json;

namespace AiLiteracy.Tests.Cli;

public sealed class CompletionsCliTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    private static string Data(string name) => RepositoryPaths.Combine("tests", "AiLiteracy.Tests", "Cli", "Data", name);

    private async Task DemoAgentsAsync()
    {
        await cli.MigrateDemoAsync();
        await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"));
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task ImportCnfptAttestations_RecordsKnownRows_RejectsTheOthersWithLineAndColumn_AndIsIdempotent()
    {
        await DemoAgentsAsync();

        var first = await cli.RunJson(1, "completions", "import", Data("cnfpt-attestations.csv"), "--mapping", Data("cnfpt.mapping.json"));
        var second = await cli.RunJson(1, "completions", "import", Data("cnfpt-attestations.csv"), "--mapping", Data("cnfpt.mapping.json"));

        Assert.Equal(8, first.GetProperty("items").GetInt32());
        Assert.Equal(3, first.GetProperty("created").GetInt32());
        Assert.Equal(1, first.GetProperty("existing").GetInt32());
        Assert.Equal(1, first.GetProperty("ignored").GetInt32());
        Assert.Equal(3, first.GetProperty("rejected").GetInt32());
        Assert.Equal(["Z999999"], Strings(first.GetProperty("unknownAgents")));
        var errors = first.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("line").GetInt32()} [{e.GetProperty("column").GetString()}] {e.GetProperty("message").GetString()}").ToArray();
        Assert.Equal(
        [
            "6 [N° agent] Agent « Z999999 » inconnu.",
            "7 [Code stage] Code « IA-XX » absent de la table de correspondance des modules.",
            "8 [Date de fin] La date de formation (31/12/2026) est dans le futur.",
        ], errors);
        Assert.Contains("hors référentiel IA", first.GetProperty("warnings")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(4, second.GetProperty("existing").GetInt32());
    }

    [Fact]
    public async Task ImportXapiStatements_FollowsTheAdlRules_DuplicatesVoidingUnknownAgentsAndActivities()
    {
        await DemoAgentsAsync();

        var report = await cli.RunJson(1, "completions", "import", Data("statements.json"), "--mapping", Data("xapi.mapping.json"));
        var again = await cli.RunJson(1, "completions", "import", Data("statements.json"), "--mapping", Data("xapi.mapping.json"));

        Assert.Equal(10, report.GetProperty("items").GetInt32());
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("existing").GetInt32());
        Assert.Equal(3, report.GetProperty("ignored").GetInt32());
        Assert.Equal(4, report.GetProperty("rejected").GetInt32());
        Assert.Equal(["Z999999", "inconnu@exemple.fr"], Strings(report.GetProperty("unknownAgents")));
        Assert.Equal(["https://lms.val-de-brume.example/courses/excel-avance"], Strings(report.GetProperty("unknownActivities")));
        var paths = report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("column").GetString()!).ToArray();
        Assert.Equal(["$.statements[5].object.id", "$.statements[6].actor.account.name", "$.statements[7].actor", "$.statements[8].id"], paths);
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(3, again.GetProperty("existing").GetInt32());
    }

    [Fact]
    public async Task ImportXapi_VoidingStatement_WithdrawsTheCompletion_AndTheExportCancelsIt()
    {
        await DemoAgentsAsync();
        var statements = JsonDocument.Parse(await File.ReadAllTextAsync(Data("statements.json"))).RootElement.GetProperty("statements").EnumerateArray().ToArray();
        var failedOnly = await cli.WriteAsync("failed.json", "[" + statements[2].GetRawText() + "]");
        var voidingOnly = await cli.WriteAsync("voiding.json", "[" + statements[9].GetRawText() + "]");

        var recorded = await cli.RunJson(0, "completions", "import", failedOnly, "--mapping", Data("xapi.mapping.json"));
        var (firstExport, _) = await cli.RunDb("completions", "export", "--format", "csv", "--out", cli.File("export-1.csv"));
        var voided = await cli.RunJson(0, "completions", "import", voidingOnly, "--mapping", Data("xapi.mapping.json"));
        var voidedAgain = await cli.RunJson(0, "completions", "import", voidingOnly, "--mapping", Data("xapi.mapping.json"));
        var reimported = await cli.RunJson(0, "completions", "import", failedOnly, "--mapping", Data("xapi.mapping.json"));
        var (secondExport, output) = await cli.RunDb("completions", "export", "--format", "csv", "--out", cli.File("export-2.csv"));

        Assert.Equal(1, recorded.GetProperty("created").GetInt32());
        Assert.Equal(0, firstExport);
        Assert.Equal(1, voided.GetProperty("withdrawn").GetInt32());
        Assert.Equal(0, voidedAgain.GetProperty("withdrawn").GetInt32());
        Assert.Equal(0, reimported.GetProperty("created").GetInt32());
        Assert.Equal(0, secondExport);
        Assert.Contains("0 formation(s) et 1 annulation(s)", output, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(cli.File("export-2.csv"));
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("A000003;", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(";annulé", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportCsv_UsesTheSirhLayout_ThenSendsOnlyWhatIsNew()
    {
        await DemoAgentsAsync();
        await cli.RunJson(1, "completions", "import", Data("cnfpt-attestations.csv"), "--mapping", Data("cnfpt.mapping.json"));

        var (first, firstOutput) = await cli.RunDb("completions", "export", "--format", "csv", "--out", cli.File("out/historique-1.csv"));
        var (second, secondOutput) = await cli.RunDb("completions", "export", "--format", "csv", "--out", cli.File("out/historique-2.csv"));
        await cli.RunJson(1, "completions", "import", Data("statements.json"), "--mapping", Data("xapi.mapping.json"));
        var (third, _) = await cli.RunDb("completions", "export", "--format", "csv", "--out", cli.File("out/historique-3.csv"));
        var (exists, existsOutput) = await cli.RunDb("completions", "export", "--format", "csv", "--out", cli.File("out/historique-3.csv"));
        var (since, _) = await cli.RunDb("completions", "export", "--format", "csv", "--out", cli.File("out/tout.csv"), "--since", "2000-01-01");

        Assert.Equal(0, first);
        Assert.Contains("3 formation(s) et 0 annulation(s)", firstOutput, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(cli.File("out/historique-1.csv"));
        Assert.True(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 with BOM");
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Matricule;Intitulé;Code module;Date de début;Date de fin;Durée en heures;Organisme;Modalité;Résultat", lines[0]);
        Assert.Matches(@"^A000001;[^;]+;TC-02;07/10/2026;07/10/2026;\d+(,\d+)?;Communauté d'agglomération du Val de Brume;présentiel;terminé$", lines[1]);
        Assert.Equal(4, lines.Length);
        Assert.Equal(0, second);
        Assert.Contains("Rien de nouveau à exporter.", secondOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.File("out/historique-2.csv")));
        Assert.Equal(0, third);
        Assert.Equal(3, (await File.ReadAllLinesAsync(cli.File("out/historique-3.csv"))).Length);
        Assert.Equal(2, exists);
        Assert.Contains("existe déjà", existsOutput, StringComparison.Ordinal);
        Assert.Equal(0, since);
        Assert.Equal(6, (await File.ReadAllLinesAsync(cli.File("out/tout.csv"))).Length);
    }

    [Fact]
    public async Task ExportXapi_WritesAdlStatements_WithStableIds()
    {
        await DemoAgentsAsync();
        await cli.RunJson(1, "completions", "import", Data("statements.json"), "--mapping", Data("xapi.mapping.json"));

        var (exitCode, _) = await cli.RunDb("completions", "export", "--format", "xapi", "--out", cli.File("statements-out.json"));
        var (since, _) = await cli.RunDb("completions", "export", "--format", "xapi", "--out", cli.File("again.json"), "--since", "2000-01-01");

        Assert.Equal(0, exitCode);
        Assert.Equal(0, since);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(cli.File("statements-out.json")));
        var statements = document.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, statements.Length);
        var first = statements[0];
        Assert.Equal("http://adlnet.gov/expapi/verbs/passed", first.GetProperty("verb").GetProperty("id").GetString());
        Assert.Equal("A000001", first.GetProperty("actor").GetProperty("account").GetProperty("name").GetString());
        Assert.Equal("https://ailiteracy.example/modules/TC-01", first.GetProperty("object").GetProperty("id").GetString());
        Assert.Equal(0.85m, first.GetProperty("result").GetProperty("score").GetProperty("scaled").GetDecimal());
        Assert.True(first.GetProperty("result").GetProperty("success").GetBoolean());
        using var again = JsonDocument.Parse(await File.ReadAllTextAsync(cli.File("again.json")));
        Assert.Equal(statements.Select(s => s.GetProperty("id").GetString()), again.RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task CompletionsImport_WithoutFileOrLrs_IsAUsageError()
    {
        await cli.MigrateDemoAsync();

        var (exitCode, output) = await cli.RunDb("completions", "import");

        Assert.Equal(2, exitCode);
        Assert.Contains("Indiquez un fichier ou --lrs", output, StringComparison.Ordinal);
    }
}
