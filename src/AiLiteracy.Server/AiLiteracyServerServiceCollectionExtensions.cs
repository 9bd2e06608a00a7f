using System.Diagnostics;
using System.Threading.RateLimiting;
using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Server.Dashboard;
using AiLiteracy.Server.Health;
using AiLiteracy.Server.Hosting;
using AiLiteracy.Server.OpenApi;
using AiLiteracy.Server.Problems;
using AiLiteracy.Services;
using AiLiteracy.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NJsonSchema.Generation;

namespace AiLiteracy.Server;

/// <summary>Registers the AI Literacy server: authentication, authorization, problem details, rate limiting, health, OpenAPI.</summary>
public static class AiLiteracyServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services of the AI Literacy server to <paramref name="services"/>: options (section
    /// <c>AiLiteracy:Server</c>, validated at start-up), Entra ID bearer and API key authentication, the
    /// <c>AiLiteracy.Read/Write/Admin</c> policies, tenant resolution, RFC 7807 problem details, per-tenant rate
    /// limiting, request size limits, health checks and the Swagger 2.0 document. Storage and use cases are added by
    /// <c>AddAiLiteracyStorage()</c> (section <c>AiLiteracy:Storage</c>) and <c>AddAiLiteracy()</c> (options bound
    /// from section <c>AiLiteracy</c>), which this method calls with the configuration.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (sections <c>AiLiteracy</c>, <c>AiLiteracy:Server</c>, <c>AiLiteracy:Storage</c>).</param>
    /// <param name="environment">The host environment (the development key and private webhook targets exist only in Development).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAiLiteracyServer(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        services.AddOptions<AiLiteracyServerOptions>()
            .Bind(configuration.GetSection(AiLiteracyServerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.TryAddScoped<RequestTenantContext>();
        services.TryAddScoped<ITenantContext>(sp => sp.GetRequiredService<RequestTenantContext>());

        AddUseCasesAndStorage(services, configuration, environment);
        AddAuthentication(services);
        services.AddAiLiteracyDashboard(configuration);
        AddProblemDetails(services);
        AddRateLimiting(services);

        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelLimitsSetup>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ServerJson.Apply(o.SerializerOptions));

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        services.AddEndpointsApiExplorer();
        services.AddSwaggerDocument(settings =>
        {
            OpenApiDocumentSetup.Configure(settings);
            if (settings.SchemaSettings is SystemTextJsonSchemaGeneratorSettings json)
            {
                json.SerializerOptions = ServerJson.Create();
            }
        });

        services.AddAiLiteracyConnectorSupport();
        services.AddHostedService<StartupInitializer>();
        var allowPrivateTargets = environment.IsDevelopment()
            || configuration.GetValue<bool>(AiLiteracyServerOptions.SectionName + ":Webhooks:AllowPrivateNetworkTargets");
        services.AddHttpClient(Webhooks.WebhookDeliveryWorker.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => Webhooks.WebhookDeliveryWorker.CreateHandler(allowPrivateTargets));
        services.AddHostedService<Webhooks.WebhookDeliveryWorker>();
        services.AddHostedService<RetentionWorker>();
        Entra.EntraSyncServiceCollectionExtensions.AddAiLiteracyEntraSync(services, configuration);
        return services;
    }

    private static void AddUseCasesAndStorage(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddAiLiteracyStorage(configuration.GetSection(AiLiteracyStorageOptions.SectionName));
        services.PostConfigure<AiLiteracyStorageOptions>(o => o.ConnectionString = SqlitePaths.ResolveRelativeDataSource(o, environment.ContentRootPath));
        services.AddAiLiteracy();
        services.AddOptions<AiLiteracyOptions>().Bind(configuration.GetSection(AiLiteracyOptions.SectionName));
    }

    private static void AddAuthentication(IServiceCollection services)
    {
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<EntraTenantCache>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, EntraJwtBearerSetup>();
        services.AddAuthentication(AiLiteracyClaims.DefaultScheme)
            .AddPolicyScheme(AiLiteracyClaims.DefaultScheme, "API key or Entra ID bearer token", o =>
            {
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(AiLiteracyClaims.ApiKeyHeader) ? AiLiteracyClaims.ApiKeyScheme : AiLiteracyClaims.BearerScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AiLiteracyClaims.ApiKeyScheme, null)
            .AddJwtBearer(AiLiteracyClaims.BearerScheme, _ => { });

        services.AddAuthorizationBuilder()
            .AddPolicy(AiLiteracyPolicies.Read, p => p.RequireClaim(AiLiteracyClaims.Tenant)
                .RequireClaim(AiLiteracyClaims.Role, AiLiteracyRoles.Read, AiLiteracyRoles.Write, AiLiteracyRoles.Admin))
            .AddPolicy(AiLiteracyPolicies.Write, p => p.RequireClaim(AiLiteracyClaims.Tenant)
                .RequireClaim(AiLiteracyClaims.Role, AiLiteracyRoles.Write, AiLiteracyRoles.Admin))
            .AddPolicy(AiLiteracyPolicies.Admin, p => p.RequireClaim(AiLiteracyClaims.Tenant)
                .RequireClaim(AiLiteracyClaims.Role, AiLiteracyRoles.Admin))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireClaim(AiLiteracyClaims.Tenant)
                .RequireClaim(AiLiteracyClaims.Role, AiLiteracyRoles.Read, AiLiteracyRoles.Write, AiLiteracyRoles.Admin)
                .Build());
    }

    private static void AddProblemDetails(IServiceCollection services)
    {
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var http = context.HttpContext;
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
            problem.Instance ??= http.Request.Path;
            if (problem.Detail is null && problem.Status is { } status)
            {
                var localized = Problems.Problems.Create(http, status, StatusDetail(http, status));
                problem.Title = localized.Title;
                problem.Detail = localized.Detail;
                problem.Type = localized.Type;
            }
        });
    }

    private static string? StatusDetail(HttpContext http, int status) => status switch
    {
        401 => ProblemLanguage.Text(http,
            "Fournissez un jeton Entra ID (Authorization: Bearer …) ou une clé d'API (X-Api-Key) valide.",
            "Provide a valid Entra ID token (Authorization: Bearer …) or API key (X-Api-Key)."),
        403 => ProblemLanguage.Text(http,
            "Vos rôles ne permettent pas cette opération (AiLiteracy.Read, AiLiteracy.Write ou AiLiteracy.Admin).",
            "Your roles do not allow this operation (AiLiteracy.Read, AiLiteracy.Write or AiLiteracy.Admin)."),
        404 => ProblemLanguage.Text(http, "Aucune ressource à cette adresse.", "No resource at this address."),
        405 => ProblemLanguage.Text(http, "Méthode HTTP non autorisée sur cette adresse.", "HTTP method not allowed on this address."),
        413 => ProblemLanguage.Text(http, "Le corps de la requête dépasse la taille autorisée.", "The request body exceeds the allowed size."),
        415 => ProblemLanguage.Text(http, "Type de contenu non pris en charge.", "Unsupported content type."),
        _ => null,
    };

    private static void AddRateLimiting(IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptionsMonitor<AiLiteracyServerOptions>>().CurrentValue.RateLimit;
                if (!options.Enabled || context.Request.Path.StartsWithSegments("/health"))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var tenant = context.User.FindFirst(AiLiteracyClaims.Tenant)?.Value;
                if (tenant is not null)
                {
                    return RateLimitPartition.GetTokenBucketLimiter("tenant:" + tenant, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.TokenLimit,
                        TokensPerPeriod = options.TokensPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
                }

                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter("anonymous:" + address, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.AnonymousPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 1;
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                ServerTelemetry.RateLimited.Add(1);
                var problem = Problems.Problems.Create(http, StatusCodes.Status429TooManyRequests, ProblemLanguage.Text(
                    http,
                    $"Trop de requêtes pour cette collectivité : réessayez dans {seconds} s.",
                    $"Too many requests for this tenant: retry in {seconds} s."));
                problem.Extensions["retryAfterSeconds"] = seconds;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = problem,
                }).ConfigureAwait(false);
            };
        });
    }

    private sealed class KestrelLimitsSetup : IConfigureOptions<KestrelServerOptions>
    {
        private readonly IOptions<AiLiteracyServerOptions> options;

        public KestrelLimitsSetup(IOptions<AiLiteracyServerOptions> options) => this.options = options;

        public void Configure(KestrelServerOptions kestrel)
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.Value.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        }
    }
}
