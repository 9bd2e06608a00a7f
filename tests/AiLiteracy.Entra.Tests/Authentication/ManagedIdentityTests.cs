using AiLiteracy.Entra.Authentication;
using AiLiteracy.Entra.Sync;
using AiLiteracy.Entra.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;

namespace AiLiteracy.Entra.Tests.Authentication;

/// <summary>
/// MSAL picks the managed identity source from process environment variables, so these tests own the process
/// environment while they run: nothing else runs in parallel with them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}

/// <summary>
/// Sets the managed identity environment of an Azure host for the duration of a test (and clears the variables of
/// the other hosts), then restores what was there.
/// </summary>
public sealed class ManagedIdentityEnvironment : IDisposable
{
    /// <summary>Every variable MSAL 4.92 reads to detect the managed identity source.</summary>
    private static readonly string[] Variables =
    [
        "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "IDENTITY_SERVER_THUMBPRINT", "IMDS_ENDPOINT", "MSI_ENDPOINT", "MSI_SECRET",
        "AZURE_POD_IDENTITY_AUTHORITY_HOST", "DEFAULT_IDENTITY_CLIENT_ID",
    ];

    private readonly Dictionary<string, string?> saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);

    private ManagedIdentityEnvironment(IReadOnlyDictionary<string, string> values)
    {
        foreach (var variable in Variables)
        {
            Environment.SetEnvironmentVariable(variable, values.GetValueOrDefault(variable));
        }
    }

    /// <summary>An Azure VM or scale set: no variable, MSAL falls back to IMDS (169.254.169.254).</summary>
    public static ManagedIdentityEnvironment AzureVm() => new(new Dictionary<string, string>());

    /// <summary>App Service or Functions: IDENTITY_ENDPOINT and IDENTITY_HEADER.</summary>
    public static ManagedIdentityEnvironment AppService(string endpoint, string header) => new(new Dictionary<string, string>
    {
        ["IDENTITY_ENDPOINT"] = endpoint,
        ["IDENTITY_HEADER"] = header,
    });

    public void Dispose()
    {
        foreach (var (variable, value) in saved)
        {
            Environment.SetEnvironmentVariable(variable, value);
        }
    }
}

