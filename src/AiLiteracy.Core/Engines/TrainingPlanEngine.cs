using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>
/// Builds the training plan (<i>plan de formation</i>) of an authority from its active agents' requirements:
/// agents to train per module (missing, expired, failed or blocked; expiring-soon modules are counted apart as
/// refreshes), sessions (⌈people ÷ <see cref="EngineOptions.DefaultGroupSize"/>⌉; none for e-learning-only modules),
/// learner and trainer hours, roll-ups by org unit, directorate and job family, AI referent coverage per directorate,
/// and elected and manager coverage. Agents on leave or who left are not planned. Immutable and thread-safe.
/// </summary>
public class TrainingPlanEngine
{
    private readonly RequirementsEngine requirements;

    /// <summary>Creates the engine.</summary>
    /// <param name="definitions">The compiled definitions.</param>
    /// <param name="timeProvider">The clock giving the evaluation date.</param>
    /// <param name="options">Options; <see cref="EngineOptions.Default"/> when <see langword="null"/>.</param>
    public TrainingPlanEngine(CompiledDefinitions definitions, TimeProvider timeProvider, EngineOptions? options = null)
        : this(new RequirementsEngine(definitions, timeProvider, options))
    {
    }

    /// <summary>Creates the engine on top of a requirements engine (sharing its definitions, clock and options).</summary>
    /// <param name="requirements">The requirements engine.</param>
    public TrainingPlanEngine(RequirementsEngine requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        this.requirements = requirements;
    }

    /// <summary>The compiled definitions.</summary>
    public CompiledDefinitions Definitions => requirements.Definitions;

    /// <summary>The options.</summary>
    public EngineOptions Options => requirements.Options;

