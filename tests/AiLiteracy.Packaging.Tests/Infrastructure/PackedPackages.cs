using System.IO.Compression;
using System.Xml.Linq;

namespace AiLiteracy.Packaging.Tests.Infrastructure;

/// <summary>A package as packed: its nuspec and the files it holds.</summary>
public sealed record PackedPackage(string Id, string Path, XDocument Nuspec, IReadOnlyList<string> Files)
{
    private static readonly XNamespace Ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";

    public XElement Metadata => Nuspec.Root!.Elements().First(e => e.Name.LocalName == "metadata");

    public string? Meta(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    public XElement? MetaElement(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public IReadOnlyList<string> Dependencies => Metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
        .Select(e => e.Attribute("id")!.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public IReadOnlyList<string> FrameworkReferences => Metadata.Descendants().Where(e => e.Name.LocalName == "frameworkReference")
        .Select(e => e.Attribute("name")!.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public static PackedPackage Read(string id, string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase) && !e.FullName.Contains('/'));
        using var stream = nuspec.Open();
        return new PackedPackage(id, path, XDocument.Load(stream), zip.Entries.Select(e => e.FullName).ToList());
    }
}

/// <summary>
/// Packs every src project once (<c>dotnet pack</c> of the builds the test project references) into <c>nuget/</c> with a
/// version unique to this run, so that restores never see a stale copy of a package id+version in the NuGet cache.
/// The packages and their cache folders are removed afterwards.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public string Version { get; } = "0.1.0-pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "." + Environment.ProcessId;

    public string Feed { get; } = Repository.Path_("nuget");

    public IReadOnlyDictionary<string, PackedPackage> Packages { get; private set; } = new Dictionary<string, PackedPackage>();

    public string PackOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var filter = Path.Combine(Directory.CreateTempSubdirectory("ailiteracy-pack-").FullName, "src.slnf");
        var solutionFilter = new
        {
            solution = new { path = Repository.Path_("Sdk.sln"), projects = Repository.PackageIds.Select(id => $"src\\{id}\\{id}.csproj").ToArray() },
        };
        await File.WriteAllTextAsync(filter, System.Text.Json.JsonSerializer.Serialize(solutionFilter));
        var result = await Dotnet.RunAsync(Repository.Root, TimeSpan.FromMinutes(8), null,
            "pack", filter, "-c", Repository.Configuration, "--no-build", "--no-restore", "-p:VersionSuffix=" + Version["0.1.0-".Length..]);
        PackOutput = result.All;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:" + Environment.NewLine + result.All);
        }

        Packages = Repository.PackageIds.ToDictionary(id => id, id => PackedPackage.Read(id, Path.Combine(Feed, $"{id}.{Version}.nupkg")));
    }

    public Task DisposeAsync()
    {
        foreach (var file in Directory.GetFiles(Feed, $"*.{Version}.*nupkg"))
        {
            File.Delete(file);
        }

        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in Repository.PackageIds)
        {
            var folder = Path.Combine(cache, id.ToLowerInvariant(), Version);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}
