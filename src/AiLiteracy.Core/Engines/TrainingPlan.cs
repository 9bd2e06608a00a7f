using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>The training needs of one (org unit, job family, module) cell of the plan.</summary>
public sealed record TrainingNeedLine
{
    /// <summary>The agents' org unit (as HR gives it; may be unknown to the tree or <see langword="null"/>).</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>The directorate the org unit rolls up to, or <see langword="null"/> when the unit is not in the tree.</summary>
    public string? DirectorateId { get; init; }

    /// <summary>The agents' job family, or <see langword="null"/> (elected officials, agents without one).</summary>
    public string? JobFamilyId { get; init; }

    /// <summary>The module.</summary>
    public required string ModuleId { get; init; }

    /// <summary>Agents to train (module missing, expired, failed or blocked).</summary>
    public required int PeopleToTrain { get; init; }

    /// <summary>Agents whose module expires soon (refreshes to plan), counted apart from <see cref="PeopleToTrain"/>.</summary>
    public required int Refreshes { get; init; }

    /// <summary>Learner hours for <see cref="PeopleToTrain"/> (people × module duration).</summary>
    public required decimal PersonHours { get; init; }
}

/// <summary>The plan of one module across the authority: head count, sessions and hours.</summary>
public sealed record ModulePlan
{
    /// <summary>The module.</summary>
    public required Module Module { get; init; }

    /// <summary>The module id.</summary>
    public string ModuleId => Module.Id;

    /// <summary>The delivery mode planned (the module's first delivery mode).</summary>
    public DeliveryMode? DeliveryMode { get; init; }

    /// <summary>Whether the module is e-learning only (self-paced: no session to organise).</summary>
    public required bool IsELearningOnly { get; init; }

    /// <summary>Agents to train: <see cref="Missing"/> + <see cref="Expired"/> + <see cref="Failed"/> + <see cref="Blocked"/>.</summary>
    public required int PeopleToTrain { get; init; }

    /// <summary>Agents who never completed the module (prerequisites done).</summary>
    public required int Missing { get; init; }

    /// <summary>Agents whose completion expired.</summary>
    public required int Expired { get; init; }

    /// <summary>Agents whose latest attempt failed.</summary>
    public required int Failed { get; init; }

    /// <summary>Agents who cannot take the module yet (prerequisite not done).</summary>
    public required int Blocked { get; init; }

    /// <summary>Agents whose completion expires soon.</summary>
    public required int Refreshes { get; init; }

    /// <summary>The group size used.</summary>
    public required int GroupSize { get; init; }

    /// <summary>Sessions for <see cref="PeopleToTrain"/>: ⌈people ÷ group size⌉, 0 for e-learning-only modules.</summary>
    public required int Sessions { get; init; }

    /// <summary>Sessions for <see cref="Refreshes"/>: ⌈refreshes ÷ group size⌉, 0 for e-learning-only modules.</summary>
    public required int RefreshSessions { get; init; }

    /// <summary>Learner hours for <see cref="PeopleToTrain"/>.</summary>
    public required decimal PersonHours { get; init; }

    /// <summary>Trainer hours for <see cref="Sessions"/> (sessions × duration).</summary>
    public required decimal TrainerHours { get; init; }

    /// <summary>Learner hours for <see cref="Refreshes"/>.</summary>
    public required decimal RefreshPersonHours { get; init; }

    /// <summary>Trainer hours for <see cref="RefreshSessions"/>.</summary>
    public required decimal RefreshTrainerHours { get; init; }
}

/// <summary>Needs summed over a group of agents: an org unit, a directorate or a job family.</summary>
public sealed record PlanGroup
{
    /// <summary>The org unit, directorate or job family id; <see langword="null"/> for agents without one.</summary>
    public string? Id { get; init; }

    /// <summary>The group's display name when known (org unit name, job family title in French).</summary>
    public string? Name { get; init; }

    /// <summary>Active agents in the group.</summary>
    public required int ActiveAgents { get; init; }

    /// <summary>Active agents with at least one module to train.</summary>
    public required int PeopleToTrain { get; init; }

    /// <summary>(agent, module) needs: modules missing, expired, failed or blocked.</summary>
    public required int HeadCount { get; init; }

    /// <summary>(agent, module) refreshes: modules expiring soon.</summary>
    public required int Refreshes { get; init; }

    /// <summary>Learner hours for the needs.</summary>
    public required decimal PersonHours { get; init; }
}

/// <summary>AI referents in a directorate against the target.</summary>
public sealed record ReferentCoverage
{
    /// <summary>The directorate id.</summary>
    public required string DirectorateId { get; init; }

