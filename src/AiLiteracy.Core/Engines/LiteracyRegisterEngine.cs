using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>
/// Builds the AI literacy register (EU AI Act art. 4): the AI systems in use with the number of agents cleared for
/// each, the measures delivered to every person (completion records of any outcome, people who left included and
/// flagged), coverage per org unit and directorate (share of active agents cleared, share with the common core done),
/// gaps (missing, failed, blocked) and refreshes due (expired, expiring soon). Records of employee numbers absent from
/// the agent list are not reported. Immutable and thread-safe.
/// </summary>
public class LiteracyRegisterEngine
{
    private readonly ComplianceEngine compliance;

    /// <summary>Creates the engine.</summary>
    /// <param name="definitions">The compiled definitions.</param>
    /// <param name="timeProvider">The clock giving the evaluation date.</param>
    /// <param name="options">Options; <see cref="EngineOptions.Default"/> when <see langword="null"/>.</param>
    public LiteracyRegisterEngine(CompiledDefinitions definitions, TimeProvider timeProvider, EngineOptions? options = null)
        : this(new ComplianceEngine(definitions, timeProvider, options))
    {
    }

    /// <summary>Creates the engine on top of a compliance engine (sharing its definitions, clock and options).</summary>
    /// <param name="compliance">The compliance engine.</param>
    public LiteracyRegisterEngine(ComplianceEngine compliance)
    {
        ArgumentNullException.ThrowIfNull(compliance);
        this.compliance = compliance;
    }

    /// <summary>The compiled definitions.</summary>
    public CompiledDefinitions Definitions => compliance.Definitions;

    /// <summary>Builds the register today.</summary>
    /// <param name="organization">The authority.</param>
    /// <param name="agents">Every agent known, whatever their status.</param>
    /// <param name="records">The authority's training records.</param>
    /// <returns>The register.</returns>
    public virtual LiteracyRegister Build(Organization organization, IEnumerable<Agent> agents, TrainingRecords records)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(records);
        var requirementsEngine = compliance.Requirements;
        var today = EngineText.Today(requirementsEngine.TimeProvider);
        var tree = new OrgTree(organization);
        var tools = new List<AiTool>();
        foreach (var tool in Definitions.Charter.Tools)
        {
            if (tool.Status != ToolStatus.Forbidden)
            {
                tools.Add(tool);
            }
        }

        var clearedPerTool = new int[tools.Count];
        var people = new List<RegisterPerson>();
        var gaps = new List<RegisterGap>();
        var refreshes = new List<RegisterGap>();
        var byOrgUnit = new Dictionary<Key, CoverageCounts>();
        var byDirectorate = new Dictionary<Key, CoverageCounts>();
        var total = new CoverageCounts();

        foreach (var agent in agents.OrderBy(a => a.EmployeeNumber, StringComparer.Ordinal))
        {
            var history = records.GetHistory(agent.EmployeeNumber);
            var clearance = compliance.Evaluate(requirementsEngine.Evaluate(agent, history, today), history);
            people.Add(new RegisterPerson
            {
                EmployeeNumber = agent.EmployeeNumber,
                DisplayName = agent.DisplayName,
                OrgUnitId = agent.OrgUnitId,
                JobFamilyId = agent.JobFamilyId,
                Roles = agent.Roles,
                Status = agent.Status,
                EndDate = agent.EndDate,
                IsCleared = clearance.IsCleared,
                AcknowledgedCharterVersion = history.HighestAcknowledgedVersion,
                Measures = Measures(history),
            });

            if (agent.Status != EmploymentStatus.Active)
            {
                continue;
            }

            var commonCoreDone = true;
            foreach (var requirement in clearance.Requirements.Requirements)
            {
                if (requirement.Basis == RequirementBasis.CommonCore && !requirement.IsValid)
                {
                    commonCoreDone = false;
                }

                var target = requirement.State switch
                {
                    RequirementState.Missing or RequirementState.Failed or RequirementState.Blocked => gaps,
                    RequirementState.Expired or RequirementState.ExpiringSoon => refreshes,
                    _ => null,
                };
                target?.Add(new RegisterGap
                {
                    EmployeeNumber = agent.EmployeeNumber,
                    OrgUnitId = agent.OrgUnitId,
                    ModuleId = requirement.ModuleId,
                    State = requirement.State,
                    DueDate = requirement.DueDate,
                    ExpiresOn = requirement.ExpiresOn,
                });
            }

            if (clearance.IsCleared)
            {
                for (var i = 0; i < tools.Count; i++)
                {
                    if (compliance.EvaluateTool(clearance, history, tools[i].Id).IsCleared)
                    {
                        clearedPerTool[i]++;
                    }
                }
            }

            total.Add(clearance.IsCleared, commonCoreDone);
            Counts(byOrgUnit, new Key(agent.OrgUnitId)).Add(clearance.IsCleared, commonCoreDone);
            Counts(byDirectorate, new Key(tree.DirectorateOf(agent.OrgUnitId))).Add(clearance.IsCleared, commonCoreDone);
        }

