using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Hosting;

/// <summary>
/// Prepares the database when the host starts (after the storage's own migration service): seeds the demo authority
/// on a fresh database (when configured) and, in Development only, makes sure a development API key exists; then
/// prints the API explorer URL and the development key once the server listens.
/// </summary>
internal sealed partial class StartupInitializer : IHostedService
{
    private readonly IServiceScopeFactory scopes;
    private readonly IHostEnvironment environment;
    private readonly IHostApplicationLifetime lifetime;
    private readonly IServer server;
    private readonly IOptions<AiLiteracyServerOptions> options;
    private readonly ILogger<StartupInitializer> logger;
    private string? developmentKey;
    private string? sampleEmployeeNumber;

    public StartupInitializer(
        IServiceScopeFactory scopes,
        IHostEnvironment environment,
        IHostApplicationLifetime lifetime,
        IServer server,
        IOptions<AiLiteracyServerOptions> options,
        ILogger<StartupInitializer> logger)
    {
        this.scopes = scopes;
        this.environment = environment;
        this.lifetime = lifetime;
        this.server = server;
        this.options = options;
        this.logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var activity = ServerTelemetry.ActivitySource.StartActivity("ailiteracy.startup");
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var seed = options.Value.Seed;
        if (seed.DemoAuthority)
        {
            await DemoSeeder.SeedIfEmptyAsync(services, seed.DemoTenantId, seed.DemoStaffCount, logger, cancellationToken).ConfigureAwait(false);
        }

        if (environment.IsDevelopment())
        {
            developmentKey = await EnsureDevelopmentKeyAsync(services, seed, cancellationToken).ConfigureAwait(false);
        }

        lifetime.ApplicationStarted.Register(PrintBanner);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<string?> EnsureDevelopmentKeyAsync(IServiceProvider services, SeedOptions seed, CancellationToken cancellationToken)
    {
        var directory = services.GetRequiredService<ITenantDirectory>();
        var tenant = await directory.GetAsync(seed.DemoTenantId, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            LogNoDevelopmentTenant(logger, seed.DemoTenantId);
            return null;
        }

        services.GetRequiredService<RequestTenantContext>().Set(tenant.Id);
        var sample = await services.GetRequiredService<IAgentRepository>()
            .ListAsync(new AgentFilter { Status = Model.EmploymentStatus.Active }, new PageRequest(1), cancellationToken).ConfigureAwait(false);
        sampleEmployeeNumber = sample.Items.FirstOrDefault()?.EmployeeNumber;

        var path = Path.IsPathRooted(seed.DevelopmentKeyFile) ? seed.DevelopmentKeyFile : Path.Combine(environment.ContentRootPath, seed.DevelopmentKeyFile);
        var store = services.GetRequiredService<IApiKeyStore>();
        if (File.Exists(path))
        {
            var existing = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
            var verified = await store.VerifyAsync(existing, cancellationToken).ConfigureAwait(false);
            if (verified is not null && !verified.IsRevoked && verified.TenantId == tenant.Id)
            {
                return existing;
            }
        }

        var created = await store.CreateAsync("Clé de développement / development key", AiLiteracyRoles.All.ToArray(), cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, created.PlaintextKey + Environment.NewLine, cancellationToken).ConfigureAwait(false);
        return created.PlaintextKey;
    }

    private void PrintBanner()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        address = address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
        var lines = new List<string>
        {
            string.Empty,
            "  AI Literacy server : " + address,
            "  Tableau de bord / dashboard : " + address + "/",
            "  Santé / health     : " + address + "/health",
        };
        if (environment.IsDevelopment())
        {
            lines.Add("  Explorateur d'API / API explorer : " + address + "/swagger");
            if (developmentKey is not null)
            {
                lines.Add("  Clé d'API de développement / development API key (X-Api-Key) : " + developmentKey);
                if (sampleEmployeeNumber is not null)
                {
                    lines.Add($"  Essai / try : curl -H \"X-Api-Key: {developmentKey}\" {address}/api/v1/agents/{sampleEmployeeNumber}/status");
                }
            }
        }

        lines.Add(string.Empty);
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "No development API key: tenant {TenantId} does not exist (enable AiLiteracy:Server:Seed:DemoAuthority).")]
    private static partial void LogNoDevelopmentTenant(ILogger logger, string tenantId);
}
