using AiLiteracy.Entra.Sync;
using AiLiteracy.Entra.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Entra.Tests.Graph;

public sealed class RegistrationTests
{
    [Fact]
    public async Task AddEntraGroupSync_RegistersAWorkingService_OnTheBuilder()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.AddAgents(30);
        harness.Server.AddGroup(SyncHarness.GroupId);
        var audit = Path.Combine(Path.GetTempPath(), "ailiteracy-audit-" + Guid.NewGuid().ToString("N") + ".jsonl");
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new TestData.TestTimeProvider());
        services.AddAiLiteracy().AddEntraGroupSync(
            o =>
            {
                o.Credential = EntraCredentialKind.EnvironmentToken;
                o.TokenEnvironmentVariable = SyncHarness.TokenVariable;
                o.GraphBaseUrl = harness.Server.GraphBaseUrl;
            },
            o => o.AuditFilePath = audit);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await using var scope = provider.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<IGroupSyncService>().RunAsync(harness.Request());

        Assert.Equal(GroupSyncRunStatus.Succeeded, result.Status);
        Assert.Equal(30, harness.Server.MembersOf(SyncHarness.GroupId).Count);
        Assert.Equal(30, (await File.ReadAllLinesAsync(audit)).Length);
        Assert.Equal(result.Record.RunId, (await scope.ServiceProvider.GetRequiredService<IGroupSyncService>().GetLastRunAsync())!.RunId);
        File.Delete(audit);
    }

    [Fact]
    public void AddEntraGroupSync_RejectsInvalidOptionsAtStartUp()
    {
        var services = new ServiceCollection();
        services.AddEntraGroupSync(o => o.Credential = EntraCredentialKind.ClientSecret, o => o.RequestsPerBatch = 50);
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EntraOptions>>().Value);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EntraGroupSyncOptions>>().Value);
    }
}
