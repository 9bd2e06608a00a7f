using AiLiteracy.Entra.Authentication;
using AiLiteracy.Entra.Sync;
using AiLiteracy.Entra.Tests.Fakes;
using AiLiteracy.Entra.Tests.TestData;

namespace AiLiteracy.Entra.Tests.Authentication;

/// <summary>
/// A sync harness whose connection authenticates for real: MSAL (confidential client or managed identity) talks HTTP to
/// the test server, which validates the credential and issues a token Graph then accepts.
/// </summary>
public sealed class CredentialTestContext : IAsyncDisposable
{
    public const string TenantId = "contoso.fr";
    public const string ClientId = "3f0c6d2a-7b1e-4c55-9a8e-2d4b6c8e0f11";
    public const string AuthorityHost = "https://login.sovcloud-identity.fr";

    private CredentialTestContext(SyncHarness harness)
    {
        Harness = harness;
        Msal = new RedirectingMsalHttpClientFactory(harness.Server.BaseUrl);
        Application = Server.RegisterApplication(ClientId);
        // 12 agents, 8 cleared (i % 3 != 0); the group holds agent 0 (not cleared) and agent 1 (cleared).
        var agents = harness.AddAgents(12, cleared: i => i % 3 != 0);
        Server.AddGroup(SyncHarness.GroupId, [TestWorld.UserIdOf(agents[0].EmployeeNumber), TestWorld.UserIdOf(agents[1].EmployeeNumber)]);
    }

    public SyncHarness Harness { get; }

    public GraphTestServer Server => Harness.Server;

    public RedirectingMsalHttpClientFactory Msal { get; }

    public TestApplication Application { get; }

    /// <summary>The token endpoint MSAL posts to, as the server sees it (the original host).</summary>
    public static string TokenEndpoint => $"{AuthorityHost}/{TenantId}/oauth2/v2.0/token";

    public static async Task<CredentialTestContext> StartAsync() => new(await SyncHarness.StartAsync());

    /// <summary>A connection to the test server's Graph with the given credential, on the Bleu-like sovereign authority.</summary>
    public EntraOptions Connection(EntraCredentialKind credential, Action<EntraOptions>? configure = null)
    {
        var options = new EntraOptions
        {
            Credential = credential,
            TenantId = TenantId,
            ClientId = ClientId,
            AuthorityHost = AuthorityHost,
            GraphBaseUrl = Server.GraphBaseUrl,
        };
        configure?.Invoke(options);
        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();
        Assert.True(problems.Count == 0, string.Join("; ", problems.Select(p => p.ErrorMessage)));
        return options;
    }

    /// <summary>Runs a dry-run group sync with <paramref name="connection"/>: Graph is read, nothing is written.</summary>
    public Task<GroupSyncRunResult> DryRunAsync(EntraOptions connection) =>
        Harness.CreateService(connection, Msal).RunAsync(Harness.Request(dryRun: true));

    /// <summary>Asserts the dry run read Graph with a token issued to <paramref name="principal"/> and planned the expected adds.</summary>
    public void AssertDryRunSucceededAs(GroupSyncRunResult result, string principal)
    {
        Assert.True(result.Status == GroupSyncRunStatus.DryRun, result.Status + ": " + result.Record.Message);
        Assert.Equal(7, result.Plan!.Groups[0].Adds.Count);
        Assert.Single(result.Plan.Groups[0].Removes);
        Assert.Equal(0, Server.WriteRequests);
        Assert.True(Server.Reads > 0);
        Assert.Equal([principal], Server.GraphCallers);
    }

    /// <summary>Asserts the run failed on authentication, before any Graph request, naming the Entra error and the setting.</summary>
    public void AssertFailedBeforeGraph(GroupSyncRunResult result, string errorCode, string setting)
    {
        Assert.Equal(GroupSyncRunStatus.Failed, result.Status);
        Assert.Contains(errorCode, result.Record.Message, StringComparison.Ordinal);
        Assert.Contains(EntraOptions.SectionName + ":" + setting, result.Record.Message, StringComparison.Ordinal);
        Assert.Empty(Server.GraphCallers);
    }

    public static async Task<EntraAuthenticationException> AcquireFailsAsync(EntraOptions connection, RedirectingMsalHttpClientFactory msal)
    {
        var provider = new EntraAccessTokenProvider(connection, msal);
        return await Assert.ThrowsAsync<EntraAuthenticationException>(() => provider.AcquireTokenAsync());
    }

    public async ValueTask DisposeAsync() => await Harness.DisposeAsync();
}
