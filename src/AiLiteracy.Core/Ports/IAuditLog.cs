namespace AiLiteracy.Ports;

/// <summary>An entry of the audit log. Actor and target are identifiers (user object id, API key id, employee number), never free personal data.</summary>
public sealed record AuditEntry
{
    /// <summary>Entry id (opaque, stable).</summary>
    public required string Id { get; init; }

    /// <summary>When the action happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Who acted, e.g. <c>apikey:1f2e…</c>, <c>user:&lt;object id&gt;</c>, <c>cli</c>.</summary>
    public required string Actor { get; init; }

    /// <summary>What was done, e.g. <c>agents.import</c>.</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to, e.g. a module id or an employee number.</summary>
    public string? Target { get; init; }

    /// <summary>Details (counts, versions), without personal data.</summary>
    public string? Details { get; init; }
}

/// <summary>Filters for reading the audit log; <see langword="null"/> filters match everything.</summary>
public sealed record AuditFilter
{
    /// <summary>Entries at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Entries before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Entries of this actor.</summary>
    public string? Actor { get; init; }

    /// <summary>Entries of this action.</summary>
    public string? Action { get; init; }
}

/// <summary>The append-only audit log of the current tenant.</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry stamped with the current time.</summary>
    /// <param name="actor">Who acted.</param>
    /// <param name="action">What was done.</param>
    /// <param name="target">What it was done to.</param>
    /// <param name="details">Details without personal data.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored entry.</returns>
    Task<AuditEntry> WriteAsync(string actor, string action, string? target = null, string? details = null, CancellationToken cancellationToken = default);

    /// <summary>Lists entries, newest first.</summary>
    /// <param name="filter">Filters.</param>
    /// <param name="page">The page to read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    Task<Page<AuditEntry>> ListAsync(AuditFilter filter, PageRequest page, CancellationToken cancellationToken = default);
}
