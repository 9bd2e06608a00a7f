using System.Collections.Concurrent;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Services;

namespace AiLiteracy.Reports;

/// <summary>
/// Every active agent of a tenant judged once by the engines (requirements and clearance), with the organisation and
/// the definitions used. Coverage, training plan and expiring-module reports are computed from it for any filter
/// without judging agents again, which keeps the dashboard fast on large authorities. Immutable and thread-safe.
/// </summary>
public sealed class ReportSnapshot
{
    private const int MaxMemoizedViews = 256;
    private readonly AgentSelector selector;
    private readonly ConcurrentDictionary<(string Kind, ReportFilter Filter, object? Argument), object> views = new();

    private ReportSnapshot(
        Organization organization,
        TenantDefinitions definitions,
        EngineSet engines,
        IReadOnlyList<Clearance> active,
        IReadOnlyList<Agent> inactive,
        IReadOnlyList<Agent> agents,
        TrainingRecords records,
        DateOnly asOf,
        DateTimeOffset generatedAt)
    {
        Agents = agents;
        Records = records;
        Organization = organization;
        Definitions = definitions;
        Engines = engines;
        Active = active;
        Inactive = inactive;
        AsOf = asOf;
        GeneratedAt = generatedAt;
        Tree = new OrgTree(organization);
        Labels = ReportLabels.Create(organization, definitions.Set);
        selector = new AgentSelector(organization, definitions.Set, active.Select(c => c.Agent).Concat(inactive));
    }

    /// <summary>The organisation.</summary>
    public Organization Organization { get; }

    /// <summary>The organisation tree.</summary>
    public OrgTree Tree { get; }

    /// <summary>The definitions in force when the snapshot was built.</summary>
    public TenantDefinitions Definitions { get; }

    /// <summary>The engines used.</summary>
    public EngineSet Engines { get; }

    /// <summary>The clearance (with requirements) of every active agent, by employee number.</summary>
    public IReadOnlyList<Clearance> Active { get; }

    /// <summary>Agents on leave or who left, by employee number.</summary>
    public IReadOnlyList<Agent> Inactive { get; }

    /// <summary>Every agent, whatever their status, by employee number (the people of the literacy register).</summary>
    public IReadOnlyList<Agent> Agents { get; }

    /// <summary>The training records the agents were judged on (the measures of the literacy register).</summary>
    public TrainingRecords Records { get; }

    /// <summary>The evaluation date.</summary>
    public DateOnly AsOf { get; }

    /// <summary>When the snapshot was built.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>Names of org units, job families and modules.</summary>
    public ReportLabels Labels { get; }

    /// <summary>Judges every agent and builds the snapshot.</summary>
    /// <param name="organization">The organisation.</param>
    /// <param name="definitions">The definitions in force.</param>
    /// <param name="engines">The engines over those definitions.</param>
    /// <param name="agents">Every agent of the tenant, whatever their status.</param>
    /// <param name="records">The tenant's training records.</param>
    /// <param name="generatedAt">The build time.</param>
    /// <returns>The snapshot.</returns>
    public static ReportSnapshot Create(
        Organization organization,
        TenantDefinitions definitions,
        EngineSet engines,
        IEnumerable<Agent> agents,
        TrainingRecords records,
        DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(engines);
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(records);
        var ordered = agents.OrderBy(a => a.EmployeeNumber, StringComparer.Ordinal).ToList();
        var active = ordered.Where(a => a.Status == EmploymentStatus.Active).ToList();
        var clearances = engines.Compliance.EvaluateAll(active, records);
        var asOf = clearances.Count > 0 ? clearances[0].AsOf : DateOnly.FromDateTime(engines.Requirements.TimeProvider.GetLocalNow().DateTime);
        var inactive = ordered.Where(a => a.Status != EmploymentStatus.Active).ToList();
        return new ReportSnapshot(organization, definitions, engines, clearances, inactive, ordered, records, asOf, generatedAt);
    }

    /// <summary>Selects agents by org unit and job family.</summary>
    public AgentSelector Selector => selector;

    /// <summary>Whether an agent falls within a filter.</summary>
    /// <param name="filter">The filter.</param>
    /// <returns>A predicate over agents.</returns>
    /// <exception cref="InputValidationException">The filter names an org unit or a job family nobody knows.</exception>
    public Func<Agent, bool> Matcher(ReportFilter filter) => selector.Matcher(filter);

    /// <summary>Clearance coverage for a filter.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="language">Language of job family names: <c>fr</c> (default) or <c>en</c>.</param>
    /// <returns>The coverage.</returns>
    /// <exception cref="InputValidationException">The filter names an org unit or a job family nobody knows.</exception>
    public CoverageSummary Coverage(ReportFilter filter, string language = "fr") =>
        Memoize("coverage", filter, language, () => ComputeCoverage(filter, language));

