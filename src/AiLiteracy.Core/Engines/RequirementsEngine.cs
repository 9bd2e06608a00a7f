using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>
/// Works out the modules required of an agent and where the agent stands on each. Immutable and thread-safe; the
/// evaluation date is read once per call from the injected <see cref="TimeProvider"/> (local date).
/// </summary>
/// <remarks>
/// <para><b>Who needs what.</b> Only <see cref="Module.Required"/> modules are considered, and only for active agents:
/// agents on leave or who left have no requirement (their history stays for the literacy register).</para>
/// <list type="bullet">
/// <item><description><b>Common core</b>: every active agent, elected officials included; when the module's
/// <see cref="ModuleAudience.Roles"/> is not empty, only agents holding one of those roles (a curriculum can thus
/// exempt elected officials by listing <see cref="AgentRoles.Agent"/>).</description></item>
/// <item><description><b>Job</b>: agents with a job family listed in <see cref="ModuleAudience.JobFamilies"/> (an empty
/// list means any job family; agents without a job family, such as elected officials, take no job module).</description></item>
/// <item><description><b>Referent, elected, manager</b>: agents holding one of the audience roles, by default the
/// track's role (<see cref="AgentRoles.Referent"/>, <see cref="AgentRoles.Elected"/>, <see cref="AgentRoles.Manager"/>).</description></item>
/// </list>
/// <para>A non-empty <see cref="ModuleAudience.JobFamilies"/> restricts every track to those families.</para>
/// <para><b>What counts.</b> A completion counts when its outcome is completed or passed, its score (when the module
/// has an assessment and the completion a score) is at or above the pass mark, and its module version is at or above
/// <see cref="Module.MinimumVersion"/>. A failed outcome never counts; a scored completion below the pass mark is a
/// failed attempt; an older version at or above the minimum counts. The latest counting completion gives the expiry
/// date (completion date plus <see cref="Module.ValidityMonths"/>): the module is expired from that date on, and
/// expiring soon from <see cref="EngineOptions.ExpiringSoonDays"/> days before it.</para>
/// <para><b>States.</b> Valid completion: <see cref="RequirementState.Done"/> or <see cref="RequirementState.ExpiringSoon"/>.
/// Otherwise, when the latest attempt failed after the latest counting completion: <see cref="RequirementState.Failed"/>
/// (failed then passed is done). Otherwise an expired counting completion gives <see cref="RequirementState.Expired"/>,
/// and no counting completion <see cref="RequirementState.Missing"/>, or <see cref="RequirementState.Blocked"/> when a
/// prerequisite has no valid completion.</para>
/// </remarks>
public class RequirementsEngine
{
    /// <summary>Creates the engine.</summary>
    /// <param name="definitions">The compiled definitions.</param>
    /// <param name="timeProvider">The clock giving the evaluation date.</param>
    /// <param name="options">Options; <see cref="EngineOptions.Default"/> when <see langword="null"/>.</param>
    public RequirementsEngine(CompiledDefinitions definitions, TimeProvider timeProvider, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= EngineOptions.Default;
        options.Validate();
        Definitions = definitions;
        TimeProvider = timeProvider;
        Options = options;
    }

    /// <summary>The compiled definitions.</summary>
    public CompiledDefinitions Definitions { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The options.</summary>
    public EngineOptions Options { get; }

    /// <summary>Evaluates the requirements of an agent today.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="history">The agent's history.</param>
    /// <returns>The requirements.</returns>
    /// <exception cref="ArgumentException">The history belongs to another agent.</exception>
    public virtual AgentRequirements Evaluate(Agent agent, AgentHistory history) =>
        Evaluate(agent, history, EngineText.Today(TimeProvider));

    /// <summary>Whether the agent holds a valid (unexpired, counting) completion of a module today, required or not.</summary>
    /// <param name="history">The agent's history.</param>
    /// <param name="moduleId">The module id.</param>
    /// <returns><see langword="true"/> when valid; <see langword="false"/> for a module unknown to the curriculum.</returns>
    public virtual bool HasValidCompletion(AgentHistory history, string moduleId)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(moduleId);
        return Definitions.FindCompiled(moduleId) is { } module && IsValid(module, history, EngineText.Today(TimeProvider));
    }

