namespace AiLiteracy.Client.Models;

/// <summary>Restricts a report to an org unit (with every unit below it) and/or a job family. Both are optional.</summary>
public sealed record ReportQuery
{
    /// <summary>Only agents of this org unit or of a unit below it.</summary>
    [Refit.AliasAs("orgUnitId")]
    public string? OrgUnitId { get; init; }

    /// <summary>Only agents of this job family.</summary>
    [Refit.AliasAs("jobFamilyId")]
    public string? JobFamilyId { get; init; }
}

/// <summary>The filter a report was computed with.</summary>
public sealed record ReportFilter
{
    /// <summary>The org unit, when filtered.</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>The job family, when filtered.</summary>
    public string? JobFamilyId { get; init; }

    /// <summary>Whether the filter restricts nothing.</summary>
    public bool IsEmpty => OrgUnitId is null && JobFamilyId is null;
}

/// <summary>Where the active agents of a group stand: cleared or not, and why not.</summary>
public sealed record CoverageRow
{
    /// <summary>The directorate, org unit or job family id; <see langword="null"/> for agents without one.</summary>
    public string? Id { get; init; }

    /// <summary>The group's name.</summary>
    public string? Name { get; init; }

    /// <summary>Active agents.</summary>
    public required int ActiveAgents { get; init; }

    /// <summary>Active agents cleared (<i>habilités</i>), refresh due or not.</summary>
    public required int Cleared { get; init; }

    /// <summary>Of the cleared agents, those with a required module expiring soon.</summary>
    public required int RefreshDue { get; init; }

    /// <summary>Agents whose training is complete but who have not acknowledged the current charter.</summary>
    public required int CharterPending { get; init; }

    /// <summary>Agents with a required module missing, expired, failed or blocked.</summary>
    public required int TrainingIncomplete { get; init; }

    /// <summary>Agents with every required common-core module valid.</summary>
    public required int CommonCoreDone { get; init; }

    /// <summary>Cleared agents with no refresh due.</summary>
    public int ClearedUpToDate { get; init; }

    /// <summary>Cleared ÷ active agents (0 to 1).</summary>
    public decimal ClearedShare { get; init; }

    /// <summary>Common core done ÷ active agents (0 to 1).</summary>
    public decimal CommonCoreShare { get; init; }
}

/// <summary>Clearance coverage of the active agents, whole and by directorate, org unit and job family.</summary>
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

    /// <summary>Agents on leave.</summary>
    public required int OnLeave { get; init; }

    /// <summary>Agents who left.</summary>
    public required int Left { get; init; }

    /// <summary>By directorate, in tree order.</summary>
    public IReadOnlyList<CoverageRow> ByDirectorate { get; init; } = [];

    /// <summary>By org unit, in tree order.</summary>
    public IReadOnlyList<CoverageRow> ByOrgUnit { get; init; } = [];

    /// <summary>By job family, in catalogue order.</summary>
    public IReadOnlyList<CoverageRow> ByJobFamily { get; init; } = [];
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

    /// <summary>The expiry date.</summary>
    public required DateOnly ExpiresOn { get; init; }
}

/// <summary>The required modules of active agents expiring within the expiring-soon window.</summary>
public sealed record ExpiringModulesReport
{
    /// <summary>The evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>When the figures were computed.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The filter applied.</summary>
    public required ReportFilter Filter { get; init; }

    /// <summary>The window in days.</summary>
    public required int WindowDays { get; init; }

    /// <summary>The last day of the window.</summary>
    public DateOnly Until { get; init; }

    /// <summary>Distinct active agents with at least one module expiring.</summary>
    public required int Agents { get; init; }

    /// <summary>Per module, in curriculum order.</summary>
    public IReadOnlyList<ExpiringModule> Modules { get; init; } = [];

    /// <summary>Every (agent, module) expiring, soonest first.</summary>
    public IReadOnlyList<ExpiringRequirement> Items { get; init; } = [];
}
