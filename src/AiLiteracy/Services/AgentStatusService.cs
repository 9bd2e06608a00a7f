using System.Text.Json;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Services;

/// <summary>An agent with the history and engines needed to judge them.</summary>
/// <param name="Agent">The agent.</param>
/// <param name="History">Completions, acknowledgements and evidence.</param>
/// <param name="Definitions">The definitions in force.</param>
/// <param name="Engines">The engines over those definitions.</param>
public sealed record AgentEvaluation(Agent Agent, AgentHistory History, TenantDefinitions Definitions, EngineSet Engines)
{
    /// <summary>Evaluates the agent's clearance.</summary>
    /// <returns>The clearance.</returns>
    public Clearance Clearance() => Engines.Compliance.Evaluate(Agent, History);
}

/// <summary>The engines over one set of definitions.</summary>
public sealed class EngineSet
{
    /// <summary>Creates the engines.</summary>
    /// <param name="definitions">The compiled definitions.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="options">Engine options.</param>
    public EngineSet(CompiledDefinitions definitions, TimeProvider timeProvider, EngineOptions options)
    {
        Requirements = new RequirementsEngine(definitions, timeProvider, options);
        Compliance = new ComplianceEngine(Requirements);
        Competencies = new CompetencyEngine(definitions, timeProvider);
        UsageCheck = new UsageCheckEngine(Compliance);
        TrainingPlan = new TrainingPlanEngine(Requirements);
        LiteracyRegister = new LiteracyRegisterEngine(Compliance);
    }

    /// <summary>Requirements engine.</summary>
    public RequirementsEngine Requirements { get; }

    /// <summary>Compliance (clearance) engine.</summary>
    public ComplianceEngine Compliance { get; }

    /// <summary>Competency engine.</summary>
    public CompetencyEngine Competencies { get; }

    /// <summary>Usage check engine.</summary>
    public UsageCheckEngine UsageCheck { get; }

    /// <summary>Training plan engine.</summary>
    public TrainingPlanEngine TrainingPlan { get; }

    /// <summary>Literacy register engine.</summary>
    public LiteracyRegisterEngine LiteracyRegister { get; }
}

/// <summary>
/// Judges one agent with the engines: required modules with their states, competency levels and gaps, clearance with
/// its reasons.
/// </summary>
public class AgentStatusService
{
    private readonly IAgentRepository agents;
    private readonly ICompletionRepository completions;
    private readonly IAcknowledgementRepository acknowledgements;
    private readonly IEvidenceRepository evidence;
    private readonly TenantDefinitionService definitions;
    private readonly TimeProvider timeProvider;
    private readonly EngineOptions engineOptions;
    private readonly IAgentRecordsReader? records;

    /// <summary>Creates the service.</summary>
    /// <param name="agents">Agents.</param>
    /// <param name="completions">Completions.</param>
    /// <param name="acknowledgements">Acknowledgements.</param>
    /// <param name="evidence">Evidence.</param>
    /// <param name="definitions">Definitions.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="options">SDK options (expiring-soon window, group size).</param>
    /// <param name="records">
    /// Reads an agent with all their records at once (one round trip where the store can); when absent, the agent and
    /// each kind of record are read through the repositories.
    /// </param>
    public AgentStatusService(
        IAgentRepository agents,
        ICompletionRepository completions,
        IAcknowledgementRepository acknowledgements,
        IEvidenceRepository evidence,
        TenantDefinitionService definitions,
        TimeProvider timeProvider,
        IOptions<AiLiteracyOptions> options,
        IAgentRecordsReader? records = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.agents = agents;
        this.completions = completions;
        this.acknowledgements = acknowledgements;
        this.evidence = evidence;
        this.definitions = definitions;
        this.timeProvider = timeProvider;
        engineOptions = new EngineOptions { ExpiringSoonDays = options.Value.ExpiringSoonDays, DefaultGroupSize = options.Value.GroupSize };
        this.records = records;
    }

    /// <summary>The engine options in force.</summary>
    public EngineOptions EngineOptions => engineOptions;

    /// <summary>Creates the engines over <paramref name="tenantDefinitions"/>.</summary>
    /// <param name="tenantDefinitions">The definitions.</param>
    /// <returns>The engines.</returns>
    public EngineSet EnginesFor(TenantDefinitions tenantDefinitions)
    {
        ArgumentNullException.ThrowIfNull(tenantDefinitions);
        return new EngineSet(tenantDefinitions.Compiled, timeProvider, engineOptions);
    }

    /// <summary>The definitions in force for the current tenant.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The definitions.</returns>
    public virtual Task<TenantDefinitions> LoadDefinitionsAsync(CancellationToken cancellationToken = default) =>
        definitions.GetCurrentAsync(cancellationToken);

