using System.Net.Http.Headers;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AiLiteracy.Server.Tests.Infrastructure;

/// <summary>Where a test server keeps its data.</summary>
/// <param name="Provider">"sqlite" or "postgresql".</param>
/// <param name="ConnectionString">The connection string.</param>
public sealed record TestStorage(string Provider, string ConnectionString);

/// <summary>
/// A real AI Literacy server on Kestrel, on a free loopback port, wired exactly like Program.cs
/// (<c>AddAiLiteracyServer</c> + <c>UseAiLiteracyServer</c> + <c>MapAiLiteracyApi</c>), with test settings and a
/// token signing key the tests control.
/// </summary>
public sealed class ServerInstance : IAsyncDisposable
{
    private readonly WebApplication app;

    private ServerInstance(WebApplication app, Uri baseAddress, TestTokens tokens)
    {
        this.app = app;
        BaseAddress = baseAddress;
        Tokens = tokens;
    }

    public Uri BaseAddress { get; }

    public TestTokens Tokens { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<ServerInstance> StartAsync(
        TestStorage storage,
        IDictionary<string, string?>? settings = null,
        TestTokens? tokens = null,
        string environment = "Production",
        Action<IServiceCollection>? configureServices = null)
    {
        tokens ??= new TestTokens();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var values = new Dictionary<string, string?>
        {
            ["AiLiteracy:Storage:Provider"] = storage.Provider,
            ["AiLiteracy:Storage:ConnectionString"] = storage.ConnectionString,
            ["AiLiteracy:Storage:ApplyMigrationsAtStartup"] = "true",
            ["AiLiteracy:Server:Entra:Audiences:0"] = TestTokens.Audience,
            ["AiLiteracy:Server:Entra:Instance"] = TestTokens.Instance,
            ["AiLiteracy:Server:Seed:DemoAuthority"] = "false",
            ["AiLiteracy:Server:RateLimit:TokenLimit"] = "100000",
            ["AiLiteracy:Server:RateLimit:TokensPerSecond"] = "100000",
            ["AiLiteracy:Server:RateLimit:AnonymousPerMinute"] = "100000",
            ["AiLiteracy:Server:ApiKeys:CacheDuration"] = "00:00:00",
            ["AiLiteracy:Server:Webhooks:PollInterval"] = "00:00:00.100",
            ["AiLiteracy:Server:Webhooks:AllowPrivateNetworkTargets"] = "true",
            ["AiLiteracy:Storage:OutboxRetryBaseDelay"] = "00:00:00.200",
            ["AiLiteracy:Storage:OutboxRetryMaxDelay"] = "00:00:01",

            // The start-up warm-up would build the snapshot of a tenant a test has just created, before the test writes
            // its data; the tests read reports of tenants they fill themselves.
            ["AiLiteracy:Dashboard:WarmSnapshotsOnStart"] = "0",
        };
        if (settings is not null)
        {
            foreach (var (key, value) in settings)
            {
                values[key] = value;
            }
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddAiLiteracyServer(builder.Configuration, builder.Environment);
        builder.Services.PostConfigure<JwtBearerOptions>(AiLiteracyClaims.BearerScheme, o =>
        {
            var configuration = new OpenIdConnectConfiguration();
            configuration.SigningKeys.Add(tokens.SigningKey);
            o.Configuration = configuration;
            o.TokenValidationParameters.IssuerSigningKey = tokens.SigningKey;
        });
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseAiLiteracyServer();
        app.MapAiLiteracyApi("/api/v1");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServerInstance(app, new Uri(address), tokens);
    }

    /// <summary>An HTTP client on the server, without credentials.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>An HTTP client sending <paramref name="apiKey"/>.</summary>
    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>An HTTP client sending a bearer token.</summary>
    public HttpClient CreateBearerClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs <paramref name="work"/> in a scope acting for <paramref name="tenantId"/>.</summary>
    public async Task<T> InTenantAsync<T>(string? tenantId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        if (tenantId is not null)
        {
            scope.ServiceProvider.GetRequiredService<RequestTenantContext>().Set(tenantId);
        }

        return await work(scope.ServiceProvider);
    }

    /// <summary>Creates a tenant (optionally mapped to an Entra tenant) and returns API keys for each role.</summary>
    public async Task<TestTenant> CreateTenantAsync(string tenantId, string? entraTenantId = null, IReadOnlyList<OrgUnit>? orgUnits = null)
    {
        await InTenantAsync<object?>(null, async sp =>
        {
            await sp.GetRequiredService<ITenantDirectory>().CreateAsync(
                new Organization { Id = tenantId, Name = "Collectivité " + tenantId, Kind = OrganizationKind.Commune, OrgUnits = orgUnits ?? [] },
                entraTenantId);
            return null;
        });
        var keys = await InTenantAsync(tenantId, async sp =>
        {
            var store = sp.GetRequiredService<IApiKeyStore>();
            var read = await store.CreateAsync("read", [AiLiteracyRoles.Read]);
            var write = await store.CreateAsync("write", [AiLiteracyRoles.Write]);
            var admin = await store.CreateAsync("admin", [AiLiteracyRoles.Admin]);
            return (read.PlaintextKey, write.PlaintextKey, admin.PlaintextKey);
        });
        return new TestTenant(tenantId, entraTenantId, keys.Item1, keys.Item2, keys.Item3);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>A tenant created for a test with one API key per role.</summary>
public sealed record TestTenant(string Id, string? EntraTenantId, string ReadKey, string WriteKey, string AdminKey);
