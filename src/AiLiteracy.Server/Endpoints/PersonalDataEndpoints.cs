using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Endpoints;

/// <summary>GDPR: access, erasure, retention.</summary>
internal static class PersonalDataEndpoints
{
    public static void MapPersonalDataEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/agents/{employeeNumber}/export", async (HttpContext context, string employeeNumber, PersonalDataService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ExportAsync(employeeNumber, context.Actor(), ct).ConfigureAwait(false)))
            .WithTags("Personal data")
            .WithName("ExportAgentData")
            .WithSummary("Export everything held about an agent")
            .WithDescription("Returns every record held about the agent (right of access, GDPR article 15).")
            .RequireAuthorization(AiLiteracyPolicies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/agents/{employeeNumber}/erase", async (HttpContext context, string employeeNumber, PersonalDataService service, CancellationToken ct) =>
                TypedResults.Ok(await service.EraseAsync(employeeNumber, context.Actor(), ct).ConfigureAwait(false)))
            .WithTags("Personal data")
            .WithName("EraseAgentData")
            .ErasesReportData()
            .WithSummary("Erase the personal data of an agent")
            .WithDescription("Erases the agent's name, e-mail, Entra identifiers and manager, marks them as left and replaces their employee number by a random pseudonym (ANON-…) in every record; the training records stay, anonymous, for the register's counts. Returns the agent under the pseudonym.")
            .RequireAuthorization(AiLiteracyPolicies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/personal-data/retention", async (HttpContext context, RetentionInput? input, PersonalDataService service, IOptions<AiLiteracyServerOptions> options, CancellationToken ct) =>
                TypedResults.Ok(await service.ApplyRetentionAsync(input?.RetentionYears ?? options.Value.Retention.YearsAfterLeaving, context.Actor(), ct).ConfigureAwait(false)))
            .WithTags("Personal data")
            .WithName("ApplyRetention")
            .ErasesReportData()
            .WithSummary("Apply the retention policy")
            .WithDescription("Erases the personal data of every agent who left more than the retention period ago (configured, or given in the body).")
            .RequireAuthorization(AiLiteracyPolicies.Admin)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>A retention run.</summary>
/// <param name="RetentionYears">Years kept after leaving; the configured value when omitted.</param>
public sealed record RetentionInput(int? RetentionYears);
