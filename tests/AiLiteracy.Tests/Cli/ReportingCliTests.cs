using System.Text.Json;

namespace AiLiteracy.Tests.Cli;

/// <summary><c>status</c>, <c>plan</c>, <c>report literacy</c> and <c>usage check</c> on the demo authority imported into SQLite.</summary>
public sealed class ReportingCliTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();

    public async Task InitializeAsync()
    {
        await cli.MigrateDemoAsync();
        await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"));
        await cli.RunJson(0, "completions", "import", CliHarness.Samples("completions.csv"));
    }

    public Task DisposeAsync()
    {
        cli.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Status_OfAnAgent_ListsTheRequiredModulesWithTheirState()
    {
        var json = await cli.RunJson(0, "status", "--agent", "A000001");
        var (exitCode, table) = await cli.RunDb("status", "--agent", "A000001", "--lang", "en");

        Assert.Equal("A000001", json.GetProperty("employeeNumber").GetString());
        var requirements = json.GetProperty("requirements").EnumerateArray().ToArray();
        Assert.Contains(requirements, r => r.GetProperty("moduleId").GetString() == "TC-01" && r.GetProperty("state").GetString() == "done");
        Assert.False(json.GetProperty("isCleared").GetBoolean()); // no charter acknowledgement imported
        Assert.Equal(0, exitCode);
        Assert.Contains("not cleared", table, StringComparison.Ordinal);
        Assert.Contains("TC-01", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnknownAgent_ExitsOne()
    {
        var (exitCode, output) = await cli.RunDb("status", "--agent", "Z999999");

        Assert.Equal(1, exitCode);
        Assert.Contains("Z999999", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OfAnOrgUnitByName_CountsItsActiveAgents()
    {
        var lines = await File.ReadAllLinesAsync(CliHarness.Samples("agents.csv"));
        var expected = lines.Skip(1).Count(l => l.Split(';') is var f && f[5] == "DRH" && f[8] == "actif");

        var json = await cli.RunJson(0, "status", "--org-unit", "Direction des ressources humaines");
        var (unknown, _) = await cli.RunDb("status", "--org-unit", "DRH/Inconnu");

        Assert.Equal("DRH", json.GetProperty("orgUnit").GetString());
        Assert.Equal(expected, json.GetProperty("activeAgents").GetInt32());
        Assert.Equal(2, unknown);
    }

    [Fact]
    public async Task Status_Coverage_AsCsv_HasOneLinePerDirectorate()
    {
        var (exitCode, output) = await cli.RunDb("status", "--format", "csv");

        Assert.Equal(0, exitCode);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("perimetre;id;nom;agents_actifs;habilites;part_habilites", rows[0], StringComparison.Ordinal);
        Assert.Contains(rows, r => r.StartsWith("direction;DRH;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_GroupSize_ChangesTheSessionCount()
    {
        var twelve = await cli.RunJson(0, "plan");
        var six = await cli.RunJson(0, "plan", "--group-size", "6");
        var (invalid, _) = await cli.RunDb("plan", "--group-size", "0");

        Assert.Equal(12, twelve.GetProperty("groupSize").GetInt32());
        Assert.Equal(6, six.GetProperty("groupSize").GetInt32());
        Assert.Equal(twelve.GetProperty("peopleToTrain").GetInt32(), six.GetProperty("peopleToTrain").GetInt32());
        Assert.True(six.GetProperty("sessions").GetInt32() > twelve.GetProperty("sessions").GetInt32());
        Assert.Equal(2, invalid);
    }

    [Fact]
    public async Task ReportLiteracy_WritesCsvAndJson()
    {
        var (csvCode, output) = await cli.RunDb("report", "literacy", "--out", cli.File("registre.csv"));
        var (jsonCode, _) = await cli.RunDb("report", "literacy", "--out", cli.File("registre.json"));
        var (usage, _) = await cli.RunDb("report", "literacy", "--out", cli.File("registre.txt"));

        Assert.Equal(0, csvCode);
        Assert.Equal(0, jsonCode);
        Assert.Equal(2, usage);
        Assert.Contains("Registre de littératie IA", output, StringComparison.Ordinal);
        var csv = await File.ReadAllLinesAsync(cli.File("registre.csv"));
        Assert.StartsWith("matricule;nom;unite", csv[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(csv, l => l.StartsWith("A000001;", StringComparison.Ordinal) && l.Contains(";TC-01;", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(cli.File("registre.json")));
        Assert.Equal(1244, json.RootElement.GetProperty("people").GetArrayLength());
    }

    [Fact]
    public async Task UsageCheck_NotClearedAgent_WithPersonalDataOnANonEuTool_IsRefusedWithRules()
    {
        var json = await cli.RunJson(0, "usage", "check", "--agent", "A000001", "--tool", "chatbot-grand-public-non-ue", "--data", "personnel", "--publish");
        var (unknownClass, _) = await cli.RunDb("usage", "check", "--agent", "A000001", "--tool", "albert", "--data", "secret");

        Assert.Equal("refused", json.GetProperty("outcome").GetString());
        Assert.False(json.GetProperty("isAllowed").GetBoolean());
        Assert.NotEmpty(json.GetProperty("reasons").EnumerateArray());
        Assert.NotEmpty(json.GetProperty("ruleIds").EnumerateArray());
        Assert.Equal(2, unknownClass);
    }
}
