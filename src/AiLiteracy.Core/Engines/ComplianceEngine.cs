using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>
/// Decides clearance (<i>habilitation</i>): an active agent is cleared when every required module is
/// <see cref="RequirementState.Done"/> or <see cref="RequirementState.ExpiringSoon"/> and the current charter version is
/// acknowledged (an acknowledgement of an older version does not count: a new charter version withdraws clearance
/// until it is acknowledged). Agents on leave or who left are never cleared. Per tool, an agent is cleared when
/// generally cleared, the tool is approved or tolerated by the registry, and every module the tool requires has a valid
/// completion. Immutable and thread-safe.
/// </summary>
public class ComplianceEngine
{
    private readonly RequirementsEngine requirements;
    private readonly string? trainingRuleId;
    private readonly string? acknowledgementRuleId;
    private readonly string? approvedToolsRuleId;
    private readonly ClearanceReason?[] missingReasons;
    private readonly ClearanceReason notAcknowledged;

    /// <summary>Creates the engine.</summary>
    /// <param name="definitions">The compiled definitions.</param>
    /// <param name="timeProvider">The clock giving the evaluation date.</param>
    /// <param name="options">Options; <see cref="EngineOptions.Default"/> when <see langword="null"/>.</param>
    public ComplianceEngine(CompiledDefinitions definitions, TimeProvider timeProvider, EngineOptions? options = null)
        : this(new RequirementsEngine(definitions, timeProvider, options))
    {
    }

    /// <summary>Creates the engine on top of a requirements engine (sharing its definitions, clock and options).</summary>
    /// <param name="requirements">The requirements engine.</param>
    public ComplianceEngine(RequirementsEngine requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        this.requirements = requirements;
        trainingRuleId = Definitions.RuleOf(CharterRuleKind.TrainingBeforeAccess)?.Id;
        acknowledgementRuleId = Definitions.RuleOf(CharterRuleKind.Acknowledgement)?.Id;
        approvedToolsRuleId = Definitions.RuleOf(CharterRuleKind.ApprovedToolsOnly)?.Id;
        notAcknowledged = new ClearanceReason
        {
            Code = ClearanceReasonCode.CharterNotAcknowledged,
            RuleId = acknowledgementRuleId,
            CharterVersion = Definitions.CharterVersion,
        };
        missingReasons = new ClearanceReason?[Definitions.CompiledModules.Length];
        foreach (var module in Definitions.CompiledModules)
        {
            missingReasons[module.Index] = new ClearanceReason
            {
                Code = ClearanceReasonCode.ModuleMissing,
                ModuleId = module.Id,
                RuleId = trainingRuleId,
            };
        }
    }

    /// <summary>The compiled definitions.</summary>
    public CompiledDefinitions Definitions => requirements.Definitions;

    /// <summary>The requirements engine clearance is decided on.</summary>
    public RequirementsEngine Requirements => requirements;

    /// <summary>Decides the clearance of an agent today.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="history">The agent's history.</param>
    /// <returns>The clearance.</returns>
    public virtual Clearance Evaluate(Agent agent, AgentHistory history) =>
        Evaluate(requirements.Evaluate(agent, history, EngineText.Today(requirements.TimeProvider)), history);

    /// <summary>
    /// Decides the clearance of many agents on one date (the clock is read once, so a batch that crosses midnight
    /// stays consistent).
    /// </summary>
    /// <param name="agents">The agents.</param>
    /// <param name="records">The authority's training records.</param>
    /// <returns>One clearance per agent, in the order given.</returns>
    public virtual IReadOnlyList<Clearance> EvaluateAll(IEnumerable<Agent> agents, TrainingRecords records)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(records);
        var today = EngineText.Today(requirements.TimeProvider);
        var result = agents.TryGetNonEnumeratedCount(out var count) ? new List<Clearance>(count) : [];
        foreach (var agent in agents)
        {
            var history = records.GetHistory(agent.EmployeeNumber);
            result.Add(Evaluate(requirements.Evaluate(agent, history, today), history));
        }

