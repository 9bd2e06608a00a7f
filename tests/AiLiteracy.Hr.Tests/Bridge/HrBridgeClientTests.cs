using System.Text.Json;
using AiLiteracy.Hr.Bridge;
using Microsoft.Extensions.DependencyInjection;

namespace AiLiteracy.Hr.Tests.Bridge;

public sealed class HrBridgeClientTests : IAsyncLifetime
{
    private HrBridgeTestServer server = null!;
    private ServiceProvider provider = null!;

    public async Task InitializeAsync()
    {
        server = await HrBridgeTestServer.StartAsync();
        provider = Client(o => { });
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await server.DisposeAsync();
    }

    private ServiceProvider Client(Action<HrBridgeOptions> tweak)
    {
        var services = new ServiceCollection();
        services.AddHrBridgeClient(o =>
        {
            o.BaseAddress = server.BaseAddress;
            o.ApiKey = "secret-key";
            o.AttemptTimeout = TimeSpan.FromMilliseconds(700);
            o.TotalTimeout = TimeSpan.FromSeconds(30);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.MaxRetries = 6;
            o.BreakMinimumThroughput = 100;
            o.PageSize = 7;
            tweak(o);
        });
        return services.BuildServiceProvider();
    }

    private static HrTrainingRecord Record(int i) => new()
    {
        RecordId = $"rec-{i:D3}",
        EmployeeNumber = $"M{i:D4}",
        ModuleId = "TC-01",
        Title = "Comprendre l'IA générative",
        StartDate = new DateOnly(2026, 10, 1),
        EndDate = new DateOnly(2026, 10, 1),
        DurationHours = 3.5m,
        Provider = "CNFPT",
        DeliveryMode = "e-learning",
        Outcome = "passed",
        Score = 85,
        Status = "recorded",
    };

    [Fact]
    public async Task SendTrainingRecords_With429_500_Slow_AndDroppedResponses_LosesNothing_AndDuplicatesNothing()
    {
        server.RequiredApiKey = "secret-key";
        server.InjectRecordFaults(
            Fault.TooManyRequests, Fault.None, Fault.ServerError, Fault.None, Fault.Slow, Fault.None, Fault.DropAfter, Fault.None, Fault.DropBefore,
            Fault.None, Fault.Unavailable, Fault.ServerError, Fault.None, Fault.Slow, Fault.None, Fault.None, Fault.DropAfter);
        var client = provider.GetRequiredService<HrBridgeClient>();

        var repeats = 0;
        for (var i = 0; i < 30; i++)
        {
            var (_, already) = await client.SendTrainingRecordAsync(Record(i), $"val-de-brume:rec-{i:D3}:recorded");
            repeats += already ? 1 : 0;
        }

        Assert.Equal(30, server.Records.Count);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"val-de-brume:rec-{i:D3}:recorded"), server.Records.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(30, server.Records.Values.Select(r => r.Receipt.HrReference).Distinct().Count());
        Assert.True(server.RecordRequests.Count >= 30 + 9, $"{server.RecordRequests.Count} requests");

