using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Server;
using AiLiteracy.Server.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Connector.Tests.Infrastructure;

/// <summary>
/// The real AI Literacy server on Kestrel, on a free loopback port, wired like Program.cs, on a fresh SQLite file; the
/// connector's connection is the server URL plus an API key of a tenant the test creates.
/// </summary>
public sealed class ConnectorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string databaseFile;

    private ConnectorServer(WebApplication app, Uri baseAddress, string databaseFile)
    {
        this.app = app;
        this.databaseFile = databaseFile;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<ConnectorServer> StartAsync(Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ailiteracy-connector-tests");
        Directory.CreateDirectory(directory);
        var databaseFile = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".db");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiLiteracy:Storage:Provider"] = "sqlite",
            ["AiLiteracy:Storage:ConnectionString"] = $"Data Source={databaseFile}",
            ["AiLiteracy:Storage:ApplyMigrationsAtStartup"] = "true",
            ["AiLiteracy:Server:Entra:Audiences:0"] = "api://ailiteracy-connector-tests",
            ["AiLiteracy:Server:Seed:DemoAuthority"] = "false",
            ["AiLiteracy:Server:RateLimit:TokenLimit"] = "100000",
            ["AiLiteracy:Server:RateLimit:TokensPerSecond"] = "100000",
            ["AiLiteracy:Server:ApiKeys:CacheDuration"] = "00:00:00",
            ["AiLiteracy:Server:Webhooks:PollInterval"] = "00:00:00.100",
            ["AiLiteracy:Server:Webhooks:AllowPrivateNetworkTargets"] = "true",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddAiLiteracyServer(builder.Configuration, builder.Environment);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAiLiteracyServer();
        app.MapAiLiteracyApi("/api/v1");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConnectorServer(app, new Uri(address), databaseFile);
    }

    /// <summary>
    /// Creates a tenant with two directorates, registered with <paramref name="entraTenantId"/> when given, and returns a
    /// write API key (what a maker's connection holds with the API-key connector).
    /// </summary>
    public async Task<string> CreateTenantAsync(string tenantId, string? entraTenantId = null)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().CreateAsync(new Organization
            {
                Id = tenantId,
                Name = "Communauté de communes " + tenantId,
                Kind = OrganizationKind.Epci,
                OrgUnits =
                [
                    new OrgUnit { Id = "DGS", Name = "Direction générale des services", Kind = OrgUnitKind.General },
                    new OrgUnit { Id = "DRH", Name = "Direction des ressources humaines", Kind = OrgUnitKind.Directorate, ParentId = "DGS" },
                ],
            }, entraTenantId);
        }

        await using var tenantScope = app.Services.CreateAsyncScope();
        tenantScope.ServiceProvider.GetRequiredService<RequestTenantContext>().Set(tenantId);
        var key = await tenantScope.ServiceProvider.GetRequiredService<IApiKeyStore>().CreateAsync("power-automate", [AiLiteracyRoles.Write]);
        return key.PlaintextKey;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" })
        {
            File.Delete(file);
        }
    }
}
