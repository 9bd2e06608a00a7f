using AiLiteracy.Server.Dashboard;
using AiLiteracy.Server.Endpoints;
using AiLiteracy.Server.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AiLiteracy.Server;

/// <summary>Adds the AI Literacy middleware and endpoints to a <see cref="WebApplication"/>.</summary>
public static class AiLiteracyServerApplicationExtensions
{
    /// <summary>
    /// Adds the middleware of the AI Literacy server in order: problem details for exceptions and empty error
    /// responses; in Development, the Swagger document at <c>/swagger/v1/swagger.json</c> and the API explorer at
    /// <c>/swagger</c> (anonymous); then authentication, per-tenant rate limiting and authorization.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication UseAiLiteracyServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Environment.IsDevelopment())
        {
            // Before authorization: the explorer and its document are open in Development (its Authorize button takes
            // the API key); the API calls made from it are authenticated as usual.
            app.UseOpenApi(o => o.Path = "/swagger/{documentName}/swagger.json");
            app.UseSwaggerUi(o =>
            {
                o.Path = "/swagger";
                o.DocumentPath = "/swagger/{documentName}/swagger.json";
            });
        }

        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Maps the REST API under <paramref name="prefix"/> (agents, completions, charter, definitions, reports, imports, API keys,
    /// webhooks, personal data) and the anonymous health endpoints <c>/health</c>, <c>/health/live</c> and
    /// <c>/health/ready</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The API prefix. Default: <c>/api/v1</c>.</param>
    /// <returns>The group of the API.</returns>
    public static RouteGroupBuilder MapAiLiteracyApi(this IEndpointRouteBuilder endpoints, string prefix = "/api/v1")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous().DisableRateLimiting();

        endpoints.MapAiLiteracyDashboard();
        var api = endpoints.MapGroup(prefix);
        api.MapOrganizationEndpoints();
        api.MapDefinitionEndpoints();
        api.MapAgentEndpoints();
        api.MapCompletionEndpoints();
        api.MapCharterEndpoints();
        api.MapWebhookEndpoints();
        api.MapApiKeyEndpoints();
        api.MapReportEndpoints();
        api.MapImportEndpoints(endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AiLiteracyServerOptions>>().Value.MaxImportBodyBytes);
        api.MapPersonalDataEndpoints();
        api.MapConnectorEndpoints();
        api.MapOperatorTenantEndpoints();
        Entra.EntraSyncEndpoints.MapEntraSyncEndpoints(api);
        return api;
    }
}
