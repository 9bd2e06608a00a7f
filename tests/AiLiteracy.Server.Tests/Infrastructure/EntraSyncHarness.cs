using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiLiteracy.Entra.Tests.Fakes;
using AiLiteracy.Ports;

namespace AiLiteracy.Server.Tests.Infrastructure;

/// <summary>
/// A local Graph-compatible server (the Entra tests' <see cref="GraphTestServer"/>, reached through the real Graph SDK
/// over HTTP), a rules file pointing at it, and helpers to start AI Literacy servers with the sync configured.
/// </summary>
public sealed class EntraSyncHarness : IAsyncDisposable
{
    public const string TokenVariable = "AILITERACY_SERVER_TESTS_GRAPH_TOKEN";
    public const string GroupId = "6f1c2a8e-0000-4000-8000-0000000000aa";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "ailiteracy-server-entra-" + Guid.NewGuid().ToString("N"));

    private EntraSyncHarness(GraphTestServer graph)
    {
        Graph = graph;
        Directory.CreateDirectory(directory);
        Environment.SetEnvironmentVariable(TokenVariable, GraphTestServer.Token);
        TenantId = "entra-" + Guid.NewGuid().ToString("N")[..10];
    }

    public GraphTestServer Graph { get; }

    /// <summary>The tenant the rules file is configured for (created by <see cref="CreateTenantAsync"/>).</summary>
    public string TenantId { get; }

    public string ConfigPath => Path.Combine(directory, "entra-groups.json");

    public static async Task<EntraSyncHarness> StartAsync(string select = """{ "jobFamily": "rh" }""")
    {
        var harness = new EntraSyncHarness(await GraphTestServer.StartAsync());
        harness.Graph.AddGroup(GroupId);
        await harness.WriteConfigAsync(select);
        return harness;
    }

    public Task WriteConfigAsync(string select) => File.WriteAllTextAsync(ConfigPath, $$"""
        {
          "kind": "entra-group-sync",
          "connection": { "credential": "environment-token", "tokenEnvironmentVariable": "{{TokenVariable}}", "graphBaseUrl": "{{Graph.GraphBaseUrl}}" },
          "groups": [ { "id": "{{GroupId}}", "name": "Licences Copilot", "select": {{select}} } ]
        }
        """);

    /// <summary>Settings enabling the sync for <see cref="TenantId"/>, on demand only unless told otherwise.</summary>
    public Dictionary<string, string?> Settings(bool runOnSchedule = false) => new()
    {
        ["AiLiteracy:Server:EntraSync:Enabled"] = "true",
        ["AiLiteracy:Server:EntraSync:TenantId"] = TenantId,
        ["AiLiteracy:Server:EntraSync:ConfigPath"] = ConfigPath,
        ["AiLiteracy:Server:EntraSync:RunOnSchedule"] = runOnSchedule ? "true" : "false",
        ["AiLiteracy:Server:EntraSync:CheckInterval"] = "00:00:00.100",
    };

    public Task<TestTenant> CreateTenantAsync(ServerInstance server) => server.CreateTenantAsync(TenantId);

    /// <summary>Creates agents through the API and their users (employeeId = employee number) in the Graph server.</summary>
    public async Task AddAgentsAsync(ServerInstance server, TestTenant tenant, string jobFamilyId, params string[] employeeNumbers)
    {
        using var client = server.CreateClient(tenant.WriteKey);
        foreach (var number in employeeNumbers)
        {
            using var response = await client.PutAgentAsync(number, new { displayName = "Agent " + number, jobFamilyId, roles = new[] { "agent" } });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            Graph.AddUser(UserIdOf(number), number);
        }
    }

    public static string UserIdOf(string employeeNumber) =>
        new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("user:" + employeeNumber))).ToString();

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> PostSyncAsync(HttpClient client, string query = "")
    {
        var response = await client.PostAsync("/api/v1/entra/sync" + query, null);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static Task<IReadOnlyList<AuditEntry>> AuditAsync(ServerInstance server, string tenantId, string action) =>
        server.InTenantAsync(tenantId, async sp =>
            (IReadOnlyList<AuditEntry>)(await sp.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter { Action = action }, new PageRequest(200))).Items);

    public async ValueTask DisposeAsync()
    {
        await Graph.DisposeAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
