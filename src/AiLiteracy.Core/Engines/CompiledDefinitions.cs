using System.Collections.Concurrent;
using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>
/// A <see cref="DefinitionSet"/> prepared for fast evaluation: modules indexed by id, prerequisites resolved, the
/// required modules of each (job family, roles) audience computed once and cached, charter rules indexed by kind and
/// tools by id. Create one per definition set with <see cref="Compile"/> and share it: it is immutable and
/// thread-safe.
/// </summary>
public sealed class CompiledDefinitions
{
    private readonly Dictionary<string, int> moduleIndex;
    private readonly Dictionary<string, AiTool> toolsById;
    private readonly CharterRule?[] rulesByKind;
    private readonly ConcurrentDictionary<(string? JobFamilyId, AgentRoles Roles), ApplicableModule[]> audienceCache = new();
    private readonly Func<(string? JobFamilyId, AgentRoles Roles), ApplicableModule[]> computeAudience;

    private CompiledDefinitions(DefinitionSet definitions)
    {
        Definitions = definitions;
        var modules = definitions.Curriculum.Modules;
        moduleIndex = new Dictionary<string, int>(modules.Count, StringComparer.Ordinal);
        for (var i = 0; i < modules.Count; i++)
        {
            if (!moduleIndex.TryAdd(modules[i].Id, i))
            {
                throw new ArgumentException(
                    $"The curriculum '{definitions.Curriculum.Id}' defines module '{modules[i].Id}' more than once.",
                    nameof(definitions));
            }
        }

        CompiledModules = new CompiledModule[modules.Count];
        for (var i = 0; i < modules.Count; i++)
        {
            CompiledModules[i] = new CompiledModule(modules[i], i, moduleIndex);
        }

        toolsById = new Dictionary<string, AiTool>(StringComparer.Ordinal);
        foreach (var tool in definitions.Charter.Tools)
        {
            toolsById.TryAdd(tool.Id, tool);
        }

        rulesByKind = new CharterRule?[Enum.GetValues<CharterRuleKind>().Length];
        foreach (var rule in definitions.Charter.Rules)
        {
            ref var slot = ref rulesByKind[(int)rule.Kind];
            slot ??= rule;
        }

        computeAudience = key => ComputeApplicable(key.JobFamilyId, key.Roles);
    }

    /// <summary>Prepares <paramref name="definitions"/> for evaluation.</summary>
    /// <param name="definitions">The authority's definitions.</param>
    /// <returns>The compiled definitions.</returns>
    /// <exception cref="ArgumentException">The curriculum defines a module id twice.</exception>
    public static CompiledDefinitions Compile(DefinitionSet definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return new CompiledDefinitions(definitions);
    }

    /// <summary>The definitions compiled.</summary>
    public DefinitionSet Definitions { get; }

    /// <summary>The AI charter.</summary>
    public Charter Charter => Definitions.Charter;

    /// <summary>The current charter version: acknowledgements of older versions do not count.</summary>
    public int CharterVersion => Definitions.Charter.Version;

    internal CompiledModule[] CompiledModules { get; }

    /// <summary>Finds a module of the curriculum by id.</summary>
    /// <param name="moduleId">The module id.</param>
    /// <returns>The module, or <see langword="null"/> when the curriculum has none with that id.</returns>
    public Module? FindModule(string moduleId) => FindCompiled(moduleId)?.Module;

    /// <summary>Finds a tool of the registry by id.</summary>
    /// <param name="toolId">The tool id.</param>
    /// <returns>The tool, or <see langword="null"/> when the registry has none with that id.</returns>
    public AiTool? FindTool(string toolId) => toolsById.GetValueOrDefault(toolId);

    /// <summary>Returns the first charter rule of <paramref name="kind"/>, the one engines cite.</summary>
    /// <param name="kind">The rule kind.</param>
    /// <returns>The rule, or <see langword="null"/> when the charter has none of that kind.</returns>
    public CharterRule? RuleOf(CharterRuleKind kind) => (uint)kind < (uint)rulesByKind.Length ? rulesByKind[(int)kind] : null;

    /// <summary>
    /// Lists the required modules of the audience an agent belongs to, whatever their employment status, with the
    /// basis on which each is required. See <see cref="RequirementsEngine"/> for the audience rules.
    /// </summary>
    /// <param name="agent">The agent.</param>
    /// <returns>The required modules in curriculum order.</returns>
    public IReadOnlyList<RequiredModule> RequiredModulesFor(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var applicable = ApplicableModules(agent.JobFamilyId, agent.Roles);
        var result = new RequiredModule[applicable.Length];
        for (var i = 0; i < applicable.Length; i++)
        {
            result[i] = new RequiredModule(applicable[i].Module.Module, applicable[i].Basis);
        }

        return result;
    }

    internal CompiledModule? FindCompiled(string moduleId) =>
        moduleIndex.TryGetValue(moduleId, out var index) ? CompiledModules[index] : null;

    internal ApplicableModule[] ApplicableModules(string? jobFamilyId, AgentRoles roles) =>
        audienceCache.GetOrAdd((jobFamilyId, roles), computeAudience);