    /// <summary>The directorate name.</summary>
    public required string Name { get; init; }

    /// <summary>Active agents in the directorate.</summary>
    public required int ActiveAgents { get; init; }

    /// <summary>Active agents holding the referent role.</summary>
    public required int ActiveReferents { get; init; }

    /// <summary>Active referents whose every required module is valid.</summary>
    public required int TrainedReferents { get; init; }

    /// <summary>The number of referents expected (<see cref="EngineOptions.ReferentTargetPerDirectorate"/>, grown by <see cref="EngineOptions.AgentsPerReferent"/> when set).</summary>
    public required int Target { get; init; }

    /// <summary>Whether <see cref="ActiveReferents"/> reaches <see cref="Target"/>.</summary>
    public bool IsCovered => ActiveReferents >= Target;

    /// <summary>Referents still to designate (0 when covered).</summary>
    public int Shortfall => Math.Max(0, Target - ActiveReferents);
}

/// <summary>How many active holders of a role are trained.</summary>
public sealed record RoleCoverage
{
    /// <summary>The role.</summary>
    public required AgentRoles Role { get; init; }

    /// <summary>Active agents holding the role.</summary>
    public required int Active { get; init; }

    /// <summary>Of those, agents whose every required module is valid.</summary>
    public required int Trained { get; init; }

    /// <summary><see cref="Trained"/> ÷ <see cref="Active"/> (0 when nobody holds the role), rounded to 4 decimals.</summary>
    public decimal Share => Active == 0 ? 0 : Math.Round((decimal)Trained / Active, 4);
}

/// <summary>
/// The training plan (<i>plan de formation</i>) of the active agents: needs by org unit, job family and module,
/// sessions and hours, referent coverage per directorate, elected and manager coverage.
/// </summary>
public sealed record TrainingPlan
{
    /// <summary>The evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The group size used to size sessions.</summary>
    public required int GroupSize { get; init; }

    /// <summary>Active agents considered (agents on leave or who left are not planned).</summary>
    public required int ActiveAgents { get; init; }

    /// <summary>Active agents with at least one module missing, expired, failed or blocked.</summary>
    public required int PeopleToTrain { get; init; }

    /// <summary>(agent, module) needs: modules missing, expired, failed or blocked.</summary>
    public required int HeadCount { get; init; }

    /// <summary>(agent, module) refreshes: modules expiring soon.</summary>
    public required int Refreshes { get; init; }

    /// <summary>Sessions to organise for the needs.</summary>
    public required int Sessions { get; init; }

    /// <summary>Sessions to organise for the refreshes.</summary>
    public required int RefreshSessions { get; init; }

    /// <summary>Learner hours for the needs.</summary>
    public required decimal PersonHours { get; init; }

    /// <summary>Trainer hours for the needs' sessions.</summary>
    public required decimal TrainerHours { get; init; }

    /// <summary>Needs per module, in curriculum order (modules without need or refresh omitted).</summary>
    public required IReadOnlyList<ModulePlan> Modules { get; init; }

    /// <summary>Needs per (org unit, job family, module), ordered by org unit (tree order), job family and module (curriculum order).</summary>
    public required IReadOnlyList<TrainingNeedLine> Lines { get; init; }

    /// <summary>Needs per org unit, in tree order (units unknown to the tree last).</summary>
    public required IReadOnlyList<PlanGroup> OrgUnits { get; init; }

    /// <summary>Needs per directorate, in tree order (agents outside the tree under a <see langword="null"/> id last).</summary>
    public required IReadOnlyList<PlanGroup> Directorates { get; init; }

    /// <summary>Needs per job family, in catalogue order (unknown families, then agents without a family, last).</summary>
    public required IReadOnlyList<PlanGroup> JobFamilies { get; init; }

    /// <summary>AI referents per directorate.</summary>
    public required IReadOnlyList<ReferentCoverage> ReferentCoverage { get; init; }

    /// <summary>Elected officials trained.</summary>
    public required RoleCoverage ElectedCoverage { get; init; }

    /// <summary>Managers trained.</summary>
    public required RoleCoverage ManagerCoverage { get; init; }

    /// <summary>
    /// The estimated cost and the spread over quarters, when the plan was priced with
    /// <see cref="TrainingPlanBudget.Estimate"/> (<c>plan with { Budget = TrainingPlanBudget.Estimate(plan, costs) }</c>);
    /// <see langword="null"/> from the engine alone.
    /// </summary>
    public TrainingPlanBudget? Budget { get; init; }
}
