using System.Text;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiLiteracy.Storage;

/// <summary>
/// The EF Core model of the AI Literacy store. Every row carries its tenant: global query filters restrict every query
/// to the current tenant of the injected <see cref="ITenantContext"/> (no tenant: no rows), and saving stamps new rows
/// with the current tenant and refuses rows of another tenant. Provider-specific subclasses
/// (<see cref="SqliteAiLiteracyDbContext"/>, <see cref="PostgresAiLiteracyDbContext"/>) carry their own migrations.
/// </summary>
public abstract class AiLiteracyDbContext : DbContext
{
    private readonly ITenantContext _tenantContext;
    private string? _tenantOverride;

    /// <summary>Creates the context.</summary>
    /// <param name="options">EF Core options.</param>
    /// <param name="tenantContext">The current tenant.</param>
    protected AiLiteracyDbContext(DbContextOptions options, ITenantContext tenantContext)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(tenantContext);
        _tenantContext = tenantContext;
    }

    /// <summary>The tenant every query is filtered on and every write is stamped with, or <see langword="null"/> when none is set.</summary>
    public string? CurrentTenantId => _tenantOverride ?? _tenantContext.TenantId;

    /// <summary>Tenants.</summary>
    public DbSet<OrganizationEntity> Organizations => Set<OrganizationEntity>();

    /// <summary>Org units.</summary>
    public DbSet<OrgUnitEntity> OrgUnits => Set<OrgUnitEntity>();

    /// <summary>Agents.</summary>
    public DbSet<AgentEntity> Agents => Set<AgentEntity>();

    /// <summary>Versions of definition documents.</summary>
    public DbSet<DefinitionEntity> Definitions => Set<DefinitionEntity>();

    /// <summary>Module projections of stored curricula.</summary>
    public DbSet<ModuleEntity> Modules => Set<ModuleEntity>();

    /// <summary>Completions.</summary>
    public DbSet<CompletionEntity> Completions => Set<CompletionEntity>();

    /// <summary>Evidence log (append-only).</summary>
    public DbSet<EvidenceEntity> Evidence => Set<EvidenceEntity>();

    /// <summary>Charter acknowledgements.</summary>
    public DbSet<AcknowledgementEntity> Acknowledgements => Set<AcknowledgementEntity>();

    /// <summary>Webhook subscriptions.</summary>
    public DbSet<WebhookSubscriptionEntity> WebhookSubscriptions => Set<WebhookSubscriptionEntity>();

    /// <summary>Outbox events.</summary>
    public DbSet<OutboxEventEntity> OutboxEvents => Set<OutboxEventEntity>();

    /// <summary>Checkpoints of incremental exports and syncs.</summary>
    public DbSet<CheckpointEntity> Checkpoints => Set<CheckpointEntity>();

    /// <summary>Audit log (append-only).</summary>
    public DbSet<AuditLogEntity> AuditLog => Set<AuditLogEntity>();

    /// <summary>Leases on scheduled jobs, per tenant.</summary>
    public DbSet<JobLeaseEntity> JobLeases => Set<JobLeaseEntity>();

    /// <summary>API keys (hashed).</summary>
    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();

    /// <summary>
    /// Acts as <paramref name="tenantId"/> until the returned scope is disposed: used by system-level operations
    /// (creating a tenant) that must write a tenant's rows before any tenant context exists.
    /// </summary>
    /// <param name="tenantId">The tenant to act as.</param>
    /// <returns>A scope restoring the previous tenant when disposed.</returns>
    internal IDisposable ActAsTenant(string tenantId)
    {
        var previous = _tenantOverride;
        _tenantOverride = tenantId;
        return new Restore(this, previous);
    }

    /// <summary>Whether <paramref name="exception"/> reports a unique constraint violation.</summary>
    /// <param name="exception">The exception thrown by <c>SaveChanges</c>.</param>
    /// <returns><see langword="true"/> for a unique violation.</returns>
    protected internal abstract bool IsUniqueViolation(DbUpdateException exception);

    /// <summary>Atomically leases up to <paramref name="maxCount"/> due outbox events of every tenant to <paramref name="workerId"/>.</summary>
    /// <param name="workerId">The worker.</param>
    /// <param name="maxCount">Maximum number of events.</param>
    /// <param name="now">The current time.</param>
    /// <param name="leaseUntil">The lease end.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The claimed rows, not tracked.</returns>
    protected internal abstract Task<List<OutboxEventEntity>> ClaimOutboxEventsAsync(
        string workerId, int maxCount, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Reads an agent of the current tenant with their completions (not withdrawn), acknowledgements and evidence, in
    /// the orders of the repositories; <see langword="null"/> when the agent is unknown. By default four compiled
    /// queries on one opening of the connection; a provider reads them in one round trip when it can.
    /// </summary>
    /// <param name="employeeNumber">The employee number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The rows, not tracked.</returns>
    internal virtual async Task<Repositories.AgentRecordRows?> ReadAgentRecordsAsync(string employeeNumber, CancellationToken cancellationToken)
    {
        var open = Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (open)
        {
            await Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var agent = await Repositories.CompiledQueries.Agent(this, employeeNumber, cancellationToken).ConfigureAwait(false);
            if (agent is null)
            {
                return null;
            }

            return new Repositories.AgentRecordRows(
                agent,
                await Repositories.CompiledQueries.ToListAsync(Repositories.CompiledQueries.CompletionsOfAgent(this, employeeNumber), static c => c, cancellationToken).ConfigureAwait(false),
                await Repositories.CompiledQueries.ToListAsync(Repositories.CompiledQueries.AcknowledgementsOfAgent(this, employeeNumber), static a => a, cancellationToken).ConfigureAwait(false),
                await Repositories.CompiledQueries.ToListAsync(Repositories.CompiledQueries.EvidenceOfAgent(this, employeeNumber), static e => e, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            if (open)
            {
                await Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        EnforceTenantAndAppendOnly();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EnforceTenantAndAppendOnly();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void EnforceTenantAndAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.Entity is EvidenceEntity or AuditLogEntity && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} rows are append-only: they cannot be changed or deleted.");
            }

            if (entry.Entity is not ITenantOwned owned)
            {
                continue;
            }

            var tenant = CurrentTenantId;
            if (string.IsNullOrEmpty(tenant))
            {
                throw new InvalidOperationException("No current tenant: tenant-owned rows cannot be written without a tenant context.");
            }

            if (entry.State == EntityState.Added && string.IsNullOrEmpty(owned.TenantId))
            {
                owned.TenantId = tenant;
            }

            var original = entry.State == EntityState.Added ? owned.TenantId : (string?)OriginalTenant(entry);
            if (!string.Equals(owned.TenantId, tenant, StringComparison.Ordinal)
                || !string.Equals(original, tenant, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Refusing to write a row of another tenant.");
            }
        }
    }

    private static object? OriginalTenant(EntityEntry entry) => entry.Property(nameof(ITenantOwned.TenantId)).OriginalValue;

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<OrganizationEntity>(e =>
        {
            e.ToTable("organizations");
            e.HasKey(x => x.TenantId);
            Tenant(e);
            e.Property(x => x.Siren).HasMaxLength(9);
            e.Property(x => x.Name).HasMaxLength(300).IsRequired();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.EntraTenantId).HasMaxLength(64);
            e.HasIndex(x => x.EntraTenantId).IsUnique().HasDatabaseName("ux_organizations_entra_tenant_id");
        });

        modelBuilder.Entity<OrgUnitEntity>(e =>
        {
            e.ToTable("org_units");
            e.HasKey(x => new { x.TenantId, x.OrgUnitId });
            Tenant(e);
            e.Property(x => x.OrgUnitId).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(300).IsRequired();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.ParentId).HasMaxLength(100);
        });

        modelBuilder.Entity<AgentEntity>(e =>
        {
            e.ToTable("agents");
            e.HasKey(x => new { x.TenantId, x.EmployeeNumber });
            Tenant(e);
            e.Property(x => x.EmployeeNumber).HasMaxLength(64);
            e.Property(x => x.DisplayName).HasMaxLength(300);
            e.Property(x => x.Email).HasMaxLength(320);
            e.Property(x => x.EntraObjectId).HasMaxLength(64);
            e.Property(x => x.UserPrincipalName).HasMaxLength(320);
            e.Property(x => x.JobFamilyId).HasMaxLength(100);
            e.Property(x => x.OrgUnitId).HasMaxLength(100);
            e.Property(x => x.ManagerEmployeeNumber).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            e.HasIndex(x => new { x.TenantId, x.OrgUnitId }).HasDatabaseName("ix_agents_org_unit");
            e.HasIndex(x => new { x.TenantId, x.JobFamilyId }).HasDatabaseName("ix_agents_job_family");
            e.HasIndex(x => new { x.TenantId, x.EntraObjectId }).HasDatabaseName("ix_agents_entra_object_id");
        });

        modelBuilder.Entity<DefinitionEntity>(e =>
        {
            e.ToTable("definitions");
            e.HasKey(x => x.Id);
            Tenant(e);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Label).HasMaxLength(100);
            e.Property(x => x.Hash).HasMaxLength(64).IsFixedLength(false).IsRequired();
            e.Property(x => x.Document).IsRequired();
            e.HasIndex(x => new { x.TenantId, x.Kind, x.Version }).IsUnique().HasDatabaseName("ux_definitions_version");
        });

        modelBuilder.Entity<ModuleEntity>(e =>
        {
            e.ToTable("modules");
            e.HasKey(x => new { x.DefinitionId, x.ModuleId });
            Tenant(e);
            e.Property(x => x.ModuleId).HasMaxLength(100);
            e.Property(x => x.Track).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.TitleFr).HasMaxLength(500).IsRequired();
            e.Property(x => x.TitleEn).HasMaxLength(500).IsRequired();
            e.Property(x => x.DurationHours).HasPrecision(9, 2);
            e.HasIndex(x => new { x.TenantId, x.CurriculumVersion }).HasDatabaseName("ix_modules_curriculum_version");
            e.HasOne<DefinitionEntity>().WithMany().HasForeignKey(x => x.DefinitionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CompletionEntity>(e =>
        {
            e.ToTable("completions");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(x => x.Id).IsUnique().HasDatabaseName("ux_completions_id");
            Tenant(e);
            e.Property(x => x.EmployeeNumber).HasMaxLength(64).IsRequired();
            e.Property(x => x.ModuleId).HasMaxLength(100).IsRequired();
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Score).HasPrecision(5, 2);
            e.Property(x => x.DeliveryMode).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Source).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.EvidenceUrl).HasMaxLength(2048);
            e.Property(x => x.ExternalId).HasMaxLength(200);
            e.HasIndex(x => new { x.TenantId, x.Source, x.ExternalId })
                .IsUnique()
                .HasFilter("\"external_id\" IS NOT NULL")
                .HasDatabaseName("ux_completions_external_id");
            e.HasIndex(x => new { x.TenantId, x.EmployeeNumber, x.ModuleId, x.ModuleVersion, x.Date, x.Outcome })
                .IsUnique()
                .HasFilter("\"external_id\" IS NULL")
                .HasDatabaseName("ux_completions_natural_key");
            e.HasIndex(x => new { x.TenantId, x.EmployeeNumber, x.Date }).HasDatabaseName("ix_completions_agent");
            e.HasIndex(x => new { x.TenantId, x.RecordedAt }).HasDatabaseName("ix_completions_recorded_at");
            e.HasIndex(x => new { x.TenantId, x.WithdrawnAt }).HasDatabaseName("ix_completions_withdrawn_at");
        });

        modelBuilder.Entity<CheckpointEntity>(e =>
        {
            e.ToTable("checkpoints");
            e.HasKey(x => new { x.TenantId, x.Name });
            Tenant(e);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.State).IsRequired();
        });

        modelBuilder.Entity<EvidenceEntity>(e =>
        {
            e.ToTable("evidence");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
            Tenant(e);
            e.Property(x => x.EvidenceId).HasMaxLength(100).IsRequired();
            e.Property(x => x.EmployeeNumber).HasMaxLength(64).IsRequired();
            e.Property(x => x.CompetencyId).HasMaxLength(100).IsRequired();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Reference).HasMaxLength(300);
            e.HasIndex(x => new { x.TenantId, x.EvidenceId }).IsUnique().HasDatabaseName("ux_evidence_id");
            e.HasIndex(x => new { x.TenantId, x.EmployeeNumber }).HasDatabaseName("ix_evidence_agent");
        });

        modelBuilder.Entity<AcknowledgementEntity>(e =>
        {
            e.ToTable("acknowledgements");
            e.HasKey(x => new { x.TenantId, x.EmployeeNumber, x.CharterVersion });
            Tenant(e);
            e.Property(x => x.EmployeeNumber).HasMaxLength(64);
        });

        modelBuilder.Entity<WebhookSubscriptionEntity>(e =>
        {
            e.ToTable("webhook_subscriptions");
            e.HasKey(x => x.Id);
            Tenant(e);
            e.Property(x => x.EventType).HasMaxLength(100).IsRequired();
            e.Property(x => x.NotificationUrl).HasMaxLength(2048).IsRequired();
            e.Property(x => x.Secret).HasMaxLength(200).IsRequired();
            e.HasIndex(x => new { x.TenantId, x.EventType }).HasDatabaseName("ix_webhook_subscriptions_event");
        });

        modelBuilder.Entity<OutboxEventEntity>(e =>
        {
            e.ToTable("outbox_events");
            e.HasKey(x => x.Id);
            Tenant(e);
            e.Property(x => x.EventType).HasMaxLength(100).IsRequired();
            e.Property(x => x.Payload).IsRequired();
            e.Property(x => x.ClaimedBy).HasMaxLength(200);
            e.Property(x => x.LastError).HasMaxLength(1000);
            e.HasIndex(x => x.AvailableAt)
                .HasFilter("\"delivered_at\" IS NULL AND \"dead_lettered_at\" IS NULL")
                .HasDatabaseName("ix_outbox_events_due");
            e.HasIndex(x => new { x.TenantId, x.CreatedAt }).HasDatabaseName("ix_outbox_events_tenant");
        });

        modelBuilder.Entity<AuditLogEntity>(e =>
        {
            e.ToTable("audit_log");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(x => x.Id).IsUnique().HasDatabaseName("ux_audit_log_id");
            Tenant(e);
            e.Property(x => x.Actor).HasMaxLength(200).IsRequired();
            e.Property(x => x.Action).HasMaxLength(100).IsRequired();
            e.Property(x => x.Target).HasMaxLength(300);
            e.Property(x => x.Details).HasMaxLength(4000);
            e.HasIndex(x => new { x.TenantId, x.OccurredAt }).HasDatabaseName("ix_audit_log_time");
        });

        modelBuilder.Entity<JobLeaseEntity>(e =>
        {
            e.ToTable("job_leases");
            e.HasKey(x => new { x.TenantId, x.JobName });
            Tenant(e);
            e.Property(x => x.JobName).HasMaxLength(100);
            e.Property(x => x.HolderId).HasMaxLength(200);
        });

        modelBuilder.Entity<ApiKeyEntity>(e =>
        {
            e.ToTable("api_keys");
            e.HasKey(x => x.KeyId);
            Tenant(e);
            e.Property(x => x.KeyId).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.SecretHash).HasMaxLength(32).IsRequired();
            e.Property(x => x.Roles).HasMaxLength(1000).IsRequired();
            e.HasIndex(x => x.TenantId).HasDatabaseName("ix_api_keys_tenant");
        });

        ApplySnakeCaseNames(modelBuilder);
    }

    private void Tenant<T>(EntityTypeBuilder<T> entity)
        where T : class, ITenantOwned
    {
        entity.Property(x => x.TenantId).HasMaxLength(64).IsRequired();
        entity.HasQueryFilter(x => x.TenantId == CurrentTenantId);
    }

    private static void ApplySnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName($"pk_{entity.GetTableName()}");
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName($"fk_{entity.GetTableName()}_{foreignKey.PrincipalEntityType.GetTableName()}");
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private sealed class Restore(AiLiteracyDbContext context, string? previous) : IDisposable
    {
        public void Dispose() => context._tenantOverride = previous;
    }
}
