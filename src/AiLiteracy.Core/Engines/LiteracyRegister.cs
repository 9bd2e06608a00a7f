using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>An AI system in use in the authority (a non-forbidden tool of the registry).</summary>
public sealed record RegisteredAiSystem
{
    /// <summary>The registry entry.</summary>
    public required AiTool Tool { get; init; }

    /// <summary>The tool id.</summary>
    public string ToolId => Tool.Id;

    /// <summary>Active agents cleared to use the tool.</summary>
    public required int ClearedAgents { get; init; }
}

/// <summary>A literacy measure delivered to a person: one completion record, kept whatever its outcome.</summary>
public sealed record LiteracyMeasure
{
    /// <summary>The module id.</summary>
    public required string ModuleId { get; init; }

    /// <summary>The module title, when the module is still in the curriculum.</summary>
    public LocalizedText? ModuleTitle { get; init; }

    /// <summary>The module's track, when the module is still in the curriculum.</summary>
    public TrackKind? Track { get; init; }

    /// <summary>The module version followed.</summary>
    public required int ModuleVersion { get; init; }

    /// <summary>The completion date.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>How the module was delivered (format).</summary>
    public DeliveryMode? DeliveryMode { get; init; }

    /// <summary>The outcome.</summary>
    public required CompletionOutcome Outcome { get; init; }

    /// <summary>The assessment score, when assessed.</summary>
    public decimal? Score { get; init; }

    /// <summary>Whether the completion counts (outcome, pass mark, minimum version), expired or not.</summary>
    public required bool Counts { get; init; }

    /// <summary>Where the record came from.</summary>
    public required CompletionSource Source { get; init; }

    /// <summary>Link to the evidence.</summary>
    public string? EvidenceUrl { get; init; }
}

/// <summary>A person of the register with the measures delivered to them.</summary>
public sealed record RegisterPerson
{
    /// <summary>The employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>The display name, when known.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The org unit.</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>The job family.</summary>
    public string? JobFamilyId { get; init; }

    /// <summary>The roles.</summary>
    public required AgentRoles Roles { get; init; }

    /// <summary>The employment status.</summary>
    public required EmploymentStatus Status { get; init; }

    /// <summary>Whether the person left the authority (history kept for the record).</summary>
    public bool HasLeft => Status == EmploymentStatus.Left;

    /// <summary>The date the person left, when known.</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>Whether the person is cleared today (never for people on leave or who left).</summary>
    public required bool IsCleared { get; init; }

    /// <summary>The highest charter version acknowledged.</summary>
    public int? AcknowledgedCharterVersion { get; init; }

    /// <summary>Measures delivered, oldest first.</summary>
    public required IReadOnlyList<LiteracyMeasure> Measures { get; init; }
}

/// <summary>Coverage of a group of active agents: cleared and common core done.</summary>
public sealed record RegisterCoverage
{
    /// <summary>The org unit or directorate id; <see langword="null"/> for agents outside the tree.</summary>
    public string? Id { get; init; }

    /// <summary>The unit's name, when known.</summary>
    public string? Name { get; init; }

    /// <summary>Active agents.</summary>
    public required int ActiveAgents { get; init; }

    /// <summary>Active agents cleared.</summary>
    public required int Cleared { get; init; }

    /// <summary>Active agents with every required common-core module valid.</summary>
    public required int CommonCoreDone { get; init; }

    /// <summary><see cref="Cleared"/> ÷ <see cref="ActiveAgents"/>, rounded to 4 decimals (0 without agents).</summary>
    public decimal ClearedShare => ActiveAgents == 0 ? 0 : Math.Round((decimal)Cleared / ActiveAgents, 4);

    /// <summary><see cref="CommonCoreDone"/> ÷ <see cref="ActiveAgents"/>, rounded to 4 decimals (0 without agents).</summary>
    public decimal CommonCoreShare => ActiveAgents == 0 ? 0 : Math.Round((decimal)CommonCoreDone / ActiveAgents, 4);
}

/// <summary>A required module an active agent lacks or must refresh.</summary>
public sealed record RegisterGap
{
    /// <summary>The employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>The agent's org unit.</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>The module id.</summary>
    public required string ModuleId { get; init; }

    /// <summary>The requirement's state.</summary>
    public required RequirementState State { get; init; }

    /// <summary>The date by which the module is due.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>The expiry date of the latest valid completion, when any.</summary>
    public DateOnly? ExpiresOn { get; init; }
}

/// <summary>
/// The AI literacy register of EU AI Act article 4: AI systems in use, measures delivered to each person (people who
/// left included, flagged), coverage and gaps. Pure data, ready for export.
/// </summary>
public sealed record LiteracyRegister
{
    /// <summary>The authority's id.</summary>
    public required string OrganizationId { get; init; }

    /// <summary>The authority's name.</summary>
    public required string OrganizationName { get; init; }

    /// <summary>The evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The curriculum version judged against.</summary>
    public required string CurriculumVersion { get; init; }

    /// <summary>The current charter version.</summary>
    public required int CharterVersion { get; init; }

    /// <summary>AI systems in use: approved and tolerated tools, with the number of agents cleared for each.</summary>
    public required IReadOnlyList<RegisteredAiSystem> AiSystems { get; init; }

    /// <summary>Every person known (active, on leave, left) with their measures, by employee number.</summary>
    public required IReadOnlyList<RegisterPerson> People { get; init; }

    /// <summary>Coverage of the whole authority.</summary>
    public required RegisterCoverage Total { get; init; }

    /// <summary>Coverage per org unit, in tree order (units outside the tree last).</summary>
    public required IReadOnlyList<RegisterCoverage> CoverageByOrgUnit { get; init; }

    /// <summary>Coverage per directorate, in tree order.</summary>
    public required IReadOnlyList<RegisterCoverage> CoverageByDirectorate { get; init; }

    /// <summary>Required modules missing, failed or blocked for active agents.</summary>
    public required IReadOnlyList<RegisterGap> Gaps { get; init; }

    /// <summary>Required modules expired or expiring soon for active agents (refreshes due).</summary>
    public required IReadOnlyList<RegisterGap> RefreshesDue { get; init; }
}
