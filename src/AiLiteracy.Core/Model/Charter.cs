namespace AiLiteracy.Model;

/// <summary>Data classes, in increasing order of sensitivity.</summary>
public enum DataClass
{
    /// <summary>Public information (published deliberations, public web content).</summary>
    Public = 0,
    /// <summary>Internal documents without personal data.</summary>
    Internal = 1,
    /// <summary>Confidential information (contracts under negotiation, security matters).</summary>
    Confidential = 2,
    /// <summary>Personal data under GDPR (<i>données à caractère personnel</i>).</summary>
    Personal = 3,
    /// <summary>Special categories of GDPR art. 9 (health, opinions, union membership…) (<i>données sensibles</i>).</summary>
    Sensitive = 4,
}

/// <summary>Where an AI tool is hosted.</summary>
public enum Hosting
{
    /// <summary>Hosted in France.</summary>
    France,
    /// <summary>Hosted in the European Union.</summary>
    Eu,
    /// <summary>Hosted outside the EU.</summary>
    OutsideEu,
}

/// <summary>The charter's verdict on a tool.</summary>
public enum ToolStatus
{
    /// <summary>Approved for the data classes up to its maximum.</summary>
    Approved,
    /// <summary>Tolerated for public data only, with conditions.</summary>
    Tolerated,
    /// <summary>Forbidden.</summary>
    Forbidden,
}

/// <summary>
/// What a charter rule governs, so the engines can cite the right rule id; <see cref="Other"/> for rules
/// the engines do not evaluate (they are still shown and acknowledged).
/// </summary>
public enum CharterRuleKind
{
    /// <summary>A rule the engines do not evaluate.</summary>
    Other,
    /// <summary>Only tools of the registry marked approved (or tolerated) may be used.</summary>
    ApprovedToolsOnly,
    /// <summary>No data above the tool's highest allowed class, in particular no personal data in a tool not approved for it.</summary>
    DataClassLimit,
    /// <summary>Sensitive data (GDPR art. 9) only in tools approved for it.</summary>
    SensitiveData,
    /// <summary>Human review before any use or publication of an output.</summary>
    HumanReview,
    /// <summary>Label AI-generated content published to the public.</summary>
    Labelling,
    /// <summary>No automated individual decision (GDPR art. 22).</summary>
    NoAutomatedDecision,
    /// <summary>DPO review before adopting a tool.</summary>
    DpoReview,
    /// <summary>Report incidents.</summary>
    IncidentReporting,
    /// <summary>Complete the required training before access.</summary>
    TrainingBeforeAccess,
    /// <summary>Acknowledge the charter.</summary>
    Acknowledgement,
    /// <summary>Anonymise or pseudonymise personal data before use.</summary>
    Anonymisation,
}

/// <summary>A rule of the AI charter.</summary>
public sealed record CharterRule
{
    /// <summary>Stable id, e.g. <c>R-03</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What the rule governs.</summary>
    public CharterRuleKind Kind { get; init; } = CharterRuleKind.Other;

    /// <summary>Short title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Plain-language text.</summary>
    public required LocalizedText Text { get; init; }
}

/// <summary>An AI tool in the registry.</summary>
public sealed record AiTool
{
    /// <summary>Stable id, e.g. <c>albert</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Product name.</summary>
    public required string Name { get; init; }

    /// <summary>Vendor or operator.</summary>
    public required string Vendor { get; init; }

    /// <summary>Where it is hosted.</summary>
    public required Hosting Hosting { get; init; }

    /// <summary>Whether a GDPR processing agreement (art. 28) is signed.</summary>
    public bool GdprAgreement { get; init; }

    /// <summary>Whether the vendor trains its models on user inputs.</summary>
    public bool TrainsOnInputs { get; init; }

    /// <summary>The charter's verdict.</summary>
    public required ToolStatus Status { get; init; }

    /// <summary>Highest data class allowed in the tool.</summary>
    public DataClass MaxDataClass { get; init; } = DataClass.Public;

    /// <summary>Modules an agent must hold before access.</summary>
    public IReadOnlyList<string> RequiredModules { get; init; } = [];

    /// <summary>Purpose and notes.</summary>
    public LocalizedText? Description { get; init; }

    /// <summary>Whether the entry is an example to adapt (reference content), not a recommendation.</summary>
    public bool IsExample { get; init; }
}

/// <summary>The AI tool registry (may be published with the charter or as its own file).</summary>
public sealed record ToolRegistry
{
    /// <summary>Version label.</summary>
    public required string Version { get; init; }

    /// <summary>Tools.</summary>
    public IReadOnlyList<AiTool> Tools { get; init; } = [];
}

/// <summary>Describes a data class for the charter's readers.</summary>
public sealed record DataClassDefinition
{
    /// <summary>The data class.</summary>
    public required DataClass Id { get; init; }

    /// <summary>Title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Examples from an authority's daily work.</summary>
    public LocalizedText? Examples { get; init; }
}

/// <summary>The versioned AI charter (<i>charte IA</i>).</summary>
public sealed record Charter
{
    /// <summary>Charter id.</summary>
    public required string Id { get; init; }

    /// <summary>Version number; a new version requires a new acknowledgement.</summary>
    public required int Version { get; init; }

    /// <summary>Title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Date the version takes effect.</summary>
    public DateOnly? EffectiveDate { get; init; }

    /// <summary>Rules.</summary>
    public IReadOnlyList<CharterRule> Rules { get; init; } = [];

    /// <summary>Data classes.</summary>
    public IReadOnlyList<DataClassDefinition> DataClasses { get; init; } = [];

    /// <summary>The tool registry.</summary>
    public IReadOnlyList<AiTool> Tools { get; init; } = [];

    /// <summary>Returns the first rule of <paramref name="kind"/>, if any.</summary>
    /// <param name="kind">The rule kind.</param>
    /// <returns>The rule, or <see langword="null"/>.</returns>
    public CharterRule? RuleOf(CharterRuleKind kind) => Rules.FirstOrDefault(r => r.Kind == kind);
}

/// <summary>An agent accepted charter version <see cref="CharterVersion"/> on <see cref="Date"/>.</summary>
public sealed record Acknowledgement
{
    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>The charter version acknowledged.</summary>
    public required int CharterVersion { get; init; }

    /// <summary>Date of acknowledgement.</summary>
    public required DateOnly Date { get; init; }
}
