using System.Reflection;
using System.Text.Json.Nodes;
using AiLiteracy.Client.Models;
using AiLiteracy.Client.Tests.Infrastructure;
using Refit;

namespace AiLiteracy.Client.Tests;

/// <summary>
/// The client against the server's committed Swagger document (src/AiLiteracy.Server/openapi/swagger.json, regenerated
/// at every server build): a route, verb, parameter or model property the server drops or renames fails here.
/// </summary>
public sealed class OpenApiContractTests
{
    private static readonly JsonObject Swagger = (JsonObject)JsonNode.Parse(File.ReadAllText(Repository.SwaggerPath))!;

    public static TheoryData<string> ClientMethods()
    {
        var data = new TheoryData<string>();
        foreach (var method in ApiMethods())
        {
            data.Add(method.Name);
        }

        return data;
    }

    private static IEnumerable<MethodInfo> ApiMethods() =>
        typeof(IAiLiteracyApi).GetMethods().Where(m => m.GetCustomAttribute<HttpMethodAttribute>() is not null);

    private static (HttpMethodAttribute Http, JsonObject Operation) OperationOf(string methodName)
    {
        var method = typeof(IAiLiteracyApi).GetMethod(methodName)!;
        var http = method.GetCustomAttribute<HttpMethodAttribute>()!;
        var paths = (JsonObject)Swagger["paths"]!;
        Assert.True(paths.ContainsKey(http.Path), $"{methodName}: the server has no route {http.Path}.");
        var verb = http.Method.Method.ToLowerInvariant();
        var operation = paths[http.Path]![verb] as JsonObject;
        Assert.True(operation is not null, $"{methodName}: the server has no {http.Method} {http.Path}.");
        return (http, operation!);
    }

    private static List<JsonObject> ParametersOf(JsonObject operation) =>
        (operation["parameters"] as JsonArray ?? []).Select(p => (JsonObject)p!).ToList();

    [Fact]
    public void Client_CoversTheApiItIsMeantFor()
    {
        var routes = ApiMethods().Select(m => m.GetCustomAttribute<HttpMethodAttribute>()!.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var area in new[] { "/api/v1/agents", "/api/v1/agents/{employeeNumber}/status", "/api/v1/completions", "/api/v1/acknowledgements",
                     "/api/v1/usage-checks", "/api/v1/reports/coverage", "/api/v1/reports/literacy-register", "/api/v1/definitions/curriculum",
                     "/api/v1/modules", "/api/v1/subscriptions" })
        {
            Assert.Contains(area, routes);
        }
    }

    [Theory]
    [MemberData(nameof(ClientMethods))]
    public void Method_RouteAndVerb_ExistOnTheServer(string methodName) => OperationOf(methodName);

