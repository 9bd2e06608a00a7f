using System.Net;
using System.Text.Json.Nodes;
using AiLiteracy.Ports;
using AiLiteracy.Server.Entra;
using AiLiteracy.Server.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Tests;

/// <summary>
/// The server's Entra ID group sync over real HTTP: the AI Literacy server on Kestrel with SQLite, the real Graph SDK
/// talking to a local Graph-compatible server.
/// </summary>
public sealed class EntraSyncTests
{
    private static readonly string[] Rh = ["RH-001", "RH-002", "RH-003"];

    [Fact]
    public async Task Trigger_RunsTheSync_AndLastRunReportsIt()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), harness.Settings());
        var tenant = await harness.CreateTenantAsync(server);
        await harness.AddAgentsAsync(server, tenant, "rh", Rh);
        await harness.AddAgentsAsync(server, tenant, "communication", "COM-001");
        using var admin = server.CreateClient(tenant.AdminKey);
        using var reader = server.CreateClient(tenant.ReadKey);

        var (response, run) = await EntraSyncHarness.PostSyncAsync(admin);
        var lastRun = await reader.GetJsonAsync("/api/v1/entra/sync/last-run");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/api/v1/entra/sync/last-run", response.Headers.Location?.OriginalString);
        Assert.Equal("succeeded", run!["status"]!.GetValue<string>());
        Assert.Equal("apply", run["mode"]!.GetValue<string>());
        Assert.False(run["stoppedBySafety"]!.GetValue<bool>());
        Assert.Equal(3, run["plannedAdds"]!.GetValue<int>());
        Assert.Equal(3, run["applied"]!.GetValue<int>());
        var group = Assert.Single(run["groups"]!.AsArray())!;
        Assert.Equal(EntraSyncHarness.GroupId, group["groupId"]!.GetValue<string>());
        Assert.Equal("Licences Copilot", group["name"]!.GetValue<string>());
        Assert.Equal(3, group["added"]!.GetValue<int>());
        Assert.Equal(0, group["removed"]!.GetValue<int>());
        Assert.Empty(run["errors"]!.AsArray());
        Assert.Equal(Rh.Select(EntraSyncHarness.UserIdOf).Order(StringComparer.Ordinal), harness.Graph.MembersOf(EntraSyncHarness.GroupId).Order(StringComparer.Ordinal));
        Assert.Equal(run["runId"]!.GetValue<string>(), lastRun["runId"]!.GetValue<string>());
        Assert.Equal(3, lastRun["groups"]![0]!["plannedAdds"]!.GetValue<int>());
        Assert.StartsWith("apikey:", lastRun["triggeredBy"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trigger_WritesEveryChangeAndTheRun_ToTheAuditLog()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), harness.Settings());
        var tenant = await harness.CreateTenantAsync(server);
        await harness.AddAgentsAsync(server, tenant, "rh", Rh);
        using var admin = server.CreateClient(tenant.AdminKey);

        var (_, run) = await EntraSyncHarness.PostSyncAsync(admin);
        var adds = await EntraSyncHarness.AuditAsync(server, tenant.Id, "entra.group.add");
        var runs = await EntraSyncHarness.AuditAsync(server, tenant.Id, EntraSyncRunner.RunAuditAction);

        Assert.Equal(3, adds.Count);
        Assert.Equal(
            Rh.Select(n => $"{EntraSyncHarness.GroupId}/{EntraSyncHarness.UserIdOf(n)}").Order(StringComparer.Ordinal),
            adds.Select(a => a.Target!).Order(StringComparer.Ordinal));
        Assert.All(adds, a => Assert.Equal(run!["triggeredBy"]!.GetValue<string>(), a.Actor));
        var entry = Assert.Single(runs);
        Assert.Equal(run!["runId"]!.GetValue<string>(), entry.Target);
        Assert.Contains("\"applied\":3", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trigger_RightAfterARun_MakesNoWriteRequest()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), harness.Settings());
        var tenant = await harness.CreateTenantAsync(server);
        await harness.AddAgentsAsync(server, tenant, "rh", Rh);
        using var admin = server.CreateClient(tenant.AdminKey);
        await EntraSyncHarness.PostSyncAsync(admin);
        harness.Graph.ResetCounters();

        var (response, run) = await EntraSyncHarness.PostSyncAsync(admin);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, run!["plannedAdds"]!.GetValue<int>());
        Assert.Equal(0, run["requests"]!["writes"]!.GetValue<long>());
        Assert.Equal(0, harness.Graph.WriteRequests);
    }

    [Fact]
    public async Task Trigger_WithDryRun_RecordsThePlan_WithoutWritingToEntra()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), harness.Settings());
        var tenant = await harness.CreateTenantAsync(server);
        await harness.AddAgentsAsync(server, tenant, "rh", Rh);
        using var admin = server.CreateClient(tenant.AdminKey);

        var (response, run) = await EntraSyncHarness.PostSyncAsync(admin, "?dryRun=true");
        var lastRun = await admin.GetJsonAsync("/api/v1/entra/sync/last-run");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("dry-run", run!["status"]!.GetValue<string>());
        Assert.Equal("dry-run", run["mode"]!.GetValue<string>());
        Assert.Equal(3, run["plannedAdds"]!.GetValue<int>());
        Assert.Equal(0, run["applied"]!.GetValue<int>());
        Assert.Equal(0, harness.Graph.WriteRequests);
        Assert.Empty(harness.Graph.MembersOf(EntraSyncHarness.GroupId));
        Assert.Equal("dry-run", lastRun["mode"]!.GetValue<string>());
        Assert.Empty(await EntraSyncHarness.AuditAsync(server, tenant.Id, "entra.group.add"));
    }

    [Fact]
    public async Task Trigger_StopsForSafety_WhenRemovalsExceedTheThreshold_AndForceAppliesThem()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), harness.Settings());
        var tenant = await harness.CreateTenantAsync(server);
        await harness.AddAgentsAsync(server, tenant, "rh", Rh);
        await harness.AddAgentsAsync(server, tenant, "communication", "COM-001", "COM-002");
        foreach (var number in Rh.Append("COM-001").Append("COM-002"))
        {
            harness.Graph.AddMemberDirectly(EntraSyncHarness.GroupId, EntraSyncHarness.UserIdOf(number));
        }

        using var admin = server.CreateClient(tenant.AdminKey);

        var (stoppedResponse, stopped) = await EntraSyncHarness.PostSyncAsync(admin);
        var membersAfterStop = harness.Graph.MembersOf(EntraSyncHarness.GroupId).Count;
        var writesAfterStop = harness.Graph.WriteRequests;
        var (_, forced) = await EntraSyncHarness.PostSyncAsync(admin, "?force=true");

        Assert.Equal(HttpStatusCode.Accepted, stoppedResponse.StatusCode);
        Assert.Equal("stopped-by-safety", stopped!["status"]!.GetValue<string>());
        Assert.True(stopped["stoppedBySafety"]!.GetValue<bool>());
        Assert.True(stopped["groups"]![0]!["removalThresholdExceeded"]!.GetValue<bool>());
        Assert.Equal(2, stopped["groups"]![0]!["plannedRemoves"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(stopped["message"]?.GetValue<string>()));
        Assert.Equal(5, membersAfterStop);
        Assert.Equal(0, writesAfterStop);
        Assert.Equal("force", forced!["mode"]!.GetValue<string>());
        Assert.Equal("succeeded", forced["status"]!.GetValue<string>());
        Assert.Equal(2, forced["groups"]![0]!["removed"]!.GetValue<int>());
        Assert.Equal(Rh.Select(EntraSyncHarness.UserIdOf).Order(StringComparer.Ordinal), harness.Graph.MembersOf(EntraSyncHarness.GroupId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("read")]
    [InlineData("write")]
    public async Task Trigger_WithoutTheAdminRole_IsForbidden_AndCallsNoGraph(string role)
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), harness.Settings());
        var tenant = await harness.CreateTenantAsync(server);
        await harness.AddAgentsAsync(server, tenant, "rh", Rh);
        using var client = server.CreateClient(role == "read" ? tenant.ReadKey : tenant.WriteKey);

        using var response = await client.PostAsync("/api/v1/entra/sync", null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(0, harness.Graph.Requests);
    }

    [Fact]
    public async Task Trigger_WhileAnotherRunHoldsTheJob_AnswersConflict()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), harness.Settings());
        var tenant = await harness.CreateTenantAsync(server);
        await harness.AddAgentsAsync(server, tenant, "rh", Rh);
        var held = await server.InTenantAsync(tenant.Id, sp =>
            sp.GetRequiredService<IJobLeaseStore>().TryClaimAsync(EntraSyncRunner.JobName, "another-instance", TimeSpan.FromMinutes(10), TimeSpan.Zero));
        using var admin = server.CreateClient(tenant.AdminKey);

        using var response = await admin.PostAsync("/api/v1/entra/sync", null);

        Assert.True(held);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("entra-sync-running", problem.GetProperty("code").GetString());
        Assert.Equal(0, harness.Graph.Requests);
    }

    [Fact]
    public async Task LastRun_BeforeAnyRun_IsNotFound_WithAProblem()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), harness.Settings());
        var tenant = await harness.CreateTenantAsync(server);
        using var reader = server.CreateClient(tenant.ReadKey);

        using var response = await reader.GetAsync("/api/v1/entra/sync/last-run");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("entra-sync-no-run", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Disabled_EndpointsAnswerNotFound_NothingIsRegistered_AndGraphIsNeverCalled()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        var settings = harness.Settings(runOnSchedule: true);
        settings["AiLiteracy:Server:EntraSync:Enabled"] = "false";
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), settings);
        var tenant = await harness.CreateTenantAsync(server);
        await harness.AddAgentsAsync(server, tenant, "rh", Rh);
        using var admin = server.CreateClient(tenant.AdminKey);

        using var trigger = await admin.PostAsync("/api/v1/entra/sync", null);
        using var lastRun = await admin.GetAsync("/api/v1/entra/sync/last-run");
        await Task.Delay(500); // several schedule checks, were the schedule running

        var problem = await ProblemAssert.IsProblemAsync(trigger, HttpStatusCode.NotFound);
        Assert.Equal("entra-sync-not-enabled", problem.GetProperty("code").GetString());
        Assert.Contains("AiLiteracy:Server:EntraSync", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(lastRun, HttpStatusCode.NotFound);
        Assert.Null(server.Services.GetService<EntraSyncRunner>());
        Assert.DoesNotContain(server.Services.GetServices<IHostedService>(), s => s is EntraSyncWorker);
        Assert.Equal(0, harness.Graph.Requests);
    }

    [Fact]
    public async Task Disabled_IsTheDefault()
    {
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase());
        var options = server.Services.GetRequiredService<IOptions<EntraSyncServerOptions>>().Value;

        Assert.False(options.Enabled);
        Assert.False(options.DryRun);
        Assert.False(options.Force);
        Assert.Equal(TimeSpan.FromHours(6), options.Interval);
        Assert.Null(server.Services.GetService<EntraSyncRunner>());
    }

    [Fact]
    public async Task Enabled_ForAnotherAuthority_AnswersNotFound_ForThisOne()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), harness.Settings());
        await harness.CreateTenantAsync(server);
        var other = await server.CreateTenantAsync("other-" + Guid.NewGuid().ToString("N")[..8]);
        using var admin = server.CreateClient(other.AdminKey);

        using var response = await admin.PostAsync("/api/v1/entra/sync", null);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("entra-sync-not-enabled", problem.GetProperty("code").GetString());
        Assert.Equal(0, harness.Graph.Requests);
    }

    [Fact]
    public async Task Schedule_RunsTheSyncInTheBackground_OncePerInterval()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        TestTenant tenant;
        var storage = SqliteFiles.NewDatabase();
        await using (var seeding = await ServerInstance.StartAsync(storage))
        {
            tenant = await harness.CreateTenantAsync(seeding);
            await harness.AddAgentsAsync(seeding, tenant, "rh", Rh);
        }

        await using var server = await ServerInstance.StartAsync(storage, harness.Settings(runOnSchedule: true));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await EntraSyncHarness.AuditAsync(server, tenant.Id, EntraSyncRunner.RunAuditAction)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(500); // several more checks: none may run again within the interval
        var runs = await EntraSyncHarness.AuditAsync(server, tenant.Id, EntraSyncRunner.RunAuditAction);
        using var reader = server.CreateClient(tenant.ReadKey);
        var lastRun = await reader.GetJsonAsync("/api/v1/entra/sync/last-run");

        var run = Assert.Single(runs);
        Assert.Equal(EntraSyncRunner.ScheduleActor, run.Actor);
        Assert.Equal(EntraSyncRunner.ScheduleActor, lastRun["triggeredBy"]!.GetValue<string>());
        Assert.Equal("succeeded", lastRun["status"]!.GetValue<string>());
        Assert.Equal(Rh.Select(EntraSyncHarness.UserIdOf).Order(StringComparer.Ordinal), harness.Graph.MembersOf(EntraSyncHarness.GroupId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Schedule_WithDryRunConfigured_NeverWritesToEntra_EvenWhenTriggered()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        var settings = harness.Settings();
        settings["AiLiteracy:Server:EntraSync:DryRun"] = "true";
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), settings);
        var tenant = await harness.CreateTenantAsync(server);
        await harness.AddAgentsAsync(server, tenant, "rh", Rh);
        using var admin = server.CreateClient(tenant.AdminKey);
        var worker = server.Services.GetServices<IHostedService>().OfType<EntraSyncWorker>().Single();

        var scheduled = await worker.RunOnceAsync();
        var (_, triggered) = await EntraSyncHarness.PostSyncAsync(admin);

        Assert.Equal(EntraSyncRunMode.DryRun, scheduled[tenant.Id].Mode);
        Assert.Equal("dry-run", triggered!["mode"]!.GetValue<string>());
        Assert.Equal(0, harness.Graph.WriteRequests);
        Assert.Empty(harness.Graph.MembersOf(EntraSyncHarness.GroupId));
    }

    [Fact]
    public async Task InvalidRulesForTheDefinitions_FailTheRun_WithTheReason_AndCallNoGraph()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), harness.Settings());
        var tenant = await harness.CreateTenantAsync(server);
        await harness.WriteConfigAsync("""{ "moduleCompleted": "NO-SUCH-MODULE" }""");
        using var admin = server.CreateClient(tenant.AdminKey);

        var (response, run) = await EntraSyncHarness.PostSyncAsync(admin);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("failed", run!["status"]!.GetValue<string>());
        Assert.Contains("NO-SUCH-MODULE", run["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, harness.Graph.Requests);
    }

    [Fact]
    public async Task PerTenantRules_WithTheServersConnection_SyncTheAuthority()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        await File.WriteAllTextAsync(harness.ConfigPath, $$"""
            { "kind": "entra-group-sync", "groups": [ { "id": "{{EntraSyncHarness.GroupId}}", "select": { "jobFamily": "rh" } } ] }
            """);
        await using var server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase(), new Dictionary<string, string?>
        {
            ["AiLiteracy:Server:EntraSync:Enabled"] = "true",
            ["AiLiteracy:Server:EntraSync:RunOnSchedule"] = "false",
            [$"AiLiteracy:Server:EntraSync:Tenants:{harness.TenantId}:ConfigPath"] = harness.ConfigPath,
            ["AiLiteracy:Server:EntraSync:Connection:Credential"] = "EnvironmentToken",
            ["AiLiteracy:Server:EntraSync:Connection:TokenEnvironmentVariable"] = EntraSyncHarness.TokenVariable,
            ["AiLiteracy:Server:EntraSync:Connection:GraphBaseUrl"] = harness.Graph.GraphBaseUrl,
        });
        var tenant = await harness.CreateTenantAsync(server);
        await harness.AddAgentsAsync(server, tenant, "rh", Rh);
        using var admin = server.CreateClient(tenant.AdminKey);

        var (response, run) = await EntraSyncHarness.PostSyncAsync(admin);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("succeeded", run!["status"]!.GetValue<string>());
        Assert.Equal(Rh.Select(EntraSyncHarness.UserIdOf).Order(StringComparer.Ordinal), harness.Graph.MembersOf(EntraSyncHarness.GroupId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StartUp_Fails_WhenTheRulesFileIsMissing()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        var settings = harness.Settings();
        settings["AiLiteracy:Server:EntraSync:ConfigPath"] = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "rules.json");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ServerInstance.StartAsync(SqliteFiles.NewDatabase(), settings));

        Assert.Contains("EntraSync", error.Message, StringComparison.Ordinal);
        Assert.Contains("rules.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_Fails_WhenEnabledWithoutAnyAuthority()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ServerInstance.StartAsync(SqliteFiles.NewDatabase(), new Dictionary<string, string?>
        {
            ["AiLiteracy:Server:EntraSync:Enabled"] = "true",
        }));

        Assert.Contains("no authority is configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_Fails_WhenTheRulesFileHasNoConnection_AndTheServerNone()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        await File.WriteAllTextAsync(harness.ConfigPath, $$"""
            { "kind": "entra-group-sync", "groups": [ { "id": "{{EntraSyncHarness.GroupId}}", "select": { "cleared": true } } ] }
            """);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ServerInstance.StartAsync(SqliteFiles.NewDatabase(), harness.Settings()));

        Assert.Contains("connection", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>Several server instances on one PostgreSQL database: the sync of an authority runs on one of them only.</summary>
[Collection(PostgresCollection.Name)]
public sealed class EntraSyncTestsOnPostgres(PostgresFixture fixture)
{
    [Fact]
    public async Task Schedule_TwoInstancesSharingTheDatabase_RunTheSyncOnce()
    {
        await using var harness = await EntraSyncHarness.StartAsync();
        var storage = await fixture.NewDatabaseAsync();
        await using var first = await ServerInstance.StartAsync(storage, harness.Settings());
        await using var second = await ServerInstance.StartAsync(storage, harness.Settings());
        var tenant = await harness.CreateTenantAsync(first);
        await harness.AddAgentsAsync(first, tenant, "rh", "RH-001", "RH-002");
        static EntraSyncWorker Worker(ServerInstance server) => server.Services.GetServices<IHostedService>().OfType<EntraSyncWorker>().Single();

        var runs = await Task.WhenAll(Worker(first).RunOnceAsync(), Worker(second).RunOnceAsync(), Worker(first).RunOnceAsync(), Worker(second).RunOnceAsync());
        var later = await Task.WhenAll(Worker(first).RunOnceAsync(), Worker(second).RunOnceAsync());

        var ran = Assert.Single(runs.SelectMany(r => r));
        Assert.Equal(tenant.Id, ran.Key);
        Assert.Equal(2, ran.Value.Applied);
        Assert.All(later, r => Assert.Empty(r));
        Assert.Single(await EntraSyncHarness.AuditAsync(first, tenant.Id, EntraSyncRunner.RunAuditAction));
        Assert.Equal(2, (await EntraSyncHarness.AuditAsync(second, tenant.Id, "entra.group.add")).Count);
    }
}
