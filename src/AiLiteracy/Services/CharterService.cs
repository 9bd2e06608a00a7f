using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Services;

/// <summary>An acknowledgement as a caller sends it.</summary>
public sealed record AcknowledgementInput
{
    /// <summary>The agent's employee number (required).</summary>
    public string? EmployeeNumber { get; init; }

    /// <summary>The charter version acknowledged; the version in force when omitted.</summary>
    public int? CharterVersion { get; init; }

    /// <summary>Date of acknowledgement; today when omitted.</summary>
    public DateOnly? Date { get; init; }
}

/// <summary>A stored acknowledgement.</summary>
/// <param name="EmployeeNumber">Employee number.</param>
/// <param name="CharterVersion">Charter version.</param>
/// <param name="Date">Date.</param>
/// <param name="Created">Whether this call stored it.</param>
public sealed record AcknowledgementResult(string EmployeeNumber, int CharterVersion, DateOnly Date, bool Created);

/// <summary>A proposed use of an AI tool to check against the charter.</summary>
public sealed record UsageCheckInput
{
    /// <summary>The agent's employee number (required).</summary>
    public string? EmployeeNumber { get; init; }

    /// <summary>The tool id from the registry (required).</summary>
    public string? ToolId { get; init; }

    /// <summary>The most sensitive class of data involved (required).</summary>
    public DataClass? DataClass { get; init; }

    /// <summary>What the tool is used for, in a few words.</summary>
    public string? Purpose { get; init; }

    /// <summary>Whether the output is published to the public.</summary>
    public bool? PublishedExternally { get; init; }

    /// <summary>Whether the use feeds a decision about an individual.</summary>
    public bool? InvolvesIndividualDecision { get; init; }
}

/// <summary>A condition of an allowed use.</summary>
/// <param name="Kind">The kind of condition.</param>
/// <param name="Message">What to do.</param>
/// <param name="RuleIds">Charter rules cited.</param>
public sealed record UsageConditionView(UsageConditionKind Kind, LocalizedText Message, IReadOnlyList<string> RuleIds);

/// <summary>A reason of a usage decision.</summary>
/// <param name="Code">The code.</param>
/// <param name="Message">The message.</param>
/// <param name="RuleIds">Charter rules cited.</param>
/// <param name="ModuleId">Module concerned, if any.</param>
public sealed record UsageReasonView(UsageReasonCode Code, LocalizedText Message, IReadOnlyList<string> RuleIds, string? ModuleId);

/// <summary>The decision on a proposed use.</summary>
public sealed record UsageDecisionView
{
    /// <summary>Employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>Tool id.</summary>
    public required string ToolId { get; init; }

    /// <summary>Evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>allowed, allowed-with-conditions or refused.</summary>
    public required UsageOutcome Outcome { get; init; }

    /// <summary>Whether the use is allowed (possibly with conditions).</summary>
    public required bool IsAllowed { get; init; }

    /// <summary>Conditions to respect.</summary>
    public required IReadOnlyList<UsageConditionView> Conditions { get; init; }

    /// <summary>Reasons (why refused, or notes).</summary>
    public required IReadOnlyList<UsageReasonView> Reasons { get; init; }

    /// <summary>Every charter rule cited.</summary>
    public required IReadOnlyList<string> RuleIds { get; init; }
}

/// <summary>The AI charter use cases: acknowledgements and usage checks.</summary>
public class CharterService
{
    private readonly IAcknowledgementRepository acknowledgements;
    private readonly AgentStatusService status;
    private readonly EventPublisher events;
    private readonly IUnitOfWork unitOfWork;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the service.</summary>
    /// <param name="acknowledgements">Acknowledgements.</param>
    /// <param name="status">Status evaluation.</param>
    /// <param name="events">Webhook events.</param>
    /// <param name="unitOfWork">Transactions.</param>
    /// <param name="timeProvider">The clock.</param>
    public CharterService(IAcknowledgementRepository acknowledgements, AgentStatusService status, EventPublisher events, IUnitOfWork unitOfWork, TimeProvider timeProvider)
    {
        this.acknowledgements = acknowledgements;
        this.status = status;
        this.events = events;
        this.unitOfWork = unitOfWork;
        this.timeProvider = timeProvider;
    }

