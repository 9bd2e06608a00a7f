namespace AiLiteracy.Client.Models;

/// <summary>An agent (staff member or elected official) as the server returns it.</summary>
public sealed record AgentView
{
    /// <summary>The HR employee number (<i>matricule</i>).</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>Display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Work e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Entra ID object id, when known.</summary>
    public string? EntraObjectId { get; init; }

    /// <summary>Entra ID user principal name, when known.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>Job family id.</summary>
    public string? JobFamilyId { get; init; }

    /// <summary>Org unit id (direction, pôle, service).</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>The line manager's employee number.</summary>
    public string? ManagerEmployeeNumber { get; init; }

    /// <summary>Roles: <c>agent</c>, <c>manager</c>, <c>referent</c>, <c>elected</c>.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Employment status.</summary>
    public required EmploymentStatus Status { get; init; }

    /// <summary>Start date.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>End date (left or leaving).</summary>
    public DateOnly? EndDate { get; init; }
}

/// <summary>The fields of an agent to create or replace (<c>PUT /agents/{employeeNumber}</c>).</summary>
public sealed record AgentInput
{
    /// <summary>Display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Work e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Entra ID object id.</summary>
    public string? EntraObjectId { get; init; }

    /// <summary>Entra ID user principal name.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>Job family id (must exist in the job families).</summary>
    public string? JobFamilyId { get; init; }

    /// <summary>Org unit id (must exist in the organisation).</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>The line manager's employee number.</summary>
    public string? ManagerEmployeeNumber { get; init; }

    /// <summary>Roles: <c>agent</c>, <c>manager</c>, <c>referent</c>, <c>elected</c>. Default on the server: <c>agent</c>.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>Employment status. Default on the server: active.</summary>
    public EmploymentStatus? Status { get; init; }

    /// <summary>Start date.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>End date.</summary>
    public DateOnly? EndDate { get; init; }
}

/// <summary>Deactivates an agent (left the authority).</summary>
public sealed record DeactivationInput
{
    /// <summary>The end date; today on the server when absent.</summary>
    public DateOnly? EndDate { get; init; }
}

/// <summary>Filters of the agents list. Every filter is optional.</summary>
public sealed record AgentListQuery
{
    /// <summary>Only agents of this org unit (and the units below it).</summary>
    [Refit.AliasAs("orgUnitId")]
    public string? OrgUnitId { get; init; }

    /// <summary>Only agents of this job family.</summary>
    [Refit.AliasAs("jobFamilyId")]
    public string? JobFamilyId { get; init; }

    /// <summary>Only agents with this role: <c>agent</c>, <c>manager</c>, <c>referent</c>, <c>elected</c>.</summary>
    [Refit.AliasAs("role")]
    public string? Role { get; init; }

    /// <summary>Only agents with this employment status.</summary>
    [Refit.AliasAs("status")]
    public EmploymentStatus? Status { get; init; }

    /// <summary>Only cleared (<see langword="true"/>) or not cleared (<see langword="false"/>) agents.</summary>
    [Refit.AliasAs("cleared")]
    public bool? Cleared { get; init; }

    /// <summary>Items per page (server default 100, maximum 1,000).</summary>
    [Refit.AliasAs("pageSize")]
    public int? PageSize { get; init; }

    /// <summary>The continuation token of the page to read (taken from <c>nextLink</c>).</summary>
    [Refit.AliasAs("continuationToken")]
    public string? ContinuationToken { get; init; }
}

/// <summary>A reason given by an engine (why a module is required, why an agent is not cleared).</summary>
public sealed record ReasonView
{
    /// <summary>A stable code, e.g. <c>module-missing</c>.</summary>
    public required string Code { get; init; }

    /// <summary>The message, in French and English.</summary>
    public required LocalizedText Message { get; init; }

    /// <summary>The module concerned, when any.</summary>
    public string? ModuleId { get; init; }