    private CoverageSummary ComputeCoverage(ReportFilter filter, string language)
    {
        var matches = Matcher(filter);
        var total = new Tally();
        var byDirectorate = new Dictionary<Key, Tally>();
        var byOrgUnit = new Dictionary<Key, Tally>();
        var byFamily = new Dictionary<Key, Tally>();
        foreach (var clearance in Active)
        {
            var agent = clearance.Agent;
            if (!matches(agent))
            {
                continue;
            }

            total.Add(clearance);
            Of(byDirectorate, new Key(Tree.DirectorateOf(agent.OrgUnitId))).Add(clearance);
            Of(byOrgUnit, new Key(agent.OrgUnitId)).Add(clearance);
            Of(byFamily, new Key(agent.JobFamilyId)).Add(clearance);
        }

        int onLeave = 0, left = 0;
        foreach (var agent in Inactive)
        {
            if (matches(agent))
            {
                _ = agent.Status == EmploymentStatus.OnLeave ? onLeave++ : left++;
            }
        }

        var familyOrder = FamilyOrder();
        return new CoverageSummary
        {
            OrganizationName = Organization.Name,
            AsOf = AsOf,
            GeneratedAt = GeneratedAt,
            Filter = filter,
            CurriculumVersion = Definitions.Set.Curriculum.Version,
            CharterVersion = Definitions.Set.Charter.Version,
            Total = total.ToRow(null, null),
            OnLeave = onLeave,
            Left = left,
            ByDirectorate = Rows(byDirectorate, id => Tree.OrderOf(id), id => Tree.Find(id)?.Name ?? Labels.OrgUnit(id)),
            ByOrgUnit = Rows(byOrgUnit, id => Tree.OrderOf(id), id => Labels.OrgUnit(id)),
            ByJobFamily = Rows(byFamily, id => id is not null && familyOrder.TryGetValue(id, out var order) ? order : int.MaxValue, id => Labels.JobFamily(id, language)),
        };
    }

    /// <summary>The training plan for a filter, priced and spread over quarters.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="costs">The unit costs and horizon.</param>
    /// <returns>The plan report.</returns>
    /// <exception cref="InputValidationException">The filter names an org unit or a job family nobody knows.</exception>
    public TrainingPlanReport TrainingPlan(ReportFilter filter, TrainingPlanCostOptions costs) =>
        Memoize("training-plan", filter, costs, () => ComputeTrainingPlan(filter, costs));

    private TrainingPlanReport ComputeTrainingPlan(ReportFilter filter, TrainingPlanCostOptions costs)
    {
        var matches = Matcher(filter);
        var plan = Engines.TrainingPlan.Build(Organization, Active.Where(c => matches(c.Agent)).Select(c => c.Requirements));
        plan = plan with { AsOf = AsOf };
        if (!filter.IsEmpty)
        {
            // Directorates outside the filter have no agent: their referent target is not this selection's concern.
            plan = plan with { ReferentCoverage = [.. plan.ReferentCoverage.Where(r => r.ActiveAgents > 0)] };
        }

        return new TrainingPlanReport
        {
            OrganizationName = Organization.Name,
            GeneratedAt = GeneratedAt,
            Filter = filter,
            Plan = plan with { Budget = TrainingPlanBudget.Estimate(plan, costs) },
            Labels = Labels,
        };
    }

    /// <summary>The required modules of active agents expiring within the expiring-soon window, for a filter.</summary>
    /// <param name="filter">The filter.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InputValidationException">The filter names an org unit or a job family nobody knows.</exception>
    public ExpiringModulesReport ExpiringModules(ReportFilter filter) =>
        Memoize("expiring-modules", filter, null, () => ComputeExpiringModules(filter));

    /// <summary>
    /// The AI Act article 4 literacy register of the snapshot's data for a filter: every person of the filter (people
    /// who left included) with the measures delivered, AI systems with the agents cleared for each, coverage, gaps and
    /// refreshes due. Not kept: each call builds it.
    /// </summary>
    /// <param name="filter">The filter.</param>
    /// <returns>The register report, dated with the snapshot's build time.</returns>
    /// <exception cref="InputValidationException">The filter names an org unit or a job family nobody knows.</exception>
    public LiteracyRegisterReport LiteracyRegister(ReportFilter filter)
    {
        var matches = Matcher(filter);
        var people = filter.IsEmpty ? Agents : Agents.Where(matches);
        return new LiteracyRegisterReport
        {
            GeneratedAt = GeneratedAt,
            Filter = filter,
            Register = Engines.LiteracyRegister.Build(Organization, people, Records),
            Labels = Labels,
        };
    }

    /// <summary>
    /// Computes the whole-authority views in advance (coverage in French and English, training plan, expiring
    /// modules), so that the first page shown after a rebuild does not wait for them.
    /// </summary>
    /// <param name="costs">The unit costs of the training plan.</param>
    public void Warm(TrainingPlanCostOptions costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        Coverage(ReportFilter.None);
        Coverage(ReportFilter.None, "en");
        TrainingPlan(ReportFilter.None, costs);
        ExpiringModules(ReportFilter.None);
    }

