using System.Text.Json;
using AiLiteracy.Model;
using AiLiteracy.Services;

namespace AiLiteracy.Server.Endpoints;

/// <summary>Parses kebab-case enum values of query strings (<c>common-core</c>, <c>on-leave</c>) as the JSON conventions spell them.</summary>
internal static class QueryEnums
{
    public static T? Parse<T>(string? value, string parameter)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value), AiLiteracyJson.Compact);
        }
        catch (JsonException)
        {
            var allowed = string.Join(", ", Enum.GetValues<T>().Select(v => JsonSerializer.Serialize(v, AiLiteracyJson.Compact).Trim('"')));
            throw new InputValidationException([new InputError(parameter, "unknown-value", new LocalizedText(
                $"Valeur « {value} » inconnue pour {parameter} : {allowed}.", $"Unknown value '{value}' for {parameter}: {allowed}."))]);
        }
    }
}
