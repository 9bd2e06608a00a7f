using AiLiteracy.Import;
using AiLiteracy.Model;
using AiLiteracy.Packaging.Tests.Infrastructure;
using AiLiteracy.Ports;
using AiLiteracy.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Packaging.Tests;

/// <summary>The <c>AddAiLiteracy()</c> builder: storage and HR registrations, options bound from configuration and validated at start-up.</summary>
public sealed class RegistrationTests
{
    private static string TempFolder() => Directory.CreateTempSubdirectory("ailiteracy-registration-").FullName;

    /// <summary>A host whose content root is an empty folder: no appsettings.json from the test's output folder.</summary>
    private static HostApplicationBuilder NewHost() =>
        Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = TempFolder(), EnvironmentName = "Production", Args = [] });

    [Fact]
    public void UseSqlite_ConfiguresTheSqliteProviderOnThePath()
    {
        var services = new ServiceCollection();
        services.AddAiLiteracy().UseSqlite("data/x.db", o => o.ApplyMigrationsAtStartup = true);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AiLiteracyStorageOptions>>().Value;
        Assert.Equal(StorageProvider.Sqlite, options.Provider);
        Assert.Equal("Data Source=data/x.db", options.ConnectionString);
        Assert.True(options.ApplyMigrationsAtStartup);
    }

    [Fact]
    public void UsePostgreSql_ConfiguresThePostgreSqlProvider()
    {
        var services = new ServiceCollection();
        services.AddAiLiteracy().UsePostgreSql("Host=db;Database=ailiteracy;Username=app");
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AiLiteracyStorageOptions>>().Value;
        Assert.Equal(StorageProvider.PostgreSql, options.Provider);
        Assert.Equal("Host=db;Database=ailiteracy;Username=app", options.ConnectionString);
        Assert.IsType<PostgresAiLiteracyDbContext>(provider.CreateScope().ServiceProvider.GetRequiredService<AiLiteracyDbContext>());
    }

    [Fact]
    public void UseSqlite_RejectsAnEmptyPath()
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddAiLiteracy().UseSqlite(" "));
    }

    [Fact]
    public async Task UseStorage_FailsAtStartup_OnAnInvalidConfiguration()
    {
        var builder = NewHost();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AiLiteracy:Storage:Provider"] = "sqlite" });
        builder.Services.AddAiLiteracy().UseStorage(builder.Configuration.GetSection("AiLiteracy:Storage"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHrCsv_FailsAtStartup_WithoutAnAgentsFile()
    {
        var builder = NewHost();
        builder.Services.AddAiLiteracy().UseSqlite(Path.Combine(TempFolder(), "a.db")).AddHrCsv(builder.Configuration.GetSection(HrCsvOptions.SectionName));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("AgentsFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHrCsv_FailsAtStartup_WhenTheMappingFileIsMissing()
    {
        var builder = NewHost();
        builder.Services.AddAiLiteracy().UseSqlite(Path.Combine(TempFolder(), "a.db"))
            .AddHrCsv(o => { o.AgentsFile = "agents.csv"; o.MappingFile = "/nowhere/mapping.json"; });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("/nowhere/mapping.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HrCsvImporter_ImportsTheConfiguredExport_IntoTheCurrentTenant()
    {
        var folder = TempFolder();
        try
        {
            var builder = NewHost();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AiLiteracy:Hr:Csv:AgentsFile"] = Repository.Path_("samples", "data", "agents.csv"),
                ["AiLiteracy:Hr:Csv:Mode"] = "Incremental",
            });
            builder.Services.AddAiLiteracy().UseSqlite(Path.Combine(folder, "hr.db")).AddHrCsv(builder.Configuration.GetSection(HrCsvOptions.SectionName));
            using var host = builder.Build();
            await host.StartAsync();

            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IDatabaseMigrator>().MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().CreateAsync(new Organization { Id = "val-de-brume", Name = "Val de Brume", Kind = OrganizationKind.Epci });
            ((TenantContext)scope.ServiceProvider.GetRequiredService<ITenantContext>()).TenantId = "val-de-brume";
            var importer = scope.ServiceProvider.GetRequiredService<HrCsvImporter>();

            var dryRun = await importer.ImportAgentsAsync(dryRun: true);
            var first = await importer.ImportAgentsAsync();
            var second = await importer.ImportAgentsAsync();

            Assert.False(dryRun.Applied);
            Assert.True(first.Applied);
            Assert.Equal(AgentImportMode.Incremental, first.Mode);
            Assert.True(first.Created > 1000, $"created {first.Created}");
            Assert.Equal(0, second.Created);
            Assert.Equal(first.Created, second.Unchanged);
            Assert.Equal(first.Created, await scope.ServiceProvider.GetRequiredService<IAgentRepository>().CountAsync(new AgentFilter()));
            await host.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task HrSyncWorker_ImportsTheHrExportOnce_AndStops()
    {
        var folder = TempFolder();
        try
        {
            var run = await Dotnet.RunAsync(Repository.Path_("samples", "HrSyncWorker"), TimeSpan.FromMinutes(3), new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
            },
                Repository.SampleDll("HrSyncWorker"),
                "--HrSyncWorker:RunOnce=true",
                "--AiLiteracy:Storage:ConnectionString=Data Source=" + Path.Combine(folder, "worker.db"),
                "--AiLiteracy:Hr:Csv:AgentsFile=" + Repository.Path_("samples", "data", "agents.csv"));

            Assert.True(run.ExitCode == 0, run.All);
            Assert.Matches(@"HR import agents\.csv: \d{4} rows, \d{4} created, 0 updated, 0 deactivated, 0 rejected, applied: True", run.Output);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
