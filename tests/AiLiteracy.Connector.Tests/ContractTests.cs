using System.Globalization;
using System.Text.Json.Nodes;
using AiLiteracy.Connector.Tests.Generation;
using AiLiteracy.Connector.Tests.Infrastructure;
using System.Text.Json.Serialization.Metadata;
using AiLiteracy.Connector.Tests.Rules;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Connector.Tests;

/// <summary>
/// For every operation of the connector: a request built from the definition alone (path, query, a body with every
/// property of its schema, drop-down values fetched through the lookup operations they name), sent to the real server
/// with the connection's credentials; the response must have a declared status and validate against the declared
/// schema, with no undeclared property, and the body properties the response echoes must come back as sent.
/// </summary>
public sealed class ContractTests : IClassFixture<ConnectorFixture>
{
    private readonly ConnectorFixture fixture;

    public ContractTests(ConnectorFixture fixture) => this.fixture = fixture;

    public static TheoryData<string> OperationIds() =>
        new(ConnectorPackage.LoadCommitted(ConnectorVariant.ApiKey).Operations.Select(o => o.OperationId));

    [Fact]
    public void BothConnectors_ExposeTheSameOperations()
    {
        var entra = ConnectorPackage.LoadCommitted(ConnectorVariant.EntraId).Definition["paths"]!;
        var apiKey = ConnectorPackage.LoadCommitted(ConnectorVariant.ApiKey).Definition["paths"]!;
        Assert.True(JsonNode.DeepEquals(entra, apiKey), "The Entra ID and API-key connectors must differ only in their connection.");
    }

    [Theory]
    [MemberData(nameof(OperationIds))]
    public async Task Operation_AnswersWhatTheDefinitionDeclares(string operationId)
    {
        var operation = fixture.Connector.Operation(operationId);
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        JsonObject? body = null;
        foreach (var parameter in operation.Parameters)
        {
            var name = parameter["name"]!.GetValue<string>();
            if (parameter["in"]!.GetValue<string>() == "body")
            {
                body = await BuildObjectAsync(operationId, parameter["schema"]!.AsObject());
                continue;
            }

            var value = await ValueAsync(operationId, name, parameter);
            if (value is not null)
            {
                parameters[name] = value;
            }
        }

        var result = await fixture.Client.CallAsync(operationId, parameters, body);
        var responses = operation.Operation["responses"]!.AsObject();
        var declared = responses[result.Status.ToString(CultureInfo.InvariantCulture)];
        Assert.True(declared is not null, $"{operationId} answered {result.Status}, which the definition does not declare: {result.Text}");

        if (declared!["schema"] is JsonObject schema)
        {
            var errors = await ConnectorClient.ValidateAsync(schema, result.Body);
            Assert.True(errors.Count == 0, $"{operationId} response drifted from the definition:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}{Environment.NewLine}{result.Text}");
            AssertEchoes(operationId, body, schema, result.Body);
        }
        else
        {
            Assert.True(result.Text.Length == 0, $"{operationId} answered a body the definition does not declare: {result.Text}");
        }
    }

    [Theory]
    [MemberData(nameof(OperationIds))]
    public void RequestBody_DeclaresOnlyPropertiesTheServerBinds(string operationId)
    {
        var operation = fixture.Connector.Operation(operationId);
        if (operation.BodySchema is not { } schema)
        {
            return;
        }

        var descriptions = fixture.Server.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(g => g.Items);
        var endpoint = descriptions.Single(d => "/" + d.RelativePath?.TrimEnd('/') == operation.Path && string.Equals(d.HttpMethod, operation.Method, StringComparison.OrdinalIgnoreCase));
        var bodyType = endpoint.ParameterDescriptions.Single(p => p.Source == BindingSource.Body).Type;
        var options = fixture.Server.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var unknown = new List<string>();
        Compare(schema, bodyType, "body");
        Assert.True(unknown.Count == 0, $"{operationId}: the definition declares body properties the server does not bind: {string.Join(", ", unknown)}");

        void Compare(JsonObject declared, Type type, string path)
        {
            var info = options.GetTypeInfo(type);
            if (info.Kind != JsonTypeInfoKind.Object)
            {
                return;
            }

            foreach (var (name, property) in declared["properties"]?.AsObject() ?? [])
            {
                var bound = info.Properties.FirstOrDefault(p => p.Name == name);
                if (bound is null)
                {
                    unknown.Add(path + "." + name);
                }
                else if (property?["type"]?.GetValue<string>() == "object")
                {
                    Compare(property.AsObject(), Nullable.GetUnderlyingType(bound.PropertyType) ?? bound.PropertyType, path + "." + name);
                }
            }
        }
    }

