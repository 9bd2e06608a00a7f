using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiLiteracy.Server.Endpoints;

/// <summary>Agents: list, get, upsert by employee number, deactivate, status.</summary>
internal static class AgentEndpoints
{
    public static void MapAgentEndpoints(this RouteGroupBuilder api)
    {
        var agents = api.MapGroup("/agents").WithTags("Agents");

        agents.MapGet("/", ListAgentsAsync)
            .WithName("ListAgents")
            .WithSummary("List agents")
            .WithDescription("Lists the agents of the authority by employee number, filtered by org unit, job family, role, employment status or clearance, one page at a time; follow nextLink for the next page.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        agents.MapGet("/{employeeNumber}", GetAgentAsync)
            .WithName("GetAgent")
            .WithSummary("Get an agent by employee number")
            .WithDescription("Returns the agent with the given HR employee number (matricule).")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .ProducesProblem(StatusCodes.Status404NotFound);

        agents.MapPut("/{employeeNumber}", UpsertAgentAsync)
            .WithName("UpsertAgent")
            .WithSummary("Create or update an agent")
            .WithDescription("Creates the agent with the given employee number, or replaces the stored values; answers 201 when created and 200 otherwise.")
            .RequireAuthorization(AiLiteracyPolicies.Write)
            .ChangesReportData()
            .Produces<AgentView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        agents.MapPost("/{employeeNumber}/deactivate", DeactivateAgentAsync)
            .WithName("DeactivateAgent")
            .WithSummary("Deactivate an agent")
            .WithDescription("Marks the agent as having left the authority on the given date (today by default); their training records are kept for the register.")
            .RequireAuthorization(AiLiteracyPolicies.Write)
            .ChangesReportData()
            .ProducesProblem(StatusCodes.Status404NotFound);

        agents.MapGet("/{employeeNumber}/status", GetAgentStatusAsync)
            .WithName("GetAgentStatus")
            .WithSummary("Get the training and clearance status of an agent")
            .WithDescription("Returns the modules the agent must follow with their states, competency levels and gaps, and whether the agent is cleared to use the approved AI tools, with the reasons.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<PagedResponse<AgentView>>> ListAgentsAsync(
        HttpContext context,
        AgentService service,
        [FromQuery] string? orgUnitId,
        [FromQuery] string? jobFamilyId,
        [FromQuery] string? role,
        [FromQuery] string? status,
        [FromQuery] bool? cleared,
        [FromQuery] int? pageSize,
        [FromQuery] string? continuationToken,
        CancellationToken cancellationToken)
    {
        var page = await service.ListAsync(new AgentQuery
        {
            OrgUnitId = orgUnitId,
            JobFamilyId = jobFamilyId,
            Role = role,
            Status = QueryEnums.Parse<EmploymentStatus>(status, "status"),
            Cleared = cleared,
            PageSize = pageSize ?? PageRequest.DefaultPageSize,
            ContinuationToken = continuationToken,
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PagedResponse<AgentView>(page.Items, context.NextLink(page.ContinuationToken)));
    }

    private static async Task<Ok<AgentView>> GetAgentAsync(string employeeNumber, AgentService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(employeeNumber, cancellationToken).ConfigureAwait(false));

    private static async Task<Results<Created<AgentView>, Ok<AgentView>>> UpsertAgentAsync(
        HttpContext context, string employeeNumber, AgentInput agent, AgentService service, CancellationToken cancellationToken)
    {
        var result = await service.UpsertAsync(employeeNumber, agent, context.Actor(), cancellationToken).ConfigureAwait(false);
        return result.Outcome == UpsertOutcome.Created
            ? TypedResults.Created($"{context.Request.PathBase}{context.Request.Path}", result.Agent)
            : TypedResults.Ok(result.Agent);
    }

    private static async Task<Ok<AgentView>> DeactivateAgentAsync(
        HttpContext context, string employeeNumber, DeactivationInput? deactivation, AgentService service, CancellationToken cancellationToken)
    {
        var (agent, _) = await service.DeactivateAsync(employeeNumber, deactivation?.EndDate, context.Actor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(agent);
    }

    private static async Task<Ok<AgentStatusView>> GetAgentStatusAsync(string employeeNumber, AgentStatusService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetStatusAsync(employeeNumber, cancellationToken).ConfigureAwait(false));
}

/// <summary>When an agent left.</summary>
/// <param name="EndDate">The date the agent left; today when omitted.</param>
public sealed record DeactivationInput(DateOnly? EndDate);
