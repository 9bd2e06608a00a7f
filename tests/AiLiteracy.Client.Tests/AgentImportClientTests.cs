using System.Net;
using System.Text;
using AiLiteracy.Client.Models;
using AiLiteracy.Client.Tests.Infrastructure;
using AiLiteracy.Model;

namespace AiLiteracy.Client.Tests;

/// <summary>
/// The agents CSV import through the client against the real server, on a server of its own: a full import deactivates
/// agents, which the other tests must not see.
/// </summary>
public sealed class AgentImportClientTests(RealServer server) : IClassFixture<RealServer>
{
    private const string Header = "Matricule;Nom;Prénom;Courriel;Famille de métiers;Code service;Matricule responsable;Rôles;Statut;Date d'entrée;Date de sortie";

    private IAiLiteracyApi Api(string language = "fr") =>
        AiLiteracyClient.Create(new AiLiteracyClientOptions { BaseAddress = server.BaseAddress, ApiKey = server.ApiKey, Language = language });

    private static CsvContentImportInput File(string jobFamily, bool full, params int[] agents) => new()
    {
        FileName = "sirh.csv",
        Full = full,
        Content = Encoding.UTF8.GetBytes(string.Join("\n", agents.Select(i => $"F{i:000};Martin;Agent {i};agent.{i}@ville-exemple.fr;{jobFamily};DRH;;agent;actif;01/09/2020;").Prepend(Header)) + "\n"),
    };

    [Fact]
    public async Task FullImport_IsA409SafetyStopProblem_ThatAppliesNothing_ThenAppliesWithForce()
    {
        var api = Api("en");
        var jobFamily = (await api.ListJobFamiliesAsync()).Items[0].Id;
        var loaded = await api.ImportAgentsCsvContentAsync(File(jobFamily, full: false, [.. Enumerable.Range(1, 10)]));

        var stop = await Assert.ThrowsAsync<AiLiteracyApiException>(() => api.ImportAgentsCsvContentAsync(File(jobFamily, full: true, 1)));
        var stillStopped = await Assert.ThrowsAsync<AiLiteracyApiException>(() => api.ImportAgentsCsvContentAsync(File(jobFamily, full: true, 1), force: false));
        var afterStop = await api.GetAgentAsync("F002");
        var forced = await api.ImportAgentsCsvContentAsync(File(jobFamily, full: true, 1), force: true);
        var afterForce = await api.GetAgentAsync("F002");

        Assert.Equal(10, loaded.Created);
        Assert.Equal(HttpStatusCode.Conflict, stop.StatusCode);
        Assert.Equal("import-deactivation-safety-stop", stop.Code);
        Assert.Contains("send again with force=true", stop.Detail, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Conflict, "import-deactivation-safety-stop"), (stillStopped.StatusCode, stillStopped.Code));
        Assert.Equal(EmploymentStatus.Active, afterStop.Status);
        Assert.Equal((0, 1, 9), (forced.Created, forced.Unchanged, forced.Deactivated));
        Assert.Empty(forced.Rejected);
        Assert.Equal(EmploymentStatus.Left, afterForce.Status);
        Assert.Equal(EmploymentStatus.Active, (await api.GetAgentAsync("F001")).Status);
    }
}