    /// <summary>Builds the plan today.</summary>
    /// <param name="organization">The authority, for its org unit tree.</param>
    /// <param name="agents">Every agent (inactive ones are skipped).</param>
    /// <param name="records">The authority's training records.</param>
    /// <returns>The plan.</returns>
    public virtual TrainingPlan Build(Organization organization, IEnumerable<Agent> agents, TrainingRecords records)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(records);
        var today = EngineText.Today(requirements.TimeProvider);
        return Build(organization, Evaluate(agents, records, today), today);
    }

    /// <summary>
    /// Builds the plan from requirements already evaluated (for instance kept by a report cache, or evaluated for a
    /// filtered set of agents). Agents that are not active are skipped; the plan is dated with the requirements' date
    /// (today when none is given).
    /// </summary>
    /// <param name="organization">The authority, for its org unit tree.</param>
    /// <param name="evaluated">The requirements of the agents to plan, evaluated by this engine's requirements engine.</param>
    /// <returns>The plan.</returns>
    public virtual TrainingPlan Build(Organization organization, IEnumerable<AgentRequirements> evaluated)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(evaluated);
        DateOnly? asOf = null;
        var plan = Build(organization, Dated(evaluated, d => asOf ??= d), null);
        return asOf is { } date ? plan with { AsOf = date } : plan;
    }

    private static IEnumerable<AgentRequirements> Dated(IEnumerable<AgentRequirements> evaluated, Action<DateOnly> date)
    {
        foreach (var item in evaluated)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(evaluated));
            date(item.AsOf);
            yield return item;
        }
    }

    private IEnumerable<AgentRequirements> Evaluate(IEnumerable<Agent> agents, TrainingRecords records, DateOnly today)
    {
        foreach (var agent in agents)
        {
            if (agent.Status == EmploymentStatus.Active)
            {
                yield return requirements.Evaluate(agent, records.GetHistory(agent.EmployeeNumber), today);
            }
        }
    }

    private TrainingPlan Build(Organization organization, IEnumerable<AgentRequirements> evaluated, DateOnly? date)
    {
        var today = date ?? EngineText.Today(requirements.TimeProvider);
        var tree = new OrgTree(organization);
        var modules = Definitions.CompiledModules;
        var perModule = new ModuleCounts[modules.Length];
        var lines = new Dictionary<(string? OrgUnit, string? JobFamily, int Module), LineCounts>();
        var orgUnits = new Dictionary<Key, GroupCounts>();
        var directorates = new Dictionary<Key, GroupCounts>();
        var jobFamilies = new Dictionary<Key, GroupCounts>();
        var referents = new Dictionary<string, ReferentCounts>(StringComparer.Ordinal);
        int active = 0, electedActive = 0, electedTrained = 0, managersActive = 0, managersTrained = 0;

        foreach (var agentRequirements in evaluated)
        {
            var agent = agentRequirements.Agent;
            if (agent.Status != EmploymentStatus.Active)
            {
                continue;
            }

            active++;
            int needs = 0, refreshes = 0;
            decimal hours = 0;
            foreach (var requirement in agentRequirements.Requirements)
            {
                var state = requirement.State;
                if (state == RequirementState.Done)
                {
                    continue;
                }

                var module = Definitions.FindCompiled(requirement.ModuleId)!;
                ref var counts = ref perModule[module.Index];
                var line = LineFor(lines, agent, module.Index);
                switch (state)
                {
                    case RequirementState.ExpiringSoon:
                        counts.Refreshes++;
                        line.Refreshes++;
                        refreshes++;
                        continue;
                    case RequirementState.Missing:
                        counts.Missing++;
                        break;
                    case RequirementState.Expired:
                        counts.Expired++;
                        break;
                    case RequirementState.Failed:
                        counts.Failed++;
                        break;
                    case RequirementState.Blocked:
                        counts.Blocked++;
                        break;
                }

                line.PeopleToTrain++;
                needs++;
                hours += module.Module.DurationHours;
            }

            var allValid = agentRequirements.AllValid;
            var directorateId = tree.DirectorateOf(agent.OrgUnitId);
            Add(orgUnits, new Key(agent.OrgUnitId), needs, refreshes, hours);
            Add(directorates, new Key(directorateId), needs, refreshes, hours);
            Add(jobFamilies, new Key(agent.JobFamilyId), needs, refreshes, hours);

            if (directorateId is not null)
            {
                if (!referents.TryGetValue(directorateId, out var referentCounts))
                {
                    referents[directorateId] = referentCounts = new ReferentCounts();
                }

                referentCounts.Active++;
                if (agent.HasRole(AgentRoles.Referent))
                {
                    referentCounts.Referents++;
                    referentCounts.Trained += allValid ? 1 : 0;
                }
            }

            if (agent.HasRole(AgentRoles.Elected))
            {
                electedActive++;
                electedTrained += allValid ? 1 : 0;
            }

            if (agent.HasRole(AgentRoles.Manager))
            {
                managersActive++;
                managersTrained += allValid ? 1 : 0;
            }
        }

        var groupSize = Options.DefaultGroupSize;
        var modulePlans = new List<ModulePlan>();
        int headCount = 0, refreshTotal = 0, sessions = 0, refreshSessions = 0;
        decimal personHours = 0, trainerHours = 0;
        foreach (var module in modules)
        {
            var counts = perModule[module.Index];
            var people = counts.Missing + counts.Expired + counts.Failed + counts.Blocked;
            if (people == 0 && counts.Refreshes == 0)
            {
                continue;
            }

            var duration = module.Module.DurationHours;
            var moduleSessions = module.IsELearningOnly ? 0 : CeilDiv(people, groupSize);
            var moduleRefreshSessions = module.IsELearningOnly ? 0 : CeilDiv(counts.Refreshes, groupSize);
            var plan = new ModulePlan
            {
                Module = module.Module,
                DeliveryMode = module.PlannedDeliveryMode,
                IsELearningOnly = module.IsELearningOnly,
                PeopleToTrain = people,
                Missing = counts.Missing,
                Expired = counts.Expired,
                Failed = counts.Failed,
                Blocked = counts.Blocked,
                Refreshes = counts.Refreshes,
                GroupSize = groupSize,
                Sessions = moduleSessions,
                RefreshSessions = moduleRefreshSessions,
                PersonHours = people * duration,
                TrainerHours = moduleSessions * duration,
                RefreshPersonHours = counts.Refreshes * duration,
                RefreshTrainerHours = moduleRefreshSessions * duration,
            };
            modulePlans.Add(plan);
            headCount += people;
            refreshTotal += counts.Refreshes;
            sessions += moduleSessions;
            refreshSessions += moduleRefreshSessions;
            personHours += plan.PersonHours;
            trainerHours += plan.TrainerHours;
        }

        var familyOrder = new Dictionary<string, (int Order, string Title)>(StringComparer.Ordinal);
        foreach (var family in Definitions.Definitions.JobFamilies.JobFamilies)
        {
            familyOrder.TryAdd(family.Id, (familyOrder.Count, family.Title.Fr));
        }

        var peopleToTrain = 0;
        foreach (var group in orgUnits.Values)
        {
            peopleToTrain += group.PeopleToTrain;
        }

        return new TrainingPlan
        {
            AsOf = today,
            GroupSize = groupSize,
            ActiveAgents = active,
            PeopleToTrain = peopleToTrain,
            HeadCount = headCount,
            Refreshes = refreshTotal,
            Sessions = sessions,
            RefreshSessions = refreshSessions,
            PersonHours = personHours,
            TrainerHours = trainerHours,
            Modules = modulePlans,
            Lines = [.. lines
                .OrderBy(l => tree.OrderOf(l.Key.OrgUnit))
                .ThenBy(l => l.Key.OrgUnit, StringComparer.Ordinal)
                .ThenBy(l => l.Key.JobFamily is { } f && familyOrder.TryGetValue(f, out var o) ? o.Order : int.MaxValue)
                .ThenBy(l => l.Key.JobFamily, StringComparer.Ordinal)
                .ThenBy(l => l.Key.Module)
                .Select(l => new TrainingNeedLine
                {
                    OrgUnitId = l.Key.OrgUnit,
                    DirectorateId = tree.DirectorateOf(l.Key.OrgUnit),
                    JobFamilyId = l.Key.JobFamily,
                    ModuleId = modules[l.Key.Module].Id,
                    PeopleToTrain = l.Value.PeopleToTrain,
                    Refreshes = l.Value.Refreshes,
                    PersonHours = l.Value.PeopleToTrain * modules[l.Key.Module].Module.DurationHours,
                })],
            OrgUnits = Groups(orgUnits, id => tree.OrderOf(id), id => tree.Find(id)?.Name),
            Directorates = Groups(directorates, id => tree.OrderOf(id), id => tree.Find(id)?.Name),
            JobFamilies = Groups(
                jobFamilies,
                id => id is not null && familyOrder.TryGetValue(id, out var o) ? o.Order : int.MaxValue,
                id => id is not null && familyOrder.TryGetValue(id, out var o) ? o.Title : null),
            ReferentCoverage = [.. tree.Directorates.Select(d => Coverage(d, referents.GetValueOrDefault(d.Id)))],
            ElectedCoverage = new RoleCoverage { Role = AgentRoles.Elected, Active = electedActive, Trained = electedTrained },
            ManagerCoverage = new RoleCoverage { Role = AgentRoles.Manager, Active = managersActive, Trained = managersTrained },
        };
    }

    private ReferentCoverage Coverage(OrgUnit directorate, ReferentCounts? counts)
    {
        var agentsCount = counts?.Active ?? 0;
        var target = Options.ReferentTargetPerDirectorate;
        if (Options.AgentsPerReferent is { } perReferent)
        {
            target = Math.Max(target, CeilDiv(agentsCount, perReferent));
        }

        return new ReferentCoverage
        {
            DirectorateId = directorate.Id,
            Name = directorate.Name,
            ActiveAgents = agentsCount,
            ActiveReferents = counts?.Referents ?? 0,
            TrainedReferents = counts?.Trained ?? 0,
            Target = target,
        };
    }

    private static LineCounts LineFor(Dictionary<(string?, string?, int), LineCounts> lines, Agent agent, int module)
    {
        var key = (agent.OrgUnitId, agent.JobFamilyId, module);
        if (!lines.TryGetValue(key, out var line))
        {
            lines[key] = line = new LineCounts();
        }

        return line;
    }

    private static void Add(Dictionary<Key, GroupCounts> groups, Key key, int needs, int refreshes, decimal hours)
    {
        if (!groups.TryGetValue(key, out var group))
        {
            groups[key] = group = new GroupCounts();
        }

        group.Active++;
        group.PeopleToTrain += needs > 0 ? 1 : 0;
        group.HeadCount += needs;
        group.Refreshes += refreshes;
        group.PersonHours += hours;
    }

    private static PlanGroup[] Groups(Dictionary<Key, GroupCounts> groups, Func<string?, int> order, Func<string?, string?> name) =>
        [.. groups
            .OrderBy(g => g.Key.Id is null ? 1 : 0)
            .ThenBy(g => order(g.Key.Id))
            .ThenBy(g => g.Key.Id, StringComparer.Ordinal)
            .Select(g => new PlanGroup
            {
                Id = g.Key.Id,
                Name = name(g.Key.Id),
                ActiveAgents = g.Value.Active,
                PeopleToTrain = g.Value.PeopleToTrain,
                HeadCount = g.Value.HeadCount,
                Refreshes = g.Value.Refreshes,
                PersonHours = g.Value.PersonHours,
            })];

    private static int CeilDiv(int value, int divisor) => (value + divisor - 1) / divisor;

    private readonly record struct Key(string? Id);

    private struct ModuleCounts
    {
        public int Missing;
        public int Expired;
        public int Failed;
        public int Blocked;
        public int Refreshes;
    }

    private sealed class LineCounts
    {
        public int PeopleToTrain;
        public int Refreshes;
    }

    private sealed class GroupCounts
    {
        public int Active;
        public int PeopleToTrain;
        public int HeadCount;
        public int Refreshes;
        public decimal PersonHours;
    }

    private sealed class ReferentCounts
    {
        public int Active;
        public int Referents;
        public int Trained;
    }
}
