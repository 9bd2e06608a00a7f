using System.Data.Common;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;

namespace AiLiteracy.Storage.Repositories;

/// <summary>
/// Materialises rows read with raw SQL on PostgreSQL (the batched agent read), by column name, with the conversions
/// of the EF Core model: enums stored by name (roles as flags integer), dates as <c>date</c>, times as
/// <c>timestamp with time zone</c>.
/// </summary>
internal static class PostgresRows
{
    public static async Task<List<T>> ReadAllAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static AgentEntity Agent(DbDataReader r) => new()
    {
        TenantId = r.GetString(r.GetOrdinal("tenant_id")),
        EmployeeNumber = r.GetString(r.GetOrdinal("employee_number")),
        DisplayName = String(r, "display_name"),
        Email = String(r, "email"),
        EntraObjectId = String(r, "entra_object_id"),
        UserPrincipalName = String(r, "user_principal_name"),
        JobFamilyId = String(r, "job_family_id"),
        OrgUnitId = String(r, "org_unit_id"),
        ManagerEmployeeNumber = String(r, "manager_employee_number"),
        Roles = (AgentRoles)r.GetInt32(r.GetOrdinal("roles")),
        Status = Enum.Parse<EmploymentStatus>(r.GetString(r.GetOrdinal("status"))),
        StartDate = Date(r, "start_date"),
        EndDate = Date(r, "end_date"),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("created_at")),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("updated_at")),
    };

    public static CompletionEntity Completion(DbDataReader r) => new()
    {
        Sequence = r.GetInt64(r.GetOrdinal("sequence")),
        Id = r.GetGuid(r.GetOrdinal("id")),
        TenantId = r.GetString(r.GetOrdinal("tenant_id")),
        EmployeeNumber = r.GetString(r.GetOrdinal("employee_number")),
        ModuleId = r.GetString(r.GetOrdinal("module_id")),
        ModuleVersion = r.GetInt32(r.GetOrdinal("module_version")),
        Date = r.GetFieldValue<DateOnly>(r.GetOrdinal("date")),
        Outcome = Enum.Parse<CompletionOutcome>(r.GetString(r.GetOrdinal("outcome"))),
        Score = r.IsDBNull(r.GetOrdinal("score")) ? null : r.GetDecimal(r.GetOrdinal("score")),
        DeliveryMode = String(r, "delivery_mode") is { } mode ? Enum.Parse<DeliveryMode>(mode) : null,
        Source = Enum.Parse<CompletionSource>(r.GetString(r.GetOrdinal("source"))),
        EvidenceUrl = String(r, "evidence_url"),
        ExternalId = String(r, "external_id"),
        RecordedAt = r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("recorded_at")),
        WithdrawnAt = r.IsDBNull(r.GetOrdinal("withdrawn_at")) ? null : r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("withdrawn_at")),
    };

    public static AcknowledgementEntity Acknowledgement(DbDataReader r) => new()
    {
        TenantId = r.GetString(r.GetOrdinal("tenant_id")),
        EmployeeNumber = r.GetString(r.GetOrdinal("employee_number")),
        CharterVersion = r.GetInt32(r.GetOrdinal("charter_version")),
        Date = r.GetFieldValue<DateOnly>(r.GetOrdinal("date")),
        RecordedAt = r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("recorded_at")),
    };

    public static EvidenceEntity Evidence(DbDataReader r) => new()
    {
        Sequence = r.GetInt64(r.GetOrdinal("sequence")),
        TenantId = r.GetString(r.GetOrdinal("tenant_id")),
        EvidenceId = r.GetString(r.GetOrdinal("evidence_id")),
        EmployeeNumber = r.GetString(r.GetOrdinal("employee_number")),
        CompetencyId = r.GetString(r.GetOrdinal("competency_id")),
        Level = r.GetInt32(r.GetOrdinal("level")),
        Kind = Enum.Parse<EvidenceKind>(r.GetString(r.GetOrdinal("kind"))),
        Date = r.GetFieldValue<DateOnly>(r.GetOrdinal("date")),
        Reference = String(r, "reference"),
        RecordedAt = r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("recorded_at")),
    };

    private static string? String(DbDataReader r, string column)
    {
        var ordinal = r.GetOrdinal(column);
        return r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
    }

    private static DateOnly? Date(DbDataReader r, string column)
    {
        var ordinal = r.GetOrdinal(column);
        return r.IsDBNull(ordinal) ? null : r.GetFieldValue<DateOnly>(ordinal);
    }
}
