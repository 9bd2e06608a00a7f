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
}
