using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Refit;

namespace AiLiteracy.Client.Http;

/// <summary>Formats query and path values the way the server reads them: kebab-case enums, ISO dates, lower-case booleans.</summary>
internal sealed class ClientUrlParameterFormatter : DefaultUrlParameterFormatter
{
    public override string? Format(object? value, ICustomAttributeProvider attributeProvider, Type type) => value switch
    {
        null => null,
        Enum e => JsonNamingPolicy.KebabCaseLower.ConvertName(e.ToString()),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        DateTime t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => base.Format(value, attributeProvider, type),
    };
}
