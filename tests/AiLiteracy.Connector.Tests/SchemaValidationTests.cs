using System.Text.RegularExpressions;
using AiLiteracy.Connector.Tests.Generation;
using NJsonSchema;
using NJsonSchema.Generation;

namespace AiLiteracy.Connector.Tests;

/// <summary>The committed connector files validate against the schemas Microsoft publishes (shared/reference/power-platform).</summary>
public sealed partial class SchemaValidationTests
{
    public static TheoryData<ConnectorVariant> Variants() => new(Enum.GetValues<ConnectorVariant>());

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Definition_ValidatesAgainstTheSwagger2Schema(ConnectorVariant variant)
    {
        var schema = await LoadSchemaAsync("apiDefinition.swagger.schema.json");
        var errors = schema.Validate(await File.ReadAllTextAsync(ConnectorFiles.DefinitionPath(variant)));
        Assert.True(errors.Count == 0, Describe(errors));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task ApiProperties_ValidateAgainstTheApiPropertiesSchema(ConnectorVariant variant)
    {
        var schema = await LoadSchemaAsync("paconn-apiProperties.schema.json");
        var errors = schema.Validate(await File.ReadAllTextAsync(ConnectorFiles.PropertiesPath(variant)));
        Assert.True(errors.Count == 0, Describe(errors));
    }

    [Fact]
    public async Task SwaggerSchema_RejectsADefinitionWithAnUnknownTopLevelProperty()
    {
        var schema = await LoadSchemaAsync("apiDefinition.swagger.schema.json");
        var definition = ConnectorFiles.Read(ConnectorFiles.DefinitionPath(ConnectorVariant.EntraId));
        definition["servers"] = new System.Text.Json.Nodes.JsonArray();
        Assert.NotEmpty(schema.Validate(definition.ToJsonString()));
    }

    [Fact]
    public async Task ApiPropertiesSchema_RejectsAnUnknownIdentityProvider()
    {
        var schema = await LoadSchemaAsync("paconn-apiProperties.schema.json");
        var properties = ConnectorFiles.Read(ConnectorFiles.PropertiesPath(ConnectorVariant.EntraId));
        properties["properties"]!["connectionParameters"]!["token"]!["oAuthSettings"]!["identityProvider"] = "okta";
        Assert.NotEmpty(schema.Validate(properties.ToJsonString()));
    }

    internal static string Describe(ICollection<NJsonSchema.Validation.ValidationError> errors) =>
        string.Join(Environment.NewLine, errors.Select(e => e.ToString()));

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => e is NJsonSchema.Validation.ChildSchemaValidationError child
            ? new[] { e }.Concat(Flatten(child.Errors.SelectMany(c => c.Value)))
            : [e]);

    /// <summary>Loads a published schema; the published files carry <c>//</c> comments, which strict JSON rejects.</summary>
    internal static async Task<JsonSchema> LoadSchemaAsync(string fileName)
    {
        var text = await File.ReadAllTextAsync(ConnectorFiles.ReferencePath(fileName));
        var draft4 = await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Reference", "json-schema-draft-04.json")));
        return await JsonSchema.FromJsonAsync(StripComments(text), null, schema =>
        {
            var resolver = new JsonReferenceResolver(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()));
            resolver.AddDocumentReference("http://json-schema.org/draft-04/schema", draft4);
            return resolver;
        });
    }

    /// <summary>Removes <c>// …</c> comments outside strings.</summary>
    internal static string StripComments(string json)
    {
        var lines = json.Split('\n').Select(line =>
        {
            var inString = false;
            for (var i = 0; i < line.Length - 1; i++)
            {
                if (line[i] == '"' && (i == 0 || line[i - 1] != '\\'))
                {
                    inString = !inString;
                }
                else if (!inString && line[i] == '/' && line[i + 1] == '/')
                {
                    return line[..i].TrimEnd();
                }
            }

            return line;
        });
        return TrailingComma().Replace(string.Join('\n', lines), "$1");
    }

    [GeneratedRegex(@",(\s*[}\]])")]
    private static partial Regex TrailingComma();
}