/// <summary>
/// Managed identity end to end: MSAL's managed identity client detects the Azure host, asks its identity endpoint
/// (IMDS, or App Service's local endpoint) for a Graph token, and the sync reads Graph with it. No Entra ID token
/// endpoint is involved and no secret exists.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ManagedIdentityTests
{
    private const string SystemIdentity = "9a4e2c71-0000-4000-8000-00000000a001";
    private const string UserIdentity = "c1d2e3f4-0000-4000-8000-00000000b002";

    [Theory]
    [InlineData(null)]
    [InlineData(UserIdentity)]
    public async Task ManagedIdentity_OnAnAzureVm_GetsItsTokenFromImds_AndTheDryRunReadsGraph(string? userAssigned)
    {
        using var environment = ManagedIdentityEnvironment.AzureVm();
        await using var context = await StartAsync();

        var result = await context.DryRunAsync(Connection(context, userAssigned));

        context.AssertDryRunSucceededAs(result, "mi:" + (userAssigned ?? SystemIdentity));
        var request = Assert.Single(context.Server.ManagedIdentityRequests);
        Assert.Equal(new ManagedIdentityRequest("IMDS", context.Server.GraphResource, userAssigned, "2018-02-01"), request);
        Assert.Empty(context.Server.TokenRequests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(UserIdentity)]
    public async Task ManagedIdentity_OnAppService_UsesIdentityEndpointWithItsHeader_AndTheDryRunReadsGraph(string? userAssigned)
    {
        await using var context = await StartAsync();
        using var environment = ManagedIdentityEnvironment.AppService(context.Server.AppServiceIdentityEndpoint, context.Server.IdentityHeader);

        var result = await context.DryRunAsync(Connection(context, userAssigned));

        context.AssertDryRunSucceededAs(result, "mi:" + (userAssigned ?? SystemIdentity));
        var request = Assert.Single(context.Server.ManagedIdentityRequests);
        Assert.Equal(new ManagedIdentityRequest("AppService", context.Server.GraphResource, userAssigned, "2019-08-01"), request);
    }

    [Fact]
    public async Task ManagedIdentity_TokenIsCached_TheSecondRunDoesNotAskTheEndpointAgain()
    {
        using var environment = ManagedIdentityEnvironment.AzureVm();
        await using var context = await StartAsync();
        var connection = Connection(context, UserIdentity);
        var service = context.Harness.CreateService(connection, context.Msal);

        await service.RunAsync(context.Harness.Request(dryRun: true));
        var second = await service.RunAsync(context.Harness.Request(dryRun: true));

        Assert.Equal(GroupSyncRunStatus.DryRun, second.Status);
        Assert.Single(context.Server.ManagedIdentityRequests);
    }

    [Fact]
    public async Task ManagedIdentity_UserAssignedIdentityNotAttachedToTheHost_FailsBeforeGraph_NamingManagedIdentityClientId()
    {
        using var environment = ManagedIdentityEnvironment.AzureVm();
        await using var context = await StartAsync();
        var connection = Connection(context, "0badc0de-0000-4000-8000-000000000000");

        var result = await context.DryRunAsync(connection);
        var error = await CredentialTestContext.AcquireFailsAsync(connection, context.Msal);

        Assert.Equal(GroupSyncRunStatus.Failed, result.Status);
        Assert.Contains("Identity not found", result.Record.Message, StringComparison.Ordinal);
        Assert.Contains("AiLiteracy:Entra:ManagedIdentityClientId", result.Record.Message, StringComparison.Ordinal);
        Assert.Contains("user-assigned 0badc0de-0000-4000-8000-000000000000", result.Record.Message, StringComparison.Ordinal);
        Assert.Empty(context.Server.GraphCallers);
        Assert.Equal(nameof(EntraOptions.ManagedIdentityClientId), error.Setting);
        Assert.IsType<MsalServiceException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task ManagedIdentity_SystemAssignedNotEnabledOnTheHost_Fails()
    {
        using var environment = ManagedIdentityEnvironment.AzureVm();
        await using var context = await StartAsync();
        context.Server.SystemAssignedIdentity = null;

        var error = await CredentialTestContext.AcquireFailsAsync(Connection(context, null), context.Msal);

        Assert.Contains("system-assigned", error.Message, StringComparison.Ordinal);
        Assert.Contains("Identity not found", error.Message, StringComparison.Ordinal);
        Assert.Empty(context.Server.GraphCallers);
    }

    [Fact]
    public async Task ManagedIdentity_OnAppService_WithAStaleIdentityHeader_IsRefusedByTheEndpoint()
    {
        await using var context = await StartAsync();
        using var environment = ManagedIdentityEnvironment.AppService(context.Server.AppServiceIdentityEndpoint, "stale-header");

        var result = await context.DryRunAsync(Connection(context, null));

        Assert.Equal(GroupSyncRunStatus.Failed, result.Status);
        Assert.Contains("X-IDENTITY-HEADER", result.Record.Message, StringComparison.Ordinal);
        Assert.NotEmpty(context.Server.ManagedIdentityRequests);
        Assert.Empty(context.Server.GraphCallers);
    }

    [Fact]
    public async Task ManagedIdentity_ForAResourceUnknownToTheTenant_NamesScope()
    {
        using var environment = ManagedIdentityEnvironment.AzureVm();
        await using var context = await StartAsync();
        var connection = Connection(context, UserIdentity);
        connection.Scope = "https://graph.svc.sovcloud.fr/.default";

        var error = await CredentialTestContext.AcquireFailsAsync(connection, context.Msal);

        Assert.Equal("AADSTS500011", error.ErrorCode);
        Assert.Equal(nameof(EntraOptions.Scope), error.Setting);
        Assert.Equal("https://graph.svc.sovcloud.fr", Assert.Single(context.Server.ManagedIdentityRequests).Resource);
    }

    [Fact]
    public async Task AddEntraGroupSync_UsesTheRegisteredMsalHttpClientFactory_ForTheManagedIdentityEndpoint()
    {
        using var environment = ManagedIdentityEnvironment.AzureVm();
        await using var context = await StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new TestData.TestTimeProvider());
        services.AddSingleton<IGroupSyncAuditSink>(context.Harness.Audit);
        services.AddKeyedSingleton<IMsalHttpClientFactory>(EntraServiceCollectionExtensions.HttpHandlerKey, context.Msal);
        services.AddEntraGroupSync(o =>
        {
            o.Credential = EntraCredentialKind.ManagedIdentity;
            o.ManagedIdentityClientId = UserIdentity;
            o.GraphBaseUrl = context.Server.GraphBaseUrl;
        });
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await using var scope = provider.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<IGroupSyncService>().RunAsync(context.Harness.Request(dryRun: true));

        context.AssertDryRunSucceededAs(result, "mi:" + UserIdentity);
        Assert.Equal(UserIdentity, Assert.Single(context.Server.ManagedIdentityRequests).ClientId);
    }

    private static async Task<CredentialTestContext> StartAsync()
    {
        var context = await CredentialTestContext.StartAsync();
        context.Server.SystemAssignedIdentity = SystemIdentity;
        context.Server.AddUserAssignedIdentity(UserIdentity);
        return context;
    }

    private static EntraOptions Connection(CredentialTestContext context, string? userAssigned) =>
        context.Connection(EntraCredentialKind.ManagedIdentity, o =>
        {
            o.TenantId = null;
            o.ClientId = null;
            o.ManagedIdentityClientId = userAssigned;
        });
}
