using System.Text.Json;
using AiLiteracy.Authority;
using AiLiteracy.Cli;
using AiLiteracy.Definitions;
using AiLiteracy.Demo;
using AiLiteracy.Entra.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Testing;

namespace AiLiteracy.Entra.Tests.Cli;

public sealed class EntraSyncCommandTests : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "ailiteracy-entra-cli-" + Guid.NewGuid().ToString("N"));
    private GraphTestServer server = null!;
    private DemoAuthority demo = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        server = await GraphTestServer.StartAsync();
        Environment.SetEnvironmentVariable(SyncHarness.TokenVariable, GraphTestServer.Token);
        var services = new ServiceCollection();
        services.AddAiLiteracy();
        await using var provider = services.BuildServiceProvider();
        var definitions = await provider.GetRequiredService<DefinitionService>().GetDefinitionsAsync();
        demo = new DemoAuthorityGenerator(definitions.Curriculum).Generate(new DemoAuthorityOptions { StaffCount = 300, ElectedCount = 5 });
        await AuthorityDataFiles.WriteAsync(Path.Combine(directory, "data"), new AuthorityData
        {
            Organization = demo.Organization,
            Agents = demo.Agents,
            Completions = demo.Completions,
            Acknowledgements = demo.Acknowledgements,
        });
        foreach (var agent in demo.Agents)
        {
            server.AddUser("user-" + agent.EmployeeNumber, agent.EmployeeNumber);
        }

        server.AddGroup(SyncHarness.GroupId);
        await File.WriteAllTextAsync(ConfigPath, $$"""
            {
              "kind": "entra-group-sync",
              "connection": { "credential": "environment-token", "tokenEnvironmentVariable": "{{SyncHarness.TokenVariable}}", "graphBaseUrl": "{{server.GraphBaseUrl}}" },
              "groups": [ { "id": "{{SyncHarness.GroupId}}", "name": "Licences Copilot", "select": { "cleared": true } } ]
            }
            """);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    private string ConfigPath => Path.Combine(directory, "entra-groups.json");

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] extra)
    {
        var console = new TestConsole { EmitAnsiSequences = false };
        console.Profile.Width = 200;
        var exit = await CliApplication.RunAsync(["entra", "sync", "--config", ConfigPath, "--data", Path.Combine(directory, "data"), .. extra], console);
        return (exit, console.Output);
    }

    [Fact]
    public async Task DryRun_PrintsAndExportsThePlan_WithoutWriting()
    {
        var export = Path.Combine(directory, "plan.json");

        var (exit, output) = await RunAsync("--dry-run", "--export", export);

        Assert.True(exit == 0, output);
        Assert.Contains("Simulation", output, StringComparison.Ordinal);
        Assert.Contains("Licences Copilot", output, StringComparison.Ordinal);
        Assert.Equal(0, server.WriteRequests);
        using var plan = JsonDocument.Parse(await File.ReadAllTextAsync(export));
        Assert.True(plan.RootElement.GetProperty("totalAdds").GetInt32() > 0);
        Assert.Equal("Satisfies the rule: cleared to use approved AI tools",
            plan.RootElement.GetProperty("groups")[0].GetProperty("adds")[0].GetProperty("reason").GetProperty("en").GetString());
    }

    [Fact]
    public async Task Sync_AppliesThePlan_WritesTheAuditLog_AndASecondRunWritesNothing()
    {
        var (exit, output) = await RunAsync();

        Assert.True(exit == 0, output);
        var members = server.MembersOf(SyncHarness.GroupId);
        Assert.NotEmpty(members);
        var audit = await File.ReadAllLinesAsync(Path.Combine(directory, "entra-sync-audit.jsonl"));
        Assert.Equal(members.Count, audit.Length);
        Assert.Contains("\"graphRequestId\"", audit[0], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "entra-groups.state.json")));
        var writes = server.WriteRequests;

        var (again, _) = await RunAsync("--lang", "en");

        Assert.Equal(0, again);
        Assert.Equal(writes, server.WriteRequests);
    }

    [Fact]
    public async Task InvalidConfiguration_ExitsWith2_AndShowsTheJsonPath()
    {
        await File.WriteAllTextAsync(ConfigPath, """{ "groups": [ { "id": "x", "select": { "cleared": true } } ] }""");

        var (exit, output) = await RunAsync();

        Assert.Equal(2, exit);
        Assert.Contains("$.groups[0].id", output, StringComparison.Ordinal);
    }
}
