using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Storage.Entities;

/// <summary>A row that belongs to a tenant; every stored row does.</summary>
public interface ITenantOwned
{
    /// <summary>The owning tenant id.</summary>
    string TenantId { get; set; }
}

/// <summary>Storage row of a tenant (<see cref="Organization"/>); its <see cref="TenantId"/> is its own id.</summary>
public sealed class OrganizationEntity : ITenantOwned
{
    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>SIREN number.</summary>
    public string? Siren { get; set; }

    /// <summary>Official name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Kind of authority.</summary>
    public OrganizationKind Kind { get; set; }

    /// <summary>Mapped Entra ID tenant id (<c>tid</c>).</summary>
    public string? EntraTenantId { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last update time.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Storage row of an <see cref="OrgUnit"/>.</summary>
public sealed class OrgUnitEntity : ITenantOwned
{
    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Org unit id chosen by the authority.</summary>
    public string OrgUnitId { get; set; } = "";

    /// <summary>Display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Level in the tree.</summary>
    public OrgUnitKind Kind { get; set; }

    /// <summary>Parent org unit id.</summary>
    public string? ParentId { get; set; }
}

/// <summary>Storage row of an <see cref="Agent"/>, keyed by tenant and employee number.</summary>
public sealed class AgentEntity : ITenantOwned
{
    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>HR employee number (<i>matricule</i>).</summary>
    public string EmployeeNumber { get; set; } = "";

    /// <summary>Display name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Professional e-mail address.</summary>
    public string? Email { get; set; }

    /// <summary>Entra ID object id.</summary>
    public string? EntraObjectId { get; set; }

    /// <summary>Entra ID user principal name.</summary>
    public string? UserPrincipalName { get; set; }

    /// <summary>Job family id.</summary>
    public string? JobFamilyId { get; set; }

    /// <summary>Org unit id.</summary>
    public string? OrgUnitId { get; set; }

    /// <summary>Manager's employee number.</summary>
    public string? ManagerEmployeeNumber { get; set; }

    /// <summary>Roles (flags).</summary>
    public AgentRoles Roles { get; set; }

    /// <summary>Employment status.</summary>
    public EmploymentStatus Status { get; set; }

    /// <summary>Start date.</summary>
    public DateOnly? StartDate { get; set; }

    /// <summary>End date.</summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last update time.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Storage row of a version of a definition document.</summary>
public sealed class DefinitionEntity : ITenantOwned
{
    /// <summary>Row id.</summary>
    public Guid Id { get; set; }

    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Kind of document.</summary>
    public DefinitionKind Kind { get; set; }

    /// <summary>Storage version (1, 2, …) per tenant and kind.</summary>
    public int Version { get; set; }

    /// <summary>The document's own version label.</summary>
    public string? Label { get; set; }

    /// <summary>SHA-256 of the document, lower-case hexadecimal.</summary>
    public string Hash { get; set; } = "";

    /// <summary>The JSON document as saved.</summary>
    public string Document { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Projection of a module of a stored curriculum version, for lists and drop-downs.</summary>
public sealed class ModuleEntity : ITenantOwned
{
    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The curriculum definition row.</summary>
    public Guid DefinitionId { get; set; }

    /// <summary>The curriculum's storage version.</summary>
    public int CurriculumVersion { get; set; }

    /// <summary>Module id.</summary>
    public string ModuleId { get; set; } = "";

    /// <summary>Module content version.</summary>
    public int ModuleVersion { get; set; }

    /// <summary>Track.</summary>
    public TrackKind Track { get; set; }

    /// <summary>French title.</summary>
    public string TitleFr { get; set; } = "";

    /// <summary>English title.</summary>
    public string TitleEn { get; set; } = "";

    /// <summary>Duration in hours.</summary>
    public decimal DurationHours { get; set; }

    /// <summary>Validity in months.</summary>
    public int? ValidityMonths { get; set; }

    /// <summary>Whether required.</summary>
    public bool Required { get; set; }
}

/// <summary>Storage row of a <see cref="Completion"/>.</summary>
public sealed class CompletionEntity : ITenantOwned
{
    /// <summary>Recording order within the database (primary key); used for keyset paging.</summary>
    public long Sequence { get; set; }

    /// <summary>Public id of the record.</summary>
    public Guid Id { get; set; }

    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Employee number.</summary>
    public string EmployeeNumber { get; set; } = "";

    /// <summary>Module id.</summary>
    public string ModuleId { get; set; } = "";

    /// <summary>Module version.</summary>
    public int ModuleVersion { get; set; }

    /// <summary>Completion date.</summary>
    public DateOnly Date { get; set; }

    /// <summary>Outcome.</summary>
    public CompletionOutcome Outcome { get; set; }

    /// <summary>Score out of 100.</summary>
    public decimal? Score { get; set; }

    /// <summary>Delivery mode.</summary>
    public DeliveryMode? DeliveryMode { get; set; }

    /// <summary>Source.</summary>
    public CompletionSource Source { get; set; }

    /// <summary>Evidence link.</summary>
    public string? EvidenceUrl { get; set; }

    /// <summary>Identifier in the source system.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Recording time.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>When the completion was withdrawn (voided statement), or <see langword="null"/>.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
}

/// <summary>Storage row of a <see cref="Ports.Checkpoint"/>: where an incremental export or sync got to.</summary>
public sealed class CheckpointEntity : ITenantOwned
{
    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Checkpoint name.</summary>
    public string Name { get; set; } = "";

    /// <summary>State (JSON).</summary>
    public string State { get; set; } = "";

    /// <summary>Last write.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Storage row of an <see cref="Evidence"/> entry (append-only).</summary>
public sealed class EvidenceEntity : ITenantOwned
{
    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Entry id.</summary>
    public string EvidenceId { get; set; } = "";

    /// <summary>Employee number.</summary>
    public string EmployeeNumber { get; set; } = "";

    /// <summary>Competency id.</summary>
    public string CompetencyId { get; set; } = "";

    /// <summary>Level.</summary>
    public int Level { get; set; }

    /// <summary>Kind.</summary>
    public EvidenceKind Kind { get; set; }

    /// <summary>Date obtained.</summary>
    public DateOnly Date { get; set; }

    /// <summary>Reference to the source.</summary>
    public string? Reference { get; set; }

    /// <summary>Append order within the database (primary key).</summary>
    public long Sequence { get; set; }

    /// <summary>Recording time.</summary>
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>Storage row of an <see cref="Acknowledgement"/>.</summary>
public sealed class AcknowledgementEntity : ITenantOwned
{
    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Employee number.</summary>
    public string EmployeeNumber { get; set; } = "";

    /// <summary>Charter version.</summary>
    public int CharterVersion { get; set; }

    /// <summary>Date of acknowledgement.</summary>
    public DateOnly Date { get; set; }

    /// <summary>Recording time.</summary>
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>Storage row of a webhook subscription.</summary>
public sealed class WebhookSubscriptionEntity : ITenantOwned
{
    /// <summary>Row id.</summary>
    public Guid Id { get; set; }

    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Event type or <c>*</c>.</summary>
    public string EventType { get; set; } = "";

    /// <summary>Notification URL.</summary>
    public string NotificationUrl { get; set; } = "";

    /// <summary>Signing secret, kept so deliveries can be signed; never logged nor returned by listings.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Failures in a row.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>Last failure time.</summary>
    public DateTimeOffset? LastFailureAt { get; set; }

    /// <summary>Last success time.</summary>
    public DateTimeOffset? LastDeliveredAt { get; set; }

    /// <summary>Returns a description without the secret.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"WebhookSubscription {Id} ({EventType})";
}

/// <summary>Storage row of an outbox event.</summary>
public sealed class OutboxEventEntity : ITenantOwned
{
    /// <summary>Row id.</summary>
    public Guid Id { get; set; }

    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Event type.</summary>
    public string EventType { get; set; } = "";

    /// <summary>JSON payload.</summary>
    public string Payload { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Earliest next attempt.</summary>
    public DateTimeOffset AvailableAt { get; set; }

    /// <summary>Attempts claimed.</summary>
    public int Attempts { get; set; }

    /// <summary>Lease holder.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Lease end.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Delivery time.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Dead-letter time.</summary>
    public DateTimeOffset? DeadLetteredAt { get; set; }

    /// <summary>Last error.</summary>
    public string? LastError { get; set; }
}

/// <summary>Storage row of an audit log entry.</summary>
public sealed class AuditLogEntity : ITenantOwned
{
    /// <summary>Append order within the database (primary key); used for keyset paging.</summary>
    public long Sequence { get; set; }

    /// <summary>Public id of the entry.</summary>
    public Guid Id { get; set; }

    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Time of the action.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Actor.</summary>
    public string Actor { get; set; } = "";

    /// <summary>Action.</summary>
    public string Action { get; set; } = "";

    /// <summary>Target.</summary>
    public string? Target { get; set; }

    /// <summary>Details.</summary>
    public string? Details { get; set; }
}

/// <summary>Storage row of an API key: its id, the SHA-256 hash of its secret, never the secret.</summary>
public sealed class ApiKeyEntity : ITenantOwned
{
    /// <summary>Public key id (globally unique).</summary>
    public string KeyId { get; set; } = "";

    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the secret (32 bytes).</summary>
    public byte[] SecretHash { get; set; } = [];

    /// <summary>Granted roles, space-separated.</summary>
    public string Roles { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Revocation time.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
