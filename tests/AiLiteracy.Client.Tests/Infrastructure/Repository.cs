namespace AiLiteracy.Client.Tests.Infrastructure;

internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SwaggerPath => Path.Combine(Root, "src", "AiLiteracy.Server", "openapi", "swagger.json");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sdk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