    /// <summary>The charter rule cited, when any.</summary>
    public string? RuleId { get; init; }
}

/// <summary>One module an agent must take, with its state.</summary>
public sealed record RequirementView
{
    /// <summary>Module id.</summary>
    public required string ModuleId { get; init; }

    /// <summary>Module title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>The module's track.</summary>
    public required TrackKind Track { get; init; }

    /// <summary>Why the module is required (common core, job family, role).</summary>
    public required RequirementBasis Basis { get; init; }

    /// <summary>State: done, expiring soon, missing, expired, failed, blocked.</summary>
    public required RequirementState State { get; init; }

    /// <summary>Date of the completion that counts, when any.</summary>
    public DateOnly? CompletedOn { get; init; }

    /// <summary>Expiry of that completion, when the module has a validity.</summary>
    public DateOnly? ExpiresOn { get; init; }

    /// <summary>Date by which the module should be taken, when known.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>Prerequisites not yet valid.</summary>
    public IReadOnlyList<string> BlockingPrerequisites { get; init; } = [];

    /// <summary>Why the module is in this state.</summary>
    public IReadOnlyList<ReasonView> Reasons { get; init; } = [];
}

/// <summary>The modules an agent must take (<c>GET /agents/{employeeNumber}/required-modules</c>).</summary>
public sealed record RequiredModuleList
{
    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>Whether the agent is cleared (<i>habilité</i>).</summary>
    public required bool IsCleared { get; init; }

    /// <summary>Evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The modules.</summary>
    public IReadOnlyList<RequirementView> Items { get; init; } = [];
}

/// <summary>A competency level of an agent, derived from evidence.</summary>
public sealed record CompetencyLevelView
{
    /// <summary>Competency id.</summary>
    public required string CompetencyId { get; init; }

    /// <summary>Competency title.</summary>
    public LocalizedText? Title { get; init; }

    /// <summary>Level reached (0 when none).</summary>
    public required int Level { get; init; }

    /// <summary>Level the agent's role profiles require.</summary>
    public required int RequiredLevel { get; init; }

    /// <summary>Whether the level reaches the proficient threshold.</summary>
    public required bool IsProficient { get; init; }
}

/// <summary>A competency below the level the agent's role profiles require.</summary>
public sealed record CompetencyGapView
{
    /// <summary>Competency id.</summary>
    public required string CompetencyId { get; init; }

    /// <summary>Level reached.</summary>
    public required int CurrentLevel { get; init; }

    /// <summary>Level required.</summary>
    public required int RequiredLevel { get; init; }

    /// <summary>The role profiles requiring it.</summary>
    public IReadOnlyList<string> RoleProfileIds { get; init; } = [];
}

/// <summary>An agent's training status: clearance, requirements and competencies.</summary>
public sealed record AgentStatusView
{
    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>Employment status.</summary>
    public required EmploymentStatus Status { get; init; }

    /// <summary>Evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Whether the agent is cleared (<i>habilité</i>) to use the approved AI tools.</summary>
    public required bool IsCleared { get; init; }

    /// <summary>The current charter version.</summary>
    public required int CharterVersion { get; init; }

    /// <summary>The highest charter version the agent acknowledged, when any.</summary>
    public int? AcknowledgedCharterVersion { get; init; }

    /// <summary>Why the agent is not cleared; empty when cleared.</summary>
    public IReadOnlyList<ReasonView> ClearanceReasons { get; init; } = [];

    /// <summary>The required modules and their states.</summary>
    public IReadOnlyList<RequirementView> Requirements { get; init; } = [];

    /// <summary>The level from which a competency counts as proficient.</summary>
    public required int ProficientThreshold { get; init; }

    /// <summary>Competency levels.</summary>
    public IReadOnlyList<CompetencyLevelView> Competencies { get; init; } = [];

    /// <summary>Competency gaps against the role profiles.</summary>
    public IReadOnlyList<CompetencyGapView> CompetencyGaps { get; init; } = [];
}
