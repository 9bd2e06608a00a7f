namespace AiLiteracy.Model;

/// <summary>The training tracks of the curriculum.</summary>
public enum TrackKind
{
    /// <summary>The common core every agent takes (<i>tronc commun</i>).</summary>
    CommonCore,
    /// <summary>Job modules for a job family (<i>modules métiers</i>).</summary>
    Job,
    /// <summary>The AI referent track (<i>parcours référents</i>).</summary>
    Referent,
    /// <summary>Sessions for elected officials (<i>élus</i>).</summary>
    Elected,
    /// <summary>Sessions for managers (<i>encadrants</i>).</summary>
    Manager,
}

/// <summary>How a module is delivered.</summary>
public enum DeliveryMode
{
    /// <summary>In a room with a trainer (<i>présentiel</i>).</summary>
    InPerson,
    /// <summary>Live video session (<i>distanciel, visio</i>).</summary>
    Remote,
    /// <summary>Self-paced online module.</summary>
    ELearning,
    /// <summary>Hands-on collaborative workshop (<i>atelier</i>).</summary>
    Workshop,
}

/// <summary>A track of the curriculum.</summary>
public sealed record Track
{
    /// <summary>The track kind, which is also its id.</summary>
    public required TrackKind Id { get; init; }

    /// <summary>Title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>What the track is for.</summary>
    public LocalizedText? Description { get; init; }
}

/// <summary>A competency a module develops, with the level it brings a learner to.</summary>
/// <param name="CompetencyId">The competency id in the competency framework.</param>
/// <param name="Level">The level reached on the framework's scale (1-based).</param>
public sealed record ModuleCompetency(string CompetencyId, int Level);

/// <summary>Who a module is for, beyond its track.</summary>
public sealed record ModuleAudience
{
    /// <summary>Job families the module targets (job track); empty means any.</summary>
    public IReadOnlyList<string> JobFamilies { get; init; } = [];

    /// <summary>Roles the module targets; empty means the track's default.</summary>
    public IReadOnlyList<AgentRoles> Roles { get; init; } = [];
}

/// <summary>How a module is assessed.</summary>
public sealed record Assessment
{
    /// <summary>Pass mark as a score out of 100; a scored completion below it counts as failed.</summary>
    public decimal PassMark { get; init; } = 70;
}

/// <summary>A reusable material agents can consult after the session.</summary>
public sealed record Material
{
    /// <summary>Title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Link to the material (intranet, LMS, shared drive).</summary>
    public required string Url { get; init; }
}

/// <summary>A training module.</summary>
public sealed record Module
{
    /// <summary>Stable id chosen by the authority, e.g. <c>TC-01</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Version of the module content; a completion of an older version still counts unless <see cref="MinimumVersion"/> says otherwise.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Oldest version whose completion still counts (content changed too much before it); defaults to 1.</summary>
    public int MinimumVersion { get; init; } = 1;

    /// <summary>The track the module belongs to.</summary>
    public required TrackKind Track { get; init; }

    /// <summary>Title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Short description with concrete use cases.</summary>
    public LocalizedText? Summary { get; init; }

    /// <summary>Learning objectives.</summary>
    public IReadOnlyList<LocalizedText> Objectives { get; init; } = [];

    /// <summary>Competencies developed, with the level reached.</summary>
    public IReadOnlyList<ModuleCompetency> Competencies { get; init; } = [];

    /// <summary>Duration in hours.</summary>
    public decimal DurationHours { get; init; }

    /// <summary>Delivery modes offered; the first is the default for planning.</summary>
    public IReadOnlyList<DeliveryMode> DeliveryModes { get; init; } = [];

    /// <summary>Who the module is for.</summary>
    public ModuleAudience Audience { get; init; } = new();

    /// <summary>Modules that must be valid before this one can be taken.</summary>
    public IReadOnlyList<string> Prerequisites { get; init; } = [];

    /// <summary>Months after which a completion expires (tools and law change); <see langword="null"/> means it never expires.</summary>
    public int? ValidityMonths { get; init; }

    /// <summary>Assessment, when the module is assessed.</summary>
    public Assessment? Assessment { get; init; }

    /// <summary>Reusable materials.</summary>
    public IReadOnlyList<Material> Materials { get; init; } = [];

    /// <summary>Tool registry ids of the AI tools demonstrated (they must be allowed by the charter).</summary>
    public IReadOnlyList<string> ToolsDemonstrated { get; init; } = [];

    /// <summary>Whether the module is required for its audience (<see langword="true"/>) or only recommended.</summary>
    public bool Required { get; init; } = true;
}

/// <summary>The versioned curriculum of an authority.</summary>
public sealed record Curriculum
{
    /// <summary>Curriculum id.</summary>
    public required string Id { get; init; }

    /// <summary>Version label (e.g. <c>2026.1</c>).</summary>
    public required string Version { get; init; }

    /// <summary>Title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Tracks.</summary>
    public IReadOnlyList<Track> Tracks { get; init; } = [];

    /// <summary>Modules.</summary>
    public IReadOnlyList<Module> Modules { get; init; } = [];
}
