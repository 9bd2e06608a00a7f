using AiLiteracy.Packaging.Tests.Infrastructure;
using AiLiteracy.Packaging.Tests.Snippets;
using AiLiteracy.Schemas;
using Microsoft.Extensions.DependencyInjection;

namespace AiLiteracy.Packaging.Tests;

/// <summary>Every package has a README whose hello world is compiled code (the snippet files) that runs.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReadmeTests
{
    public static TheoryData<string> Packages()
    {
        var data = new TheoryData<string>();
        foreach (var id in Repository.PackageIds)
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Package_HasAReadme_WithACompiledHelloWorld(string packageId)
    {
        var readme = Repository.Path_("src", packageId, "README.md");
        Assert.True(File.Exists(readme), $"src/{packageId}/README.md is missing (it is the package's readme).");
        if (Environment.GetEnvironmentVariable("AILITERACY_UPDATE_READMES") == "1")
        {
            ReadmeSnippets.Update(readme);
        }

        var text = File.ReadAllText(readme);
        Assert.Contains("## Hello world", text, StringComparison.Ordinal);
        if (packageId == "AiLiteracy.Cli")
        {
            return; // a tool: its hello world is commands, checked by Cli_ReadmeCommands_ExistInTheTool
        }

        var blocks = ReadmeSnippets.Find(readme).ToList();
        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            Assert.True(block.Block == ReadmeSnippets.Expected(block.SnippetPath),
                $"The hello world of src/{packageId}/README.md differs from {block.SnippetPath}. Run the tests with AILITERACY_UPDATE_READMES=1 to copy the snippet into the README.");
        }
    }

    [Fact]
    public async Task Cli_ReadmeCommands_ExistInTheTool()
    {
        var readme = await File.ReadAllTextAsync(Repository.Path_("src", "AiLiteracy.Cli", "README.md"));
        Assert.Contains("dotnet tool install --global AiLiteracy.Cli", readme, StringComparison.Ordinal);
        var commands = System.Text.RegularExpressions.Regex.Matches(readme, @"^ailiteracy ([a-z-]+)", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(commands);

        var cli = Repository.Path_("src", "AiLiteracy.Cli", "bin", Repository.Configuration, "net10.0", "ailiteracy.dll");
        if (!File.Exists(cli))
        {
            cli = Repository.Path_("src", "AiLiteracy.Cli", "bin", Repository.Configuration, "net10.0", "AiLiteracy.Cli.dll");
        }

        var help = await Dotnet.RunAsync(Repository.Root, TimeSpan.FromMinutes(2), null, cli, "--help");
        foreach (var command in commands)
        {
            Assert.Contains(command, help.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CoreHelloWorld_ClearsTheTrainedAgentOnly()
    {
        var output = await Sandbox.RunAsync(CoreHelloWorld.RunAsync);

        Assert.Contains("A001: habilité", output, StringComparison.Ordinal);
        Assert.Contains("A002: non habilité", output, StringComparison.Ordinal);
        Assert.Contains("TC-01", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchemasHelloWorld_LoadsADefinitionsFolder()
    {
        var output = await Sandbox.RunAsync(SchemasHelloWorld.RunAsync, folder =>
        {
            var definitions = Directory.CreateDirectory(Path.Combine(folder, "definitions")).FullName;
            foreach (var name in ReferenceContent.GetFileNames())
            {
                using var source = ReferenceContent.OpenFile(name);
                using var target = File.Create(Path.Combine(definitions, name));
                source.CopyTo(target);
            }
        });

        Assert.Matches(@"^\d+ modules, schema \d+ chars", output.Trim());
    }

    [Fact]
    public async Task AiLiteracyHelloWorld_PrintsTheDemoAuthoritysClearance()
    {
        var output = await Sandbox.RunAsync(AiLiteracyHelloWorld.RunAsync);

        Assert.Matches(@"Val de Brume: \d+/\d+ agents habilités", output);
    }

    [Fact]
    public async Task HrHelloWorld_ReadsAFrenchHrExport()
    {
        var output = await Sandbox.RunAsync(HrHelloWorld.RunAsync,
            folder => File.Copy(Repository.Path_("samples", "data", "agents.csv"), Path.Combine(folder, "agents.csv")));

        Assert.Matches(@"\d{3,} agents, first: ", output);
    }

    [Fact]
    public async Task StorageHelloWorld_StoresAnAgentInSqlite()
    {
        var output = await Sandbox.RunAsync(StorageHelloWorld.RunAsync);

        Assert.Matches(@"A001: non habilitée, \d+ modules requis", output);
    }

    [Fact]
    public async Task EntraHelloWorld_RegistersTheGroupSync()
    {
        await Sandbox.RunAsync(async () =>
        {
            await using var provider = EntraHelloWorld.Build();
            await using var scope = provider.CreateAsyncScope();
            Assert.NotNull(scope.ServiceProvider.GetService<AiLiteracy.Entra.Sync.IGroupSyncService>());
        });
    }

    [Fact]
    public async Task ServerHelloWorld_BuildsAHostWithTheApi()
    {
        await Sandbox.RunAsync(async () =>
        {
            await using var app = ServerHelloWorld.Build(["--AiLiteracy:Storage:ConnectionString=Data Source=data/server.db", "--environment=Production"]);
            var endpoints = ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints);
            Assert.Contains(endpoints, e => (e as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText?.StartsWith("/api/v1/agents", StringComparison.Ordinal) == true);
        });
    }
}