    private ApplicableModule[] ComputeApplicable(string? jobFamilyId, AgentRoles roles)
    {
        var result = new List<ApplicableModule>();
        foreach (var module in CompiledModules)
        {
            if (module.AppliesTo(jobFamilyId, roles) is { } basis)
            {
                result.Add(new ApplicableModule(module, basis, jobFamilyId));
            }
        }

        return [.. result];
    }
}

/// <summary>A module required of an audience, with the basis on which it is required.</summary>
/// <param name="Module">The module.</param>
/// <param name="Basis">Why it is required.</param>
public sealed record RequiredModule(Module Module, RequirementBasis Basis);

/// <summary>A module with its lookups resolved once.</summary>
internal sealed class CompiledModule
{
    public CompiledModule(Module module, int index, Dictionary<string, int> moduleIndex)
    {
        Module = module;
        Index = index;
        PassMark = module.Assessment?.PassMark;
        var prerequisites = new List<int>(module.Prerequisites.Count);
        var prerequisiteIds = new List<string>(module.Prerequisites.Count);
        foreach (var id in module.Prerequisites)
        {
            // Unknown prerequisite ids are a definition error reported by schema validation; they cannot block anyone.
            if (moduleIndex.TryGetValue(id, out var prerequisite) && prerequisite != index)
            {
                prerequisites.Add(prerequisite);
                prerequisiteIds.Add(id);
            }
        }

        Prerequisites = [.. prerequisites];
        PrerequisiteIds = [.. prerequisiteIds];
        JobFamilies = module.Audience.JobFamilies.Count == 0
            ? null
            : new HashSet<string>(module.Audience.JobFamilies, StringComparer.Ordinal);
        foreach (var role in module.Audience.Roles)
        {
            AudienceRoles |= role;
        }

        IsELearningOnly = module.DeliveryModes.Count > 0 && module.DeliveryModes.All(m => m == DeliveryMode.ELearning);
        PlannedDeliveryMode = module.DeliveryModes.Count > 0 ? module.DeliveryModes[0] : null;
    }

    public Module Module { get; }

    public string Id => Module.Id;

    public int Index { get; }

    public decimal? PassMark { get; }

    public int[] Prerequisites { get; }

    public string[] PrerequisiteIds { get; }

    public HashSet<string>? JobFamilies { get; }

    public AgentRoles AudienceRoles { get; }

    public bool IsELearningOnly { get; }

    public DeliveryMode? PlannedDeliveryMode { get; }

    /// <summary>Whether a completion is a failed attempt: failed outcome, or a score below the pass mark.</summary>
    public bool IsFailure(Completion completion) =>
        completion.Outcome == CompletionOutcome.Failed
        || (PassMark is { } passMark && completion.Score is { } score && score < passMark);

    /// <summary>Whether a completion counts: version at or above the minimum, and not a failure.</summary>
    public bool Counts(Completion completion) => completion.ModuleVersion >= Module.MinimumVersion && !IsFailure(completion);

    /// <summary>The role a track targets when the module's audience names none.</summary>
    public static AgentRoles DefaultRole(TrackKind track) => track switch
    {
        TrackKind.Referent => AgentRoles.Referent,
        TrackKind.Elected => AgentRoles.Elected,
        TrackKind.Manager => AgentRoles.Manager,
        _ => AgentRoles.None,
    };

    public RequirementBasis? AppliesTo(string? jobFamilyId, AgentRoles roles)
    {
        if (!Module.Required)
        {
            return null;
        }

        if (JobFamilies is not null && (jobFamilyId is null || !JobFamilies.Contains(jobFamilyId)))
        {
            return null;
        }

        switch (Module.Track)
        {
            case TrackKind.CommonCore:
                return AudienceRoles == AgentRoles.None || (roles & AudienceRoles) != 0 ? RequirementBasis.CommonCore : null;
            case TrackKind.Job:
                if (jobFamilyId is null)
                {
                    return null;
                }

                return AudienceRoles == AgentRoles.None || (roles & AudienceRoles) != 0 ? RequirementBasis.JobFamily : null;
            default:
                var target = AudienceRoles == AgentRoles.None ? DefaultRole(Module.Track) : AudienceRoles;
                return target != AgentRoles.None && (roles & target) != 0 ? RequirementBasis.Role : null;
        }
    }
}

/// <summary>A module required of one audience, with its pre-built reasons.</summary>
internal sealed class ApplicableModule
{
    public ApplicableModule(CompiledModule module, RequirementBasis basis, string? jobFamilyId)
    {
        Module = module;
        Basis = basis;
        BasisReason = RequirementReasons.ForBasis(module, basis, jobFamilyId);
        DoneReasons = Array.AsReadOnly([BasisReason]);
        MissingReasons = Array.AsReadOnly([BasisReason, RequirementReasons.NotCompleted(module)]);
    }

    public RequirementReason BasisReason { get; }

    public CompiledModule Module { get; }

    public RequirementBasis Basis { get; }

    public IReadOnlyList<RequirementReason> DoneReasons { get; }

    public IReadOnlyList<RequirementReason> MissingReasons { get; }
}
