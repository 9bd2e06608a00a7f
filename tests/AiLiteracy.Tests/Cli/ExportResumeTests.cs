using System.Text.Json;
using System.Text.Json.Nodes;
using AiLiteracy.Export;
using AiLiteracy.Hr.Bridge;
using AiLiteracy.Import;
using AiLiteracy.Ports;
using AiLiteracy.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Tests.Cli;

/// <summary>Exports interrupted at every step resume without a duplicate or a gap.</summary>
public sealed class ExportResumeTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        await cli.MigrateDemoAsync();
        await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"));
        await cli.RunJson(1, "completions", "import", Data("cnfpt-attestations.csv"), "--mapping", Data("cnfpt.mapping.json"));
        await cli.RunJson(1, "completions", "import", Data("statements.json"), "--mapping", Data("xapi.mapping.json"));
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

    private static string Data(string name) => RepositoryPaths.Combine("tests", "AiLiteracy.Tests", "Cli", "Data", name);

    private AsyncServiceScope Scope()
    {
        var scope = services.CreateAsyncScope();
        ((TenantContext)scope.ServiceProvider.GetRequiredService<ITenantContext>()).TenantId = "val-de-brume";
        return scope;
    }

    private async Task<T> With<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider);
    }

    private Task<CompletionExportReport> ExportCsv(string path) =>
        With(sp => sp.GetRequiredService<CompletionExportService>().ExportCsvAsync(path, new CompletionExportOptions()));

    private Task<string> CheckpointState() =>
        With(async sp => (await sp.GetRequiredService<ICheckpointStore>().GetAsync(CompletionExportService.CsvCheckpoint))!.State);

    private Task SetCheckpoint(string state) =>
        With(async sp => await sp.GetRequiredService<ICheckpointStore>().SetAsync(CompletionExportService.CsvCheckpoint, state));

    [Fact]
    public async Task CrashAfterTheFileWasInPlace_NextRunFinalisesIt_AndSendsNothingTwice()
    {
        var first = await ExportCsv(cli.File("export-1.csv"));
        var committed = JsonNode.Parse(await CheckpointState())!;
        await SetCheckpoint(new JsonObject
        {
            ["Position"] = 0,
            ["WithdrawnAt"] = null,
            ["Pending"] = new JsonObject { ["Target"] = cli.File("export-1.csv"), ["TempFile"] = cli.File("export-1.csv.partial"), ["After"] = committed.DeepClone() },
        }.ToJsonString());

        var resumed = await ExportCsv(cli.File("export-2.csv"));

        Assert.Equal(5, first.Records);
        Assert.Equal(cli.File("export-1.csv"), resumed.Finalized);
        Assert.Equal(0, resumed.Records);
        Assert.False(File.Exists(cli.File("export-2.csv")));
        Assert.Equal(committed.ToJsonString(), JsonNode.Parse(await CheckpointState())!.ToJsonString());
    }

    [Fact]
    public async Task CrashBeforeTheFileWasInPlace_NextRunWritesEverythingOnce()
    {
        await File.WriteAllTextAsync(cli.File("export-1.csv.partial"), "Matricule;Intitulé\nA000001;tronqu");
        await SetCheckpoint(new JsonObject
        {
            ["Position"] = 0,
            ["Pending"] = new JsonObject { ["Target"] = cli.File("export-1.csv"), ["TempFile"] = cli.File("export-1.csv.partial"), ["After"] = new JsonObject { ["Position"] = 999 } },
        }.ToJsonString());

        var resumed = await ExportCsv(cli.File("export-1.csv"));
        var next = await ExportCsv(cli.File("export-2.csv"));

        Assert.Null(resumed.Finalized);
        Assert.Equal(5, resumed.Records);
        Assert.False(File.Exists(cli.File("export-1.csv.partial")));
        Assert.Equal(6, (await File.ReadAllLinesAsync(cli.File("export-1.csv"))).Length);
        Assert.Equal(0, next.Records);
    }

    [Fact]
    public async Task PushToHrBridge_StoppedMidway_ResumesWithTheSameKeys_NothingLostNothingDuplicated()
    {
        var bridge = new RecordingBridge { FailAfter = 3 };
        var options = new CompletionExportOptions { BatchSize = 2 };

        var stopped = await With(sp => sp.GetRequiredService<CompletionExportService>().PushToHrBridgeAsync(bridge, options));
        bridge.FailAfter = null;
        var resumed = await With(sp => sp.GetRequiredService<CompletionExportService>().PushToHrBridgeAsync(bridge, options));
        var idle = await With(sp => sp.GetRequiredService<CompletionExportService>().PushToHrBridgeAsync(bridge, options));

        Assert.NotNull(stopped.Error);
        Assert.Equal(3, stopped.Records);
        Assert.Null(resumed.Error);
        Assert.Equal(3, resumed.Records);
        Assert.Equal(1, resumed.AlreadyReceived);
        Assert.Equal(0, idle.Records);
        Assert.Equal(5, bridge.Received.Count);
        Assert.All(bridge.Received.Keys, k => Assert.Matches("^val-de-brume:[0-9a-f-]{36}:recorded$", k));
        Assert.Equal(5, bridge.Received.Values.Select(r => r.RecordId).Distinct().Count());
    }

    /// <summary>An HR bridge that keeps what it received by idempotency key and can fail after a number of records.</summary>
    private sealed class RecordingBridge() : HrBridgeClient(new UnusedApi(), Options.Create(new HrBridgeOptions { BaseAddress = new Uri("https://sirh.example.fr/bridge/") }))
    {
        public Dictionary<string, HrTrainingRecord> Received { get; } = new(StringComparer.Ordinal);

        public int? FailAfter { get; set; }

        private int sent;

        public override Task<(HrTrainingRecordReceipt Receipt, bool AlreadyReceived)> SendTrainingRecordAsync(HrTrainingRecord record, string idempotencyKey, CancellationToken cancellationToken = default)
        {
            if (FailAfter is { } limit && sent >= limit)
            {
                throw new HrBridgeException("HR bridge down (HTTP 503)", 503);
            }

            sent++;
            var already = !Received.TryAdd(idempotencyKey, record);
            Assert.Equal(JsonSerializer.Serialize(record), JsonSerializer.Serialize(Received[idempotencyKey]));
            return Task.FromResult((new HrTrainingRecordReceipt { RecordId = record.RecordId, ReceivedAt = DateTimeOffset.UnixEpoch }, already));
        }
    }

    private sealed class UnusedApi : IHrBridgeApi
    {
        public Task<HrBridgeAgentPage> ListAgentsAsync(string? updatedSince, string? cursor, int? limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Refit.IApiResponse<HrTrainingRecordReceipt>> ReceiveTrainingRecordAsync(string idempotencyKey, HrTrainingRecord record, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
