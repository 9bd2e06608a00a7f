using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Services;

/// <summary>An agent as the API shows it.</summary>
public sealed record AgentView
{
    /// <summary>HR employee number (<i>matricule</i>), the agent's id.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>Display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Professional e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Entra ID object id.</summary>
    public string? EntraObjectId { get; init; }

    /// <summary>Entra ID user principal name.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>Job family id.</summary>
    public string? JobFamilyId { get; init; }

    /// <summary>Org unit id.</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>Employee number of the line manager.</summary>
    public string? ManagerEmployeeNumber { get; init; }

    /// <summary>Roles: <c>agent</c>, <c>manager</c>, <c>referent</c>, <c>elected</c>.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Employment status.</summary>
    public required EmploymentStatus Status { get; init; }

    /// <summary>Start date.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>End date (left).</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>Creates the view of an agent.</summary>
    /// <param name="agent">The agent.</param>
    /// <returns>The view.</returns>
    public static AgentView From(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new AgentView
        {
            EmployeeNumber = agent.EmployeeNumber,
            DisplayName = agent.DisplayName,
            Email = agent.Email,
            EntraObjectId = agent.EntraObjectId,
            UserPrincipalName = agent.UserPrincipalName,
            JobFamilyId = agent.JobFamilyId,
            OrgUnitId = agent.OrgUnitId,
            ManagerEmployeeNumber = agent.ManagerEmployeeNumber,
            Roles = RoleNames.Of(agent.Roles),
            Status = agent.Status,
            StartDate = agent.StartDate,
            EndDate = agent.EndDate,
        };
    }
}

/// <summary>Role names as the API spells them.</summary>
public static class RoleNames
{
    private static readonly (AgentRoles Role, string Name)[] Names =
    [
        (AgentRoles.Agent, "agent"), (AgentRoles.Manager, "manager"), (AgentRoles.Referent, "referent"), (AgentRoles.Elected, "elected"),
    ];

    /// <summary>Lists the names of the roles held.</summary>
    /// <param name="roles">The roles.</param>
    /// <returns>The names.</returns>
    public static IReadOnlyList<string> Of(AgentRoles roles) => Names.Where(n => (roles & n.Role) != 0).Select(n => n.Name).ToArray();

    /// <summary>Parses a role name (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <param name="role">The role.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public static bool TryParse(string? name, out AgentRoles role)
    {
        foreach (var (r, n) in Names)
        {
            if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = r;
                return true;
            }
        }

        role = AgentRoles.None;
        return false;
    }
}

/// <summary>A stored completion as the API shows it.</summary>
public sealed record CompletionView
{
    /// <summary>Storage id.</summary>
    public required string Id { get; init; }

    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>Module id.</summary>
    public required string ModuleId { get; init; }

    /// <summary>Module version followed.</summary>
    public required int ModuleVersion { get; init; }

    /// <summary>Date of completion.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Outcome.</summary>
    public required CompletionOutcome Outcome { get; init; }

    /// <summary>Score out of 100.</summary>
    public decimal? Score { get; init; }

    /// <summary>Delivery mode.</summary>
    public DeliveryMode? DeliveryMode { get; init; }

    /// <summary>Source.</summary>
    public required CompletionSource Source { get; init; }

    /// <summary>Evidence link.</summary>
    public string? EvidenceUrl { get; init; }

    /// <summary>Id in the source system.</summary>
    public string? ExternalId { get; init; }

    /// <summary>When it was recorded.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Creates the view of a record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The view.</returns>
    public static CompletionView From(CompletionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var c = record.Completion;
        return new CompletionView
        {
            Id = record.Id,
            EmployeeNumber = c.EmployeeNumber,
            ModuleId = c.ModuleId,
            ModuleVersion = c.ModuleVersion,
            Date = c.Date,
            Outcome = c.Outcome,
            Score = c.Score,
            DeliveryMode = c.DeliveryMode,
            Source = c.Source,
            EvidenceUrl = c.EvidenceUrl,
            ExternalId = c.ExternalId,
            RecordedAt = record.RecordedAt,
        };
    }
}

