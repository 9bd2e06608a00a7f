using AiLiteracy.Entra.Authentication;
using AiLiteracy.Entra.Graph;
using AiLiteracy.Entra.Sync;
using AiLiteracy.Entra.Tests.Fakes;
using AiLiteracy.Entra.Tests.TestData;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiLiteracy.Entra.Tests.Graph;

public sealed class AuthenticationAndDeltaTests
{
    [Fact]
    public async Task ClientSecret_OnASovereignCloud_RequestsTheGraphHostScopeFromTheConfiguredAuthority_AndCachesTheToken()
    {
        await using var server = await GraphTestServer.StartAsync();
        var options = new EntraOptions
        {
            TenantId = "contoso.fr",
            ClientId = "11111111-2222-3333-4444-555555555555",
            Credential = EntraCredentialKind.ClientSecret,
            ClientSecret = server.ClientSecret,
            AuthorityHost = "https://login.sovcloud-identity.fr",
            GraphBaseUrl = "https://graph.svc.sovcloud.fr/v1.0",
        };
        var provider = new EntraAccessTokenProvider(options, new RedirectingMsalHttpClientFactory(server.BaseUrl));

        var first = await provider.GetAuthorizationTokenAsync(new Uri("https://graph.svc.sovcloud.fr/v1.0/users"));
        var second = await provider.GetAuthorizationTokenAsync(new Uri("https://graph.svc.sovcloud.fr/v1.0/groups"));

        Assert.Equal(GraphTestServer.Token, first);
        Assert.Equal(GraphTestServer.Token, second);
        var request = Assert.Single(server.TokenRequests); // the second token came from MSAL's cache
        Assert.Equal("login.sovcloud-identity.fr", request.Host);
        Assert.Equal("https://graph.svc.sovcloud.fr/.default", request.Form["scope"]);
        Assert.Equal("client_credentials", request.Form["grant_type"]);
    }

    [Fact]
    public async Task TokenProvider_NeverSendsTheTokenToAnotherHostOrOverPlainHttp()
    {
        var options = new EntraOptions { Credential = EntraCredentialKind.EnvironmentToken, TokenEnvironmentVariable = SyncHarness.TokenVariable };
        Environment.SetEnvironmentVariable(SyncHarness.TokenVariable, GraphTestServer.Token);
        var provider = new EntraAccessTokenProvider(options);

        Assert.Equal(GraphTestServer.Token, await provider.GetAuthorizationTokenAsync(new Uri("https://graph.microsoft.com/v1.0/users")));
        Assert.Equal(string.Empty, await provider.GetAuthorizationTokenAsync(new Uri("https://evil.example/v1.0/users")));
        Assert.Equal(string.Empty, await provider.GetAuthorizationTokenAsync(new Uri("http://graph.microsoft.com/v1.0/users")));
    }

    [Fact]
    public async Task WrongClientSecret_FailsWithAnAuthenticationError()
    {
        await using var server = await GraphTestServer.StartAsync();
        var options = new EntraOptions
        {
            TenantId = "contoso.fr", ClientId = "app", Credential = EntraCredentialKind.ClientSecret, ClientSecret = "wrong",
            AuthorityHost = "https://login.sovcloud-identity.fr", GraphBaseUrl = "https://graph.svc.sovcloud.fr/v1.0",
        };
        var provider = new EntraAccessTokenProvider(options, new RedirectingMsalHttpClientFactory(server.BaseUrl));

        await Assert.ThrowsAsync<EntraAuthenticationException>(() => provider.AcquireTokenAsync());
    }

    [Fact]
    public async Task Options_RequireWhatTheChosenCredentialNeeds()
    {
        var problems = new EntraOptions { Credential = EntraCredentialKind.ClientSecret, GraphBaseUrl = "not a url" }
            .Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())).SelectMany(r => r.MemberNames).ToList();

        Assert.Contains(nameof(EntraOptions.TenantId), problems);
        Assert.Contains(nameof(EntraOptions.ClientId), problems);
        Assert.Contains(nameof(EntraOptions.ClientSecret), problems);
        Assert.Contains(nameof(EntraOptions.GraphBaseUrl), problems);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task DeltaMode_NoOpRun_MakesOneDeltaCallPerGroup_AndSeesChangesMadeOutsideTheSync()
    {
        await using var harness = await SyncHarness.StartAsync();
        var agents = harness.AddAgents(1_500, cleared: i => i % 2 == 0);
        harness.Server.AddGroup(SyncHarness.GroupId);
        harness.Options.MembershipRead = MembershipReadMode.Delta;
        var service = harness.CreateService();
        var firstRun = await service.RunAsync(harness.Request());
        Assert.True(firstRun.Status == GroupSyncRunStatus.Succeeded, firstRun.Record.Message);
        harness.Server.ResetCounters();

        var noOp = await service.RunAsync(harness.Request());

        Assert.True(noOp.Plan!.IsEmpty);
        Assert.Equal(0, harness.Server.WriteRequests);
        Assert.Equal(2 + 1, harness.Server.Reads); // users: 2 pages; one delta call for the group

        // An administrator adds someone who is not cleared: the next delta call sees it and the sync removes them.
        var intruder = TestWorld.UserIdOf(agents[1].EmployeeNumber);
        harness.Server.AddMemberDirectly(SyncHarness.GroupId, intruder);
        var next = await service.RunAsync(harness.Request());

        Assert.Equal(intruder, Assert.Single(next.Plan!.Groups[0].Removes).UserId);
        Assert.DoesNotContain(intruder, harness.Server.MembersOf(SyncHarness.GroupId));
    }

    [Fact]
    public async Task DeltaMode_ExpiredDeltaLink_TriggersAFullResync()
    {
        await using var harness = await SyncHarness.StartAsync();
        var agents = harness.AddAgents(50);
        harness.Server.AddGroup(SyncHarness.GroupId);
        harness.Options.MembershipRead = MembershipReadMode.Delta;
        var service = harness.CreateService();
        await service.RunAsync(harness.Request());
        harness.Server.ExpireDeltaLinks();

        var result = await service.RunAsync(harness.Request());

        Assert.True(result.Status == GroupSyncRunStatus.Succeeded, result.Record.Message);
        Assert.True(result.Plan!.IsEmpty);
        Assert.Contains(harness.Server.RequestLog, r => r.Contains("$filter", StringComparison.Ordinal) && r.Contains("delta", StringComparison.Ordinal));
        Assert.Equal(harness.UserIdsOf(agents), harness.Server.MembersOf(SyncHarness.GroupId));
    }

    [Fact]
    public async Task Throttling_RetriesItemsInANewBatch_AfterTheLongestRetryAfter()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.AddAgents(400);
        harness.Server.AddGroup(SyncHarness.GroupId);
        harness.Server.SetFaults(new GraphFaults { Rate = 0.3, Seed = 7, RetryAfterSeconds = 1, DropConnections = false });
        harness.Options.MaxRetryDelay = TimeSpan.FromSeconds(30);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = await harness.CreateService().RunAsync(harness.Request());

        Assert.Equal(GroupSyncRunStatus.Succeeded, result.Status);
        Assert.Equal(400, harness.Server.MembersOf(SyncHarness.GroupId).Count);
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(1), "the Retry-After of one second was not honoured");
        Assert.Equal(0, harness.Server.AddsOfExistingMembers);
    }
}
