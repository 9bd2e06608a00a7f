using System.Collections.Concurrent;
using System.Reflection;
using NJsonSchema;

namespace AiLiteracy.Schemas;

/// <summary>
/// The JSON Schemas (draft-07) of the definition files, embedded in this assembly as
/// <c>AiLiteracy.Schemas/Schemas/&lt;kind&gt;.schema.json</c>.
/// </summary>
/// <remarks>
/// Each schema requires the root property <c>"kind"</c> and rejects unknown properties, so that a typo in a
/// property name is reported rather than silently ignored. Optional properties are omitted rather than set to
/// <c>null</c>.
/// </remarks>
public static class DefinitionSchemas
{
    private const string ResourcePrefix = "AiLiteracy.Schemas/Schemas/";

    private static readonly ConcurrentDictionary<DefinitionKind, Lazy<Task<JsonSchema>>> SharedSchemas = new();

    /// <summary>Returns the file name of the schema of <paramref name="kind"/>, e.g. <c>curriculum.schema.json</c>.</summary>
    /// <param name="kind">The definition kind.</param>
    /// <returns>The schema file name.</returns>
    public static string GetSchemaFileName(DefinitionKind kind) => kind.ToKindName() + ".schema.json";

    /// <summary>Returns the text of the JSON Schema of <paramref name="kind"/>.</summary>
    /// <param name="kind">The definition kind.</param>
    /// <returns>The schema, as JSON text.</returns>
    public static string GetSchemaJson(DefinitionKind kind)
    {
        using var stream = OpenSchema(kind);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Opens the embedded JSON Schema of <paramref name="kind"/> (UTF-8), e.g. to copy it next to definition files.</summary>
    /// <param name="kind">The definition kind.</param>
    /// <returns>A readable stream the caller disposes.</returns>
    public static Stream OpenSchema(DefinitionKind kind)
    {
        var name = ResourcePrefix + GetSchemaFileName(kind);
        return typeof(DefinitionSchemas).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded schema '{name}' is missing from {typeof(DefinitionSchemas).Assembly.GetName().Name}.");
    }

    /// <summary>Parses the JSON Schema of <paramref name="kind"/> into a new NJsonSchema <see cref="JsonSchema"/> the caller may modify.</summary>
    /// <param name="kind">The definition kind.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The schema.</returns>
    public static Task<JsonSchema> GetSchemaAsync(DefinitionKind kind, CancellationToken cancellationToken = default) =>
        JsonSchema.FromJsonAsync(GetSchemaJson(kind), cancellationToken);

    /// <summary>A parsed schema shared by the validator; never handed out, so never modified.</summary>
    internal static Task<JsonSchema> GetSharedSchemaAsync(DefinitionKind kind) =>
        SharedSchemas.GetOrAdd(kind, k => new Lazy<Task<JsonSchema>>(() => JsonSchema.FromJsonAsync(GetSchemaJson(k)))).Value;
}
