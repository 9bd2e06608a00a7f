using System.Net.Mail;
using System.Text.Json;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiLiteracy.Server.Endpoints;

/// <summary>
/// Endpoints the Power Platform connector needs beyond the resource API: find an agent by employee number or e-mail,
/// the modules an agent still has to take, the data classes drop-down, and the completion feed behind the polling
/// trigger (newest first, with a watermark the trigger sends back as <c>since</c>).
/// </summary>
internal static class ConnectorEndpoints
{
    /// <summary>The largest number of completions one poll of the completion feed returns.</summary>
    public const int MaxFeedSize = 1000;

    /// <summary>The default number of completions one poll of the completion feed returns.</summary>
    public const int DefaultFeedSize = 100;

    /// <summary>Maps the connector's endpoints, its webhook triggers and its JSON import under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapConnectorEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/agent-lookup", FindAgentAsync)
            .WithTags("Agents")
            .WithName("FindAgent")
            .WithSummary("Find an agent by employee number or email")
            .WithDescription("Returns the agent with the given HR employee number, or else the agent whose professional e-mail address or Entra ID user principal name is the given e-mail (an active agent first when several match); answers 404 when none matches.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/agents/{employeeNumber}/required-modules", ListRequiredModulesAsync)
            .WithTags("Agents")
            .WithName("ListRequiredModules")
            .WithSummary("List the modules an agent must take")
            .WithDescription("Returns the modules the agent still has to take (missing, expired, failed, blocked by a prerequisite or expiring soon), in curriculum order, with whether the agent is cleared; with includeDone, every required module.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/data-classes", ListDataClassesAsync)
            .WithTags("Lookups")
            .WithName("ListDataClasses")
            .WithSummary("List data classes")
            .WithDescription("Lists the data classes of the AI charter in force (public, internal, confidential, personal, sensitive), least sensitive first, for drop-down lists.")
            .RequireAuthorization(AiLiteracyPolicies.Read);

        api.MapGet("/completion-feed", GetCompletionFeedAsync)
            .WithTags("Completions")
            .WithName("GetCompletionFeed")
            .WithSummary("Get the completions recorded since a time")
            .WithDescription("Returns the completions recorded strictly after since, newest first, at most pageSize of them (the oldest ones first when more are waiting), with the watermark to send as since on the next call; without since, returns no completion and the current time as watermark.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var maxImportBytes = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AiLiteracyServerOptions>>().Value.MaxImportBodyBytes;
        return api.MapConnectorTriggerEndpoints(maxImportBytes);
    }

    private static async Task<Ok<AgentView>> FindAgentAsync(
        [FromQuery] string? employeeNumber,
        [FromQuery] string? email,
        IAgentRepository agents,
        CancellationToken cancellationToken)
    {
        var number = employeeNumber?.Trim();
        var address = email?.Trim();
        if (string.IsNullOrEmpty(number) && string.IsNullOrEmpty(address))
        {
            throw new InputValidationException([new InputError("employeeNumber", "required", new LocalizedText(
                "Indiquez un matricule ou une adresse e-mail.", "Give an employee number or an e-mail address."))]);
        }

        if (!string.IsNullOrEmpty(address) && !MailAddress.TryCreate(address, out _))
        {
            throw new InputValidationException([new InputError("email", "invalid-email", new LocalizedText(
                $"Adresse e-mail « {address} » invalide.", $"Invalid e-mail address '{address}'."))]);
        }

        if (!string.IsNullOrEmpty(number) && AgentService.IsValidEmployeeNumber(number)
            && await agents.GetAsync(number, cancellationToken).ConfigureAwait(false) is { } byNumber)
        {
            return TypedResults.Ok(AgentView.From(byNumber));
        }

        if (!string.IsNullOrEmpty(address))
        {
            Agent? best = null;
            await foreach (var agent in agents.StreamAsync(new AgentFilter(), cancellationToken).ConfigureAwait(false))
            {
                if (Matches(agent.Email, address) || Matches(agent.UserPrincipalName, address))
                {
                    if (best is null || Rank(agent).CompareTo(Rank(best)) > 0)
                    {
                        best = agent;
                    }
                }
            }

            if (best is not null)
            {
                return TypedResults.Ok(AgentView.From(best));
            }
        }

        throw new ResourceNotFoundException("agent", string.IsNullOrEmpty(number) ? address! : number);

        static bool Matches(string? value, string address) => string.Equals(value?.Trim(), address, StringComparison.OrdinalIgnoreCase);

        // Active before on leave before left; then the most recent start date.
        static (int, DateOnly) Rank(Agent agent) => (
            agent.Status switch { EmploymentStatus.Active => 2, EmploymentStatus.OnLeave => 1, _ => 0 },
            agent.StartDate ?? DateOnly.MinValue);
    }

