using System.Text.Json.Serialization;
using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Reports;

/// <summary>Where the active agents of a group stand: cleared or not, and why not.</summary>
public sealed record CoverageRow
{
    /// <summary>The directorate, org unit or job family id; <see langword="null"/> for agents without one (or outside the organisation tree).</summary>
    public string? Id { get; init; }

    /// <summary>The group's name (org unit name, job family title in the report language), when known.</summary>
    public string? Name { get; init; }

    /// <summary>Active agents.</summary>
    public required int ActiveAgents { get; init; }

    /// <summary>Active agents cleared to use the approved AI tools (<i>habilités</i>), refresh due or not.</summary>
    public required int Cleared { get; init; }

    /// <summary>Of <see cref="Cleared"/>, agents with at least one required module expiring soon (refresh due).</summary>
    public required int RefreshDue { get; init; }

    /// <summary>Active agents whose training is complete but who have not acknowledged the current charter version.</summary>
    public required int CharterPending { get; init; }

    /// <summary>Active agents with at least one required module missing, expired, failed or blocked.</summary>
    public required int TrainingIncomplete { get; init; }

    /// <summary>Active agents with every required common-core module valid.</summary>
    public required int CommonCoreDone { get; init; }

    /// <summary>Cleared agents with no refresh due: <see cref="Cleared"/> − <see cref="RefreshDue"/>.</summary>
    public int ClearedUpToDate => Cleared - RefreshDue;

    /// <summary><see cref="Cleared"/> ÷ <see cref="ActiveAgents"/>, rounded to 4 decimals (0 without agents).</summary>
    public decimal ClearedShare => ActiveAgents == 0 ? 0 : Math.Round((decimal)Cleared / ActiveAgents, 4);

    /// <summary><see cref="CommonCoreDone"/> ÷ <see cref="ActiveAgents"/>, rounded to 4 decimals (0 without agents).</summary>
    public decimal CommonCoreShare => ActiveAgents == 0 ? 0 : Math.Round((decimal)CommonCoreDone / ActiveAgents, 4);
}

/// <summary>Clearance coverage of the active agents of an authority, whole and by directorate, org unit and job family.</summary>
public sealed record CoverageSummary
{
    /// <summary>The authority's name.</summary>
    public required string OrganizationName { get; init; }

    /// <summary>The evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>When the figures were computed.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The filter applied.</summary>
    public required ReportFilter Filter { get; init; }

    /// <summary>The curriculum version judged against.</summary>
    public required string CurriculumVersion { get; init; }

    /// <summary>The charter version in force.</summary>
    public required int CharterVersion { get; init; }

    /// <summary>Every active agent of the filter.</summary>
    public required CoverageRow Total { get; init; }

    /// <summary>Agents of the filter on leave (not planned, not cleared).</summary>
    public required int OnLeave { get; init; }

    /// <summary>Agents of the filter who left (kept in the register only).</summary>
    public required int Left { get; init; }

    /// <summary>By directorate, in tree order, agents outside the tree last; only groups with active agents.</summary>
    public required IReadOnlyList<CoverageRow> ByDirectorate { get; init; }

    /// <summary>By org unit, in tree order, units unknown to the tree last; only groups with active agents.</summary>
    public required IReadOnlyList<CoverageRow> ByOrgUnit { get; init; }

    /// <summary>By job family, in catalogue order, unknown families then agents without one last; only groups with active agents.</summary>
    public required IReadOnlyList<CoverageRow> ByJobFamily { get; init; }
}

/// <summary>Agents whose completion of one module expires within the window.</summary>
public sealed record ExpiringModule
{
    /// <summary>The module id.</summary>
    public required string ModuleId { get; init; }

    /// <summary>The module title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>The module's track.</summary>
    public required TrackKind Track { get; init; }

    /// <summary>Active agents whose completion expires within the window.</summary>
    public required int Agents { get; init; }

    /// <summary>The earliest expiry date.</summary>
    public required DateOnly FirstExpiry { get; init; }

    /// <summary>The latest expiry date.</summary>
    public required DateOnly LastExpiry { get; init; }
}

/// <summary>One agent's module expiring within the window.</summary>
public sealed record ExpiringRequirement
{
    /// <summary>The employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>The display name, when known.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The agent's org unit.</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>The agent's job family.</summary>
    public string? JobFamilyId { get; init; }

    /// <summary>The module id.</summary>
    public required string ModuleId { get; init; }

    /// <summary>The expiry date of the agent's latest valid completion.</summary>
    public required DateOnly ExpiresOn { get; init; }
}

/// <summary>The required modules of active agents that expire within the expiring-soon window (refreshes to plan now).</summary>
public sealed record ExpiringModulesReport
{
    /// <summary>The evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>When the figures were computed.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The filter applied.</summary>
    public required ReportFilter Filter { get; init; }

    /// <summary>The window in days (<see cref="EngineOptions.ExpiringSoonDays"/>, 60 by default).</summary>
    public required int WindowDays { get; init; }

    /// <summary>The last day of the window.</summary>
    public DateOnly Until => AsOf.AddDays(WindowDays);

    /// <summary>Distinct active agents with at least one module expiring.</summary>
    public required int Agents { get; init; }

    /// <summary>Per module, in curriculum order.</summary>
    public required IReadOnlyList<ExpiringModule> Modules { get; init; }

