using AiLiteracy.Ports;
using AiLiteracy.Server.Hosting;
using AiLiteracy.Server.Tests.Infrastructure;
using AiLiteracy.Services;
using Microsoft.Extensions.Hosting;

namespace AiLiteracy.Server.Tests;

/// <summary>The scheduled retention job: claimed per tenant in the database, so that instances never run it twice.</summary>
public abstract class RetentionJobTests
{
    protected static RetentionWorker Worker(ServerInstance server) =>
        server.Services.GetServices<IHostedService>().OfType<RetentionWorker>().Single();

    protected static async Task<TestTenant> TenantWithAgentsWhoLeftAsync(ServerInstance server, int longAgo, int recently)
    {
        var tenant = await server.CreateTenantAsync("ret-" + Guid.NewGuid().ToString("N")[..10]);
        using var client = server.CreateClient(tenant.WriteKey);
        for (var i = 0; i < longAgo; i++)
        {
            (await client.PutAgentAsync($"OLD-{i}", new { displayName = $"Parti en 2012 n°{i}", status = "left", endDate = "2012-06-30" })).Dispose();
        }

        for (var i = 0; i < recently; i++)
        {
            (await client.PutAgentAsync($"NEW-{i}", new { displayName = $"Parti récemment n°{i}", status = "left", endDate = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-2).ToString("yyyy-MM-dd") })).Dispose();
        }

        return tenant;
    }

    protected static Task<IReadOnlyList<AuditEntry>> RetentionRunsAsync(ServerInstance server, string tenantId) =>
        server.InTenantAsync(tenantId, async sp =>
            (IReadOnlyList<AuditEntry>)(await sp.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter { Action = "personal-data.retention" }, new PageRequest(50))).Items);

    protected static Task<IReadOnlyList<string>> EmployeeNumbersAsync(ServerInstance server, string tenantId) =>
        server.InTenantAsync(tenantId, async sp =>
            (IReadOnlyList<string>)await sp.GetRequiredService<IAgentRepository>().StreamAsync(new AgentFilter()).Select(a => a.EmployeeNumber).ToListAsync());
}

public sealed class RetentionJobTestsOnSqlite : RetentionJobTests
{
    [Fact]
    public async Task RetentionJob_WhenEnabled_ErasesAgentsWhoLeftLongAgo_InTheBackground_OncePerInterval()
    {
        var storage = SqliteFiles.NewDatabase();
        TestTenant tenant;
        await using (var seeding = await ServerInstance.StartAsync(storage))
        {
            tenant = await TenantWithAgentsWhoLeftAsync(seeding, longAgo: 2, recently: 1);
        }

        await using var server = await ServerInstance.StartAsync(storage, new Dictionary<string, string?>
        {
            ["AiLiteracy:Server:Retention:Enabled"] = "true",
            ["AiLiteracy:Server:Retention:YearsAfterLeaving"] = "3",
            ["AiLiteracy:Server:Retention:CheckInterval"] = "00:00:00.100",
        });

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await RetentionRunsAsync(server, tenant.Id)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(500); // several more checks: none may run again within the interval
        var runs = await RetentionRunsAsync(server, tenant.Id);
        var numbers = await EmployeeNumbersAsync(server, tenant.Id);

        var run = Assert.Single(runs);
        Assert.Equal(RetentionWorker.Actor, run.Actor);
        Assert.StartsWith("erased=2;", run.Details, StringComparison.Ordinal);
        Assert.Equal(2, numbers.Count(Pseudonyms.IsPseudonym));
        Assert.Contains("NEW-0", numbers);
        Assert.DoesNotContain(numbers, n => n.StartsWith("OLD-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetentionJob_IsOffByDefault()
    {
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase());
        var options = server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AiLiteracyServerOptions>>().Value.Retention;

        Assert.False(options.Enabled);
        Assert.Equal(5, options.YearsAfterLeaving);
        Assert.Equal(TimeSpan.FromDays(1), options.Interval);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class RetentionJobTestsOnPostgres : RetentionJobTests
{
    private readonly PostgresFixture fixture;

    public RetentionJobTestsOnPostgres(PostgresFixture fixture) => this.fixture = fixture;

    [Fact]
    public async Task RetentionJob_TwoInstancesSharingPostgres_RunItOncePerTenant()
    {
        var storage = await fixture.NewDatabaseAsync();
        await using var first = await ServerInstance.StartAsync(storage);
        await using var second = await ServerInstance.StartAsync(storage);
        var a = await TenantWithAgentsWhoLeftAsync(first, longAgo: 3, recently: 1);
        var b = await TenantWithAgentsWhoLeftAsync(second, longAgo: 1, recently: 0);

        var runs = await Task.WhenAll(Worker(first).RunOnceAsync(), Worker(second).RunOnceAsync(), Worker(first).RunOnceAsync(), Worker(second).RunOnceAsync());
        var later = await Task.WhenAll(Worker(first).RunOnceAsync(), Worker(second).RunOnceAsync());

        var forA = Assert.Single(runs.SelectMany(r => r), r => r.Key == a.Id);
        var forB = Assert.Single(runs.SelectMany(r => r), r => r.Key == b.Id);
        Assert.Equal(3, forA.Value.Erased);
        Assert.Equal(1, forB.Value.Erased);
        Assert.All(later, r => Assert.Empty(r));
        Assert.Single(await RetentionRunsAsync(first, a.Id));
        Assert.Single(await RetentionRunsAsync(second, b.Id));
        Assert.Equal(["NEW-0"], (await EmployeeNumbersAsync(first, a.Id)).Where(n => !Pseudonyms.IsPseudonym(n)));
    }
}
