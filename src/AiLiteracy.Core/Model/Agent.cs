namespace AiLiteracy.Model;

/// <summary>The roles an agent holds; an agent may hold several.</summary>
[Flags]
public enum AgentRoles
{
    /// <summary>No role beyond being known to HR.</summary>
    None = 0,
    /// <summary>A member of staff (<i>agent</i>).</summary>
    Agent = 1,
    /// <summary>A line manager (<i>encadrant</i>).</summary>
    Manager = 2,
    /// <summary>An AI referent or ambassador (<i>référent IA</i>).</summary>
    Referent = 4,
    /// <summary>An elected official (<i>élu</i>).</summary>
    Elected = 8,
}

/// <summary>Employment status as HR knows it.</summary>
public enum EmploymentStatus
{
    /// <summary>In post.</summary>
    Active,
    /// <summary>On long leave (<i>congé longue durée</i>, parental leave, secondment); not planned for training.</summary>
    OnLeave,
    /// <summary>Left the authority; kept in the register's history only.</summary>
    Left,
}

/// <summary>
/// A member of staff or an elected official, as HR knows them. Personal data is kept to what the purpose
/// needs: no birth date, no address.
/// </summary>
public sealed record Agent
{
    /// <summary>The HR employee number (<i>matricule</i>): the agent's stable identifier; matches Entra <c>employeeId</c>.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>Display name (« Prénom Nom »), optional.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Professional e-mail address, optional.</summary>
    public string? Email { get; init; }

    /// <summary>Entra ID object id, when known.</summary>
    public string? EntraObjectId { get; init; }

    /// <summary>Entra ID user principal name, when known.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>Job family id; <see langword="null"/> for elected officials and agents without one.</summary>
    public string? JobFamilyId { get; init; }

    /// <summary>The org unit the agent works in.</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>Employee number of the agent's line manager.</summary>
    public string? ManagerEmployeeNumber { get; init; }

    /// <summary>Roles held.</summary>
    public AgentRoles Roles { get; init; } = AgentRoles.Agent;

    /// <summary>Employment status.</summary>
    public EmploymentStatus Status { get; init; } = EmploymentStatus.Active;

    /// <summary>Date the agent joined (or took office).</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>Date the agent left, when <see cref="Status"/> is <see cref="EmploymentStatus.Left"/>.</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>Whether the agent holds <paramref name="role"/>.</summary>
    /// <param name="role">The role to test.</param>
    /// <returns><see langword="true"/> when the role is held.</returns>
    public bool HasRole(AgentRoles role) => (Roles & role) == role && role != AgentRoles.None;
}
