using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiLiteracy.Server.Endpoints;

/// <summary>Completions: record (idempotent), record a batch, list, get.</summary>
internal static class CompletionEndpoints
{
    public static void MapCompletionEndpoints(this RouteGroupBuilder api)
    {
        var completions = api.MapGroup("/completions").WithTags("Completions");

        completions.MapPost("/", RecordCompletionAsync)
            .WithName("RecordCompletion")
            .WithSummary("Record a completed module")
            .WithDescription("Records that an agent followed a module; answers 201 for a new record and 200 with the stored record when the same completion was already submitted.")
            .RequireAuthorization(AiLiteracyPolicies.Write)
            .ChangesReportData()
            .Produces<CompletionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        completions.MapPost("/batch", RecordCompletionBatchAsync)
            .WithName("RecordCompletionBatch")
            .WithSummary("Record a batch of completed modules")
            .WithDescription("Records up to 1,000 completions, each on its own, and returns a result per item: created, existing or rejected with its errors.")
            .RequireAuthorization(AiLiteracyPolicies.Write)
            .ChangesReportData()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        completions.MapGet("/", ListCompletionsAsync)
            .WithName("ListCompletions")
            .WithSummary("List completions")
            .WithDescription("Lists completions in recording order, optionally recorded since a time, of one agent or of one module, one page at a time; follow nextLink for the next page.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        completions.MapGet("/{completionId}", GetCompletionAsync)
            .WithName("GetCompletion")
            .WithSummary("Get a completion")
            .WithDescription("Returns a stored completion by the id the server gave it.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<CompletionView>, Ok<CompletionView>>> RecordCompletionAsync(
        HttpContext context, CompletionInput completion, CompletionService service, CancellationToken cancellationToken)
    {
        var result = await service.RecordAsync(completion, cancellationToken).ConfigureAwait(false);
        ServerTelemetry.CompletionsRecorded.Add(1, new KeyValuePair<string, object?>("created", result.Created));
        return result.Created
            ? TypedResults.Created($"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(result.Completion.Id)}", result.Completion)
            : TypedResults.Ok(result.Completion);
    }

    private static async Task<Ok<BatchResult>> RecordCompletionBatchAsync(CompletionInput?[] completions, CompletionService service, CancellationToken cancellationToken)
    {
        var result = await service.RecordBatchAsync(completions, cancellationToken).ConfigureAwait(false);
        ServerTelemetry.CompletionsRecorded.Add(result.Created, new KeyValuePair<string, object?>("created", true));
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<PagedResponse<CompletionView>>> ListCompletionsAsync(
        HttpContext context,
        CompletionService service,
        [FromQuery] DateTimeOffset? since,
        [FromQuery] string? employeeNumber,
        [FromQuery] string? moduleId,
        [FromQuery] int? pageSize,
        [FromQuery] string? continuationToken,
        CancellationToken cancellationToken)
    {
        var page = await service.ListAsync(new CompletionQuery
        {
            Since = since,
            EmployeeNumber = employeeNumber,
            ModuleId = moduleId,
            PageSize = pageSize ?? PageRequest.DefaultPageSize,
            ContinuationToken = continuationToken,
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PagedResponse<CompletionView>(page.Items, context.NextLink(page.ContinuationToken)));
    }

    private static async Task<Ok<CompletionView>> GetCompletionAsync(string completionId, ICompletionRepository repository, CancellationToken cancellationToken)
    {
        var record = await repository.GetAsync(completionId, cancellationToken).ConfigureAwait(false)
            ?? throw new ResourceNotFoundException("completion", completionId);
        return TypedResults.Ok(CompletionView.From(record));
    }
}