    /// <summary>Every (agent, module) expiring, soonest first, then by employee number and module.</summary>
    public required IReadOnlyList<ExpiringRequirement> Items { get; init; }
}

/// <summary>The training plan of an authority (or of a filtered part of it) with its budget and quarterly schedule.</summary>
public sealed record TrainingPlanReport
{
    /// <summary>The authority's name.</summary>
    public required string OrganizationName { get; init; }

    /// <summary>When the figures were computed.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The filter applied.</summary>
    public required ReportFilter Filter { get; init; }

    /// <summary>The plan: needs by module, org unit, directorate and job family; referent, elected and manager coverage; its <see cref="TrainingPlan.Budget"/>.</summary>
    public required TrainingPlan Plan { get; init; }

    /// <summary>The estimated cost and the spread over quarters (the plan's budget; estimated without rates when the plan has none).</summary>
    [JsonIgnore]
    public TrainingPlanBudget Budget => Plan.Budget ?? TrainingPlanBudget.Estimate(Plan);

    /// <summary>Names of the org units, job families and modules the plan refers to (for exports).</summary>
    [JsonIgnore]
    public ReportLabels Labels { get; init; } = ReportLabels.Empty;
}

/// <summary>The AI Act article 4 literacy register of an authority (or of a filtered part of it).</summary>
public sealed record LiteracyRegisterReport
{
    /// <summary>
    /// When the register's data was read (the build time of the report snapshot it comes from). A register served while
    /// a fresh snapshot is loaded in the background is older than the request: this says by how much.
    /// </summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The filter applied.</summary>
    public required ReportFilter Filter { get; init; }

    /// <summary>The register.</summary>
    public required LiteracyRegister Register { get; init; }

    /// <summary>Names of the org units, job families and modules the register refers to (for exports).</summary>
    [JsonIgnore]
    public ReportLabels Labels { get; init; } = ReportLabels.Empty;
}

/// <summary>Display names of the ids reports refer to: org units, job families, modules.</summary>
public sealed class ReportLabels
{
    private readonly IReadOnlyDictionary<string, string> orgUnits;
    private readonly IReadOnlyDictionary<string, LocalizedText> jobFamilies;
    private readonly IReadOnlyDictionary<string, LocalizedText> modules;

    /// <summary>Creates the labels.</summary>
    /// <param name="orgUnits">Org unit names by id.</param>
    /// <param name="jobFamilies">Job family titles by id.</param>
    /// <param name="modules">Module titles by id.</param>
    public ReportLabels(IReadOnlyDictionary<string, string> orgUnits, IReadOnlyDictionary<string, LocalizedText> jobFamilies, IReadOnlyDictionary<string, LocalizedText> modules)
    {
        this.orgUnits = orgUnits ?? throw new ArgumentNullException(nameof(orgUnits));
        this.jobFamilies = jobFamilies ?? throw new ArgumentNullException(nameof(jobFamilies));
        this.modules = modules ?? throw new ArgumentNullException(nameof(modules));
    }

    /// <summary>Labels that know no name (ids are shown as they are).</summary>
    public static ReportLabels Empty { get; } = new(
        new Dictionary<string, string>(), new Dictionary<string, LocalizedText>(), new Dictionary<string, LocalizedText>());

    /// <summary>Builds the labels of an organisation and a definition set.</summary>
    /// <param name="organization">The organisation (org unit names).</param>
    /// <param name="definitions">The definitions (job family and module titles).</param>
    /// <returns>The labels.</returns>
    public static ReportLabels Create(Organization organization, DefinitionSet definitions)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(definitions);
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in organization.OrgUnits)
        {
            units.TryAdd(unit.Id, unit.Name);
        }

        var families = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var family in definitions.JobFamilies.JobFamilies)
        {
            families.TryAdd(family.Id, family.Title);
        }

        var titles = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var module in definitions.Curriculum.Modules)
        {
            titles.TryAdd(module.Id, module.Title);
        }

        return new ReportLabels(units, families, titles);
    }

    /// <summary>The org units known, in the organisation's order.</summary>
    public IEnumerable<KeyValuePair<string, string>> OrgUnits => orgUnits;

    /// <summary>The job families known, in the catalogue's order.</summary>
    public IEnumerable<KeyValuePair<string, LocalizedText>> JobFamilies => jobFamilies;

    /// <summary>The name of an org unit, or <see langword="null"/> when unknown.</summary>
    /// <param name="id">The org unit id.</param>
    /// <returns>The name.</returns>
    public string? OrgUnit(string? id) => id is not null && orgUnits.TryGetValue(id, out var name) ? name : null;

    /// <summary>The title of a job family in a language, or <see langword="null"/> when unknown.</summary>
    /// <param name="id">The job family id.</param>
    /// <param name="language"><c>fr</c> or <c>en</c>.</param>
    /// <returns>The title.</returns>
    public string? JobFamily(string? id, string language) => id is not null && jobFamilies.TryGetValue(id, out var title) ? title.Get(language) : null;

    /// <summary>The title of a module in a language, or <see langword="null"/> when unknown.</summary>
    /// <param name="id">The module id.</param>
    /// <param name="language"><c>fr</c> or <c>en</c>.</param>
    /// <returns>The title.</returns>
    public string? Module(string? id, string language) => id is not null && modules.TryGetValue(id, out var title) ? title.Get(language) : null;
}
