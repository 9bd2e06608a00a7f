using AiLiteracy.Model;
using AiLiteracy.Storage.Tests.Infrastructure;

namespace AiLiteracy.Storage.Tests;

/// <summary>
/// The storage test suite, run once per provider by <see cref="SqliteStorageTests"/> and <see cref="PostgresStorageTests"/>.
/// Each test gets a fresh, migrated database.
/// </summary>
public abstract partial class StorageSuite(ITestDatabaseFactory databases)
{
    /// <summary>Tenant A, the one most tests act as.</summary>
    protected const string TenantA = "val-de-brume";

    /// <summary>Tenant B, whose rows must never show up for tenant A.</summary>
    protected const string TenantB = "port-aux-lys";

    /// <summary>The factory of the provider under test.</summary>
    protected ITestDatabaseFactory Databases { get; } = databases;

    /// <summary>A harness over a fresh migrated database with tenants A and B created.</summary>
    protected async Task<StorageHarness> NewHarnessAsync(Action<AiLiteracyStorageOptions>? configure = null)
    {
        var harness = StorageHarness.Create(await Databases.CreateMigratedAsync(), configure);
        await harness.CreateTenantAsync(TenantA, "11111111-1111-1111-1111-111111111111");
        await harness.CreateTenantAsync(TenantB, "22222222-2222-2222-2222-222222222222");
        return harness;
    }

    /// <summary>An agent with sensible defaults.</summary>
    protected static Agent NewAgent(string employeeNumber, string? orgUnit = "DRH", string? jobFamily = "rh", AgentRoles roles = AgentRoles.Agent) => new()
    {
        EmployeeNumber = employeeNumber,
        DisplayName = $"Agent {employeeNumber}",
        Email = $"{employeeNumber.ToLowerInvariant()}@val-de-brume.fr",
        OrgUnitId = orgUnit,
        JobFamilyId = jobFamily,
        Roles = roles,
        Status = EmploymentStatus.Active,
        StartDate = new DateOnly(2020, 9, 1),
    };

    /// <summary>A completion with sensible defaults.</summary>
    protected static Completion NewCompletion(string employeeNumber = "M001", string moduleId = "TC-01", string? externalId = null) => new()
    {
        EmployeeNumber = employeeNumber,
        ModuleId = moduleId,
        ModuleVersion = 1,
        Date = new DateOnly(2026, 2, 12),
        Outcome = CompletionOutcome.Passed,
        Score = 85.5m,
        DeliveryMode = DeliveryMode.ELearning,
        Source = CompletionSource.Lms,
        EvidenceUrl = "https://lms.val-de-brume.fr/attestations/42",
        ExternalId = externalId,
    };
}

/// <summary>The storage suite on SQLite (a temporary file per test).</summary>
public sealed class SqliteStorageTests(SqliteDatabaseFactory databases) : StorageSuite(databases), IClassFixture<SqliteDatabaseFactory>;

/// <summary>
/// The storage suite on a real PostgreSQL server (<see cref="PostgresServerFixture"/>: a throw-away server, or the one
/// named by <c>AILITERACY_TEST_POSTGRES</c>).
/// </summary>
public sealed class PostgresStorageTests(PostgresDatabaseFactory databases) : StorageSuite(databases), IClassFixture<PostgresDatabaseFactory>;
