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
/// <param name="Erased">Agents whose personal fields were erased.</param>
/// <param name="LeftBefore">The cut-off: agents who left before this date were erased.</param>
public sealed record RetentionResult(int Erased, DateOnly LeftBefore);

/// <summary>
/// GDPR: export an agent's data, erase an agent's identifying fields on request, and apply the retention policy to
/// agents who left long ago. Erasure removes the name, e-mail, Entra identifiers and manager link and marks the agent
/// as left; the employee number (an HR pseudonym) and training records stay, so the register keeps its counts.
/// </summary>
public class PersonalDataService
{
    private readonly IAgentRepository agents;
    private readonly ICompletionRepository completions;
    private readonly IAcknowledgementRepository acknowledgements;
    private readonly IEvidenceRepository evidence;
    private readonly IUnitOfWork unitOfWork;
    private readonly IAuditLog audit;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the service.</summary>
    /// <param name="agents">Agents.</param>
    /// <param name="completions">Completions.</param>
    /// <param name="acknowledgements">Acknowledgements.</param>
    /// <param name="evidence">Evidence.</param>
    /// <param name="unitOfWork">Transactions.</param>
    /// <param name="audit">Audit log.</param>
    /// <param name="timeProvider">The clock.</param>
    public PersonalDataService(IAgentRepository agents, ICompletionRepository completions, IAcknowledgementRepository acknowledgements, IEvidenceRepository evidence, IUnitOfWork unitOfWork, IAuditLog audit, TimeProvider timeProvider)
    {
        this.agents = agents;
        this.completions = completions;
        this.acknowledgements = acknowledgements;
        this.evidence = evidence;
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

    /// <summary>Erases an agent's identifying fields (name, e-mail, Entra ids, manager) and marks them as left.</summary>
    /// <param name="employeeNumber">Employee number.</param>
    /// <param name="actor">Who asks (audit log).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The agent after erasure.</returns>
    /// <exception cref="ResourceNotFoundException">Unknown agent.</exception>
    public virtual async Task<AgentView> EraseAsync(string employeeNumber, string actor, CancellationToken cancellationToken = default)
    {
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var agent = await agents.GetAsync(employeeNumber, ct).ConfigureAwait(false)
                ?? throw new ResourceNotFoundException("agent", employeeNumber);
            var erased = Erased(agent);
            await agents.UpsertAsync(erased, ct).ConfigureAwait(false);
            await audit.WriteAsync(actor, "personal-data.erase", employeeNumber, null, ct).ConfigureAwait(false);
            return AgentView.From(erased);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Erases the identifying fields of every agent who left more than <paramref name="retentionYears"/> years ago.</summary>
    /// <param name="retentionYears">Years kept after leaving (1 to 50).</param>
    /// <param name="actor">Who runs it.</param>
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

        var cutoff = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime).AddYears(-retentionYears);
        var due = new List<Agent>();
        await foreach (var agent in agents.StreamAsync(new AgentFilter { Status = EmploymentStatus.Left }, cancellationToken).ConfigureAwait(false))
        {
            if (agent.EndDate is { } end && end < cutoff && HasIdentifyingFields(agent))
            {
                due.Add(agent);
            }
        }

        await unitOfWork.ExecuteAsync(async ct =>
        {
            foreach (var agent in due)
            {
                await agents.UpsertAsync(Erased(agent), ct).ConfigureAwait(false);
            }

            await audit.WriteAsync(actor, "personal-data.retention", null, $"erased={due.Count};cutoff={cutoff:yyyy-MM-dd}", ct).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return new RetentionResult(due.Count, cutoff);
    }

    private static bool HasIdentifyingFields(Agent agent) =>
        agent.DisplayName is not null || agent.Email is not null || agent.EntraObjectId is not null || agent.UserPrincipalName is not null || agent.ManagerEmployeeNumber is not null;

    private Agent Erased(Agent agent) => agent with
    {
        DisplayName = null,
        Email = null,
        EntraObjectId = null,
        UserPrincipalName = null,
        ManagerEmployeeNumber = null,
        Status = EmploymentStatus.Left,
        EndDate = agent.EndDate ?? DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime),
    };
}
