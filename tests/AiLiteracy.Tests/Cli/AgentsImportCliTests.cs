using System.Text;
using System.Text.Json;

namespace AiLiteracy.Tests.Cli;

public sealed class AgentsImportCliTests : IDisposable
{
    private const int DemoRows = 1244;
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task DbMigrate_CreatesTheDatabaseAndTheTenant_ThenReportsUpToDate()
    {
        var (first, firstOutput) = await cli.RunDb("db", "migrate", "--tenant", "val-de-brume", "--organization", CliHarness.Samples("organization.json"));
        var (second, secondOutput) = await cli.RunDb("db", "migrate", "--lang", "en");

        Assert.Equal(0, first);
        Assert.Contains("migration(s) appliquée(s)", firstOutput, StringComparison.Ordinal);
        Assert.Contains("Collectivité « val-de-brume » créée.", firstOutput, StringComparison.Ordinal);
        Assert.Equal(0, second);
        Assert.Contains("Database already up to date.", secondOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(cli.Database));
    }

    [Fact]
    public async Task AgentsImport_WithoutDatabase_IsAUsageError()
    {
        var (exitCode, output) = await cli.RunDb("agents", "import", CliHarness.Samples("agents.csv"));

        Assert.Equal(2, exitCode);
        Assert.Contains("Base SQLite introuvable", output, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Database));
    }

    [Fact]
    public async Task AgentsImport_UnknownOption_IsAUsageError()
    {
        await cli.MigrateDemoAsync();

        var (exitCode, _) = await cli.RunDb("agents", "import", CliHarness.Samples("agents.csv"), "--mode", "partial");

        Assert.Equal(2, exitCode);
    }

    [Fact]
    public async Task AgentsImport_DemoFile_CreatesEveryAgent_AndASecondRunChangesNothing()
    {
        await cli.MigrateDemoAsync();

        var first = await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"));
        var second = await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"));

        Assert.Equal(DemoRows, first.GetProperty("rows").GetInt32());
        Assert.Equal(DemoRows, first.GetProperty("created").GetInt32());
        Assert.Equal(0, first.GetProperty("rejected").GetInt32());
        Assert.True(first.GetProperty("applied").GetBoolean());
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(0, second.GetProperty("updated").GetInt32());
        Assert.Equal(0, second.GetProperty("deactivated").GetInt32());
        Assert.Equal(DemoRows, second.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task AgentsImport_TruncatedFullExport_StopsWithExitThree_AndAppliesNothing()
    {
        await cli.MigrateDemoAsync();
        await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"));
        var lines = await File.ReadAllLinesAsync(CliHarness.Samples("agents.csv"));
        var truncated = await cli.WriteAsync("truncated.csv", string.Join("\r\n", lines.Take(300).Select(l => l.Replace("Dubois;Lucas", "Dubois;Lucas-Marie", StringComparison.Ordinal))) + "\r\nA000300;Mar", new UTF8Encoding(true));

        var (exitCode, output) = await cli.RunDb("agents", "import", truncated);
        var after = await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"), "--dry-run");

        Assert.Equal(3, exitCode);
        Assert.Contains("Arrêt de sécurité", output, StringComparison.Ordinal);
        Assert.Contains("rien n'a été appliqué", output, StringComparison.Ordinal);
        Assert.Contains("truncated.csv:301 Ligne incomplète : 2 colonne(s) au lieu de 11", output, StringComparison.Ordinal);
        Assert.Equal(0, after.GetProperty("updated").GetInt32());
        Assert.Equal(0, after.GetProperty("deactivated").GetInt32());
    }

    [Fact]
    public async Task AgentsImport_SafetyStop_IsOverriddenByForce_AndDeactivatesTheMissingAgents()
    {
        await cli.MigrateDemoAsync();
        await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"));
        var lines = await File.ReadAllLinesAsync(CliHarness.Samples("agents.csv"));
        var partial = await cli.WriteAsync("partial.csv", string.Join("\n", lines.Take(1001)) + "\n");

        var stopped = await cli.RunJson(3, "agents", "import", partial);
        var forced = await cli.RunJson(0, "agents", "import", partial, "--force");
        var again = await cli.RunJson(0, "agents", "import", partial);

        var activeMissing = lines.Skip(1001).Count(l => !l.Contains(";sorti;", StringComparison.Ordinal));
        var stop = stopped.GetProperty("safetyStop");
        Assert.Equal(activeMissing, stop.GetProperty("wouldDeactivate").GetInt32());
        Assert.Equal(DemoRows - lines.Skip(1).Count(l => l.Contains(";sorti;", StringComparison.Ordinal)), stop.GetProperty("activeAgents").GetInt32());
        Assert.False(stopped.GetProperty("applied").GetBoolean());
        Assert.Equal(activeMissing, forced.GetProperty("deactivated").GetInt32());
        Assert.Equal(0, again.GetProperty("deactivated").GetInt32());
        Assert.Equal(0, again.GetProperty("updated").GetInt32());
    }

    [Fact]
    public async Task AgentsImport_IncrementalMode_NeverDeactivates()
    {
        await cli.MigrateDemoAsync();
        await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"));
        var lines = await File.ReadAllLinesAsync(CliHarness.Samples("agents.csv"));
        var changes = await cli.WriteAsync("changes.csv", lines[0] + "\n" + lines[2].Replace(";actif;", ";congé;", StringComparison.Ordinal) + "\n");

        var report = await cli.RunJson(0, "agents", "import", changes, "--mode", "incremental");

        Assert.Equal(1, report.GetProperty("updated").GetInt32());
        Assert.Equal(0, report.GetProperty("deactivated").GetInt32());
    }

    [Fact]
    public async Task AgentsImport_DryRun_CountsWithoutWriting()
    {
        await cli.MigrateDemoAsync();

        var dry = await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"), "--dry-run");
        var real = await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"));

        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.False(dry.GetProperty("applied").GetBoolean());
        Assert.Equal(DemoRows, dry.GetProperty("created").GetInt32());
        Assert.Equal(DemoRows, real.GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task AgentsImport_RejectedRows_ExitOne_ListLineColumnAndReason_AndApplyTheValidRows()
    {
        await cli.MigrateDemoAsync();
        var file = await cli.WriteAsync("sirh.csv",
            "Matricule;Nom;Prénom;Code emploi;Direction;Service;Date d'entrée;Date de sortie\n" +
            "M001;Martin;Léa;E-RH;Direction des ressources humaines;;01/02/2020;\n" +
            "M002;Durand;Paul;E-XX;DRH;;01/02/2020;\n" +
            "M003;Petit;Marc;E-COM;DCOM;;31/02/2020;\n" +
            "M001;Martin;Léa;E-RH;DRH;;01/02/2020;\n" +
            "M004;Roux;Anne;E-COM;DCOM;;01/02/2020;30/06/2027\n");
        var mapping = await cli.WriteAsync("sirh.json", """
            {
              "kind": "agents",
              "fields": {
                "employeeNumber": "Matricule",
                "lastName": "Nom",
                "firstName": "Prénom",
                "jobFamily": { "column": "Code emploi", "values": { "E-RH": "rh", "E-COM": "communication" } },
                "orgUnit": { "columns": ["Direction", "Service"] },
                "startDate": "Date d'entrée",
                "endDate": "Date de sortie"
              }
            }
            """);

        var (exitCode, output) = await cli.RunDb("agents", "import", file, "--mapping", mapping, "--mode", "incremental");
        var (_, english) = await cli.RunDb("agents", "import", file, "--mapping", mapping, "--mode", "incremental", "--lang", "en");

        Assert.Equal(1, exitCode);
        Assert.Contains("sirh.csv:3 [Code emploi] Code « E-XX » absent de la table de correspondance des familles de métiers.", output, StringComparison.Ordinal);
        Assert.Contains("sirh.csv:4 [Date d'entrée] Date invalide « 31/02/2020 »", output, StringComparison.Ordinal);
        Assert.Contains("sirh.csv:5 [Matricule] Matricule « M001 » en double : déjà présent ligne 2", output, StringComparison.Ordinal);
        Assert.Contains("sirh.csv:6 [Date de sortie] Départ prévu le 30/06/2027", output, StringComparison.Ordinal);
        Assert.Contains("3 erreur(s)", output, StringComparison.Ordinal);
        Assert.Contains("sirh.csv:3 [Code emploi] Code 'E-XX' is not in the job family code table.", english, StringComparison.Ordinal);
        var table = output.Split('\n').First(l => l.Contains('│', StringComparison.Ordinal) && char.IsDigit(l.Trim('│', ' ')[0]));
        Assert.Equal(["5", "2", "0", "0", "0", "3", "1"], table.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task AgentsImport_InvalidMapping_ExitsOne_WithJsonPaths()
    {
        await cli.MigrateDemoAsync();
        var mapping = await cli.WriteAsync("bad.json", """
            {
              "kind": "agents",
              "fields": {
                "lastName": "Nom",
                "jobFamily": { "column": "Code emploi", "unknown": "drop" },
                "module": "Code module"
              }
            }
            """);

        var (exitCode, output) = await cli.RunDb("agents", "import", CliHarness.Samples("agents.csv"), "--mapping", mapping);

        Assert.Equal(1, exitCode);
        Assert.Contains("$.fields.jobFamily.unknown", output, StringComparison.Ordinal);
        Assert.Contains("Fichier de correspondance invalide", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentsImport_CsvFormat_ListsRejectedRows()
    {
        await cli.MigrateDemoAsync();
        var file = await cli.WriteAsync("bad.csv", "Matricule;Nom;Statut\nA1;Dupont;retraité\n;Sans;actif\n");

        var (exitCode, output) = await cli.RunDb("agents", "import", file, "--format", "csv", "--mode", "incremental");

        Assert.Equal(1, exitCode);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Fichier;Ligne;Colonne;Type;Message", rows[0]);
        Assert.StartsWith("bad.csv;2;Statut;rejet;Statut inconnu « retraité »", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("bad.csv;3;Matricule;rejet;Matricule obligatoire.", rows[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "Importe un export RH CSV")]
    [InlineData("en", "Imports an HR CSV export")]
    public async Task Help_ListsTheCommands_InBothLanguages(string language, string expected)
    {
        var (exitCode, output) = await cli.Run("agents", "--help", "--lang", language);

        Assert.Equal(0, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_OfAgentsImport_DescribesTheOptions()
    {
        var (exitCode, output) = await cli.Run("agents", "import", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--dry-run", output, StringComparison.Ordinal);
        Assert.Contains("--force", output, StringComparison.Ordinal);
        Assert.Contains("--mapping", output, StringComparison.Ordinal);
        Assert.Contains("--tenant", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentsImport_TableOutput_WhenRedirected_PrintsPlainProgressLines()
    {
        await cli.MigrateDemoAsync();

        var (exitCode, output) = await cli.RunDb("agents", "import", CliHarness.Samples("agents.csv"));

        Assert.Equal(0, exitCode);
        Assert.Contains("Vérification…", output, StringComparison.Ordinal);
        Assert.Contains("Enregistrement…", output, StringComparison.Ordinal);
        Assert.Contains("Import terminé", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentsImport_KeepsFieldsTheFileDoesNotMap()
    {
        await cli.MigrateDemoAsync();
        await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"));
        var file = await cli.WriteAsync("names.csv", "Matricule;Nom\nA000002;Dupont-Martin\n");

        var report = await cli.RunJson(0, "agents", "import", file, "--mode", "incremental");
        var demo = await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"), "--dry-run");

        Assert.Equal(1, report.GetProperty("updated").GetInt32());
        Assert.Equal(1, demo.GetProperty("updated").GetInt32());
        Assert.Equal(DemoRows - 1, demo.GetProperty("unchanged").GetInt32());
    }
}