    private ExpiringModulesReport ComputeExpiringModules(ReportFilter filter)
    {
        var matches = Matcher(filter);
        var items = new List<ExpiringRequirement>();
        var perModule = new Dictionary<string, (int Agents, DateOnly First, DateOnly Last)>(StringComparer.Ordinal);
        var agents = 0;
        foreach (var clearance in Active)
        {
            var agent = clearance.Agent;
            if (!matches(agent))
            {
                continue;
            }

            var any = false;
            foreach (var requirement in clearance.Requirements.Requirements)
            {
                if (requirement.State != RequirementState.ExpiringSoon || requirement.ExpiresOn is not { } expiresOn)
                {
                    continue;
                }

                any = true;
                items.Add(new ExpiringRequirement
                {
                    EmployeeNumber = agent.EmployeeNumber,
                    DisplayName = agent.DisplayName,
                    OrgUnitId = agent.OrgUnitId,
                    JobFamilyId = agent.JobFamilyId,
                    ModuleId = requirement.ModuleId,
                    ExpiresOn = expiresOn,
                });
                perModule[requirement.ModuleId] = perModule.TryGetValue(requirement.ModuleId, out var counts)
                    ? (counts.Agents + 1, expiresOn < counts.First ? expiresOn : counts.First, expiresOn > counts.Last ? expiresOn : counts.Last)
                    : (1, expiresOn, expiresOn);
            }

            agents += any ? 1 : 0;
        }

        var modules = new List<ExpiringModule>();
        foreach (var module in Definitions.Set.Curriculum.Modules)
        {
            if (perModule.TryGetValue(module.Id, out var counts))
            {
                modules.Add(new ExpiringModule
                {
                    ModuleId = module.Id,
                    Title = module.Title,
                    Track = module.Track,
                    Agents = counts.Agents,
                    FirstExpiry = counts.First,
                    LastExpiry = counts.Last,
                });
            }
        }

        return new ExpiringModulesReport
        {
            AsOf = AsOf,
            GeneratedAt = GeneratedAt,
            Filter = filter,
            WindowDays = Engines.Requirements.Options.ExpiringSoonDays,
            Agents = agents,
            Modules = modules,
            Items = [.. items
                .OrderBy(i => i.ExpiresOn)
                .ThenBy(i => i.EmployeeNumber, StringComparer.Ordinal)
                .ThenBy(i => i.ModuleId, StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// Computes a view once per snapshot (views are immutable, shared by every request); the most recent filters are
    /// kept, up to <see cref="MaxMemoizedViews"/>. A filter naming an unknown id is refused each time, never kept.
    /// </summary>
    private T Memoize<T>(string kind, ReportFilter filter, object? argument, Func<T> compute)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(filter);
        var key = (kind, filter, argument);
        if (views.TryGetValue(key, out var known))
        {
            return (T)known;
        }

        var value = compute();
        if (views.Count >= MaxMemoizedViews)
        {
            views.Clear();
        }

        return (T)views.GetOrAdd(key, value);
    }

    private Dictionary<string, int> FamilyOrder()
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var family in Definitions.Set.JobFamilies.JobFamilies)
        {
            order.TryAdd(family.Id, order.Count);
        }

        return order;
    }

    private static Tally Of(Dictionary<Key, Tally> groups, Key key)
    {
        if (!groups.TryGetValue(key, out var tally))
        {
            groups[key] = tally = new Tally();
        }

        return tally;
    }

    private static CoverageRow[] Rows(Dictionary<Key, Tally> groups, Func<string?, int> order, Func<string?, string?> name) =>
        [.. groups
            .OrderBy(g => g.Key.Id is null ? 1 : 0)
            .ThenBy(g => order(g.Key.Id))
            .ThenBy(g => g.Key.Id, StringComparer.Ordinal)
            .Select(g => g.Value.ToRow(g.Key.Id, name(g.Key.Id)))];

    private readonly record struct Key(string? Id);

    private sealed class Tally
    {
        private int active;
        private int cleared;
        private int refreshDue;
        private int charterPending;
        private int trainingIncomplete;
        private int commonCoreDone;

        public void Add(Clearance clearance)
        {
            active++;
            bool allValid = true, commonCore = true, expiring = false;
            foreach (var requirement in clearance.Requirements.Requirements)
            {
                if (!requirement.IsValid)
                {
                    allValid = false;
                    commonCore &= requirement.Basis != RequirementBasis.CommonCore;
                }

                expiring |= requirement.State == RequirementState.ExpiringSoon;
            }

            commonCoreDone += commonCore ? 1 : 0;
            if (clearance.IsCleared)
            {
                cleared++;
                refreshDue += expiring ? 1 : 0;
            }
            else if (allValid)
            {
                charterPending++;
            }
            else
            {
                trainingIncomplete++;
            }
        }

        public CoverageRow ToRow(string? id, string? name) => new()
        {
            Id = id,
            Name = name,
            ActiveAgents = active,
            Cleared = cleared,
            RefreshDue = refreshDue,
            CharterPending = charterPending,
            TrainingIncomplete = trainingIncomplete,
            CommonCoreDone = commonCoreDone,
        };
    }
}
