using System.Text.Json;

namespace AiLiteracy.Server;

/// <summary>The JSON conventions of the API: those of <see cref="AiLiteracyJson"/> (camelCase, kebab-case enums, ISO dates), compact.</summary>
public static class ServerJson
{
    /// <summary>Copies the AI Literacy conventions onto <paramref name="options"/>.</summary>
    /// <param name="options">The options to configure (the minimal API serializer options).</param>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = AiLiteracyJson.Compact;
        options.PropertyNamingPolicy = source.PropertyNamingPolicy;
        options.DictionaryKeyPolicy = source.DictionaryKeyPolicy;
        options.PropertyNameCaseInsensitive = source.PropertyNameCaseInsensitive;
        options.DefaultIgnoreCondition = source.DefaultIgnoreCondition;
        options.Encoder = source.Encoder;
        options.NumberHandling = source.NumberHandling;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.UnmappedMemberHandling = source.UnmappedMemberHandling;
        options.WriteIndented = false;
        options.MaxDepth = 32;
        foreach (var converter in source.Converters)
        {
            options.Converters.Add(converter);
        }
    }

    /// <summary>Creates options with the API conventions.</summary>
    /// <returns>New options.</returns>
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        return options;
    }
}
