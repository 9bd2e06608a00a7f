namespace AiLiteracy.Reports;

/// <summary>Where one directorate stands: agents, cleared agents, modules missing and expired.</summary>
public sealed record DirectorateStatus
{
    /// <summary>The directorate id; <see langword="null"/> for agents outside the organisation tree.</summary>
    public string? DirectorateId { get; init; }

    /// <summary>The directorate name.</summary>
    public required string Name { get; init; }

    /// <summary>Active agents.</summary>
    public required int Agents { get; init; }

    /// <summary>Active agents cleared to use approved AI tools (<i>habilités</i>).</summary>
    public required int Cleared { get; init; }

    /// <summary>Required modules not done by active agents: missing, failed or blocked by a prerequisite.</summary>
    public required int MissingModules { get; init; }

    /// <summary>Required modules whose validity has passed.</summary>
    public required int ExpiredModules { get; init; }

    /// <summary>Required modules still valid but expiring soon.</summary>
    public required int ExpiringSoonModules { get; init; }

    /// <summary>Active agents who have not acknowledged the current charter version.</summary>
    public required int CharterNotAcknowledged { get; init; }

    /// <summary>Share of active agents cleared, between 0 and 1.</summary>
    public decimal ClearedShare => Agents == 0 ? 0 : Math.Round((decimal)Cleared / Agents, 4);
}

/// <summary>The status of an authority, per directorate, on a date.</summary>
public sealed record DirectorateStatusReport
{
    /// <summary>The organisation name.</summary>
    public required string OrganizationName { get; init; }

    /// <summary>The date the report is computed for.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The curriculum version judged against.</summary>
    public required string CurriculumVersion { get; init; }

    /// <summary>The charter version in force.</summary>
    public required int CharterVersion { get; init; }

    /// <summary>The window, in days, within which a module counts as expiring soon.</summary>
    public required int ExpiringSoonDays { get; init; }

    /// <summary>One line per directorate, in tree order.</summary>
    public required IReadOnlyList<DirectorateStatus> Directorates { get; init; }

    /// <summary>The totals.</summary>
    public required DirectorateStatus Total { get; init; }
}
