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
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Client.Tests.Infrastructure;

/// <summary>The real AI Literacy server on Kestrel, on a free loopback port, wired like Program.cs, on a fresh SQLite file.</summary>
public sealed class RealServer : IAsyncLifetime
{
    private readonly string databaseFile = Path.Combine(Path.GetTempPath(), "ailiteracy-client-tests-" + Guid.NewGuid().ToString("N") + ".db");
    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;

    public string ApiKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiLiteracy:Storage:Provider"] = "sqlite",
            ["AiLiteracy:Storage:ConnectionString"] = $"Data Source={databaseFile}",
            ["AiLiteracy:Storage:ApplyMigrationsAtStartup"] = "true",
            ["AiLiteracy:Server:Seed:DemoAuthority"] = "false",
            ["AiLiteracy:Server:RateLimit:TokenLimit"] = "100000",
            ["AiLiteracy:Server:RateLimit:TokensPerSecond"] = "100000",
            ["AiLiteracy:Server:Webhooks:DeliveryEnabled"] = "false",
            ["AiLiteracy:Server:Webhooks:AllowPrivateNetworkTargets"] = "true",
        });
        builder.Services.AddAiLiteracyServer(builder.Configuration, builder.Environment);
        app = builder.Build();
        app.UseAiLiteracyServer();
        app.MapAiLiteracyApi("/api/v1");
        await app.StartAsync();
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().CreateAsync(new Organization
            {
                Id = "ville-exemple",
                Name = "Ville d'Exemple",
                Kind = OrganizationKind.Commune,
                OrgUnits =
                [
                    new OrgUnit { Id = "DGS", Name = "Direction générale des services", Kind = OrgUnitKind.General },
                    new OrgUnit { Id = "DRH", Name = "Direction des ressources humaines", Kind = OrgUnitKind.Directorate, ParentId = "DGS" },
                ],
            });
        }

        await using var tenantScope = app.Services.CreateAsyncScope();
        tenantScope.ServiceProvider.GetRequiredService<RequestTenantContext>().Set("ville-exemple");
        var key = await tenantScope.ServiceProvider.GetRequiredService<IApiKeyStore>().CreateAsync("client-tests", [AiLiteracyRoles.Admin, AiLiteracyRoles.Write, AiLiteracyRoles.Read]);
        ApiKey = key.PlaintextKey;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" })
        {
            File.Delete(file);
        }
    }
}
