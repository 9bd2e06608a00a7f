using Microsoft.Extensions.Logging;

namespace AiLiteracy.Storage;

/// <summary>Log messages of the store. They carry ids and counts only, never personal data nor secrets.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied {Count} database migration(s) on {Provider}: {Migrations}")]
    public static partial void MigrationsApplied(ILogger logger, int count, string provider, string migrations);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Database schema is up to date on {Provider}")]
    public static partial void NoPendingMigrations(ILogger logger, string provider);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Concurrent identical completion resolved to the stored record")]
    public static partial void CompletionRaceResolved(ILogger logger);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "Worker {WorkerId} claimed {Count} outbox event(s)")]
    public static partial void OutboxClaimed(ILogger logger, string workerId, int count);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Outbox event {EventId} of type {EventType} rescheduled after attempt {Attempts} for {NextAttemptAt:o}")]
    public static partial void OutboxRescheduled(ILogger logger, string eventId, string eventType, int attempts, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Warning, Message = "Outbox event {EventId} of type {EventType} dead-lettered after {Attempts} attempts")]
    public static partial void OutboxDeadLettered(ILogger logger, string eventId, string eventType, int attempts);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "API key {KeyId} created for tenant {TenantId}")]
    public static partial void ApiKeyCreated(ILogger logger, string keyId, string tenantId);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Information, Message = "API key {KeyId} revoked for tenant {TenantId}")]
    public static partial void ApiKeyRevoked(ILogger logger, string keyId, string tenantId);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Information, Message = "Tenant {TenantId} created")]
    public static partial void TenantCreated(ILogger logger, string tenantId);

    [LoggerMessage(EventId = 1050, Level = LogLevel.Information, Message = "Definition {Kind} version {Version} saved for tenant {TenantId}")]
    public static partial void DefinitionSaved(ILogger logger, string kind, int version, string tenantId);
}
