using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiLiteracy.Connector.Tests.Generation;

/// <summary>Where the connector files live, and how they are written (indented, LF, final newline).</summary>
public static class ConnectorFiles
{
    /// <summary>Set to <c>1</c> to write the generated files instead of comparing them.</summary>
    public const string UpdateVariable = "AILITERACY_UPDATE_CONNECTOR";

    public const string RegenerateCommand =
        "AILITERACY_UPDATE_CONNECTOR=1 dotnet test tests/AiLiteracy.Connector.Tests --filter FullyQualifiedName~GeneratedFilesTests";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        IndentSize = 2,
    };

    public static string RepositoryRoot => RepositoryPaths.Root;

    public static string ServerSwaggerPath => Path.Combine(RepositoryRoot, "src", "AiLiteracy.Server", "openapi", "swagger.json");

    public static string ConnectorDirectory => Path.Combine(RepositoryRoot, "connector");

    public static string DefinitionPath(ConnectorVariant variant) => Path.Combine(VariantDirectory(variant), "apiDefinition.swagger.json");

    public static string PropertiesPath(ConnectorVariant variant) => Path.Combine(VariantDirectory(variant), "apiProperties.json");

    public static string VariantDirectory(ConnectorVariant variant) =>
        variant == ConnectorVariant.EntraId ? ConnectorDirectory : Path.Combine(ConnectorDirectory, "api-key");

    /// <summary>
    /// A published Power Platform schema (microsoft/PowerPlatformConnectors, MIT): the copy vendored in the test project
    /// (<c>Reference/power-platform</c>, with its licence), so the tests need nothing outside the repository.
    /// </summary>
    public static string ReferencePath(string fileName)
    {
        var path = Path.Combine(RepositoryRoot, "tests", "AiLiteracy.Connector.Tests", "Reference", "power-platform", fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Cannot find the vendored Power Platform schema {path}.");
    }

    public static JsonObject ReadServerSwagger() => Read(ServerSwaggerPath);

    public static JsonObject Read(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    /// <summary>The generated files, by path.</summary>
    public static IReadOnlyDictionary<string, string> Generate()
    {
        var server = ReadServerSwagger();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variant in Enum.GetValues<ConnectorVariant>())
        {
            files[DefinitionPath(variant)] = Serialize(ConnectorDefinitionGenerator.Generate(server, variant));
            files[PropertiesPath(variant)] = Serialize(ApiPropertiesGenerator.Generate(variant));
        }

        return files;
    }

    public static string Serialize(JsonNode node) => node.ToJsonString(Indented).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
}
