using System.Text.Json.Nodes;
using AiLiteracy.Connector.Tests.Generation;

namespace AiLiteracy.Connector.Tests.Rules;

/// <summary>One operation of a definition with where it sits.</summary>
/// <param name="Path">The path.</param>
/// <param name="Method">The HTTP method (lower case).</param>
/// <param name="Operation">The operation object.</param>
/// <param name="PathItem">The path item (holds <c>x-ms-notification-content</c>).</param>
public sealed record ConnectorOperation(string Path, string Method, JsonObject Operation, JsonObject PathItem)
{
    public string OperationId => Operation["operationId"]?.GetValue<string>() ?? string.Empty;

    public string? Visibility => Operation["x-ms-visibility"]?.GetValue<string>();

    public string Name => $"{Method.ToUpperInvariant()} {Path} ({OperationId})";

    public IEnumerable<JsonObject> Parameters => Operation["parameters"]?.AsArray().Select(p => p!.AsObject()) ?? [];

    public JsonObject? BodySchema => Parameters.FirstOrDefault(p => p["in"]?.GetValue<string>() == "body")?["schema"]?.AsObject();

    public bool IsWebhookTrigger => Operation["x-ms-trigger"] is not null && Method == "post";

    public bool IsPollingTrigger => Operation["x-ms-trigger-metadata"]?["mode"]?.GetValue<string>() == "polling";

    public bool IsTrigger => Operation["x-ms-trigger"] is not null;
}

/// <summary>A connector: its definition, its properties and which connection it uses.</summary>
/// <param name="Definition">apiDefinition.swagger.json.</param>
/// <param name="Properties">apiProperties.json.</param>
/// <param name="Variant">Entra ID or API key.</param>
public sealed record ConnectorPackage(JsonObject Definition, JsonObject Properties, ConnectorVariant Variant)
{
    public static ConnectorPackage LoadCommitted(ConnectorVariant variant) => new(
        ConnectorFiles.Read(ConnectorFiles.DefinitionPath(variant)),
        ConnectorFiles.Read(ConnectorFiles.PropertiesPath(variant)),
        variant);

    /// <summary>A deep copy to mutate in a negative test.</summary>
    public ConnectorPackage Copy() => new(Definition.DeepClone().AsObject(), Properties.DeepClone().AsObject(), Variant);

    public IEnumerable<ConnectorOperation> Operations =>
        (Definition["paths"]?.AsObject() ?? []).SelectMany(path => path.Value!.AsObject()
            .Where(m => m.Key is "get" or "post" or "put" or "patch" or "delete" or "head" or "options")
            .Select(m => new ConnectorOperation(path.Key, m.Key, m.Value!.AsObject(), path.Value!.AsObject())));

    public ConnectorOperation Operation(string operationId) =>
        Operations.SingleOrDefault(o => o.OperationId == operationId) ?? throw new InvalidOperationException($"No operation {operationId}.");

    public JsonObject ConnectionParameters => Properties["properties"]?["connectionParameters"]?.AsObject() ?? [];

    public IEnumerable<JsonObject> PolicyTemplates =>
        Properties["properties"]?["policyTemplateInstances"]?.AsArray().Select(p => p!.AsObject()) ?? [];
}

/// <summary>Walks the schemas of a definition.</summary>
public static class SchemaWalk
{
    /// <summary>Every property of <paramref name="schema"/>, nested ones and array items' included, with its path.</summary>
    public static IEnumerable<(string Path, string Name, JsonObject Property)> Properties(JsonObject? schema, string path = "$")
    {
        if (schema is null)
        {
            yield break;
        }

        if (schema["items"] is JsonObject items)
        {
            foreach (var nested in Properties(items, path + "[]"))
            {
                yield return nested;
            }
        }

        foreach (var (name, node) in schema["properties"]?.AsObject() ?? [])
        {
            var property = node!.AsObject();
            yield return (path + "." + name, name, property);
            foreach (var nested in Properties(property, path + "." + name))
            {
                yield return nested;
            }
        }
    }

    /// <summary>Follows a <c>/</c>-separated path of properties from <paramref name="schema"/>.</summary>
    public static JsonObject? Resolve(JsonObject? schema, string path)
    {
        var current = schema;
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current?["properties"]?[segment] as JsonObject;
        }

        return current;
    }

    /// <summary>The schema of the first success response (200, then 201).</summary>
    public static JsonObject? SuccessSchema(JsonObject operation) =>
        (operation["responses"]?["200"]?["schema"] ?? operation["responses"]?["201"]?["schema"]) as JsonObject;
}