    [Theory]
    [MemberData(nameof(ClientMethods))]
    public void Method_Parameters_MatchTheServerOperation(string methodName)
    {
        var method = typeof(IAiLiteracyApi).GetMethod(methodName)!;
        var (http, operation) = OperationOf(methodName);
        var server = ParametersOf(operation);
        var clientQuery = new List<string>();
        var clientPath = new List<string>();
        var clientHasBody = false;
        foreach (var parameter in method.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken)))
        {
            if (parameter.GetCustomAttribute<BodyAttribute>() is not null)
            {
                clientHasBody = true;
            }
            else if (parameter.GetCustomAttribute<QueryAttribute>() is not null)
            {
                clientQuery.AddRange(parameter.ParameterType.GetProperties().Select(p => p.GetCustomAttribute<AliasAsAttribute>()?.Name ?? p.Name));
            }
            else if (http.Path.Contains('{' + parameter.Name! + '}', StringComparison.Ordinal))
            {
                clientPath.Add(parameter.Name!);
            }
            else
            {
                clientQuery.Add(parameter.GetCustomAttribute<AliasAsAttribute>()?.Name ?? parameter.Name!);
            }
        }

        var serverPath = server.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!).ToList();
        var serverQuery = server.Where(p => (string?)p["in"] == "query").ToDictionary(p => (string)p["name"]!, p => p["required"]?.GetValue<bool>() == true);
        var serverBody = server.FirstOrDefault(p => (string?)p["in"] == "body");

        Assert.Equal(serverPath.Order(), clientPath.Order());
        foreach (var name in clientQuery)
        {
            Assert.True(serverQuery.ContainsKey(name), $"{methodName}: query parameter '{name}' is unknown to the server.");
        }

        foreach (var (name, required) in serverQuery.Where(q => q.Value))
        {
            Assert.True(clientQuery.Contains(name), $"{methodName}: the server requires query parameter '{name}'.");
        }

        Assert.True(clientHasBody == (serverBody is not null), $"{methodName}: body expected {serverBody is not null}, client sends {clientHasBody}.");
    }

    [Theory]
    [MemberData(nameof(ClientMethods))]
    public void Method_ModelsMatchTheServerSchemas(string methodName)
    {
        var method = typeof(IAiLiteracyApi).GetMethod(methodName)!;
        var (_, operation) = OperationOf(methodName);
        var responses = (JsonObject)operation["responses"]!;
        var success = responses.Where(r => r.Key.StartsWith('2')).Select(r => r.Value!["schema"]).FirstOrDefault(s => s is not null);
        var returnType = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : null;
        if (returnType is null)
        {
            Assert.True(success is null, $"{methodName}: the server returns a body the client ignores.");
        }
        else
        {
            Assert.True(success is not null, $"{methodName}: the server returns no body.");
            AssertCompatible(returnType, success!, methodName, reading: true);
        }

        var body = method.GetParameters().FirstOrDefault(p => p.GetCustomAttribute<BodyAttribute>() is not null);
        var serverBody = ParametersOf(operation).FirstOrDefault(p => (string?)p["in"] == "body");
        if (body is not null && serverBody is not null)
        {
            AssertCompatible(body.ParameterType, serverBody["schema"]!, methodName, reading: false);
        }
    }

    /// <summary>
    /// Reading: every property the client requires is in the server's schema; every property the server requires is
    /// mapped. Writing: every property the client sends is known to the server. Recurses into referenced models.
    /// </summary>
    private static void AssertCompatible(Type type, JsonNode schema, string context, bool reading, HashSet<(Type, string)>? visited = null)
    {
        visited ??= [];
        if (schema["$ref"] is { } reference)
        {
            var name = ((string)reference!)["#/definitions/".Length..];
            if (!visited.Add((type, name)))
            {
                return;
            }

            schema = Swagger["definitions"]![name]!;
        }

        if (schema["allOf"] is JsonArray allOf && allOf.Count == 1)
        {
            AssertCompatible(type, allOf[0]!, context, reading, visited);
            return;
        }

        var element = ElementType(type);
        if ((string?)schema["type"] == "array")
        {
            Assert.True(element is not null, $"{context}: the server sends an array, the client expects {type.Name}.");
            AssertCompatible(element!, schema["items"]!, context, reading, visited);
            return;
        }

        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        var clientProperties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..], StringComparer.Ordinal);
        var serverRequired = (schema["required"] as JsonArray ?? []).Select(n => (string)n!).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, property) in clientProperties)
        {
            var isRequired = property.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null;
            if (reading ? isRequired : property.CanWrite)
            {
                Assert.True(properties.ContainsKey(name), $"{context}: {type.Name}.{property.Name} is not in the server's schema.");
            }

            if (properties[name] is { } propertySchema && Unwrap(property.PropertyType) is var propertyType && IsModel(propertyType))
            {
                AssertCompatible(propertyType, propertySchema, $"{context} {type.Name}.{property.Name}", reading, visited);
            }
        }

        if (reading)
        {
            foreach (var name in serverRequired)
            {
                Assert.True(clientProperties.ContainsKey(name), $"{context}: the server's {type.Name} has required '{name}' the client does not read.");
            }
        }
    }

    private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && type != typeof(string) ? type.GetGenericArguments()[0]
        : null;

    private static bool IsModel(Type type) =>
        ElementType(type) is { } element ? IsModel(element) : type.IsClass && type != typeof(string) && type.Namespace is { } ns && ns.StartsWith("AiLiteracy", StringComparison.Ordinal);

    [Fact]
    public void ContractCheck_FailsOnARenamedProperty()
    {
        var agent = Swagger["definitions"]!["AgentView"]!.DeepClone();
        var properties = (JsonObject)agent["properties"]!;
        var value = properties["employeeNumber"]!.DeepClone();
        properties.Remove("employeeNumber");
        properties["matricule"] = value;

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertCompatible(typeof(AgentView), agent, "drift", reading: true));
    }

    [Fact]
    public void Client_DependsNeitherOnTheServerNorOnAspNetCore()
    {
        var references = typeof(IAiLiteracyApi).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("AiLiteracy.Server", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));

        var project = File.ReadAllText(Path.Combine(Repository.Root, "src", "AiLiteracy.Client", "AiLiteracy.Client.csproj"));
        Assert.DoesNotContain("AiLiteracy.Server", project, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore", project, StringComparison.Ordinal);
    }
}
