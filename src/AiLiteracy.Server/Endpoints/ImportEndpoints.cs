using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Endpoints;

/// <summary>HR CSV imports.</summary>
internal static class ImportEndpoints
{
    public static void MapImportEndpoints(this RouteGroupBuilder api, long maxImportBytes)
    {
        api.MapPost("/imports/agents", ImportAgentsAsync)
            .WithTags("Imports")
            .WithName("ImportAgents")
            .WithSummary("Import agents from an HR CSV file")
            .WithDescription("Creates, updates and deactivates agents from a French HR CSV export sent as multipart/form-data (field file); with full=true, active agents absent from a clean file are deactivated. Returns what was done and the rejected lines.")
            .RequireAuthorization(AiLiteracyPolicies.Write)
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(maxImportBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    private static async Task<Ok<ImportReport>> ImportAgentsAsync(
        HttpContext context, AgentImportService service, [FromQuery] bool? full, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            throw new BadHttpRequestException("Send the file as multipart/form-data.", StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        if (file is null || file.Length == 0)
        {
            throw new InputValidationException([new InputError("file", "required", new Model.LocalizedText(
                "Fichier CSV manquant (champ « file » du formulaire multipart).", "Missing CSV file (multipart form field 'file')."))]);
        }

        await using var stream = file.OpenReadStream();
        var report = await service.ImportAsync(stream, Path.GetFileName(file.FileName), full ?? false, context.Actor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(report);
    }
}
