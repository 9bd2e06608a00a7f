using AiLiteracy.Ports;
using AiLiteracy.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AiLiteracy.Tests.Cli;

public sealed class ApiKeyCliTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task ApiKeyCreate_PrintsAKeyThatTheStoreVerifiesWithItsRoles()
    {
        await cli.MigrateDemoAsync();

        var (exitCode, output) = await cli.RunDb("api-key", "create", "--tenant", "val-de-brume", "--name", "Flux RH", "--role", "AiLiteracy.Write", "--role", "AiLiteracy.Read");

        Assert.Equal(0, exitCode);
        var key = output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("ail_", StringComparison.Ordinal));
        var services = new ServiceCollection().AddLogging();
        services.AddAiLiteracyStorage(o =>
        {
            o.Provider = StorageProvider.Sqlite;
            o.ConnectionString = $"Data Source={cli.Database}";
        });
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var verified = await scope.ServiceProvider.GetRequiredService<IApiKeyStore>().VerifyAsync(key);
        Assert.NotNull(verified);
        Assert.Equal("val-de-brume", verified.TenantId);
        Assert.Equal("Flux RH", verified.Name);
        Assert.Equal(["AiLiteracy.Write", "AiLiteracy.Read"], verified.Roles);
    }

    [Fact]
    public async Task ApiKeyCreate_UnknownRole_IsAUsageError()
    {
        var (exitCode, output) = await cli.RunDb("api-key", "create", "--tenant", "val-de-brume", "--name", "x", "--role", "Admin");

        Assert.Equal(2, exitCode);
        Assert.Contains("AiLiteracy.Admin", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeyListAndRevoke_ShowTheKeysWithoutSecrets_AndTheRevokedKeyNoLongerVerifies()
    {
        await cli.MigrateDemoAsync();
        var (_, createdOutput) = await cli.RunDb("api-key", "create", "--tenant", "val-de-brume", "--name", "Connecteur Power Automate", "--role", "AiLiteracy.Read");
        var key = createdOutput.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("ail_", StringComparison.Ordinal));
        var keyId = key.Split('_')[1];

        var listed = await cli.RunJson(0, "api-key", "list", "--tenant", "val-de-brume");
        var (revokeExit, revokeOutput) = await cli.RunDb("api-key", "revoke", keyId, "--tenant", "val-de-brume");
        var (againExit, againOutput) = await cli.RunDb("api-key", "revoke", keyId, "--tenant", "val-de-brume");
        var (unknownExit, unknownOutput) = await cli.RunDb("api-key", "revoke", "0000000000000000", "--tenant", "val-de-brume");
        var (otherTenantExit, _) = await cli.RunDb("api-key", "revoke", keyId, "--tenant", "autre-collectivite");
        var after = await cli.RunJson(0, "api-key", "list", "--tenant", "val-de-brume");

        var item = Assert.Single(listed.EnumerateArray());
        Assert.Equal(keyId, item.GetProperty("keyId").GetString());
        Assert.Equal("Connecteur Power Automate", item.GetProperty("name").GetString());
        Assert.True(item.GetProperty("isActive").GetBoolean());
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, revokeExit);
        Assert.Contains("révoquée", revokeOutput, StringComparison.Ordinal);
        Assert.Equal(0, againExit);
        Assert.Contains("déjà révoquée", againOutput, StringComparison.Ordinal);
        Assert.Equal(2, unknownExit);
        Assert.Contains("0000000000000000", unknownOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, otherTenantExit);
        Assert.False(Assert.Single(after.EnumerateArray()).GetProperty("isActive").GetBoolean());

        var services = new ServiceCollection().AddLogging();
        services.AddAiLiteracyStorage(o =>
        {
            o.Provider = StorageProvider.Sqlite;
            o.ConnectionString = $"Data Source={cli.Database}";
        });
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<IApiKeyStore>().VerifyAsync(key));
    }
}
