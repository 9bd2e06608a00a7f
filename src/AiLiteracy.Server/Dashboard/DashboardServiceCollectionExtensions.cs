using AiLiteracy.Reports;
using AiLiteracy.Server.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Dashboard;

/// <summary>Registers the dashboard and the reports it shows.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds the dashboard: the reports (<c>AddAiLiteracyReports</c>, options from <c>AiLiteracy:Reports</c>) with
    /// background snapshot rebuilds, the dashboard options (<c>AiLiteracy:Dashboard</c>), the session cookie
    /// authentication scheme and the dashboard policy. Outside <c>/api</c>, a request carrying the session cookie and no
    /// API credential is authenticated by the cookie (so per-tenant rate limiting applies); the API never accepts it.
    /// Once the server listens, the snapshots of the first tenants are built in the background. When
    /// <c>AiLiteracy:Dashboard:Entra:ClientId</c> is set in <paramref name="configuration"/>, sign-in with Microsoft Entra
    /// ID is added (OpenID Connect scheme <see cref="DashboardAuthentication.EntraScheme"/>, settings validated at start-up).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAiLiteracyDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAiLiteracyReports();
        services.AddOptions<AiLiteracyReportOptions>().Bind(configuration.GetSection(AiLiteracyReportOptions.SectionName));
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardEntraOptionsValidator>());
        services.TryAddSingleton<IReportScopeFactory, TenantReportScopeFactory>();
        services.AddDataProtection();
        services.TryAddSingleton<DashboardSessionProtector>();
        services.AddHostedService<ReportSnapshotWarmup>();

        var authentication = services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DashboardAuthenticationHandler>(DashboardAuthentication.Scheme, "Dashboard session", null);
        if (!string.IsNullOrWhiteSpace(configuration[DashboardEntraOptions.SectionName + ":" + nameof(DashboardEntraOptions.ClientId)]))
        {
            services.TryAddSingleton<EntraTenantCache>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OpenIdConnectOptions>, DashboardEntraSetup>());
            authentication.AddOpenIdConnect(DashboardAuthentication.EntraScheme, "Microsoft Entra ID", _ => { });
        }

        services.PostConfigure<PolicySchemeOptions>(AiLiteracyClaims.DefaultScheme, options =>
        {
            var api = options.ForwardDefaultSelector;
            options.ForwardDefaultSelector = context =>
                !DashboardRoutes.IsApi(context.Request.Path)
                && !context.Request.Headers.ContainsKey(AiLiteracyClaims.ApiKeyHeader)
                && !context.Request.Headers.ContainsKey("Authorization")
                && context.Request.Cookies.ContainsKey(DashboardAuthentication.SessionCookie)
                    ? DashboardAuthentication.Scheme
                    : api?.Invoke(context);
        });
        services.AddAuthorizationBuilder().AddPolicy(DashboardAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(DashboardAuthentication.Scheme)
            .RequireClaim(AiLiteracyClaims.Tenant)
            .RequireClaim(AiLiteracyClaims.Role, AiLiteracyRoles.Read, AiLiteracyRoles.Write, AiLiteracyRoles.Admin));
        return services;
    }
}
