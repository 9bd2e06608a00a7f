using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Services;

/// <summary>Everything held about one agent (GDPR right of access, art. 15).</summary>
public sealed record PersonalDataExport
{
    /// <summary>When the export was made.</summary>
    public required DateTimeOffset ExportedAt { get; init; }

    /// <summary>The agent.</summary>
    public required AgentView Agent { get; init; }

    /// <summary>Completions.</summary>
    public required IReadOnlyList<CompletionView> Completions { get; init; }

    /// <summary>Charter acknowledgements.</summary>
    public required IReadOnlyList<Acknowledgement> Acknowledgements { get; init; }

    /// <summary>Competency evidence.</summary>
    public required IReadOnlyList<Evidence> Evidence { get; init; }

    /// <summary>Why these data are processed and for how long.</summary>
    public required LocalizedText Purpose { get; init; }
}

/// <summary>The result of a retention run.</summary>
/// <param name="Erased">Agents whose personal data were erased.</param>
/// <param name="LeftBefore">The cut-off: agents who left before this date were erased.</param>
public sealed record RetentionResult(int Erased, DateOnly LeftBefore);

/// <summary>
/// GDPR: export an agent's data (right of access), erase an agent's personal data on request (right to erasure), and
/// apply the retention policy to agents who left long ago. Erasure removes the name, e-mail, Entra identifiers and
/// manager link, marks the agent as left and replaces the employee number by a random pseudonym
/// (<see cref="Pseudonyms"/>) in every record: the training records stay, anonymous, so the AI Act register keeps its
/// counts (measures delivered by org unit, job family, module), but no longer names anyone.
/// </summary>
public class PersonalDataService
{
    /// <summary>Agents erased per transaction by a retention run.</summary>
    public const int RetentionBatchSize = 100;

    private readonly IAgentRepository agents;
    private readonly ICompletionRepository completions;
    private readonly IAcknowledgementRepository acknowledgements;
    private readonly IEvidenceRepository evidence;
    private readonly IPersonalDataStore store;
    private readonly IUnitOfWork unitOfWork;
    private readonly IAuditLog audit;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the service.</summary>
    /// <param name="agents">Agents.</param>
    /// <param name="completions">Completions.</param>
    /// <param name="acknowledgements">Acknowledgements.</param>
    /// <param name="evidence">Evidence.</param>
    /// <param name="store">Erasure of personal data.</param>
    /// <param name="unitOfWork">Transactions.</param>
    /// <param name="audit">Audit log.</param>
    /// <param name="timeProvider">The clock.</param>
    public PersonalDataService(
        IAgentRepository agents,
        ICompletionRepository completions,
        IAcknowledgementRepository acknowledgements,
        IEvidenceRepository evidence,
        IPersonalDataStore store,
        IUnitOfWork unitOfWork,
        IAuditLog audit,
        TimeProvider timeProvider)
    {
        this.agents = agents;
        this.completions = completions;
        this.acknowledgements = acknowledgements;
        this.evidence = evidence;
        this.store = store;
        this.unitOfWork = unitOfWork;
        this.audit = audit;
        this.timeProvider = timeProvider;
    }

    /// <summary>Exports everything held about an agent.</summary>
    /// <param name="employeeNumber">Employee number.</param>
    /// <param name="actor">Who asks (audit log).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The export.</returns>
    /// <exception cref="ResourceNotFoundException">Unknown agent.</exception>
    public virtual async Task<PersonalDataExport> ExportAsync(string employeeNumber, string actor, CancellationToken cancellationToken = default)
    {
        var agent = await agents.GetAsync(employeeNumber, cancellationToken).ConfigureAwait(false)
            ?? throw new ResourceNotFoundException("agent", employeeNumber);
        var export = new PersonalDataExport
        {
            ExportedAt = timeProvider.GetUtcNow(),
            Agent = AgentView.From(agent),
            Completions = (await completions.ListByAgentAsync(employeeNumber, cancellationToken).ConfigureAwait(false)).Select(CompletionView.From).ToArray(),
            Acknowledgements = await acknowledgements.ListByAgentAsync(employeeNumber, cancellationToken).ConfigureAwait(false),
            Evidence = await evidence.ListByAgentAsync(employeeNumber, cancellationToken).ConfigureAwait(false),
            Purpose = new LocalizedText(
                "Suivi de la formation à l'IA et de l'habilitation à utiliser les outils d'IA (AI Act, art. 4) ; conservé tant que l'agent est en poste puis selon la durée de conservation fixée par la collectivité.",
                "Tracking of AI training and clearance to use AI tools (AI Act, art. 4); kept while the agent is in post, then for the retention period set by the authority."),
        };
        await audit.WriteAsync(actor, "personal-data.export", employeeNumber, null, cancellationToken).ConfigureAwait(false);
        return export;
    }