    private static async Task<Ok<RequiredModuleList>> ListRequiredModulesAsync(
        string employeeNumber,
        [FromQuery] bool? includeDone,
        AgentStatusService service,
        CancellationToken cancellationToken)
    {
        var status = await service.GetStatusAsync(employeeNumber, cancellationToken).ConfigureAwait(false);
        var items = status.Requirements
            .Where(r => includeDone == true || r.State != RequirementState.Done)
            .ToArray();
        return TypedResults.Ok(new RequiredModuleList(status.EmployeeNumber, status.IsCleared, status.AsOf, items));
    }

    private static async Task<Ok<LookupList>> ListDataClassesAsync(HttpContext context, TenantDefinitionService definitions, CancellationToken cancellationToken)
    {
        var language = context.Language();
        var charter = (await definitions.GetCurrentAsync(cancellationToken).ConfigureAwait(false)).Set.Charter;
        var described = charter.DataClasses.ToDictionary(d => d.Id);
        var items = Enum.GetValues<DataClass>()
            .Order()
            .Select(value =>
            {
                var id = JsonSerializer.Serialize(value, AiLiteracyJson.Compact).Trim('"');
                return described.TryGetValue(value, out var definition)
                    ? new LookupItem { Id = id, Name = definition.Title.Get(language), Description = definition.Examples?.Get(language) }
                    : new LookupItem { Id = id, Name = id };
            })
            .ToArray();
        return TypedResults.Ok(new LookupList(items));
    }

    private static async Task<Ok<CompletionFeed>> GetCompletionFeedAsync(
        [FromQuery] DateTimeOffset? since,
        [FromQuery] int? pageSize,
        ICompletionRepository completions,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var size = pageSize ?? DefaultFeedSize;
        if (size is < 1 or > MaxFeedSize)
        {
            throw new InputValidationException([new InputError("pageSize", "out-of-range", new LocalizedText(
                $"La taille de page doit être comprise entre 1 et {MaxFeedSize}.", $"The page size must be between 1 and {MaxFeedSize}."))]);
        }

        if (since is not { } from)
        {
            // First poll: establish the state; what happened before the flow existed does not trigger it.
            return TypedResults.Ok(new CompletionFeed([], timeProvider.GetUtcNow()));
        }

        var taken = new List<CompletionView>();
        var full = false;
        string? token = null;
        do
        {
            var page = await completions.ListSinceAsync(from, new PageRequest(PageRequest.MaxPageSize, token), cancellationToken).ConfigureAwait(false);
            foreach (var record in page.Items)
            {
                if (record.RecordedAt <= from)
                {
                    continue;
                }

                // Stop at the size, but never between two completions recorded at the same instant: the next poll
                // starts strictly after the watermark and would miss the second one.
                if (taken.Count >= size && record.RecordedAt != taken[^1].RecordedAt)
                {
                    full = true;
                    break;
                }

                taken.Add(CompletionView.From(record));
            }

            token = full ? null : page.ContinuationToken;
        }
        while (token is not null);

        var watermark = taken.Count == 0 ? from : taken.Max(c => c.RecordedAt);
        var newestFirst = taken.OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id, StringComparer.Ordinal).ToArray();
        return TypedResults.Ok(new CompletionFeed(newestFirst, watermark));
    }
}

/// <summary>The modules an agent must take.</summary>
/// <param name="EmployeeNumber">The agent's employee number.</param>
/// <param name="IsCleared">Whether the agent is cleared to use the approved AI tools.</param>
/// <param name="AsOf">Evaluation date.</param>
/// <param name="Items">The required modules with their states, in curriculum order.</param>
public sealed record RequiredModuleList(string EmployeeNumber, bool IsCleared, DateOnly AsOf, IReadOnlyList<RequirementView> Items);

/// <summary>Completions recorded since a time, newest first (the polling trigger's response).</summary>
/// <param name="Value">The completions, newest first.</param>
/// <param name="Watermark">The recording time of the newest completion returned (or the time asked for, or now on a first call): send it as <c>since</c> next time.</param>
public sealed record CompletionFeed(IReadOnlyList<CompletionView> Value, DateTimeOffset Watermark);
