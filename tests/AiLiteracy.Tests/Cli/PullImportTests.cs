using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using AiLiteracy.Hr.Bridge;
using AiLiteracy.Hr.Xapi;
using AiLiteracy.Import;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Tests.Cli;

/// <summary>Pulls from the HR bridge (agents) and from an LRS (statements), resumed from their stored watermarks.</summary>
public sealed class PullImportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly CliHarness cli = new();
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        await cli.MigrateDemoAsync();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddAiLiteracy();
        collection.AddAiLiteracyStorage(o => o.ConnectionString = $"Data Source={cli.Database}");
        collection.AddAiLiteracyHrIntegration();
        collection.AddSingleton<TimeProvider>(cli.Clock);
        services = collection.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        cli.Dispose();
    }

    private async Task<T> With<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        ((TenantContext)scope.ServiceProvider.GetRequiredService<ITenantContext>()).TenantId = "val-de-brume";
        return await action(scope.ServiceProvider);
    }

    [Fact]
    public async Task HrBridgePull_ChecksEachAgent_KeepsTheEntraId_AndResumesFromTheWatermark()
    {
        var bridge = new FakeBridge(
        [
            new HrBridgeAgent { EmployeeNumber = "B001", DisplayName = "Marie Curie", JobFamilyId = "rh", OrgUnitId = "DRH", Status = "active", UpdatedAt = T0 },
            new HrBridgeAgent { EmployeeNumber = "B002", DisplayName = "Paul Langevin", JobFamilyId = "jardinage", OrgUnitId = "DRH", UpdatedAt = T0.AddHours(1) },
            new HrBridgeAgent { EmployeeNumber = "B003", DisplayName = "Irène Joliot", JobFamilyId = "finances", OrgUnitId = "DFIN", Status = "left", EndDate = new DateOnly(2026, 10, 31), UpdatedAt = T0.AddHours(2) },
        ]);

        var first = await With(sp => sp.GetRequiredService<AgentImportService>().ImportFromHrBridgeAsync(bridge));
        await With(sp => sp.GetRequiredService<IAgentRepository>().UpsertAsync(new Agent { EmployeeNumber = "B001", DisplayName = "Marie Curie", JobFamilyId = "rh", OrgUnitId = "DRH", EntraObjectId = "2f1c0b7e-5a4d-4c1e-9f00-1234567890ab" }));
        bridge.Agents[0] = bridge.Agents[0] with { DisplayName = "Marie Skłodowska-Curie", UpdatedAt = T0.AddHours(3) };
        var second = await With(sp => sp.GetRequiredService<AgentImportService>().ImportFromHrBridgeAsync(bridge));
        var stored = await With(sp => sp.GetRequiredService<IAgentRepository>().GetAsync("B001"));

        Assert.Equal((3, 2, 1), (first.Rows, first.Created, first.RejectedCount));
        Assert.Contains("jobFamilyId", first.Rejected[0].Column, StringComparison.Ordinal);
        Assert.Equal(2, first.Rejected[0].Line);
        Assert.Equal([null, T0.AddHours(2)], bridge.Requests);
        Assert.Equal((2, 1, 1), (second.Rows, second.Updated, second.Unchanged)); // the boundary agent is read again, unchanged
        Assert.Equal("Marie Skłodowska-Curie", stored!.DisplayName);
        Assert.Equal("2f1c0b7e-5a4d-4c1e-9f00-1234567890ab", stored.EntraObjectId);
        Assert.Equal(EmploymentStatus.Left, (await With(sp => sp.GetRequiredService<IAgentRepository>().GetAsync("B003")))!.Status);
    }

    [Fact]
    public async Task LrsPull_FollowsMore_RecordsCompletions_ThenAsksOnlyForNewerStatements()
    {
        await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"));
        var handler = new FakeLrs();
        var lrs = new LrsClient(new HttpClient(handler), new LrsOptions { Endpoint = new Uri("https://lrs.example.fr/xapi"), PageSize = 2 });
        var options = new XapiMappingOptions { ActivityBase = "https://lms.example.fr/modules/" };

        var first = await With(sp => sp.GetRequiredService<CompletionImportService>().ImportFromLrsAsync(lrs, options));
        var second = await With(sp => sp.GetRequiredService<CompletionImportService>().ImportFromLrsAsync(lrs, options));

        Assert.Equal((3, 3, 0), (first.Items, first.Created, first.RejectedCount));
        Assert.Equal(0, second.Items);
        Assert.Equal(3, handler.Queries.Count);
        Assert.DoesNotContain("since=", handler.Queries[0], StringComparison.Ordinal);
        Assert.Contains("more=1", handler.Queries[1], StringComparison.Ordinal);
        Assert.Contains("since=2026-11-01T10%3A00%3A00", handler.Queries[2], StringComparison.Ordinal);
    }

    private sealed class FakeBridge(List<HrBridgeAgent> agents)
        : HrBridgeClient(new UnusedApi(), Options.Create(new HrBridgeOptions { BaseAddress = new Uri("https://sirh.example.fr/bridge/") }))
    {
        public List<HrBridgeAgent> Agents { get; } = agents;

        public List<DateTimeOffset?> Requests { get; } = [];

        public override async IAsyncEnumerable<HrBridgeAgentPage> ListAgentPagesAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Requests.Add(updatedSince);
            await Task.Yield();
            var selected = Agents.Where(a => updatedSince is null || a.UpdatedAt >= updatedSince).OrderBy(a => a.UpdatedAt).ToList();
            for (var i = 0; i < selected.Count; i += 2)
            {
                yield return new HrBridgeAgentPage { Items = selected.Skip(i).Take(2).ToList(), NextCursor = i + 2 < selected.Count ? "next" : null };
            }
        }
    }

    private sealed class UnusedApi : IHrBridgeApi
    {
        public Task<HrBridgeAgentPage> ListAgentsAsync(string? updatedSince, string? cursor, int? limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Refit.IApiResponse<HrTrainingRecordReceipt>> ReceiveTrainingRecordAsync(string idempotencyKey, HrTrainingRecord record, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    /// <summary>An LRS answering <c>GET statements</c> with two pages, and nothing newer than its last statement.</summary>
    private sealed class FakeLrs : HttpMessageHandler
    {
        public List<string> Queries { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = request.RequestUri!.Query;
            Queries.Add(query);
            Assert.Equal("1.0.3", request.Headers.GetValues("X-Experience-API-Version").Single());
            XapiStatement Statement(int i, string agent) => new()
            {
                Id = $"00000000-0000-4000-8000-00000000000{i}",
                Actor = new XapiActor { Account = new XapiAccount { HomePage = "https://sirh.example.fr", Name = agent } },
                Verb = new XapiVerb { Id = XapiVerbs.Passed },
                Object = new XapiObject { Id = "https://lms.example.fr/modules/TC-01" },
                Timestamp = T0.AddHours(i),
                Stored = T0.AddHours(i),
            };
            var result = query.Contains("since=", StringComparison.Ordinal) ? new XapiStatementResult()
                : query.Contains("more=1", StringComparison.Ordinal) ? new XapiStatementResult { Statements = [Statement(2, "A000003")] }
                : new XapiStatementResult { Statements = [Statement(0, "A000001"), Statement(1, "A000002")], More = "/xapi/statements?more=1" };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(result) });
        }
    }
}
