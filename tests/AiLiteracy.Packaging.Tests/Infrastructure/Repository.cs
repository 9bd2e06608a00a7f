namespace AiLiteracy.Packaging.Tests.Infrastructure;

internal static class Repository
{
    public static string Root => RepositoryPaths.Root;

    /// <summary>The configuration the tests were built in (Debug or Release), which the projects they reference share.</summary>
    public static string Configuration { get; } = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Every packable project: src/&lt;name&gt;/&lt;name&gt;.csproj.</summary>
    public static IReadOnlyList<string> PackageIds { get; } = Directory.GetDirectories(Path.Combine(Root, "src"))
        .Select(Path.GetFileName)
        .Where(name => File.Exists(Path.Combine(Root, "src", name!, name + ".csproj")))
        .Order(StringComparer.Ordinal)
        .ToList()!;

    public static string SampleDll(string sample) => Path_("samples", sample, "bin", Configuration, "net10.0", sample + ".dll");
}
