using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiLiteracy;

/// <summary>
/// The JSON conventions of every AI Literacy document and API payload: camelCase properties, kebab-case enum
/// values (<c>common-core</c>, <c>in-person</c>, <c>outside-eu</c>), ISO 8601 dates.
/// </summary>
public static class AiLiteracyJson
{
    /// <summary>Shared, read-only serializer options (indented for files people edit).</summary>
    public static JsonSerializerOptions Options { get; } = Freeze(Create(writeIndented: true));

    /// <summary>Shared, read-only serializer options without indentation (API payloads, storage).</summary>
    public static JsonSerializerOptions Compact { get; } = Freeze(Create(writeIndented: false));

    private static JsonSerializerOptions Freeze(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Creates a new mutable options instance with the AI Literacy conventions.</summary>
    /// <param name="writeIndented">Whether output is indented.</param>
    /// <returns>New options.</returns>
    public static JsonSerializerOptions Create(bool writeIndented = true)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = writeIndented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Skip,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        return options;
    }
}