    /// <summary>
    /// Erases an agent's personal data: name, e-mail, Entra ids and manager are removed, the agent is marked as left
    /// and their employee number is replaced by a new pseudonym in every record (the response gives it). Erasing an
    /// agent already erased (addressed by their pseudonym) changes nothing.
    /// </summary>
    /// <param name="employeeNumber">Employee number (or the pseudonym of an agent already erased).</param>
    /// <param name="actor">Who asks (audit log).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The agent after erasure, under their pseudonym.</returns>
    /// <exception cref="ResourceNotFoundException">Unknown agent.</exception>
    public virtual async Task<AgentView> EraseAsync(string employeeNumber, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(employeeNumber);
        if (Pseudonyms.IsPseudonym(employeeNumber))
        {
            var erased = await agents.GetAsync(employeeNumber, cancellationToken).ConfigureAwait(false)
                ?? throw new ResourceNotFoundException("agent", employeeNumber);
            return AgentView.From(erased);
        }

        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var pseudonym = await EraseOneAsync(employeeNumber, actor, ct).ConfigureAwait(false)
                ?? throw new ResourceNotFoundException("agent", employeeNumber);
            var agent = await agents.GetAsync(pseudonym, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The erased agent is missing.");
            return AgentView.From(agent);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Erases (as <see cref="EraseAsync"/> does) the personal data of every agent who left more than
    /// <paramref name="retentionYears"/> years ago, <see cref="RetentionBatchSize"/> agents per transaction, so that an
    /// interrupted run keeps what it did and the next run goes on. Running it twice erases nobody twice.
    /// </summary>
    /// <param name="retentionYears">Years kept after leaving (1 to 50).</param>
    /// <param name="actor">Who runs it (audit log).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many agents were erased.</returns>
    /// <exception cref="InputValidationException">The retention period is out of range.</exception>
    public virtual async Task<RetentionResult> ApplyRetentionAsync(int retentionYears, string actor, CancellationToken cancellationToken = default)
    {
        if (retentionYears is < 1 or > 50)
        {
            throw new InputValidationException([new InputError("$.retentionYears", "out-of-range", new LocalizedText(
                "La durée de conservation est comprise entre 1 et 50 ans.", "The retention period is between 1 and 50 years."))]);
        }

        var cutoff = Today().AddYears(-retentionYears);
        var erased = 0;
        while (true)
        {
            var due = await store.ListRetentionDueAsync(cutoff, RetentionBatchSize, cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
            {
                break;
            }

            erased += await unitOfWork.ExecuteAsync(async ct =>
            {
                var count = 0;
                foreach (var employeeNumber in due)
                {
                    count += await EraseOneAsync(employeeNumber, actor, ct).ConfigureAwait(false) is null ? 0 : 1;
                }

                return count;
            }, cancellationToken).ConfigureAwait(false);
            if (due.Count < RetentionBatchSize)
            {
                break;
            }
        }

        await audit.WriteAsync(actor, "personal-data.retention", null, $"erased={erased};cutoff={cutoff:yyyy-MM-dd};years={retentionYears}", cancellationToken).ConfigureAwait(false);
        return new RetentionResult(erased, cutoff);
    }

    /// <summary>Erases one agent inside the current transaction and logs it; <see langword="null"/> when unknown.</summary>
    private async Task<string?> EraseOneAsync(string employeeNumber, string actor, CancellationToken cancellationToken)
    {
        var pseudonym = Pseudonyms.New();
        var result = await store.PseudonymizeAsync(employeeNumber, pseudonym, Today(), cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return null;
        }

        // Written after the rewrite: the entry names the pseudonym, never the erased employee number.
        await audit.WriteAsync(
            actor,
            "personal-data.erase",
            pseudonym,
            $"completions={result.Completions};acknowledgements={result.Acknowledgements};evidence={result.Evidence};auditEntries={result.AuditEntries};webhookEvents={result.OutboxEvents};managedAgents={result.ManagedAgents}",
            cancellationToken).ConfigureAwait(false);
        return pseudonym;
    }

    private DateOnly Today() => DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
}