        return result;
    }

    /// <summary>Decides the clearance of an agent from requirements already evaluated (on their date).</summary>
    /// <param name="agentRequirements">The agent's requirements.</param>
    /// <param name="history">The agent's history (for acknowledgements).</param>
    /// <returns>The clearance.</returns>
    public virtual Clearance Evaluate(AgentRequirements agentRequirements, AgentHistory history)
    {
        ArgumentNullException.ThrowIfNull(agentRequirements);
        ArgumentNullException.ThrowIfNull(history);
        var agent = agentRequirements.Agent;
        var charterVersion = Definitions.CharterVersion;
        List<ClearanceReason>? reasons = null;

        if (agent.Status != EmploymentStatus.Active)
        {
            (reasons ??= []).Add(new ClearanceReason { Code = ClearanceReasonCode.AgentNotActive, Status = agent.Status });
        }

        foreach (var requirement in agentRequirements.Requirements)
        {
            if (!requirement.IsValid)
            {
                (reasons ??= []).Add(ReasonFor(requirement));
            }
        }

        var acknowledged = history.HighestAcknowledgedVersion;
        if (acknowledged is null)
        {
            (reasons ??= []).Add(notAcknowledged);
        }
        else if (acknowledged < charterVersion)
        {
            (reasons ??= []).Add(new ClearanceReason
            {
                Code = ClearanceReasonCode.CharterAcknowledgementOutdated,
                RuleId = acknowledgementRuleId,
                CharterVersion = charterVersion,
                AcknowledgedVersion = acknowledged,
            });
        }

        return new Clearance
        {
            Agent = agent,
            AsOf = agentRequirements.AsOf,
            IsCleared = reasons is null,
            Requirements = agentRequirements,
            CharterVersion = charterVersion,
            AcknowledgedCharterVersion = acknowledged,
            Reasons = reasons is null ? [] : reasons,
        };
    }

    /// <summary>Decides whether an agent is cleared for one tool, on the date of <paramref name="clearance"/>.</summary>
    /// <param name="clearance">The agent's general clearance.</param>
    /// <param name="history">The agent's history (for the tool's required modules).</param>
    /// <param name="toolId">The tool id.</param>
    /// <returns>The tool clearance.</returns>
    public virtual ToolClearance EvaluateTool(Clearance clearance, AgentHistory history, string toolId)
    {
        ArgumentNullException.ThrowIfNull(clearance);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(toolId);
        var tool = Definitions.FindTool(toolId);
        List<ClearanceReason>? reasons = clearance.IsCleared ? null : [.. clearance.Reasons];

        if (tool is null)
        {
            (reasons ??= []).Add(new ClearanceReason { Code = ClearanceReasonCode.ToolUnknown, RuleId = approvedToolsRuleId, ToolId = toolId });
        }
        else
        {
            if (tool.Status == ToolStatus.Forbidden)
            {
                (reasons ??= []).Add(new ClearanceReason
                {
                    Code = ClearanceReasonCode.ToolForbidden,
                    RuleId = approvedToolsRuleId,
                    ToolId = toolId,
                    Tool = tool,
                });
            }

            foreach (var moduleId in tool.RequiredModules)
            {
                var valid = clearance.Requirements.Find(moduleId) is { } requirement
                    ? requirement.IsValid
                    : Definitions.FindCompiled(moduleId) is { } module && requirements.IsValid(module, history, clearance.AsOf);
                if (!valid)
                {
                    (reasons ??= []).Add(new ClearanceReason
                    {
                        Code = ClearanceReasonCode.ToolModuleNotDone,
                        ModuleId = moduleId,
                        RuleId = trainingRuleId,
                        ToolId = toolId,
                        Tool = tool,
                    });
                }
            }
        }

        return new ToolClearance
        {
            EmployeeNumber = clearance.EmployeeNumber,
            ToolId = toolId,
            Tool = tool,
            AsOf = clearance.AsOf,
            IsCleared = reasons is null,
            Clearance = clearance,
            Reasons = reasons is null ? [] : reasons,
        };
    }

    /// <summary>Decides whether an agent is cleared for each tool of the registry, forbidden ones included.</summary>
    /// <param name="clearance">The agent's general clearance.</param>
    /// <param name="history">The agent's history.</param>
    /// <returns>One tool clearance per registry entry, in registry order.</returns>
    public virtual IReadOnlyList<ToolClearance> EvaluateTools(Clearance clearance, AgentHistory history)
    {
        ArgumentNullException.ThrowIfNull(clearance);
        var tools = Definitions.Charter.Tools;
        var result = new ToolClearance[tools.Count];
        for (var i = 0; i < tools.Count; i++)
        {
            result[i] = EvaluateTool(clearance, history, tools[i].Id);
        }

        return result;
    }

    private ClearanceReason ReasonFor(ModuleRequirement requirement)
    {
        var id = requirement.ModuleId;
        return requirement.State switch
        {
            RequirementState.Expired => new ClearanceReason
            {
                Code = ClearanceReasonCode.ModuleExpired,
                ModuleId = id,
                RuleId = trainingRuleId,
                Date = requirement.ExpiresOn,
            },
            RequirementState.Failed => new ClearanceReason { Code = ClearanceReasonCode.ModuleFailed, ModuleId = id, RuleId = trainingRuleId },
            RequirementState.Blocked => new ClearanceReason
            {
                Code = ClearanceReasonCode.ModuleBlocked,
                ModuleId = id,
                RuleId = trainingRuleId,
                Prerequisites = requirement.BlockingPrerequisites,
            },
            _ => Definitions.FindCompiled(id) is { } module && missingReasons[module.Index] is { } cached
                ? cached
                : new ClearanceReason { Code = ClearanceReasonCode.ModuleMissing, ModuleId = id, RuleId = trainingRuleId },
        };
    }
}
