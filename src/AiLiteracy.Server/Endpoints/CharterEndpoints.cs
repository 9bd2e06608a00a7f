using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiLiteracy.Server.Endpoints;

/// <summary>AI charter: acknowledgements and usage checks.</summary>
internal static class CharterEndpoints
{
    public static void MapCharterEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/acknowledgements", RecordAcknowledgementAsync)
            .WithTags("Charter")
            .WithName("RecordAcknowledgement")
            .WithSummary("Record a charter acknowledgement")
            .WithDescription("Records that an agent accepted a version of the AI charter (the version in force by default); answers 201 when new and 200 when already recorded.")
            .RequireAuthorization(AiLiteracyPolicies.Write)
            .ChangesReportData()
            .Produces<AcknowledgementResult>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/usage-checks", CheckUsageAsync)
            .WithTags("Charter")
            .WithName("CheckUsage")
            .WithSummary("Check a proposed use of an AI tool")
            .WithDescription("Checks whether an agent may use a tool with a class of data for a purpose, published or not, and returns the decision with its conditions and the charter rules cited.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Results<Created<AcknowledgementResult>, Ok<AcknowledgementResult>>> RecordAcknowledgementAsync(
        HttpContext context, AcknowledgementInput acknowledgement, CharterService service, CancellationToken cancellationToken)
    {
        var result = await service.AcknowledgeAsync(acknowledgement, cancellationToken).ConfigureAwait(false);
        return result.Created
            ? TypedResults.Created($"{context.Request.PathBase}/api/v1/agents/{Uri.EscapeDataString(result.EmployeeNumber)}/status", result)
            : TypedResults.Ok(result);
    }

    private static async Task<Ok<UsageDecisionView>> CheckUsageAsync(UsageCheckInput usage, CharterService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.CheckUsageAsync(usage, cancellationToken).ConfigureAwait(false));
}
