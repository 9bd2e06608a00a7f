using AiLiteracy.Server.Authentication;
using AiLiteracy.Import;
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
            .WithDescription("Creates, updates and deactivates agents from a French HR CSV export sent as multipart/form-data (field file); with full=true, active agents absent from the file are deactivated, unless that would deactivate more than 10 % of the active agents: the import then applies nothing and answers 409 (code import-deactivation-safety-stop), and force=true applies it anyway. Returns what was done and the rejected lines.")
            .RequireAuthorization(AiLiteracyPolicies.Write)
            .ChangesReportData()
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(maxImportBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    /// <param name="context">The request.</param>
    /// <param name="service">The agents import.</param>
    /// <param name="full">Whether the file lists every agent: active agents absent from it are deactivated. Default: false.</param>
    /// <param name="force">Apply a full import even when it deactivates more than the safety threshold of active agents. Default: false.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportAgentsAsync(
        HttpContext context, AgentImportService service, [FromQuery] bool? full, [FromQuery] bool? force, CancellationToken cancellationToken)
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
        return await AgentCsvImport.RunAsync(context, service, stream, Path.GetFileName(file.FileName), full ?? false, force ?? false, cancellationToken).ConfigureAwait(false);
    }
}
