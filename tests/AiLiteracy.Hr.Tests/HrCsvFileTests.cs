using System.Text;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Tests;

public class HrCsvFileTests
{
    private const string Header = "Matricule;Nom;Prénom;Courriel;Famille de métiers;Code service;Matricule responsable;Rôles;Statut;Date d'entrée;Date de sortie";

    static HrCsvFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static Task<CsvReadResult<Agent>> ReadAgents(byte[] bytes) => AgentCsv.ReadAllAsync(new MemoryStream(bytes), "agents.csv");

    [Fact]
    public async Task Read_DetectsWindows1252_AndKeepsAccents()
    {
        var text = Header + "\r\nA1;Lefèvre;Hélène;;rh;DRH;;agent;actif;01/02/2020;\r\n";
        var result = await ReadAgents(Encoding.GetEncoding(1252).GetBytes(text));

        Assert.Empty(result.Errors);
        Assert.Equal("Hélène Lefèvre", Assert.Single(result.Records).DisplayName);
    }

    [Fact]
    public async Task Read_AcceptsUtf8WithBom()
    {
        var text = Header + "\nA1;Lefèvre;Hélène;;rh;DRH;;agent;actif;01/02/2020;\n";
        var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var agent = Assert.Single((await ReadAgents(bytes)).Records);

        Assert.Equal("A1", agent.EmployeeNumber);
        Assert.Equal(new DateOnly(2020, 2, 1), agent.StartDate);
    }

    [Theory]
    [InlineData(",")]
    [InlineData("\t")]
    public async Task Read_DetectsSeparator(string separator)
    {
        var text = "Matricule" + separator + "Nom" + separator + "Date d'entrée\nA1" + separator + "Martin" + separator + "2021-03-04\n";
        var agent = Assert.Single((await ReadAgents(Encoding.UTF8.GetBytes(text))).Records);

        Assert.Equal("Martin", agent.DisplayName);
        Assert.Equal(new DateOnly(2021, 3, 4), agent.StartDate);
    }

    [Fact]
    public async Task Read_QuotedFieldWithLineBreak_ReportsLaterErrorsOnTheirPhysicalLine()
    {
        var text = Header + "\n" +
                   "A1;\"Martin\nDupont\";Léa;;rh;DRH;;agent;actif;;\n" +
                   "A2;Durand;Paul;;rh;DRH;;agent;actif;31/02/2020;\n";
        var result = await ReadAgents(Encoding.UTF8.GetBytes(text));

        Assert.Equal("Léa Martin\nDupont", Assert.Single(result.Records).DisplayName);
        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Line);
        Assert.Equal("Date d'entrée", error.Column);
        Assert.Contains("31/02/2020", error.Message.Fr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_RejectsBadRows_KeepsValidOnes()
    {
        var text = Header + "\n" +
                   ";Sans;Matricule;;rh;DRH;;agent;actif;;\n" +
                   "A2;Durand;Paul;;rh;DRH;;stagiaire;actif;;\n" +
                   "A3;Petit;Marc;;rh;DRH;;agent;retraité;;\n" +
                   "A4;Roux;Anne;;rh;DRH;;agent|encadrant;actif;;\n";
        var result = await ReadAgents(Encoding.UTF8.GetBytes(text));

        var agent = Assert.Single(result.Records);
        Assert.Equal(AgentRoles.Agent | AgentRoles.Manager, agent.Roles);
        Assert.Collection(result.Errors,
            e => Assert.Equal((2, "Matricule"), (e.Line, e.Column)),
            e => Assert.Equal((3, "Rôles"), (e.Line, e.Column)),
            e => Assert.Equal((4, "Statut"), (e.Line, e.Column)));
    }

    [Fact]
    public async Task Read_HeaderMatchingIgnoresCaseAndAccents()
    {
        var text = "MATRICULE;prenom;NOM;statut\nA1;Éric;Blanc;Sorti\n";
        var agent = Assert.Single((await ReadAgents(Encoding.UTF8.GetBytes(text))).Records);

        Assert.Equal("Éric Blanc", agent.DisplayName);
        Assert.Equal(EmploymentStatus.Left, agent.Status);
    }

    [Fact]
    public async Task Read_EmptyFile_IsOneError()
    {
        var result = await ReadAgents([]);

        Assert.Empty(result.Records);
        Assert.Equal(1, Assert.Single(result.Errors).Line);
    }

    [Fact]
    public async Task Completions_RoundTrip_ThroughWriter()
    {
        Completion[] completions =
        [
            new() { EmployeeNumber = "A1", ModuleId = "TC-01", ModuleVersion = 2, Date = new DateOnly(2025, 6, 30), Outcome = CompletionOutcome.Passed, Score = 85.5m, DeliveryMode = DeliveryMode.ELearning, Source = CompletionSource.Lms, ExternalId = "LMS-1" },
            new() { EmployeeNumber = "A2", ModuleId = "TC-02", Date = new DateOnly(2024, 1, 15), Outcome = CompletionOutcome.Failed, Score = 40m, Source = CompletionSource.Csv },
        ];
        using var stream = new MemoryStream();
        await CompletionCsv.WriteAsync(stream, completions);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("85,5", text, StringComparison.Ordinal);
        Assert.Contains("30/06/2025", text, StringComparison.Ordinal);

        stream.Position = 0;
        var read = await CompletionCsv.ReadAllAsync(stream, "completions.csv");

        Assert.Empty(read.Errors);
        Assert.Equal(completions, read.Records);
    }

    [Fact]
    public async Task Agents_RoundTrip_ThroughWriter()
    {
        Agent[] agents =
        [
            new() { EmployeeNumber = "A1", DisplayName = "Marie Le Gall", Email = "marie.legall@demo.example", JobFamilyId = "rh", OrgUnitId = "DRH", ManagerEmployeeNumber = "A9", Roles = AgentRoles.Agent | AgentRoles.Referent, StartDate = new DateOnly(2019, 9, 1) },
            new() { EmployeeNumber = "E1", DisplayName = "Paul Simon", Roles = AgentRoles.Elected, OrgUnitId = "ELUS", Status = EmploymentStatus.Left, EndDate = new DateOnly(2026, 3, 31) },
        ];
        using var stream = new MemoryStream();
        await AgentCsv.WriteAsync(stream, agents);
        stream.Position = 0;

        var read = await AgentCsv.ReadAllAsync(stream, "agents.csv");

        Assert.Empty(read.Errors);
        Assert.Equal(agents, read.Records);
    }
}
