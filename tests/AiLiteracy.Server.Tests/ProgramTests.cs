using System.Net;
using AiLiteracy.Server.Tests.Infrastructure;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace AiLiteracy.Server.Tests;

/// <summary>
/// The server exactly as <c>dotnet run --project src/AiLiteracy.Server</c> builds it (Program.cs, appsettings.json and
/// appsettings.Development.json from the project folder), in the Development environment, on a temporary SQLite file.
/// </summary>
public sealed class ProgramFactory : WebApplicationFactory<Program>
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ailiteracy-program-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The development key file the server writes.</summary>
    public string KeyFile => Path.Combine(folder, "development-api-key.txt");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(folder);
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiLiteracy:Storage:ConnectionString"] = "Data Source=" + Path.Combine(folder, "ailiteracy.db"),
            ["AiLiteracy:Server:Seed:DevelopmentKeyFile"] = KeyFile,
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temporary folder is cleaned by the OS otherwise.
        }
    }
}

public sealed class ProgramTests : IClassFixture<ProgramFactory>
{
    private readonly ProgramFactory factory;

    public ProgramTests(ProgramFactory factory) => this.factory = factory;

    private HttpClient KeyClient()
    {
        var client = factory.CreateClient(); // starts the server, which seeds the demo authority and writes the key
        client.DefaultRequestHeaders.Add("X-Api-Key", File.ReadAllText(factory.KeyFile).Trim());
        return client;
    }

    [Fact]
    public async Task Program_InDevelopment_SeedsTheDemoAuthority_AndItsDevelopmentKeyReadsAnAgentsStatus()
    {
        using var client = KeyClient();

        var organization = await client.GetJsonAsync("/api/v1/organization");
        var agents = await client.GetJsonAsync("/api/v1/agents?pageSize=1&status=active");
        var employeeNumber = agents["items"]![0]!["employeeNumber"]!.GetValue<string>();
        var status = await client.GetJsonAsync($"/api/v1/agents/{employeeNumber}/status");

        Assert.Equal("val-de-brume", organization["id"]!.GetValue<string>());
        Assert.Equal(employeeNumber, status["employeeNumber"]!.GetValue<string>());
        Assert.NotEmpty(status["requirements"]!.AsArray());
        Assert.NotNull(agents["nextLink"]);
    }

    [Fact]
    public async Task Program_RefusesTheApi_WithoutCredential_ButServesHealth()
    {
        using var client = factory.CreateClient();

        using var health = await client.GetAsync("/health");
        using var agents = await client.GetAsync("/api/v1/agents");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await ProblemAssert.IsProblemAsync(agents, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Program_InDevelopment_ServesTheApiExplorerAndItsSwaggerDocument()
    {
        using var client = factory.CreateClient();

        var document = await client.GetJsonAsync("/swagger/v1/swagger.json");
        using var explorer = await client.GetAsync("/swagger/index.html");

        Assert.Equal("2.0", document["swagger"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, explorer.StatusCode);
    }

    [Fact]
    public async Task Program_ResolvesEveryUseCase_InARequestScope()
    {
        _ = factory.Services; // starts the host
        await using var scope = factory.Services.CreateAsyncScope();
        var useCases = typeof(AiLiteracyOptions).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.Namespace is "AiLiteracy.Services" or "AiLiteracy.Reports" or "AiLiteracy.Import"
                && t.Name.EndsWith("Service", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(typeof(PersonalDataService), useCases);
        foreach (var type in useCases)
        {
            Assert.NotNull(scope.ServiceProvider.GetRequiredService(type));
        }
    }
}
