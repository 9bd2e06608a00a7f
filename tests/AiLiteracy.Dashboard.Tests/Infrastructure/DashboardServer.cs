using System.Net.Http.Headers;
using System.Text.Json.Nodes;
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

namespace AiLiteracy.Dashboard.Tests.Infrastructure;

/// <summary>
/// The real AI Literacy server, wired exactly like Program.cs, on Kestrel on a free loopback port, in the Development
/// environment: a fresh SQLite file seeded with the demo authority (≈1,240 people) and a development API key; extra
/// settings (such as the dashboard's Entra ID sign-in) come on top.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string folder;

    private DashboardServer(WebApplication app, string folder, Uri baseAddress, string developmentKey)
    {
        this.app = app;
        this.folder = folder;
        BaseAddress = baseAddress;
        DevelopmentKey = developmentKey;
    }

    public Uri BaseAddress { get; }

    public string DevelopmentKey { get; }

    /// <summary>The demo authority's tenant id.</summary>
    public string TenantId => "val-de-brume";

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => app.Services;

    public static async Task<DashboardServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = NewFolder();
        var app = Build(folder, settings);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var key = (await File.ReadAllTextAsync(Path.Combine(folder, "development-api-key.txt"))).Trim();
        return new DashboardServer(app, folder, new Uri(address), key);
    }

    /// <summary>A fresh temporary folder for a server's database and development key.</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ailiteracy-dashboard-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The server application, wired like Program.cs, not started.</summary>
    public static WebApplication Build(string folder, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = folder,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiLiteracy:Storage:Provider"] = "sqlite",
            ["AiLiteracy:Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, "ailiteracy.db")}",
            ["AiLiteracy:Storage:ApplyMigrationsAtStartup"] = "true",
            ["AiLiteracy:Server:Seed:DemoAuthority"] = "true",
            ["AiLiteracy:Server:Seed:DevelopmentKeyFile"] = Path.Combine(folder, "development-api-key.txt"),
            ["AiLiteracy:Server:Webhooks:DeliveryEnabled"] = "false",
            ["AiLiteracy:Reports:CostPerSession"] = "900",
            ["AiLiteracy:Reports:CostPerLearnerHour"] = "30",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddAiLiteracyServer(builder.Configuration, builder.Environment);
        var app = builder.Build();
        app.UseAiLiteracyServer();
        app.MapAiLiteracyApi("/api/v1");
        return app;
    }

    /// <summary>Maps (or, with <see langword="null"/>, unmaps) an Entra tenant id to the demo authority, as an administrator would.</summary>
    public async Task MapEntraTenantAsync(string? entraTenantId)
    {
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<RequestTenantContext>().Set(TenantId);
            await scope.ServiceProvider.GetRequiredService<IOrganizationRepository>().SetEntraTenantIdAsync(entraTenantId);
        }

        app.Services.GetRequiredService<EntraTenantCache>().Clear();
    }

    /// <summary>An API client sending the development key, asking for <paramref name="language"/>.</summary>
    public HttpClient CreateApiClient(string language = "fr")
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", DevelopmentKey);
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    public async Task<JsonNode> GetJsonAsync(string path, string language = "fr")
    {
        using var client = CreateApiClient(language);
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the system.
        }
    }
}