        // Slow and dropped answers came after the record was stored: the retries were acknowledged (200), not stored again.
        Assert.True(repeats >= 4, $"{repeats} repeats");
        Assert.True(server.RecordRequests.Count(r => r.Status == 200) >= repeats);
        Assert.Equal(30, server.RecordRequests.Count(r => r.Status == 201));
    }

    [Fact]
    public async Task SendTrainingRecord_After429_WaitsForRetryAfter()
    {
        server.InjectRecordFaults(Fault.TooManyRequests);
        var client = provider.GetRequiredService<HrBridgeClient>();

        await client.SendTrainingRecordAsync(Record(1), "k1");

        var requests = server.RecordRequests.ToArray();
        Assert.Equal([429, 201], requests.Select(r => r.Status));
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {(requests[1].At - requests[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task SendTrainingRecord_SameKeyOtherBody_IsAConflict_NotRetried()
    {
        var client = provider.GetRequiredService<HrBridgeClient>();
        await client.SendTrainingRecordAsync(Record(1), "k1");

        var error = await Assert.ThrowsAsync<HrBridgeException>(() => client.SendTrainingRecordAsync(Record(2), "k1"));

        Assert.Equal(409, error.StatusCode);
        Assert.Equal(2, server.RecordRequests.Count);
        Assert.Single(server.Records);
    }

    [Fact]
    public async Task SendTrainingRecord_RetryAfterBeyondTheLimit_FailsFast()
    {
        server.InjectRecordFaults(Fault.LongRetryAfter);
        var client = provider.GetRequiredService<HrBridgeClient>();
        var started = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<HrBridgeException>(() => client.SendTrainingRecordAsync(Record(1), "k1"));

        Assert.Contains("Retry-After", error.Message, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.Empty(server.Records);
    }

    [Fact]
    public async Task SendTrainingRecord_BridgeDown_OpensTheCircuit_ThenFailsWithoutCallingIt()
    {
        await using var breaking = Client(o =>
        {
            o.MaxRetries = 1;
            o.BreakMinimumThroughput = 4;
            o.BreakFailureRatio = 0.5;
            o.BreakDuration = TimeSpan.FromSeconds(30);
        });
        server.Down = true;
        var client = breaking.GetRequiredService<HrBridgeClient>();

        var errors = new List<HrBridgeException>();
        for (var i = 0; i < 6; i++)
        {
            errors.Add(await Assert.ThrowsAsync<HrBridgeException>(() => client.SendTrainingRecordAsync(Record(i), $"k{i}")));
        }

        var calls = server.RecordRequests.Count;
        Assert.Contains(errors, e => e.Message.Contains("circuit open", StringComparison.Ordinal));
        await Assert.ThrowsAsync<HrBridgeException>(() => client.SendTrainingRecordAsync(Record(9), "k9"));
        Assert.Equal(calls, server.RecordRequests.Count);
        Assert.Empty(server.Records);
    }

    [Fact]
    public async Task ListAgents_PagesThroughEveryAgentOnce_DespiteFaults_AndFiltersOnUpdatedSince()
    {
        var start = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 30; i++)
        {
            server.Agents.Add(new HrBridgeAgent { EmployeeNumber = $"M{i:D4}", DisplayName = $"Agent {i}", UpdatedAt = start.AddHours(i), Status = "active" });
        }

        server.InjectAgentFaults(Fault.ServerError, Fault.DropBefore, Fault.Slow);
        var client = provider.GetRequiredService<HrBridgeClient>();

        var all = new List<HrBridgeAgent>();
        await foreach (var page in client.ListAgentPagesAsync(null))
        {
            all.AddRange(page.Items);
        }

        var recent = new List<HrBridgeAgent>();
        await foreach (var page in client.ListAgentPagesAsync(start.AddHours(25)))
        {
            recent.AddRange(page.Items);
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"M{i:D4}"), all.Select(a => a.EmployeeNumber));
        Assert.Equal(["M0025", "M0026", "M0027", "M0028", "M0029"], recent.Select(a => a.EmployeeNumber));
    }

    [Fact]
    public void Contract_IsShippedInThePackage_AndDescribesBothOperations()
    {
        using var document = JsonDocument.Parse(HrBridgeContract.GetOpenApiJson());
        var root = document.RootElement;
        var paths = root.GetProperty("paths");

        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("ListAgents", paths.GetProperty("/agents").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Contains(paths.GetProperty("/agents").GetProperty("get").GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "updatedSince");
        var receive = paths.GetProperty("/training-records").GetProperty("post");
        Assert.Contains(receive.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
        Assert.True(receive.GetProperty("responses").TryGetProperty("429", out _));
        Assert.Equal(
            typeof(HrTrainingRecord).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal),
            root.GetProperty("components").GetProperty("schemas").GetProperty("TrainingRecord").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
