using AiLiteracy.Connector.Tests.Generation;

namespace AiLiteracy.Connector.Tests;

/// <summary>The committed connector files are exactly what the generator makes of the server's build-time Swagger.</summary>
public sealed class GeneratedFilesTests
{
    [Fact]
    public void CommittedConnectorFiles_AreWhatTheGeneratorProduces()
    {
        var update = Environment.GetEnvironmentVariable(ConnectorFiles.UpdateVariable) == "1";
        var stale = new List<string>();
        foreach (var (path, content) in ConnectorFiles.Generate())
        {
            if (update)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, content);
                continue;
            }

            if (!File.Exists(path) || File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) != content)
            {
                stale.Add(Path.GetRelativePath(ConnectorFiles.RepositoryRoot, path));
            }
        }

        Assert.True(stale.Count == 0,
            $"The connector files differ from what the generator produces: {string.Join(", ", stale)}. " +
            $"Build src/AiLiteracy.Server (it regenerates openapi/swagger.json), then run: {ConnectorFiles.RegenerateCommand} and commit the result.");
    }
}