        return new LiteracyRegister
        {
            OrganizationId = organization.Id,
            OrganizationName = organization.Name,
            AsOf = today,
            CurriculumVersion = Definitions.Definitions.Curriculum.Version,
            CharterVersion = Definitions.CharterVersion,
            AiSystems = [.. tools.Select((tool, i) => new RegisteredAiSystem { Tool = tool, ClearedAgents = clearedPerTool[i] })],
            People = people,
            Total = total.ToCoverage(null, null),
            CoverageByOrgUnit = Coverage(byOrgUnit, tree),
            CoverageByDirectorate = Coverage(byDirectorate, tree),
            Gaps = gaps,
            RefreshesDue = refreshes,
        };
    }

    private LiteracyMeasure[] Measures(AgentHistory history)
    {
        var measures = new LiteracyMeasure[history.Completions.Count];
        for (var i = 0; i < measures.Length; i++)
        {
            var completion = history.Completions[i];
            var module = Definitions.FindCompiled(completion.ModuleId);
            measures[i] = new LiteracyMeasure
            {
                ModuleId = completion.ModuleId,
                ModuleTitle = module?.Module.Title,
                Track = module?.Module.Track,
                ModuleVersion = completion.ModuleVersion,
                Date = completion.Date,
                DeliveryMode = completion.DeliveryMode,
                Outcome = completion.Outcome,
                Score = completion.Score,
                Counts = module is not null && module.Counts(completion),
                Source = completion.Source,
                EvidenceUrl = completion.EvidenceUrl,
            };
        }

        // Stable sort keeps the module order for completions of the same day.
        return [.. measures.OrderBy(m => m.Date)];
    }

    private static CoverageCounts Counts(Dictionary<Key, CoverageCounts> groups, Key key)
    {
        if (!groups.TryGetValue(key, out var counts))
        {
            groups[key] = counts = new CoverageCounts();
        }

        return counts;
    }

    private static RegisterCoverage[] Coverage(Dictionary<Key, CoverageCounts> groups, OrgTree tree) =>
        [.. groups
            .OrderBy(g => g.Key.Id is null ? 1 : 0)
            .ThenBy(g => tree.OrderOf(g.Key.Id))
            .ThenBy(g => g.Key.Id, StringComparer.Ordinal)
            .Select(g => g.Value.ToCoverage(g.Key.Id, tree.Find(g.Key.Id)?.Name))];

    private readonly record struct Key(string? Id);

    private sealed class CoverageCounts
    {
        private int active;
        private int cleared;
        private int commonCoreDone;

        public void Add(bool isCleared, bool hasCommonCore)
        {
            active++;
            cleared += isCleared ? 1 : 0;
            commonCoreDone += hasCommonCore ? 1 : 0;
        }

        public RegisterCoverage ToCoverage(string? id, string? name) => new()
        {
            Id = id,
            Name = name,
            ActiveAgents = active,
            Cleared = cleared,
            CommonCoreDone = commonCoreDone,
        };
    }
}
