using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Services;

/// <summary>A completion as a caller sends it (every field optional in JSON; validation lists every problem).</summary>
public sealed record CompletionInput
{
    /// <summary>The agent's employee number (required).</summary>
    public string? EmployeeNumber { get; init; }

    /// <summary>The module id (required; from the curriculum in force).</summary>
    public string? ModuleId { get; init; }

    /// <summary>The module version followed; the current version when omitted.</summary>
    public int? ModuleVersion { get; init; }

    /// <summary>Date of completion (required; not in the future).</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Outcome; derived from the score and the module's pass mark when omitted, else <c>completed</c>.</summary>
    public CompletionOutcome? Outcome { get; init; }

    /// <summary>Score out of 100.</summary>
    public decimal? Score { get; init; }

    /// <summary>Delivery mode.</summary>
    public DeliveryMode? DeliveryMode { get; init; }

    /// <summary>Source; <c>api</c> when omitted.</summary>
    public CompletionSource? Source { get; init; }

    /// <summary>Link to the evidence (absolute http or https URL).</summary>
    public string? EvidenceUrl { get; init; }

    /// <summary>Id in the source system; makes the submission idempotent per source.</summary>
    public string? ExternalId { get; init; }
}

/// <summary>The result of recording a completion.</summary>
/// <param name="Completion">The stored completion.</param>
/// <param name="Created">Whether this call stored it (<see langword="false"/>: it was already there).</param>
public sealed record CompletionResult(CompletionView Completion, bool Created);

/// <summary>The result of one item of a batch.</summary>
public sealed record BatchItemResult
{
    /// <summary>Position of the item in the batch.</summary>
    public required int Index { get; init; }

    /// <summary><c>created</c>, <c>existing</c> or <c>rejected</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The stored completion, unless rejected.</summary>
    public CompletionView? Completion { get; init; }

    /// <summary>Why the item was rejected.</summary>
    public IReadOnlyList<InputError>? Errors { get; init; }
}

/// <summary>The result of a batch: one result per item, in order; rejected items stored nothing, the others were stored.</summary>
/// <param name="Created">Items stored by this call.</param>
/// <param name="Existing">Items already stored.</param>
/// <param name="Rejected">Items refused.</param>
/// <param name="Items">A result per item.</param>
public sealed record BatchResult(int Created, int Existing, int Rejected, IReadOnlyList<BatchItemResult> Items);

/// <summary>Filters of the completion list.</summary>
public sealed record CompletionQuery
{
    /// <summary>Only completions recorded at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only completions of this agent.</summary>
    public string? EmployeeNumber { get; init; }

    /// <summary>Only completions of this module.</summary>
    public string? ModuleId { get; init; }

    /// <summary>Page size (1 to 1000, default 100).</summary>
    public int PageSize { get; init; } = PageRequest.DefaultPageSize;

    /// <summary>Token of the page to read.</summary>
    public string? ContinuationToken { get; init; }
}

/// <summary>Records completions idempotently, with their webhook events in the same transaction.</summary>
public class CompletionService
{
    /// <summary>The largest batch accepted.</summary>
    public const int MaxBatchSize = 1000;

    private readonly ICompletionRepository completions;
    private readonly AgentStatusService status;
    private readonly EventPublisher events;
    private readonly IUnitOfWork unitOfWork;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the service.</summary>
    /// <param name="completions">Completions.</param>
    /// <param name="status">Status evaluation.</param>
    /// <param name="events">Webhook events.</param>
    /// <param name="unitOfWork">Transactions.</param>
    /// <param name="timeProvider">The clock.</param>
    public CompletionService(ICompletionRepository completions, AgentStatusService status, EventPublisher events, IUnitOfWork unitOfWork, TimeProvider timeProvider)
    {
        this.completions = completions;
        this.status = status;
        this.events = events;
        this.unitOfWork = unitOfWork;
        this.timeProvider = timeProvider;
    }

