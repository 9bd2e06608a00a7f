namespace AiLiteracy.Schemas;

/// <summary>The stable codes of <see cref="DefinitionError"/>; scripts and tests may rely on them.</summary>
public static class DefinitionErrorCodes
{
    /// <summary>The file is empty or is not well-formed JSON (comments are allowed, trailing commas are not).</summary>
    public const string Json = "AIL-JSON";

    /// <summary>The same property appears twice in one JSON object.</summary>
    public const string DuplicateProperty = "AIL-DUPLICATE-PROPERTY";

    /// <summary>The kind of the file is unknown, cannot be determined, or a second file of the same kind was given.</summary>
    public const string Kind = "AIL-KIND";

    /// <summary>The file does not match its JSON Schema (missing property, wrong type, value not allowed, unknown property…).</summary>
    public const string Schema = "AIL-SCHEMA";

    /// <summary>Two items of the same collection share an id (also across the charter's tools and the tool registry).</summary>
    public const string DuplicateId = "AIL-DUPLICATE-ID";

    /// <summary>An id refers to nothing: module, track, competency, domain, job family or tool.</summary>
    public const string UnknownReference = "AIL-UNKNOWN-REF";

    /// <summary>Module prerequisites form a cycle.</summary>
    public const string Cycle = "AIL-CYCLE";

    /// <summary>A level is outside the competency framework's proficiency scale.</summary>
    public const string LevelRange = "AIL-LEVEL-RANGE";

    /// <summary>A module demonstrates a tool the charter forbids.</summary>
    public const string ForbiddenTool = "AIL-FORBIDDEN-TOOL";

    /// <summary>A module's validity period is zero or negative.</summary>
    public const string Validity = "AIL-VALIDITY";

    /// <summary>A module's minimum version is greater than its version.</summary>
    public const string Version = "AIL-VERSION";

    /// <summary>A file or directory could not be read.</summary>
    public const string Io = "AIL-IO";

    /// <summary>A definition of a required kind is missing from a set that must be complete.</summary>
    public const string Missing = "AIL-MISSING";
}
