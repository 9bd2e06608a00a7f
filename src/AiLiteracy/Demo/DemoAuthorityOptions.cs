namespace AiLiteracy.Demo;

/// <summary>Options of <see cref="DemoAuthorityGenerator.Generate(DemoAuthorityOptions?)"/>; every default gives the reference demo.</summary>
public sealed record DemoAuthorityOptions
{
    /// <summary>The default random seed.</summary>
    public const int DefaultSeed = 20261101;

    /// <summary>Seed of the pseudo-random generator; the same seed and options always give the same authority. Default <see cref="DefaultSeed"/>.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>The "today" of the generated data: every date is computed relative to it and none is after it. Default 2026-11-01.</summary>
    public DateOnly AnchorDate { get; init; } = new(2026, 11, 1);

    /// <summary>Number of staff members, including those on leave and those who left. Default 1,200; at least one per org unit.</summary>
    public int StaffCount { get; init; } = 1200;

    /// <summary>Number of sitting elected officials (members of the community council). Default 40.</summary>
    public int ElectedCount { get; init; } = 40;

    /// <summary>Identifier of the generated organisation (tenant). Default <c>val-de-brume</c>.</summary>
    public string OrganizationId { get; init; } = "val-de-brume";

    /// <summary>The charter version agents acknowledge. Default 1.</summary>
    public int CharterVersion { get; init; } = 1;

    /// <summary>The date the charter version took effect; no acknowledgement is dated before it. Default 2026-01-01.</summary>
    public DateOnly CharterEffectiveDate { get; init; } = new(2026, 1, 1);
}
