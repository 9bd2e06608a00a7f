using AiLiteracy.Packaging.Tests.Infrastructure;

namespace AiLiteracy.Packaging.Tests;

/// <summary>What <c>dotnet pack</c> produces: metadata on every package, and the split by dependency.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class PackageTests(PackedPackages packed)
{
    private static readonly string[] HeavyDependencies = ["Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Graph", "Microsoft.Identity", "Microsoft.AspNetCore", "NSwag"];

    public static TheoryData<string> Packages()
    {
        var data = new TheoryData<string>();
        foreach (var id in Repository.PackageIds)
        {
            data.Add(id);
        }

        return data;
    }

    /// <summary>The package and every package it brings, transitively, among ours; third-party ids as they appear.</summary>
    private (HashSet<string> Ours, HashSet<string> ThirdParty, HashSet<string> Frameworks) Closure(string id)
    {
        var ours = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var thirdParty = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var frameworks = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>([id]);
        while (queue.TryDequeue(out var current))
        {
            if (!ours.Add(current))
            {
                continue;
            }

            var package = packed.Packages[current];
            frameworks.UnionWith(package.FrameworkReferences);
            foreach (var dependency in package.Dependencies)
            {
                if (packed.Packages.ContainsKey(dependency))
                {
                    queue.Enqueue(dependency);
                }
                else
                {
                    thirdParty.Add(dependency);
                }
            }
        }

        return (ours, thirdParty, frameworks);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Package_HasTheMetadataANuGetFeedShows(string id)
    {
        var package = packed.Packages[id];

        Assert.Equal(id, package.Meta("id"));
        Assert.Equal(packed.Version, package.Meta("version"));
        Assert.False(string.IsNullOrWhiteSpace(package.Meta("description")));
        Assert.Contains("ai-literacy", package.Meta("tags") ?? "", StringComparison.Ordinal);
        Assert.Equal("MIT", package.Meta("license"));
        Assert.Equal("expression", package.MetaElement("license")!.Attribute("type")!.Value);
        Assert.Equal("icon.png", package.Meta("icon"));
        Assert.Equal("README.md", package.Meta("readme"));
        Assert.Contains("icon.png", package.Files);
        Assert.Contains("README.md", package.Files);
        var repository = package.MetaElement("repository")!;
        Assert.Equal("https://github.com/ai-literacy-sdk/ai-literacy-sdk", repository.Attribute("url")!.Value);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
        Assert.True(File.Exists(Path.ChangeExtension(package.Path, ".snupkg")), $"{id}: no symbol package.");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Package_ShipsItsXmlDocs_AndTheReadmeOfItsProject(string id)
    {
        var package = packed.Packages[id];
        var folder = id == "AiLiteracy.Cli" ? "tools/net10.0/any/" : "lib/net10.0/";

        Assert.Contains($"{folder}{id}.dll", package.Files);
        Assert.Contains($"{folder}{id}.xml", package.Files);
        using var zip = System.IO.Compression.ZipFile.OpenRead(package.Path);
        using var reader = new StreamReader(zip.GetEntry("README.md")!.Open());
        Assert.Equal(File.ReadAllText(Repository.Path_("src", id, "README.md")), reader.ReadToEnd());
    }

    [Fact]
    public void Icon_IsA128PixelSquarePng()
    {
        var bytes = File.ReadAllBytes(Repository.Path_("nuget", "icon.png"));

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        Assert.Equal((128, 128), (width, height));
    }

    [Fact]
    public void Core_DependsOnNothing()
    {
        Assert.Empty(packed.Packages["AiLiteracy.Core"].Dependencies);
        Assert.Empty(packed.Packages["AiLiteracy.Core"].FrameworkReferences);
    }

    [Theory]
    [InlineData("AiLiteracy.Core")]
    [InlineData("AiLiteracy.Schemas")]
    [InlineData("AiLiteracy.Hr")]
    [InlineData("AiLiteracy")]
    [InlineData("AiLiteracy.Client")]
    public void EngineAndClientPackages_BringNoEfCoreGraphNorAspNetCore(string id)
    {
        var (ours, thirdParty, frameworks) = Closure(id);

        Assert.DoesNotContain(ours, p => p is "AiLiteracy.Storage" or "AiLiteracy.Entra" or "AiLiteracy.Server");
        Assert.DoesNotContain(thirdParty, p => HeavyDependencies.Any(h => p.StartsWith(h, StringComparison.OrdinalIgnoreCase)));
        Assert.Empty(frameworks);
    }

    [Fact]
    public void Client_DoesNotDependOnTheServer()
    {
        var (ours, _, frameworks) = Closure("AiLiteracy.Client");

        Assert.Equal(["AiLiteracy.Client", "AiLiteracy.Core"], ours.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Microsoft.AspNetCore.App", frameworks);
    }

    [Fact]
    public void AdapterPackages_BringTheirOwnHeavyDependencyOnly()
    {
        var storage = Closure("AiLiteracy.Storage");
        var entra = Closure("AiLiteracy.Entra");

        Assert.Contains("Microsoft.EntityFrameworkCore", storage.ThirdParty);
        Assert.DoesNotContain(storage.ThirdParty, p => p.StartsWith("Microsoft.Graph", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Microsoft.Graph", entra.ThirdParty);
        Assert.DoesNotContain(entra.ThirdParty, p => p.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(storage.Frameworks);
        Assert.Empty(entra.Frameworks);
    }

    [Fact]
    public void Server_IsALibraryOnAspNetCore_WithoutTheHostsSettings()
    {
        var server = packed.Packages["AiLiteracy.Server"];

        Assert.Contains("Microsoft.AspNetCore.App", server.FrameworkReferences);
        Assert.Contains("lib/net10.0/AiLiteracy.Server.dll", server.Files);
        Assert.DoesNotContain(server.Files, f => f.EndsWith("appsettings.json", StringComparison.Ordinal) || f.Contains("launchSettings", StringComparison.Ordinal));
    }

    [Fact]
    public void Cli_IsTheAiliteracyDotnetTool()
    {
        var cli = packed.Packages["AiLiteracy.Cli"];

        Assert.Equal("DotnetTool", cli.MetaElement("packageTypes")!.Elements().Single().Attribute("name")!.Value);
        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", cli.Files);
        using var zip = System.IO.Compression.ZipFile.OpenRead(cli.Path);
        using var reader = new StreamReader(zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
        Assert.Contains("<Command Name=\"ailiteracy\"", reader.ReadToEnd(), StringComparison.Ordinal);
    }
}
