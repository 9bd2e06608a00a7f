using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AiLiteracy.Connector.Tests.Rules;
using Microsoft.AspNetCore.WebUtilities;
using NJsonSchema;

namespace AiLiteracy.Connector.Tests.Infrastructure;

/// <summary>The result of calling a connector operation.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">The body, parsed when JSON.</param>
/// <param name="Text">The raw body.</param>
/// <param name="Location">The Location header, if any.</param>
public sealed record OperationResult(int Status, JsonNode? Body, string Text, Uri? Location);

/// <summary>
/// Calls the server the way Power Automate calls the connector: the operation's method and path from the definition,
/// path and query parameters by name, a JSON body, the connection's API key or access token as the definition's security scheme says,
/// and the connection's server URL in place of the placeholder host (the <c>dynamichosturl</c> policy).
/// </summary>
public sealed class ConnectorClient
{
    private readonly HttpClient http;

    /// <summary>A connection: the server URL and, as the definition's security scheme says, an API key or an Entra ID access token.</summary>
    /// <param name="connector">The connector package.</param>
    /// <param name="serverUrl">The connection's server URL.</param>
    /// <param name="credential">The API key (API-key connector) or the bearer access token (Entra ID connector).</param>
    public ConnectorClient(ConnectorPackage connector, Uri serverUrl, string credential)
    {
        Connector = connector;
        var scheme = connector.Definition["securityDefinitions"]!.AsObject().Single().Value!;
        http = new HttpClient { BaseAddress = serverUrl, Timeout = TimeSpan.FromSeconds(60) };
        switch (scheme["type"]!.GetValue<string>())
        {
            case "apiKey" when scheme["in"]!.GetValue<string>() == "header":
                ApiKeyHeader = scheme["name"]!.GetValue<string>();
                ApiKey = credential;
                http.DefaultRequestHeaders.Add(ApiKeyHeader, credential);
                break;
            case "oauth2":
                // What Power Platform does with an OAuth connection: the access token it obtained, as a bearer token.
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
                break;
            default:
                throw new InvalidOperationException("Unsupported security scheme: " + scheme.ToJsonString());
        }
    }

    public ConnectorPackage Connector { get; }

    public string? ApiKeyHeader { get; }

    public string? ApiKey { get; }

    public async Task<OperationResult> CallAsync(string operationId, IReadOnlyDictionary<string, object?>? parameters = null, JsonNode? body = null)
    {
        var operation = Connector.Operation(operationId);
        var path = operation.Path;
        var query = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var parameter in operation.Parameters)
        {
            var name = parameter["name"]!.GetValue<string>();
            var location = parameter["in"]!.GetValue<string>();
            if (location == "body" || parameters is null || !parameters.TryGetValue(name, out var value) || value is null)
            {
                if (location == "path")
                {
                    throw new InvalidOperationException($"{operationId}: no value for path parameter '{name}'.");
                }

                continue;
            }

            var text = Format(value);
            if (location == "path")
            {
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(text), StringComparison.Ordinal);
            }
            else if (location == "query")
            {
                query[name] = text;
            }
        }

        var unknown = (parameters?.Keys ?? []).Where(k => !operation.Parameters.Any(p => p["name"]!.GetValue<string>() == k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"{operationId} has no parameter {string.Join(", ", unknown)}.");
        }

        using var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), QueryHelpers.AddQueryString(path, query));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await SendAsync(request);
    }

    /// <summary>Calls an absolute URL (a Location header) with the connection's credentials only.</summary>
    public async Task<OperationResult> SendAsync(HttpMethod method, Uri url)
    {
        using var request = new HttpRequestMessage(method, url);
        return await SendAsync(request);
    }

    /// <summary>Validates <paramref name="json"/> against a schema of the definition; properties the schema does not declare are errors too.</summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(JsonObject swaggerSchema, JsonNode? json)
    {
        var closed = Close(swaggerSchema.DeepClone().AsObject());
        var schema = await JsonSchema.FromJsonAsync(closed.ToJsonString());
        return schema.Validate(json?.ToJsonString() ?? "null").Select(e => e.ToString()).ToList();
    }

    private async Task<OperationResult> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true && text.Length > 0)
        {
            json = JsonNode.Parse(text);
        }

        return new OperationResult((int)response.StatusCode, json, text, response.Headers.Location);
    }

    private static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    /// <summary>Adds <c>additionalProperties: false</c> to every object schema, and drops the connector-only keywords.</summary>
    private static JsonObject Close(JsonObject schema)
    {
        foreach (var key in schema.Select(p => p.Key).Where(k => k.StartsWith("x-ms-", StringComparison.Ordinal)).ToList())
        {
            schema.Remove(key);
        }

        if (schema["properties"] is JsonObject properties)
        {
            schema["additionalProperties"] = false;
            foreach (var (_, property) in properties)
            {
                Close(property!.AsObject());
            }
        }

        if (schema["items"] is JsonObject items)
        {
            Close(items);
        }

        return schema;
    }
}