    private static void AssertEchoes(string operationId, JsonObject? sent, JsonObject schema, JsonNode? received)
    {
        if (sent is null || received is not JsonObject response || schema["properties"] is not JsonObject declared)
        {
            return;
        }

        foreach (var (name, value) in sent)
        {
            if (value is JsonValue && declared.ContainsKey(name))
            {
                Assert.True(JsonNode.DeepEquals(value, response[name]),
                    $"{operationId}: sent {name} = {value.ToJsonString()}, the server answered {response[name]?.ToJsonString() ?? "nothing"}: the server ignores or renames a property of the definition.");
            }
        }
    }

    private async Task<object?> ValueAsync(string operationId, string name, JsonObject field)
    {
        if (field["x-ms-dynamic-values"] is JsonObject dynamic)
        {
            var lookup = await fixture.Client.CallAsync(dynamic["operationId"]!.GetValue<string>());
            var items = SchemaWalkValue(lookup.Body, dynamic["value-collection"]!.GetValue<string>())!.AsArray();
            Assert.NotEmpty(items);
            return SchemaWalkValue(items[0], dynamic["value-path"]!.GetValue<string>())!.GetValue<string>();
        }

        switch (name)
        {
            case "employeeNumber" when operationId == "UpsertAgent":
                return "C" + Guid.NewGuid().ToString("N")[..7];
            case "employeeNumber" or "managerEmployeeNumber":
                return name == "managerEmployeeNumber" ? ConnectorFixture.ManagerNumber : ConnectorFixture.AgentNumber;
            case "email" or "userPrincipalName":
                return operationId == "UpsertAgent" ? $"agent.{Guid.NewGuid():N}@cc-val-de-brume.example" : ConnectorFixture.AgentEmail;
            case "subscriptionId":
                var created = await ConnectorFixture.Expect(201, fixture.Client.CallAsync("WhenAgentAdded", null,
                    new JsonObject { ["notificationUrl"] = fixture.Receiver.NewCallbackUrl().AbsoluteUri }));
                return created.Body!["id"]!.GetValue<string>();
            case "notificationUrl":
                return fixture.Receiver.NewCallbackUrl().AbsoluteUri;
            case "since":
                return DateTimeOffset.UtcNow.AddDays(-1);
            case "content":
                return ConnectorFixture.Base64(ConnectorFixture.SampleCsv);
            case "fileName":
                return "export-sirh.csv";
            case "full":
                return false;
            case "continuationToken" or "moduleVersion" or "charterVersion" or "endDate" or "date" when operationId == "RecordAcknowledgement":
                return null;
            case "continuationToken" or "moduleVersion" or "charterVersion" or "endDate":
                return null;
            case "entraObjectId":
                return Guid.NewGuid().ToString();
            case "evidenceUrl":
                return "https://lms.example.org/evidence/42";
            case "externalId":
                return "contract-" + Guid.NewGuid().ToString("N");
            case "score":
                return 85;
            case "pageSize":
                return 10;
            case "role":
                return "agent";
            case "status":
                return "active";
            case "track":
                return "common-core";
            case "roles":
                return new JsonArray("agent");
        }

        if (field["enum"] is JsonArray values)
        {
            return values[0]!.GetValue<string>();
        }

        return (field["type"]?.GetValue<string>(), field["format"]?.GetValue<string>()) switch
        {
            ("boolean", _) => name is not ("cleared" or "includeDone") || name == "includeDone",
            ("integer", _) => 1,
            ("number", _) => 50,
            ("string", "date") => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)),
            ("string", "date-time") => DateTimeOffset.UtcNow.AddMinutes(-5),
            ("string", "byte") => ConnectorFixture.Base64("contract test"),
            ("string", _) => "Contract test",
            _ => null,
        };
    }

    private async Task<JsonObject> BuildObjectAsync(string operationId, JsonObject schema)
    {
        var result = new JsonObject();
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            var field = property!.AsObject();
            var value = field["type"]?.GetValue<string>() == "object"
                ? await BuildObjectAsync(operationId, field)
                : await ValueAsync(operationId, name, field);
            if (value is not null)
            {
                result[name] = value as JsonNode ?? value switch
                {
                    DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    DateTimeOffset d => JsonValue.Create(d.ToString("O", CultureInfo.InvariantCulture)),
                    string s => JsonValue.Create(s),
                    bool b => JsonValue.Create(b),
                    int i => JsonValue.Create(i),
                    _ => throw new InvalidOperationException($"Unexpected value {value} for {name}."),
                };
            }
        }

        return result;
    }

    private static JsonNode? SchemaWalkValue(JsonNode? node, string path)
    {
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node?[segment];
        }

        return node;
    }
}
