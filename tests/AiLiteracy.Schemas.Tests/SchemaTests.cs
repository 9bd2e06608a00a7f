using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiLiteracy.Model;
using NJsonSchema.Validation;

namespace AiLiteracy.Schemas.Tests;

public sealed class SchemaTests
{
    public static TheoryData<DefinitionKind> Kinds => new(DefinitionKinds.All);

    private static readonly HashSet<string> Draft07Keywords =
    [
        "$schema", "$id", "$ref", "$comment", "title", "description", "default", "examples", "readOnly", "writeOnly",
        "type", "enum", "const", "format", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "multipleOf", "items", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains",
        "properties", "patternProperties", "additionalProperties", "required", "minProperties", "maxProperties",
        "propertyNames", "dependencies", "definitions", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    ];

    private static readonly HashSet<string> Types = ["object", "array", "string", "number", "integer", "boolean", "null"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Schema_IsWellFormedDraft07_WithOnlyKnownKeywordsAndResolvableRefs(DefinitionKind kind)
    {
        var root = JsonNode.Parse(DefinitionSchemas.GetSchemaJson(kind))!.AsObject();

        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)root["$schema"]);
        CheckSchema(root, root, "#");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Schema_HasFrenchAndEnglishTitleAndDescription_AndRequiresKind(DefinitionKind kind)
    {
        var root = JsonNode.Parse(DefinitionSchemas.GetSchemaJson(kind))!.AsObject();

        Assert.Matches(@"^\S.+ / \S.+$", (string?)root["title"]);
        Assert.Matches(@"^\S.+ / \S.+$", (string?)root["description"]);
        Assert.Contains("kind", root["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal([kind.ToKindName()], root["properties"]!["kind"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.False((bool)root["additionalProperties"]!);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Schema_LoadsInNJsonSchema_AsANewInstanceEachTime(DefinitionKind kind)
    {
        var first = await DefinitionSchemas.GetSchemaAsync(kind);
        var second = await DefinitionSchemas.GetSchemaAsync(kind);

        Assert.NotSame(first, second);
        Assert.Contains("kind", first.RequiredProperties);
        Assert.False(first.AllowAdditionalProperties);
        Assert.Equal(kind.ToKindName() + ".schema.json", DefinitionSchemas.GetSchemaFileName(kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task FullyPopulatedModel_SerializedWithAiLiteracyJson_MatchesItsSchema(DefinitionKind kind)
    {
        var json = Serialize(kind);
        var schema = await DefinitionSchemas.GetSchemaAsync(kind);

        var errors = new JsonSchemaValidator().Validate(json.ToJsonString(), schema);

        Assert.Empty(errors.Select(e => e.ToString()));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EverySchemaProperty_IsWrittenByTheModel(DefinitionKind kind)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        CollectPropertyNames(Serialize(kind), written);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        CollectSchemaPropertyNames(JsonNode.Parse(DefinitionSchemas.GetSchemaJson(kind))!, declared);

        declared.Remove("$schema");
        Assert.Empty(declared.Except(written));
    }

    [Fact]
    public async Task FullyPopulatedModels_ValidateTogether_AndRoundTrip()
    {
        var sources = DefinitionKinds.All.Select(k => new DefinitionSource(k.ToFileName(), Serialize(k).ToJsonString())).ToList();

        var result = await new DefinitionValidator().ValidateAsync(sources);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var definitions = result.Definitions!;
        Assert.Equal(JsonSerializer.Serialize(FullModels.Curriculum(), AiLiteracyJson.Options), JsonSerializer.Serialize(definitions.Curriculum, AiLiteracyJson.Options));
        Assert.Equal(JsonSerializer.Serialize(FullModels.Framework(), AiLiteracyJson.Options), JsonSerializer.Serialize(definitions.CompetencyFramework, AiLiteracyJson.Options));
        Assert.Equal(["tool-a", "tool-b", "tool-c"], definitions.Charter.Tools.Select(t => t.Id));
    }

    public static TheoryData<string, Type> EnumDefinitions => new()
    {
        { "curriculum:#/definitions/trackKind", typeof(TrackKind) },
        { "curriculum:#/definitions/deliveryMode", typeof(DeliveryMode) },
        { "curriculum:#/definitions/role", typeof(AgentRoles) },
        { "competency-framework:#/properties/roleProfiles/items/properties/role", typeof(AgentRoles) },
        { "charter:#/definitions/dataClass", typeof(DataClass) },
        { "charter:#/definitions/tool/properties/hosting", typeof(Hosting) },
        { "charter:#/definitions/tool/properties/status", typeof(ToolStatus) },
        { "charter:#/properties/rules/items/properties/kind", typeof(CharterRuleKind) },
        { "tool-registry:#/definitions/dataClass", typeof(DataClass) },
        { "tool-registry:#/definitions/tool/properties/hosting", typeof(Hosting) },
        { "tool-registry:#/definitions/tool/properties/status", typeof(ToolStatus) },
    };

    [Theory]
    [MemberData(nameof(EnumDefinitions))]
    public void SchemaEnum_ListsExactlyTheModelEnumValues_InKebabCase(string location, Type enumType)
    {
        var (kindName, pointer) = (location[..location.IndexOf(':')], location[(location.IndexOf(':') + 3)..]);
        DefinitionKinds.TryParse(kindName, out var kind);
        JsonNode node = JsonNode.Parse(DefinitionSchemas.GetSchemaJson(kind))!;
        foreach (var segment in pointer.Split('/'))
        {
            node = node[segment]!;
        }

        var expected = Enum.GetValues(enumType).Cast<object>()
            .Where(v => !(v is AgentRoles r && r == AgentRoles.None))
            .Select(v => JsonSerializer.Serialize(v, enumType, AiLiteracyJson.Options).Trim('"'));
        Assert.Equal(expected.Order(), node["enum"]!.AsArray().Select(n => (string)n!).Order());
    }

    private static JsonObject Serialize(DefinitionKind kind)
    {
        var node = JsonSerializer.SerializeToNode(FullModels.For(kind), FullModels.For(kind).GetType(), AiLiteracyJson.Options)!.AsObject();
        node.Insert(0, "kind", kind.ToKindName());
        return node;
    }

    private static void CollectPropertyNames(JsonNode? node, HashSet<string> names)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    names.Add(name);
                    CollectPropertyNames(value, names);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    CollectPropertyNames(item, names);
                }

                break;
        }
    }

    private static void CollectSchemaPropertyNames(JsonNode node, HashSet<string> names)
    {
        if (node is JsonObject o)
        {
            if (o["properties"] is JsonObject properties)
            {
                foreach (var (name, _) in properties)
                {
                    names.Add(name);
                }
            }

            foreach (var (_, value) in o)
            {
                if (value is not null)
                {
                    CollectSchemaPropertyNames(value, names);
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var item in a.OfType<JsonNode>())
            {
                CollectSchemaPropertyNames(item, names);
            }
        }
    }

    private static void CheckSchema(JsonObject root, JsonObject schema, string at)
    {
        foreach (var (keyword, value) in schema)
        {
            Assert.True(Draft07Keywords.Contains(keyword), $"Unknown keyword '{keyword}' at {at}");
            switch (keyword)
            {
                case "type":
                    var types = value is JsonArray array ? array.Select(t => (string)t!) : [(string)value!];
                    Assert.All(types, t => Assert.Contains(t, Types));
                    break;
                case "$ref":
                    var target = (string)value!;
                    Assert.StartsWith("#/definitions/", target, StringComparison.Ordinal);
                    Assert.NotNull(root["definitions"]![target["#/definitions/".Length..]]);
                    break;
                case "pattern":
                    _ = new Regex((string)value!);
                    break;
                case "enum":
                    var values = value!.AsArray().Select(v => v!.ToJsonString()).ToList();
                    Assert.NotEmpty(values);
                    Assert.Equal(values.Count, values.Distinct().Count());
                    break;
                case "required":
                    var required = value!.AsArray().Select(v => (string)v!).ToList();
                    Assert.Equal(required.Count, required.Distinct().Count());
                    Assert.All(required, r => Assert.True(schema["properties"]?[r] is not null, $"Required '{r}' not declared at {at}"));
                    break;
                case "properties":
                case "definitions":
                    foreach (var (name, child) in value!.AsObject())
                    {
                        Assert.IsType<JsonObject>(child);
                        CheckSchema(root, child!.AsObject(), $"{at}/{keyword}/{name}");
                    }

                    break;
                case "items":
                    CheckSchema(root, value!.AsObject(), at + "/items");
                    break;
                case "additionalProperties":
                case "uniqueItems":
                    Assert.Contains(value!.GetValueKind(), new[] { JsonValueKind.True, JsonValueKind.False });
                    break;
                case "minimum":
                case "maximum":
                case "exclusiveMinimum":
                case "minLength":
                case "minItems":
                    Assert.Equal(JsonValueKind.Number, value!.GetValueKind());
                    break;
                case "title":
                case "description":
                case "format":
                case "$schema":
                case "$id":
                    Assert.Equal(JsonValueKind.String, value!.GetValueKind());
                    break;
            }
        }

        if (schema["type"] is { } type && (string?)type == "object" && schema["additionalProperties"] is null)
        {
            Assert.Fail($"Object schema at {at} does not say whether additional properties are allowed");
        }
    }
}
