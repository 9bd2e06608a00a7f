namespace AiLiteracy.Testing;

/// <summary>
/// Paths inside the repository, found from the test binaries (the folder above them that holds Sdk.sln). Test data is
/// never located through <c>[CallerFilePath]</c>: CI builds with <c>ContinuousIntegrationBuild</c>, which maps source
/// paths to <c>/_/</c>.
/// </summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root: the folder holding Sdk.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
