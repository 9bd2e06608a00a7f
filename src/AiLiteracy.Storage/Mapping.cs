using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;

namespace AiLiteracy.Storage;

/// <summary>Maps storage rows to and from the Core model records.</summary>
internal static class Mapping
{
    public static Agent ToModel(this AgentEntity e) => new()
    {
        EmployeeNumber = e.EmployeeNumber,
        DisplayName = e.DisplayName,
        Email = e.Email,
        EntraObjectId = e.EntraObjectId,
        UserPrincipalName = e.UserPrincipalName,
        JobFamilyId = e.JobFamilyId,
        OrgUnitId = e.OrgUnitId,
        ManagerEmployeeNumber = e.ManagerEmployeeNumber,
        Roles = e.Roles,
        Status = e.Status,
        StartDate = e.StartDate,
        EndDate = e.EndDate,
    };

    public static void CopyFrom(this AgentEntity e, Agent a)
    {
        e.EmployeeNumber = a.EmployeeNumber;
        e.DisplayName = a.DisplayName;
        e.Email = a.Email;
        e.EntraObjectId = a.EntraObjectId;
        e.UserPrincipalName = a.UserPrincipalName;
        e.JobFamilyId = a.JobFamilyId;
        e.OrgUnitId = a.OrgUnitId;
        e.ManagerEmployeeNumber = a.ManagerEmployeeNumber;
        e.Roles = a.Roles;
        e.Status = a.Status;
        e.StartDate = a.StartDate;
        e.EndDate = a.EndDate;
    }

    public static OrgUnit ToModel(this OrgUnitEntity e) => new()
    {
        Id = e.OrgUnitId,
        Name = e.Name,
        Kind = e.Kind,
        ParentId = e.ParentId,
    };

    public static TenantInfo ToInfo(this OrganizationEntity e) => new()
    {
        Id = e.TenantId,
        Name = e.Name,
        Siren = e.Siren,
        Kind = e.Kind,
        EntraTenantId = e.EntraTenantId,
        CreatedAt = e.CreatedAt,
    };

    public static CompletionRecord ToRecord(this CompletionEntity e) => new()
    {
        Id = e.Id.ToString("D"),
        RecordedAt = e.RecordedAt,
        Position = e.Sequence,
        WithdrawnAt = e.WithdrawnAt,
        Completion = new Completion
        {
            EmployeeNumber = e.EmployeeNumber,
            ModuleId = e.ModuleId,
            ModuleVersion = e.ModuleVersion,
            Date = e.Date,
            Outcome = e.Outcome,
            Score = e.Score,
            DeliveryMode = e.DeliveryMode,
            Source = e.Source,
            EvidenceUrl = e.EvidenceUrl,
            ExternalId = e.ExternalId,
        },
    };

    public static Evidence ToModel(this EvidenceEntity e) => new()
    {
        Id = e.EvidenceId,
        EmployeeNumber = e.EmployeeNumber,
        CompetencyId = e.CompetencyId,
        Level = e.Level,
        Kind = e.Kind,
        Date = e.Date,
        Reference = e.Reference,
    };

    public static Acknowledgement ToModel(this AcknowledgementEntity e) => new()
    {
        EmployeeNumber = e.EmployeeNumber,
        CharterVersion = e.CharterVersion,
        Date = e.Date,
    };

    public static DefinitionVersionInfo ToInfo(this DefinitionEntity e) => new()
    {
        Kind = e.Kind,
        Version = e.Version,
        Label = e.Label,
        Hash = e.Hash,
        CreatedAt = e.CreatedAt,
    };

    public static StoredDefinition ToStored(this DefinitionEntity e) => new() { Info = e.ToInfo(), Json = e.Document };

    public static ModuleSummary ToSummary(this ModuleEntity e) => new()
    {
        Id = e.ModuleId,
        Version = e.ModuleVersion,
        Track = e.Track,
        Title = new LocalizedText(e.TitleFr, e.TitleEn),
        DurationHours = e.DurationHours,
        ValidityMonths = e.ValidityMonths,
        Required = e.Required,
        CurriculumVersion = e.CurriculumVersion,
    };

    public static OutboxEvent ToModel(this OutboxEventEntity e) => new()
    {
        Id = e.Id.ToString("D"),
        TenantId = e.TenantId,
        EventType = e.EventType,
        PayloadJson = e.Payload,
        CreatedAt = e.CreatedAt,
        AvailableAt = e.AvailableAt,
        Attempts = e.Attempts,
        ClaimedBy = e.ClaimedBy,
        ClaimedUntil = e.ClaimedUntil,
        DeliveredAt = e.DeliveredAt,
        DeadLetteredAt = e.DeadLetteredAt,
        LastError = e.LastError,
    };

    public static WebhookSubscription ToModel(this WebhookSubscriptionEntity e) => new()
    {
        Id = e.Id.ToString("D"),
        EventType = e.EventType,
        NotificationUrl = new Uri(e.NotificationUrl, UriKind.Absolute),
        CreatedAt = e.CreatedAt,
        ConsecutiveFailures = e.ConsecutiveFailures,
        LastFailureAt = e.LastFailureAt,
        LastDeliveredAt = e.LastDeliveredAt,
    };

    public static AuditEntry ToModel(this AuditLogEntity e) => new()
    {
        Id = e.Id.ToString("D"),
        OccurredAt = e.OccurredAt,
        Actor = e.Actor,
        Action = e.Action,
        Target = e.Target,
        Details = e.Details,
    };

    public static ApiKeyInfo ToInfo(this ApiKeyEntity e) => new()
    {
        KeyId = e.KeyId,
        TenantId = e.TenantId,
        Name = e.Name,
        Roles = e.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        CreatedAt = e.CreatedAt,
        RevokedAt = e.RevokedAt,
    };

    public static bool TryParseId(string? id, out Guid value) => Guid.TryParseExact(id, "D", out value);
}
