using System.Text;
using AiLiteracy.Model;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PortKind = AiLiteracy.Ports.DefinitionKind;

namespace AiLiteracy.Server.Endpoints;

/// <summary>Definitions: read and replace the documents; the small lists drop-downs need.</summary>
internal static class DefinitionEndpoints
{
    public static void MapDefinitionEndpoints(this RouteGroupBuilder api)
    {
        var definitions = api.MapGroup("/definitions").WithTags("Definitions");
        MapDocument<Curriculum>(definitions, PortKind.Curriculum, "curriculum", "Curriculum", "curriculum", "le référentiel de formation");
        MapDocument<CompetencyFramework>(definitions, PortKind.CompetencyFramework, "competency-framework", "CompetencyFramework", "competency framework", "le référentiel de compétences");
        MapDocument<JobFamilyCatalog>(definitions, PortKind.JobFamilies, "job-families", "JobFamilies", "job families", "les familles de métiers");
        MapDocument<Charter>(definitions, PortKind.Charter, "charter", "Charter", "AI charter", "la charte IA");
        MapDocument<ToolRegistry>(definitions, PortKind.ToolRegistry, "tool-registry", "ToolRegistry", "AI tool registry", "le registre des outils IA");

        var lookups = api.MapGroup("/").WithTags("Lookups");
        lookups.MapGet("/modules", async (HttpContext context, TenantDefinitionService service, [FromQuery] string? track, CancellationToken ct) =>
                TypedResults.Ok(new LookupList(await service.ListModulesAsync(context.Language(), QueryEnums.Parse<TrackKind>(track, "track"), ct).ConfigureAwait(false))))
            .WithName("ListModules").WithSummary("List modules")
            .WithDescription("Lists the modules of the curriculum in force, optionally of one track, for drop-down lists.")
            .RequireAuthorization(AiLiteracyPolicies.Read);
        lookups.MapGet("/tracks", async (HttpContext context, TenantDefinitionService service, CancellationToken ct) =>
                TypedResults.Ok(new LookupList(await service.ListTracksAsync(context.Language(), ct).ConfigureAwait(false))))
            .WithName("ListTracks").WithSummary("List tracks")
            .WithDescription("Lists the training tracks of the curriculum in force, for drop-down lists.")
            .RequireAuthorization(AiLiteracyPolicies.Read);
        lookups.MapGet("/job-families", async (HttpContext context, TenantDefinitionService service, CancellationToken ct) =>
                TypedResults.Ok(new LookupList(await service.ListJobFamiliesAsync(context.Language(), ct).ConfigureAwait(false))))
            .WithName("ListJobFamilies").WithSummary("List job families")
            .WithDescription("Lists the job families in force, for drop-down lists.")
            .RequireAuthorization(AiLiteracyPolicies.Read);
        lookups.MapGet("/competencies", async (HttpContext context, TenantDefinitionService service, CancellationToken ct) =>
                TypedResults.Ok(new LookupList(await service.ListCompetenciesAsync(context.Language(), ct).ConfigureAwait(false))))
            .WithName("ListCompetencies").WithSummary("List competencies")
            .WithDescription("Lists the competencies of the framework in force, for drop-down lists.")
            .RequireAuthorization(AiLiteracyPolicies.Read);
        lookups.MapGet("/tools", async (HttpContext context, TenantDefinitionService service, CancellationToken ct) =>
                TypedResults.Ok(new LookupList(await service.ListToolsAsync(context.Language(), ct).ConfigureAwait(false))))
            .WithName("ListTools").WithSummary("List AI tools")
            .WithDescription("Lists the AI tools of the registry in force with their status, for drop-down lists.")
            .RequireAuthorization(AiLiteracyPolicies.Read);
        lookups.MapGet("/org-units", async (TenantDefinitionService service, CancellationToken ct) =>
                TypedResults.Ok(new LookupList(await service.ListOrgUnitsAsync(ct).ConfigureAwait(false))))
            .WithName("ListOrgUnits").WithSummary("List org units")
            .WithDescription("Lists the org units of the authority (directorates, divisions, services), for drop-down lists.")
            .RequireAuthorization(AiLiteracyPolicies.Read);
    }

    private static void MapDocument<T>(RouteGroupBuilder group, PortKind kind, string route, string name, string english, string french)
        where T : notnull
    {
        group.MapGet("/" + route, async (HttpContext context, TenantDefinitionService service, CancellationToken ct) =>
            {
                var document = await service.GetDocumentAsync(kind, ct).ConfigureAwait(false);
                context.Response.Headers.ETag = document.Hash is null ? "W/\"reference\"" : $"\"{document.Hash}\"";
                context.Response.Headers["X-Definition-Version"] = document.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Text(document.Json, "application/json", Encoding.UTF8);
            })
            .WithName("Get" + name)
            .WithSummary("Get the " + english)
            .WithDescription($"Returns the {english} in force (the reference content when the authority saved none), with its version in the X-Definition-Version header.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .Produces<T>(StatusCodes.Status200OK, "application/json");

        group.MapPut("/" + route, async (HttpContext context, TenantDefinitionService service, CancellationToken ct) =>
            {
                var json = await ReadBodyAsync(context, ct).ConfigureAwait(false);
                var saved = await service.SaveAsync(kind, json, context.Actor(), ct).ConfigureAwait(false);
                context.Response.Headers.ETag = $"\"{saved.Definition.Info.Hash}\"";
                return TypedResults.Ok(new DefinitionSaved(saved.Definition.Info.Version, saved.Created, saved.Definition.Info.Hash, saved.Definition.Info.CreatedAt));
            })
            .WithName("Put" + name)
            .WithSummary("Replace the " + english)
            .WithDescription($"Validates the {english} together with the other definitions in force and saves it as a new version; answers 422 listing every error with its JSON path, and saves nothing then.")
            .RequireAuthorization(AiLiteracyPolicies.Admin)
            .ChangesReportData()
            .Accepts<T>("application/json")
            .Produces<DefinitionSaved>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        _ = french;
    }

    private static async Task<string> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException("Unsupported content type.", StatusCodes.Status415UnsupportedMediaType);
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InputValidationException([new InputError("$", "required", new LocalizedText("Corps de requête vide : envoyez le document JSON.", "Empty request body: send the JSON document."))]);
        }

        return text;
    }
}

/// <summary>The result of saving a definition document.</summary>
/// <param name="Version">The storage version now in force.</param>
/// <param name="Created">Whether a new version was stored (<see langword="false"/>: identical to the version in force).</param>
/// <param name="Hash">SHA-256 of the document.</param>
/// <param name="SavedAt">When that version was saved.</param>
public sealed record DefinitionSaved(int Version, bool Created, string Hash, DateTimeOffset SavedAt);
