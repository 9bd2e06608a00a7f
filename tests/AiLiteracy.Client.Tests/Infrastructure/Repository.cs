namespace AiLiteracy.Client.Tests.Infrastructure;

internal static class Repository
{
    public static string Root => RepositoryPaths.Root;

    public static string SwaggerPath => Path.Combine(Root, "src", "AiLiteracy.Server", "openapi", "swagger.json");
}