    internal AgentRequirements Evaluate(Agent agent, AgentHistory history, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(history);
        if (!string.Equals(agent.EmployeeNumber, history.EmployeeNumber, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The history of employee '{history.EmployeeNumber}' was given for employee '{agent.EmployeeNumber}'.", nameof(history));
        }

        if (agent.Status != EmploymentStatus.Active)
        {
            return new AgentRequirements { Agent = agent, AsOf = today, Requirements = [] };
        }

        var applicable = Definitions.ApplicableModules(agent.JobFamilyId, agent.Roles);
        var requirements = new ModuleRequirement[applicable.Length];
        for (var i = 0; i < applicable.Length; i++)
        {
            requirements[i] = EvaluateModule(agent, applicable[i], history, today);
        }

        return new AgentRequirements { Agent = agent, AsOf = today, Requirements = requirements };
    }

    internal bool IsValid(CompiledModule module, AgentHistory history, DateOnly today)
    {
        var fold = Fold(module, history.CompletionsOf(module.Id));
        return fold.LastCounting is { } counting && (ExpiryOf(module, counting) is not { } expiry || today < expiry);
    }

    private ModuleRequirement EvaluateModule(Agent agent, ApplicableModule applicable, AgentHistory history, DateOnly today)
    {
        var module = applicable.Module;
        var fold = Fold(module, history.CompletionsOf(module.Id));
        var counting = fold.LastCounting;
        var failed = fold.LastFailed;
        var expiresOn = counting is null ? null : ExpiryOf(module, counting);

        if (counting is not null && (expiresOn is not { } expiry || today < expiry))
        {
            var soon = expiresOn is { } e && today >= e.AddDays(-Options.ExpiringSoonDays);
            return new ModuleRequirement
            {
                Module = module.Module,
                Basis = applicable.Basis,
                State = soon ? RequirementState.ExpiringSoon : RequirementState.Done,
                LastValidCompletion = counting,
                LastFailedAttempt = failed,
                ExpiresOn = expiresOn,
                DueDate = expiresOn,
                Reasons = soon
                    ? [applicable.BasisReason, RequirementReasons.ExpiringSoon(module, expiresOn!.Value)]
                    : applicable.DoneReasons,
            };
        }

        var newcomerDue = NewcomerDueDate(agent, today);
        if (failed is not null && (counting is null || failed.Date > counting.Date))
        {
            return new ModuleRequirement
            {
                Module = module.Module,
                Basis = applicable.Basis,
                State = RequirementState.Failed,
                LastValidCompletion = counting,
                LastFailedAttempt = failed,
                ExpiresOn = expiresOn,
                DueDate = newcomerDue,
                Reasons = [applicable.BasisReason, RequirementReasons.Failure(module, failed)],
            };
        }

        if (counting is not null)
        {
            return new ModuleRequirement
            {
                Module = module.Module,
                Basis = applicable.Basis,
                State = RequirementState.Expired,
                LastValidCompletion = counting,
                LastFailedAttempt = failed,
                ExpiresOn = expiresOn,
                DueDate = expiresOn,
                Reasons = [applicable.BasisReason, RequirementReasons.Expired(module, expiresOn!.Value)],
            };
        }

        List<string>? blocking = null;
        foreach (var prerequisite in module.Prerequisites)
        {
            var prerequisiteModule = Definitions.CompiledModules[prerequisite];
            if (!IsValid(prerequisiteModule, history, today))
            {
                (blocking ??= []).Add(prerequisiteModule.Id);
            }
        }

        IReadOnlyList<RequirementReason> reasons = applicable.MissingReasons;
        if (blocking is not null || fold.LastOutdated is not null)
        {
            var list = new List<RequirementReason>(applicable.MissingReasons);
            if (fold.LastOutdated is { } outdated)
            {
                list.Add(RequirementReasons.VersionBelowMinimum(module, outdated));
            }

            if (blocking is not null)
            {
                foreach (var id in blocking)
                {
                    list.Add(RequirementReasons.PrerequisiteNotDone(module, id));
                }
            }

            reasons = list;
        }

        return new ModuleRequirement
        {
            Module = module.Module,
            Basis = applicable.Basis,
            State = blocking is null ? RequirementState.Missing : RequirementState.Blocked,
            DueDate = newcomerDue,
            BlockingPrerequisites = blocking is null ? [] : blocking,
            Reasons = reasons,
        };
    }

    private DateOnly NewcomerDueDate(Agent agent, DateOnly today) =>
        agent.StartDate is { } start && start.AddDays(Options.NewcomerDueDays) is var due && due > today ? due : today;

    private static DateOnly? ExpiryOf(CompiledModule module, Completion counting) =>
        module.Module.ValidityMonths is { } months ? counting.Date.AddMonths(months) : null;

    private static ModuleFold Fold(CompiledModule module, ReadOnlySpan<Completion> completions)
    {
        Completion? counting = null, failed = null, outdated = null;
        foreach (var completion in completions)
        {
            if (completion.ModuleVersion < module.Module.MinimumVersion)
            {
                outdated = completion;
            }
            else if (module.IsFailure(completion))
            {
                failed = completion;
            }
            else
            {
                counting = completion;
            }
        }

        return new ModuleFold(counting, failed, outdated);
    }

    private readonly record struct ModuleFold(Completion? LastCounting, Completion? LastFailed, Completion? LastOutdated);
}