    /// <summary>
    /// Records a completion. A repeat (same source and external id, or without external id the same agent, module,
    /// version, date and outcome) stores nothing and returns the stored record. A new record publishes
    /// <c>completion.recorded</c>, and <c>clearance.changed</c> when it clears the agent.
    /// </summary>
    /// <param name="input">The completion.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored record and whether this call created it.</returns>
    /// <exception cref="InputValidationException">The completion is invalid (every error listed), or the agent or module is unknown.</exception>
    public virtual async Task<CompletionResult> RecordAsync(CompletionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var definitions = await status.LoadDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        var completion = Validate(input, "$", definitions.Set);
        return await RecordValidAsync(completion, "$", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records up to <see cref="MaxBatchSize"/> completions, each on its own: a rejected item does not stop the others.</summary>
    /// <param name="inputs">The completions.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A result per item.</returns>
    /// <exception cref="InputValidationException">The batch is empty or too large.</exception>
    public virtual async Task<BatchResult> RecordBatchAsync(IReadOnlyList<CompletionInput?> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count is 0 or > MaxBatchSize)
        {
            throw new InputValidationException([new InputError("$", "batch-size", new LocalizedText(
                $"Un lot contient de 1 à {MaxBatchSize} formations suivies (reçu : {inputs.Count}).",
                $"A batch holds 1 to {MaxBatchSize} completions (got {inputs.Count})."))]);
        }

        var definitions = await status.LoadDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        var results = new BatchItemResult[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var path = $"$[{i}]";
            try
            {
                if (inputs[i] is not { } input)
                {
                    throw new InputValidationException([new InputError(path, "required", new LocalizedText("Élément vide.", "Empty item."))]);
                }

                var completion = Validate(input, path, definitions.Set);
                var result = await RecordValidAsync(completion, path, cancellationToken).ConfigureAwait(false);
                results[i] = new BatchItemResult { Index = i, Status = result.Created ? "created" : "existing", Completion = result.Completion };
            }
            catch (InputValidationException ex)
            {
                results[i] = new BatchItemResult { Index = i, Status = "rejected", Errors = ex.Errors };
            }
        }

        return new BatchResult(
            results.Count(r => r.Status == "created"),
            results.Count(r => r.Status == "existing"),
            results.Count(r => r.Status == "rejected"),
            results);
    }

    /// <summary>Lists completions, in recording order.</summary>
    /// <param name="query">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    /// <exception cref="InputValidationException">The page size or token is invalid.</exception>
    public virtual async Task<PageView<CompletionView>> ListAsync(CompletionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > PageRequest.MaxPageSize)
        {
            throw new InputValidationException([new InputError("pageSize", "out-of-range", new LocalizedText(
                $"La taille de page doit être comprise entre 1 et {PageRequest.MaxPageSize}.", $"The page size must be between 1 and {PageRequest.MaxPageSize}."))]);
        }

        bool Matches(CompletionRecord r) =>
            (query.Since is null || r.RecordedAt >= query.Since)
            && (query.ModuleId is null || string.Equals(r.Completion.ModuleId, query.ModuleId, StringComparison.Ordinal));

        if (query.EmployeeNumber is not null)
        {
            // One agent has few completions: filter and page in memory with an offset token.
            var all = (await completions.ListByAgentAsync(query.EmployeeNumber, cancellationToken).ConfigureAwait(false))
                .Where(Matches).OrderBy(r => r.RecordedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray();
            var offset = 0;
            if (query.ContinuationToken is not null && (!int.TryParse(query.ContinuationToken, out offset) || offset < 0))
            {
                throw InvalidToken();
            }

            var items = all.Skip(offset).Take(query.PageSize).Select(CompletionView.From).ToArray();
            var next = offset + items.Length < all.Length ? (offset + items.Length).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return new PageView<CompletionView>(items, next);
        }

        try
        {
            var page = await completions.ListSinceAsync(query.Since ?? DateTimeOffset.MinValue, new PageRequest(query.PageSize, query.ContinuationToken), cancellationToken).ConfigureAwait(false);
            return new PageView<CompletionView>(page.Items.Where(Matches).Select(CompletionView.From).ToArray(), page.ContinuationToken);
        }
        catch (ArgumentException)
        {
            throw InvalidToken();
        }
    }

    /// <summary>Validates a completion input against the curriculum in force.</summary>
    /// <param name="input">The input.</param>
    /// <param name="path">JSON path of the input.</param>
    /// <param name="definitions">Definitions in force.</param>
    /// <returns>The completion.</returns>
    /// <exception cref="InputValidationException">The input is invalid.</exception>
    public Completion Validate(CompletionInput input, string path, DefinitionSet definitions)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(definitions);
        var errors = new InputErrors();
        if (errors.Required(path + ".employeeNumber", input.EmployeeNumber) && !AgentService.IsValidEmployeeNumber(input.EmployeeNumber))
        {
            errors.Add(path + ".employeeNumber", "invalid-employee-number", "Matricule invalide.", "Invalid employee number.");
        }

        Module? module = null;
        if (errors.Required(path + ".moduleId", input.ModuleId))
        {
            module = definitions.Curriculum.Modules.FirstOrDefault(m => m.Id == input.ModuleId);
            if (module is null)
            {
                errors.Add(path + ".moduleId", "unknown-module", $"Module « {input.ModuleId} » absent du référentiel de formation.", $"Module '{input.ModuleId}' is not in the curriculum.");
            }
        }

        if (input.ModuleVersion is { } version && (version < 1 || (module is not null && version > module.Version)))
        {
            errors.Add(path + ".moduleVersion", "out-of-range", $"Version de module invalide (1 à {module?.Version ?? 1}).", $"Invalid module version (1 to {module?.Version ?? 1}).");
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (errors.Required(path + ".date", input.Date) && input.Date > today.AddDays(1))
        {
            errors.Add(path + ".date", "in-future", "La date de formation est dans le futur.", "The completion date is in the future.");
        }

        if (input.Date < new DateOnly(2000, 1, 1))
        {
            errors.Add(path + ".date", "out-of-range", "Date de formation antérieure à 2000.", "Completion date before 2000.");
        }

        if (input.Score is < 0 or > 100)
        {
            errors.Add(path + ".score", "out-of-range", "Le score est compris entre 0 et 100.", "The score is between 0 and 100.");
        }

        if (input.EvidenceUrl is { Length: > 0 } url
            && (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add(path + ".evidenceUrl", "invalid-url", "Lien de preuve invalide (URL http ou https absolue).", "Invalid evidence link (absolute http or https URL).");
        }

        errors.MaxLength(path + ".externalId", input.ExternalId, 200);
        errors.ThrowIfAny();

        var outcome = input.Outcome
            ?? (input.Score is { } score && module?.Assessment is { } assessment
                ? (score >= assessment.PassMark ? CompletionOutcome.Passed : CompletionOutcome.Failed)
                : CompletionOutcome.Completed);
        return new Completion
        {
            EmployeeNumber = input.EmployeeNumber!,
            ModuleId = input.ModuleId!,
            ModuleVersion = input.ModuleVersion ?? module!.Version,
            Date = input.Date!.Value,
            Outcome = outcome,
            Score = input.Score,
            DeliveryMode = input.DeliveryMode,
            Source = input.Source ?? CompletionSource.Api,
            EvidenceUrl = string.IsNullOrWhiteSpace(input.EvidenceUrl) ? null : input.EvidenceUrl,
            ExternalId = string.IsNullOrWhiteSpace(input.ExternalId) ? null : input.ExternalId,
        };
    }

    private async Task<CompletionResult> RecordValidAsync(Completion completion, string path, CancellationToken cancellationToken)
    {
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var before = await status.LoadAsync(completion.EmployeeNumber, ct).ConfigureAwait(false)
                ?? throw new InputValidationException([new InputError(path + ".employeeNumber", "unknown-agent", new LocalizedText(
                    $"Agent « {completion.EmployeeNumber} » inconnu.", $"Unknown agent '{completion.EmployeeNumber}'."))]);
            var result = await completions.RecordCompletionAsync(completion, ct).ConfigureAwait(false);
            var view = CompletionView.From(result.Record);
            if (result.Created)
            {
                await events.PublishAsync(WebhookEvents.CompletionRecorded, new CompletionRecordedEvent(view), ct).ConfigureAwait(false);
                var wasCleared = before.Clearance().IsCleared;
                var history = Engines.AgentHistory.Create(
                    completion.EmployeeNumber, before.History.Completions.Append(result.Record.Completion), before.History.Acknowledgements, before.History.Evidence);
                var clearance = (before with { History = history }).Clearance();
                if (clearance.IsCleared != wasCleared)
                {
                    await events.PublishAsync(WebhookEvents.ClearanceChanged, new ClearanceChangedEvent(completion.EmployeeNumber, clearance.IsCleared, clearance.AsOf, AgentStatusService.Reasons(clearance)), ct).ConfigureAwait(false);
                }
            }

            return new CompletionResult(view, result.Created);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static InputValidationException InvalidToken() =>
        new([new InputError("continuationToken", "invalid-token", new LocalizedText("Jeton de pagination invalide.", "Invalid continuation token."))]);
}
