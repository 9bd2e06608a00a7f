using System.Text;
using System.Text.Json.Nodes;
using AiLiteracy.Connector.Tests.Generation;
using AiLiteracy.Connector.Tests.Rules;

namespace AiLiteracy.Connector.Tests.Infrastructure;

/// <summary>A real server with one tenant, two agents and a completion, a webhook receiver, and a connection (API-key connector).</summary>
public sealed class ConnectorFixture : IAsyncLifetime
{
    public const string AgentNumber = "A0001";
    public const string AgentEmail = "claire.martin@cc-val-de-brume.example";
    public const string ManagerNumber = "A0002";

    public ConnectorServer Server { get; private set; } = null!;

    public WebhookReceiver Receiver { get; private set; } = null!;

    public ConnectorClient Client { get; private set; } = null!;

    public ConnectorPackage Connector { get; } = ConnectorPackage.LoadCommitted(ConnectorVariant.ApiKey);

    public static string SampleCsv { get; } =
        "Matricule;Nom;Prénom;Courriel;Famille de métiers;Code service;Matricule responsable;Rôles;Statut;Date d'entrée;Date de sortie\n" +
        "B000001;Bernard;Inès;ines.bernard@cc-val-de-brume.example;rh;DRH;A0002;agent;actif;01/02/2020;\n";

    public async Task InitializeAsync()
    {
        Server = await ConnectorServer.StartAsync();
        Receiver = await WebhookReceiver.StartAsync();
        var key = await Server.CreateTenantAsync("cc-" + Guid.NewGuid().ToString("N")[..8]);
        Client = new ConnectorClient(Connector, Server.BaseAddress, key);

        await Expect(201, Client.CallAsync("UpsertAgent", new Dictionary<string, object?> { ["employeeNumber"] = ManagerNumber },
            new JsonObject { ["displayName"] = "Marc Petit", ["email"] = "marc.petit@cc-val-de-brume.example", ["jobFamilyId"] = "rh", ["orgUnitId"] = "DRH", ["roles"] = new JsonArray("agent", "manager") }));
        await Expect(201, Client.CallAsync("UpsertAgent", new Dictionary<string, object?> { ["employeeNumber"] = AgentNumber },
            new JsonObject { ["displayName"] = "Claire Martin", ["email"] = AgentEmail, ["jobFamilyId"] = "rh", ["orgUnitId"] = "DRH", ["managerEmployeeNumber"] = ManagerNumber }));
        var module = (await Client.CallAsync("ListModules")).Body!["items"]![0]!["id"]!.GetValue<string>();
        await Expect(201, Client.CallAsync("RecordCompletion", null, new JsonObject
        {
            ["employeeNumber"] = AgentNumber, ["moduleId"] = module, ["date"] = "2025-03-01", ["outcome"] = "passed", ["score"] = 80, ["source"] = "lms", ["externalId"] = "fixture-1",
        }));
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Server.DisposeAsync();
    }

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static async Task<OperationResult> Expect(int status, Task<OperationResult> call)
    {
        var result = await call;
        Assert.True(result.Status == status, $"expected {status}, got {result.Status}: {result.Text}");
        return result;
    }
}
