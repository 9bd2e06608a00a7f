using System.Text.Json.Nodes;
using AiLiteracy.Server.Tests.Infrastructure;
using NSwag.Generation;

namespace AiLiteracy.Server.Tests;

public sealed class OpenApiDocumentTests : IClassFixture<SqliteServerFixture>
{
    private readonly ServerInstance server;

    public OpenApiDocumentTests(SqliteServerFixture fixture) => server = fixture.Server;

    private static string CommittedPath()
    {
        return RepositoryPaths.Combine("src", "AiLiteracy.Server", "openapi", "swagger.json");
    }

    private async Task<JsonNode> GenerateAsync()
    {
        var generator = server.Services.GetRequiredService<IOpenApiDocumentGenerator>();
        var document = await generator.GenerateAsync("v1");
        return JsonNode.Parse(document.ToJson())!;
    }

    [Fact]
    public async Task CommittedSwagger_IsWhatTheServerGenerates()
    {
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath()))!;
        var generated = await GenerateAsync();
        committed.AsObject().Remove("x-generator");
        generated.AsObject().Remove("x-generator");

        Assert.True(JsonNode.DeepEquals(committed, generated),
            "src/AiLiteracy.Server/openapi/swagger.json is stale: build src/AiLiteracy.Server to regenerate it and commit the result.");
    }

    [Fact]
    public async Task Swagger_IsVersion2_WithUniquePascalCaseOperationIds()
    {
        var document = await GenerateAsync();
        Assert.Equal("2.0", document["swagger"]!.GetValue<string>());

        var ids = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => op.Value!["operationId"]?.GetValue<string>()))
            .ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Matches("^[A-Z][A-Za-z0-9]+$", id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Swagger_DeclaresOAuth2AndApiKeySecurity()
    {
        var document = await GenerateAsync();
        var definitions = document["securityDefinitions"]!.AsObject();

        Assert.Equal("oauth2", definitions["oauth2"]!["type"]!.GetValue<string>());
        Assert.Equal("accessCode", definitions["oauth2"]!["flow"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", definitions["apiKey"]!["name"]!.GetValue<string>());
    }
}