    /// <summary>Records that an agent accepted a charter version; a repeat keeps the first date. Publishes <c>clearance.changed</c> when it clears the agent.</summary>
    /// <param name="input">The acknowledgement.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored acknowledgement.</returns>
    /// <exception cref="InputValidationException">Invalid input or unknown agent.</exception>
    public virtual async Task<AcknowledgementResult> AcknowledgeAsync(AcknowledgementInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var definitions = await status.LoadDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        var current = definitions.Set.Charter.Version;
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var errors = new InputErrors();
        if (errors.Required("$.employeeNumber", input.EmployeeNumber) && !AgentService.IsValidEmployeeNumber(input.EmployeeNumber))
        {
            errors.Add("$.employeeNumber", "invalid-employee-number", "Matricule invalide.", "Invalid employee number.");
        }

        if (input.CharterVersion is { } version && (version < 1 || version > current))
        {
            errors.Add("$.charterVersion", "unknown-charter-version", $"Version de charte inconnue (1 à {current}).", $"Unknown charter version (1 to {current}).");
        }

        if (input.Date is { } date && date > today.AddDays(1))
        {
            errors.Add("$.date", "in-future", "La date est dans le futur.", "The date is in the future.");
        }

        errors.ThrowIfAny();
        var acknowledgement = new Acknowledgement { EmployeeNumber = input.EmployeeNumber!, CharterVersion = input.CharterVersion ?? current, Date = input.Date ?? today };
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var before = await status.LoadAsync(acknowledgement.EmployeeNumber, ct).ConfigureAwait(false)
                ?? throw new InputValidationException([new InputError("$.employeeNumber", "unknown-agent", new LocalizedText(
                    $"Agent « {acknowledgement.EmployeeNumber} » inconnu.", $"Unknown agent '{acknowledgement.EmployeeNumber}'."))]);
            var (stored, created) = await acknowledgements.RecordAsync(acknowledgement, ct).ConfigureAwait(false);
            if (created)
            {
                var wasCleared = before.Clearance().IsCleared;
                var history = AgentHistory.Create(stored.EmployeeNumber, before.History.Completions, before.History.Acknowledgements.Append(stored), before.History.Evidence);
                var clearance = (before with { History = history }).Clearance();
                if (clearance.IsCleared != wasCleared)
                {
                    await events.PublishAsync(WebhookEvents.ClearanceChanged, new ClearanceChangedEvent(stored.EmployeeNumber, clearance.IsCleared, clearance.AsOf, AgentStatusService.Reasons(clearance)), ct).ConfigureAwait(false);
                }
            }

            return new AcknowledgementResult(stored.EmployeeNumber, stored.CharterVersion, stored.Date, created);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a proposed use of an AI tool against the charter, the tool registry and the agent's clearance.</summary>
    /// <param name="input">The proposed use.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The decision with its conditions and the charter rules cited.</returns>
    /// <exception cref="InputValidationException">Invalid input, unknown agent or tool.</exception>
    public virtual async Task<UsageDecisionView> CheckUsageAsync(UsageCheckInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new InputErrors();
        errors.Required("$.employeeNumber", input.EmployeeNumber);
        errors.Required("$.toolId", input.ToolId);
        errors.Required("$.dataClass", input.DataClass);
        errors.MaxLength("$.purpose", input.Purpose, 500);
        errors.ThrowIfAny();

        var evaluation = AgentService.IsValidEmployeeNumber(input.EmployeeNumber)
            ? await status.LoadAsync(input.EmployeeNumber!, cancellationToken).ConfigureAwait(false)
            : null;
        if (evaluation is null)
        {
            errors.Add("$.employeeNumber", "unknown-agent", $"Agent « {input.EmployeeNumber} » inconnu.", $"Unknown agent '{input.EmployeeNumber}'.");
        }

        if (evaluation is not null && evaluation.Definitions.Compiled.FindTool(input.ToolId!) is null)
        {
            errors.Add("$.toolId", "unknown-tool", $"Outil « {input.ToolId} » absent du registre des outils IA.", $"Tool '{input.ToolId}' is not in the AI tool registry.");
        }

        errors.ThrowIfAny();
        var request = new UsageRequest
        {
            ToolId = input.ToolId!,
            DataClass = input.DataClass!.Value,
            Purpose = input.Purpose,
            PublishedExternally = input.PublishedExternally ?? false,
            InvolvesIndividualDecision = input.InvolvesIndividualDecision ?? false,
        };
        var decision = evaluation!.Engines.UsageCheck.Check(evaluation.Agent, evaluation.History, request);
        return new UsageDecisionView
        {
            EmployeeNumber = decision.EmployeeNumber,
            ToolId = request.ToolId,
            AsOf = decision.AsOf,
            Outcome = decision.Outcome,
            IsAllowed = decision.IsAllowed,
            Conditions = decision.Conditions.Select(c => new UsageConditionView(c.Kind, c.Message, c.RuleIds)).ToArray(),
            Reasons = decision.Reasons.Select(r => new UsageReasonView(r.Code, r.Message, r.RuleIds, r.ModuleId)).ToArray(),
            RuleIds = decision.CitedRuleIds,
        };
    }
}
