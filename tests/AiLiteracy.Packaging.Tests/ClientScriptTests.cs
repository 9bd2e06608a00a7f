using AiLiteracy.Packaging.Tests.Infrastructure;
using AiLiteracy.Packaging.Tests.Snippets;
using AiLiteracy.Ports;
using AiLiteracy.Server;
using AiLiteracy.Server.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Packaging.Tests;

/// <summary>The real server (Kestrel, SQLite, the seeded demo authority) with a tenant API key, for the client samples.</summary>
public sealed class DemoServer : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("ailiteracy-demo-server-").FullName;
    private WebApplication? app;

    public string Url { get; private set; } = "";

    public string ApiKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = folder });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiLiteracy:Storage:Provider"] = "sqlite",
            ["AiLiteracy:Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, "ailiteracy.db")}",
            ["AiLiteracy:Storage:ApplyMigrationsAtStartup"] = "true",
            ["AiLiteracy:Server:Seed:DemoAuthority"] = "true",
            ["AiLiteracy:Server:Seed:DemoStaffCount"] = "150",
            ["AiLiteracy:Server:Webhooks:DeliveryEnabled"] = "false",
        });
        builder.Services.AddAiLiteracyServer(builder.Configuration, builder.Environment);
        app = builder.Build();
        app.UseAiLiteracyServer();
        app.MapAiLiteracyApi("/api/v1");
        await app.StartAsync();
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestTenantContext>().Set("val-de-brume");
        ApiKey = (await scope.ServiceProvider.GetRequiredService<IApiKeyStore>().CreateAsync("client-script", [AiLiteracyRoles.Read, AiLiteracyRoles.Write])).PlaintextKey;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

/// <summary>samples/ClientScript and the client's README hello world, run against the real server over real HTTP.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ClientScriptTests(DemoServer server) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task ClientScript_ReportsTheDemoAuthority()
    {
        var run = await Dotnet.RunAsync(Repository.Root, TimeSpan.FromMinutes(3), null,
            Repository.SampleDll("ClientScript"), "--url", server.Url, "--api-key", server.ApiKey);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("Collectivité : Communauté d'agglomération du Val de Brume", run.Output, StringComparison.Ordinal);
        var notCleared = System.Text.RegularExpressions.Regex.Match(run.Output, @"Agents non habilités : (\d+)");
        Assert.True(notCleared.Success, run.Output);
        Assert.True(int.Parse(notCleared.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Matches(@"Agents actifs : \d+, habilités : \d+", run.Output);
        Assert.Contains(" : à suivre ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientScript_FailsWithTheProblem_OnAWrongKey()
    {
        var run = await Dotnet.RunAsync(Repository.Root, TimeSpan.FromMinutes(3), null,
            Repository.SampleDll("ClientScript"), "--url", server.Url, "--api-key", "wrong", "--lang", "en");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("401", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientHelloWorld_ListsAgentsNotCleared_AndReadsA404()
    {
        var output = await Sandbox.RunAsync(() => ClientHelloWorld.RunAsync(server.Url, server.ApiKey));

        Assert.Matches(@"A\d+: .+", output);
        Assert.Contains("404 ", output, StringComparison.Ordinal);
    }
}
