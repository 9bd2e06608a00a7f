namespace AiLiteracy.Schemas.Tests;

/// <summary>Access to the test data copied next to the test assembly.</summary>
internal static class TestFiles
{
    public static readonly string[] ValidNames =
        ["competency-framework.json", "job-families.json", "curriculum.json", "charter.json", "tool-registry.json"];

    public static string ValidDirectory => Path.Combine(AppContext.BaseDirectory, "Valid");

    public static string MalformedDirectory => Path.Combine(AppContext.BaseDirectory, "Malformed");

    public static DefinitionSource Valid(string name) => new(name, File.ReadAllText(Path.Combine(ValidDirectory, name)));

    public static List<DefinitionSource> ValidSet() => ValidNames.Select(Valid).ToList();

    /// <summary>The valid set with one file replaced by <paramref name="content"/>.</summary>
    public static List<DefinitionSource> ValidSetWith(string name, string content) =>
        ValidNames.Select(n => n == name ? new DefinitionSource(n, content) : Valid(n)).ToList();

    /// <summary>The repository root (the directory holding Sdk.sln).</summary>
    public static string RepositoryRoot => RepositoryPaths.Root;
}
