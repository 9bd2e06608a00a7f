using System.Text.Json.Serialization;

namespace AiLiteracy.Hr.Bridge;

/// <summary>A page of agents from the HR bridge.</summary>
public sealed record HrBridgeAgentPage
{
    /// <summary>The agents.</summary>
    [JsonPropertyName("items")]
    public IReadOnlyList<HrBridgeAgent> Items { get; init; } = [];

    /// <summary>The cursor of the next page, or <see langword="null"/> on the last page.</summary>
    [JsonPropertyName("nextCursor")]
    public string? NextCursor { get; init; }
}

/// <summary>An agent as the HR bridge sends it (job family and org unit already mapped to the authority's ids).</summary>
public sealed record HrBridgeAgent
{
    /// <summary>The employee number (<i>matricule</i>).</summary>
    [JsonPropertyName("employeeNumber")]
    public string EmployeeNumber { get; init; } = "";

    /// <summary>Display name.</summary>
    [JsonPropertyName("displayName")]
    public string? DisplayName { get; init; }

    /// <summary>E-mail address.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>Job family id.</summary>
    [JsonPropertyName("jobFamilyId")]
    public string? JobFamilyId { get; init; }

    /// <summary>Org unit id.</summary>
    [JsonPropertyName("orgUnitId")]
    public string? OrgUnitId { get; init; }

    /// <summary>Line manager's employee number.</summary>
    [JsonPropertyName("managerEmployeeNumber")]
    public string? ManagerEmployeeNumber { get; init; }

    /// <summary>Roles: <c>agent</c>, <c>manager</c>, <c>referent</c>, <c>elected</c>.</summary>
    [JsonPropertyName("roles")]
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>Status: <c>active</c>, <c>on-leave</c>, <c>left</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>Start date.</summary>
    [JsonPropertyName("startDate")]
    public DateOnly? StartDate { get; init; }

    /// <summary>End date.</summary>
    [JsonPropertyName("endDate")]
    public DateOnly? EndDate { get; init; }

    /// <summary>Last change in the HR system.</summary>
    [JsonPropertyName("updatedAt")]
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A training record sent to the HR system's training history (<i>historique de formation</i>).</summary>
public sealed record HrTrainingRecord
{
    /// <summary>Stable id of the record in the SDK.</summary>
    [JsonPropertyName("recordId")]
    public required string RecordId { get; init; }

    /// <summary>The agent's employee number.</summary>
    [JsonPropertyName("employeeNumber")]
    public required string EmployeeNumber { get; init; }

    /// <summary>Module id.</summary>
    [JsonPropertyName("moduleId")]
    public required string ModuleId { get; init; }

    /// <summary>Title (<i>intitulé</i>).</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    /// <summary>First day.</summary>
    [JsonPropertyName("startDate")]
    public required DateOnly StartDate { get; init; }

    /// <summary>Last day.</summary>
    [JsonPropertyName("endDate")]
    public required DateOnly EndDate { get; init; }

    /// <summary>Duration in hours.</summary>
    [JsonPropertyName("durationHours")]
    public decimal? DurationHours { get; init; }

    /// <summary>Training provider (<i>organisme</i>).</summary>
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    /// <summary>Delivery mode: <c>in-person</c>, <c>remote</c>, <c>e-learning</c>, <c>workshop</c>.</summary>
    [JsonPropertyName("deliveryMode")]
    public string? DeliveryMode { get; init; }

    /// <summary>Outcome: <c>completed</c>, <c>passed</c>, <c>failed</c>.</summary>
    [JsonPropertyName("outcome")]
    public required string Outcome { get; init; }

    /// <summary>Score out of 100.</summary>
    [JsonPropertyName("score")]
    public decimal? Score { get; init; }

    /// <summary><c>recorded</c>, or <c>withdrawn</c> when the record was cancelled.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }
}

/// <summary>What the HR bridge answers to a training record.</summary>
public sealed record HrTrainingRecordReceipt
{
    /// <summary>The record id.</summary>
    [JsonPropertyName("recordId")]
    public string RecordId { get; init; } = "";

    /// <summary>The record's id in the HR system.</summary>
    [JsonPropertyName("hrReference")]
    public string? HrReference { get; init; }

    /// <summary>When the HR system received it.</summary>
    [JsonPropertyName("receivedAt")]
    public DateTimeOffset ReceivedAt { get; init; }
}