/// <summary>A reason, with a stable code and a message in French and English.</summary>
/// <param name="Code">The code (kebab-case).</param>
/// <param name="Message">The message.</param>
/// <param name="ModuleId">The module concerned, if any.</param>
/// <param name="RuleId">The charter rule cited, if any.</param>
public sealed record ReasonView(string Code, LocalizedText Message, string? ModuleId = null, string? RuleId = null);

/// <summary>The state of one required module for an agent.</summary>
public sealed record RequirementView
{
    /// <summary>Module id.</summary>
    public required string ModuleId { get; init; }

    /// <summary>Module title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Track.</summary>
    public required TrackKind Track { get; init; }

    /// <summary>Why the module is required.</summary>
    public required RequirementBasis Basis { get; init; }

    /// <summary>State: done, expiring-soon, missing, expired, failed, blocked.</summary>
    public required RequirementState State { get; init; }

    /// <summary>Date of the last valid completion.</summary>
    public DateOnly? CompletedOn { get; init; }

    /// <summary>When the valid completion expires.</summary>
    public DateOnly? ExpiresOn { get; init; }

    /// <summary>When the module is due.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>Prerequisites not yet valid.</summary>
    public IReadOnlyList<string> BlockingPrerequisites { get; init; } = [];

    /// <summary>Reasons.</summary>
    public IReadOnlyList<ReasonView> Reasons { get; init; } = [];
}

/// <summary>A competency level of an agent.</summary>
/// <param name="CompetencyId">Competency id.</param>
/// <param name="Title">Title.</param>
/// <param name="Level">Level reached (0 when none).</param>
/// <param name="RequiredLevel">Level the agent's role profiles require (0 when none).</param>
/// <param name="IsProficient">Whether the level reaches the proficient threshold.</param>
public sealed record CompetencyLevelView(string CompetencyId, LocalizedText? Title, int Level, int RequiredLevel, bool IsProficient);

/// <summary>A competency gap against the role profiles.</summary>
/// <param name="CompetencyId">Competency id.</param>
/// <param name="CurrentLevel">Level reached.</param>
/// <param name="RequiredLevel">Level required.</param>
/// <param name="RoleProfileIds">Profiles requiring it.</param>
public sealed record CompetencyGapView(string CompetencyId, int CurrentLevel, int RequiredLevel, IReadOnlyList<string> RoleProfileIds);

/// <summary>An agent's training, competency and clearance status.</summary>
public sealed record AgentStatusView
{
    /// <summary>Employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>Employment status.</summary>
    public required EmploymentStatus Status { get; init; }

    /// <summary>Evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Whether the agent is cleared (<i>habilité</i>) to use the approved AI tools.</summary>
    public required bool IsCleared { get; init; }

    /// <summary>The charter version in force.</summary>
    public required int CharterVersion { get; init; }

    /// <summary>The highest charter version the agent acknowledged.</summary>
    public int? AcknowledgedCharterVersion { get; init; }

    /// <summary>Why the agent is not cleared (empty when cleared).</summary>
    public required IReadOnlyList<ReasonView> ClearanceReasons { get; init; }

    /// <summary>Required modules and their states.</summary>
    public required IReadOnlyList<RequirementView> Requirements { get; init; }

    /// <summary>Proficient threshold of the scale.</summary>
    public required int ProficientThreshold { get; init; }

    /// <summary>Competency levels.</summary>
    public required IReadOnlyList<CompetencyLevelView> Competencies { get; init; }

    /// <summary>Gaps against the role profiles.</summary>
    public required IReadOnlyList<CompetencyGapView> CompetencyGaps { get; init; }
}

/// <summary>One page of a list with the token of the next page.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">Items.</param>
/// <param name="ContinuationToken">Token of the next page, or <see langword="null"/>.</param>
public sealed record PageView<T>(IReadOnlyList<T> Items, string? ContinuationToken);
