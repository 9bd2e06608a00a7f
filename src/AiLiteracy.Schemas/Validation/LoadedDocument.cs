using Newtonsoft.Json.Linq;

namespace AiLiteracy.Schemas.Validation;

/// <summary>A definition file during validation.</summary>
internal sealed class LoadedDocument(string file, ParsedJson parsed)
{
    public string File { get; } = file;

    public ParsedJson Parsed { get; } = parsed;

    public DefinitionKind? Kind { get; set; }

    /// <summary>The root object, when the file is well-formed JSON with an object at its root.</summary>
    public JObject? Root => Parsed.Root as JObject;

    /// <summary>Whether this is the first file of its kind (later ones are reported and left out of cross-checks).</summary>
    public bool IsPrimary { get; set; }

    /// <summary>The deserialized model, when the file matched its schema.</summary>
    public object? Model { get; set; }
}