    /// <summary>Loads an agent with their history.</summary>
    /// <param name="employeeNumber">Employee number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The evaluation context, or <see langword="null"/> when the agent is unknown.</returns>
    public virtual async Task<AgentEvaluation?> LoadAsync(string employeeNumber, CancellationToken cancellationToken = default)
    {
        if (records is not null)
        {
            var tenantDefinitions = await definitions.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
            var read = await records.GetAsync(employeeNumber, cancellationToken).ConfigureAwait(false);
            return read is null
                ? null
                : new AgentEvaluation(
                    read.Agent,
                    AgentHistory.Create(read.Agent.EmployeeNumber, read.Completions.Select(r => r.Completion), read.Acknowledgements, read.Evidence),
                    tenantDefinitions,
                    EnginesFor(tenantDefinitions));
        }

        var agent = await agents.GetAsync(employeeNumber, cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            return null;
        }

        return await LoadAsync(agent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads the history of a known agent.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The evaluation context.</returns>
    public virtual async Task<AgentEvaluation> LoadAsync(Agent agent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var tenantDefinitions = await definitions.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var records = await completions.ListByAgentAsync(agent.EmployeeNumber, cancellationToken).ConfigureAwait(false);
        var acks = await acknowledgements.ListByAgentAsync(agent.EmployeeNumber, cancellationToken).ConfigureAwait(false);
        var entries = await evidence.ListByAgentAsync(agent.EmployeeNumber, cancellationToken).ConfigureAwait(false);
        var history = AgentHistory.Create(agent.EmployeeNumber, records.Select(r => r.Completion), acks, entries);
        return new AgentEvaluation(agent, history, tenantDefinitions, EnginesFor(tenantDefinitions));
    }

    /// <summary>Evaluates an agent's status.</summary>
    /// <param name="employeeNumber">Employee number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ResourceNotFoundException">The agent is unknown.</exception>
    public virtual async Task<AgentStatusView> GetStatusAsync(string employeeNumber, CancellationToken cancellationToken = default)
    {
        var evaluation = await LoadAsync(employeeNumber, cancellationToken).ConfigureAwait(false)
            ?? throw new ResourceNotFoundException("agent", employeeNumber);
        return ToView(evaluation);
    }

    /// <summary>Builds the status view of an evaluation.</summary>
    /// <param name="evaluation">The evaluation context.</param>
    /// <returns>The status.</returns>
    public static AgentStatusView ToView(AgentEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var clearance = evaluation.Clearance();
        var competencies = evaluation.Engines.Competencies.Evaluate(evaluation.Agent, evaluation.History);
        return new AgentStatusView
        {
            EmployeeNumber = evaluation.Agent.EmployeeNumber,
            Status = evaluation.Agent.Status,
            AsOf = clearance.AsOf,
            IsCleared = clearance.IsCleared,
            CharterVersion = clearance.CharterVersion,
            AcknowledgedCharterVersion = clearance.AcknowledgedCharterVersion,
            ClearanceReasons = Reasons(clearance),
            Requirements = clearance.Requirements.Requirements.Select(r => new RequirementView
            {
                ModuleId = r.ModuleId,
                Title = r.Module.Title,
                Track = r.Module.Track,
                Basis = r.Basis,
                State = r.State,
                CompletedOn = r.LastValidCompletion?.Date,
                ExpiresOn = r.ExpiresOn,
                DueDate = r.DueDate,
                BlockingPrerequisites = r.BlockingPrerequisites,
                Reasons = r.Reasons.Select(x => new ReasonView(Code(x.Code), x.Message, x.Module.Id)).ToArray(),
            }).ToArray(),
            ProficientThreshold = competencies.ProficientThreshold,
            Competencies = competencies.Levels.Select(l => new CompetencyLevelView(l.CompetencyId, l.Competency?.Title, l.Level, l.RequiredLevel, l.IsProficient)).ToArray(),
            CompetencyGaps = competencies.Gaps.Select(g => new CompetencyGapView(g.CompetencyId, g.CurrentLevel, g.RequiredLevel, g.RoleProfileIds)).ToArray(),
        };
    }

    /// <summary>The reasons of a clearance as views.</summary>
    /// <param name="clearance">The clearance.</param>
    /// <returns>The reasons.</returns>
    public static IReadOnlyList<ReasonView> Reasons(Clearance clearance)
    {
        ArgumentNullException.ThrowIfNull(clearance);
        return clearance.Reasons.Select(r => new ReasonView(Code(r.Code), r.Message, r.ModuleId, r.RuleId)).ToArray();
    }

    /// <summary>The kebab-case name of an enum value, as the JSON conventions write it.</summary>
    /// <typeparam name="T">The enum type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The name.</returns>
    public static string Code<T>(T value)
        where T : struct, Enum =>
        JsonSerializer.Serialize(value, AiLiteracyJson.Compact).Trim('"');
}
