using System.Text.Json;
using AiLiteracy.Packaging.Tests.Infrastructure;

namespace AiLiteracy.Packaging.Tests;

/// <summary>
/// A vendor installs the packages from a feed: samples/VendorEmbedding is restored and built with package references
/// to the packages just packed into nuget/ (a local feed added to the configured sources), then run.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class VendorEmbeddingPackageTests(PackedPackages packed)
{
    [Fact]
    public async Task VendorEmbedding_BuildsAgainstThePackedPackages_AndRuns()
    {
        var work = Directory.CreateTempSubdirectory("ailiteracy-vendor-").FullName;
        try
        {
            var project = Repository.Path_("samples", "VendorEmbedding", "VendorEmbedding.csproj");
            var build = await Dotnet.RunAsync(Repository.Root, TimeSpan.FromMinutes(8), null,
                "build", project, "-c", "Release",
                "-p:AiLiteracyPackageVersion=" + packed.Version,
                "-p:RestoreAdditionalProjectSources=" + packed.Feed,
                "-p:BaseIntermediateOutputPath=" + Path.Combine(work, "obj") + Path.DirectorySeparatorChar,
                "-p:OutputPath=" + Path.Combine(work, "bin") + Path.DirectorySeparatorChar);
            Assert.True(build.ExitCode == 0, "The sample does not build against the packages:" + Environment.NewLine + build.All);

            // Package references, not project references.
            using var assets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work, "obj", "project.assets.json")));
            var libraries = assets.RootElement.GetProperty("libraries");
            Assert.Equal("package", libraries.GetProperty($"AiLiteracy.Core/{packed.Version}").GetProperty("type").GetString());
            Assert.Equal("package", libraries.GetProperty($"AiLiteracy.Schemas/{packed.Version}").GetProperty("type").GetString());
            Assert.DoesNotContain(libraries.EnumerateObject(), l => l.Value.GetProperty("type").GetString() == "project");
            Assert.DoesNotContain(libraries.EnumerateObject(), l => l.Name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || l.Name.StartsWith("Microsoft.Graph", StringComparison.Ordinal));

            var run = await Dotnet.RunAsync(work, TimeSpan.FromMinutes(2), null, Path.Combine(work, "bin", "VendorEmbedding.dll"), "--as-of", "2026-06-01");
            Assert.True(run.ExitCode == 0, run.All);
            Assert.Contains("A0001 Camille Martin (communication) : habilité·e", run.Output, StringComparison.Ordinal);
            Assert.Contains("A0002 Hugo Bernard (rh) : non habilité·e", run.Output, StringComparison.Ordinal);
            Assert.Contains("METIER-RH-01", run.Output, StringComparison.Ordinal);
            Assert.Contains("1/3 agents habilités", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
