using System.Globalization;
using System.Text.Json;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Hr.Mapping;
using AiLiteracy.Hr.Xapi;
using AiLiteracy.Import;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Services;
using AiLiteracy.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AiLiteracy.Tests.Cli;

/// <summary>
/// The completions import writes in batches: what it stores, counts, rejects and publishes must be exactly what recording
/// each row on its own would give, whatever the batch boundaries.
/// </summary>
public sealed class CompletionImportBatchTests : IAsyncLifetime
{
    private const string Tenant = "val-de-brume";
    private const string Header = "Matricule;Code module;Version;Date;Résultat;Score;Modalité;Source;Identifiant externe";
    private readonly List<(CliHarness Cli, ServiceProvider Services)> databases = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (cli, services) in databases)
        {
            await services.DisposeAsync();
            cli.Dispose();
        }
    }

    /// <summary>A new SQLite database with the demo tenant and its agents, and webhook subscriptions to the completion events.</summary>
    private async Task<Func<Func<IServiceProvider, Task>, Task>> NewDatabaseAsync(bool subscribe = false)
    {
        var cli = new CliHarness();
        await cli.MigrateDemoAsync();
        await cli.RunJson(0, "agents", "import", CliHarness.Samples("agents.csv"));
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddAiLiteracy();
        collection.AddAiLiteracyStorage(o => o.ConnectionString = $"Data Source={cli.Database}");
        collection.AddAiLiteracyHrIntegration();
        collection.AddSingleton<TimeProvider>(cli.Clock);
        var services = collection.BuildServiceProvider();
        databases.Add((cli, services));
        async Task With(Func<IServiceProvider, Task> action)
        {
            await using var scope = services.CreateAsyncScope();
            ((TenantContext)scope.ServiceProvider.GetRequiredService<ITenantContext>()).TenantId = Tenant;
            await action(scope.ServiceProvider);
        }

        if (subscribe)
        {
            await With(async sp =>
            {
                // Charter acknowledgements first: then completions can clear agents (clearance.changed).
                var acknowledgements = sp.GetRequiredService<IAcknowledgementRepository>();
                foreach (var line in (await File.ReadAllLinesAsync(CliHarness.Samples("acknowledgements.csv"))).Skip(1))
                {
                    var fields = line.Split(';');
                    await acknowledgements.RecordAsync(new Acknowledgement
                    {
                        EmployeeNumber = fields[0],
                        CharterVersion = int.Parse(fields[1], CultureInfo.InvariantCulture),
                        Date = DateOnly.ParseExact(fields[2], "dd/MM/yyyy", CultureInfo.InvariantCulture),
                    });
                }

                var subscriptions = sp.GetRequiredService<IWebhookSubscriptionRepository>();
                await subscriptions.CreateAsync(WebhookEvents.CompletionRecorded, new Uri("https://hooks.val-de-brume.example/completions"));
                await subscriptions.CreateAsync(WebhookEvents.ClearanceChanged, new Uri("https://hooks.val-de-brume.example/clearance"));
            });
        }

        return With;
    }

    private static async Task<CompletionImportReport> ImportCsvAsync(IServiceProvider services, string csv, int batchSize)
    {
        var service = services.GetRequiredService<CompletionImportService>();
        service.BatchSize = batchSize;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        return await service.ImportCsvAsync(stream, "lms.csv", actor: "test");
    }

    private static string Errors(CompletionImportReport report) =>
        string.Join("\n", report.Rejected.Select(e => $"{e.Line} [{e.Column}] {e.Message.Fr}"));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public async Task ImportCsv_CountsStoredAndRepeatedRows_AndRejectsRowsInTheMiddle_InFileOrder_WhateverTheBatchSize(int batchSize)
    {
        var with = await NewDatabaseAsync();
        await with(sp => sp.GetRequiredService<CompletionService>().RecordAsync(new CompletionInput
        {
            EmployeeNumber = "A000001", ModuleId = "TC-01", Date = new DateOnly(2026, 10, 1), Score = 80, Source = CompletionSource.Lms, ExternalId = "LMS-1",
        }));
        string[] rows =
        [
            "A000001;TC-01;;01/10/2026;;80;e-learning;lms;LMS-1",     // line 2: stored before the import
            "A000002;TC-01;;01/10/2026;;80;e-learning;lms;LMS-2",     // line 3: new
            "Z999999;TC-01;;01/10/2026;;80;e-learning;lms;LMS-3",     // line 4: unknown agent
            "A000003;TC-01",                                          // line 5: cut line
            "A000002;TC-01;;01/10/2026;;80;e-learning;lms;LMS-2",     // line 6: repeats line 3
            "A000004;TC-02;;02/10/2026;;;présentiel;csv;",            // line 7: new, no external id
            "A000004;TC-02;;02/10/2026;;;présentiel;csv;",            // line 8: repeats line 7
            "Y888888;TC-02;;02/10/2026;;;présentiel;csv;",            // line 9: unknown agent
            "A000005;TC-01;;01/01/2030;;;présentiel;csv;",            // line 10: in the future
            "Z999999;TC-02;;02/10/2026;;;présentiel;csv;",            // line 11: unknown agent again
            "A000005;TC-03;;03/10/2026;;;présentiel;csv;LMS-5",       // line 12: new
        ];
        var csv = Header + "\n" + string.Join("\n", rows) + "\n";

        CompletionImportReport first = null!, second = null!;
        IReadOnlyList<CompletionRecord> stored = [];
        await with(async sp => first = await ImportCsvAsync(sp, csv, batchSize));
        await with(async sp => second = await ImportCsvAsync(sp, csv, batchSize));
        await with(async sp => stored = await sp.GetRequiredService<ICompletionRepository>().ListAfterAsync(0, 100));

        Assert.Equal((11, 3, 3, 5), (first.Items, first.Created, first.Existing, first.RejectedCount));
        Assert.Equal(
            """
            4 [Matricule] Agent « Z999999 » inconnu.
            5 [] Ligne incomplète : 2 colonne(s) au lieu de 9 (fichier tronqué ou séparateur manquant ?).
            9 [Matricule] Agent « Y888888 » inconnu.
            10 [Date] La date de formation (01/01/2030) est dans le futur.
            11 [Matricule] Agent « Z999999 » inconnu.
            """.ReplaceLineEndings("\n"),
            Errors(first));
        Assert.Equal(["Z999999", "Y888888"], first.UnknownAgents);
        Assert.Equal((11, 0, 6, 5), (second.Items, second.Created, second.Existing, second.RejectedCount));
        Assert.Equal(Errors(first), Errors(second));
        Assert.Equal(["LMS-1", "LMS-2", null, "LMS-5"], stored.Select(r => r.Completion.ExternalId));
        Assert.Equal(["A000001", "A000002", "A000004", "A000005"], stored.Select(r => r.Completion.EmployeeNumber));
    }

    [Fact]
    public async Task ImportCsv_PublishesTheSameWebhookEvents_AsRecordingEachRowOnItsOwn()
    {
        var lines = (await File.ReadAllLinesAsync(CliHarness.Samples("completions.csv"))).Take(600).ToList();
        lines.AddRange(lines.Skip(1).Take(40)); // repeated rows: no new event
        var csv = string.Join("\n", lines) + "\n";
        var batched = await NewDatabaseAsync(subscribe: true);
        var oneByOne = await NewDatabaseAsync(subscribe: true);

        CompletionImportReport report = null!;
        await batched(async sp => report = await ImportCsvAsync(sp, csv, batchSize: 64));
        var created = 0;
        await oneByOne(async sp =>
        {
            var service = sp.GetRequiredService<CompletionService>();
            foreach (var input in await ReadInputsAsync(sp, csv))
            {
                created += (await service.RecordAsync(input)).Created ? 1 : 0;
            }
        });
        var batchedEvents = await EventsAsync(batched);
        var oneByOneEvents = await EventsAsync(oneByOne);

        Assert.Equal(0, report.RejectedCount);
        Assert.Equal(created, report.Created);
        Assert.True(report.Existing >= 40, $"{report.Existing} rows already recorded");
        Assert.Equal(report.Created, batchedEvents.Count(e => e.StartsWith(WebhookEvents.CompletionRecorded, StringComparison.Ordinal)));
        Assert.Contains(batchedEvents, e => e.StartsWith(WebhookEvents.ClearanceChanged, StringComparison.Ordinal));
        Assert.Equal(oneByOneEvents, batchedEvents);
    }

    [Fact]
    public async Task ImportXapi_InSmallBatches_RecordsVoidsAndRejectsLikeOneByOne()
    {
        var with = await NewDatabaseAsync();
        var file = RepositoryPaths.Combine("tests", "AiLiteracy.Tests", "Cli", "Data", "statements.json");
        var options = new XapiMappingOptions
        {
            AccountHomePages = ["https://sirh.val-de-brume.example"],
            Activities = new Dictionary<string, string>(StringComparer.Ordinal) { ["https://lms.val-de-brume.example/courses/ia-generative-bases"] = "TC-01" },
        };
        CompletionImportReport report = null!;
        await with(async sp =>
        {
            var service = sp.GetRequiredService<CompletionImportService>();
            service.BatchSize = 1;
            await using var stream = File.OpenRead(file);
            report = await service.ImportXapiFileAsync(stream, "statements.json", options);
        });

        Assert.Equal((10, 2, 1, 3, 4), (report.Items, report.Created, report.Existing, report.Ignored, report.RejectedCount));
        Assert.Equal(["Z999999", "inconnu@exemple.fr"], report.UnknownAgents);
        Assert.Equal(["$.statements[5].object.id", "$.statements[6].actor.account.name", "$.statements[7].actor", "$.statements[8].id"], report.Rejected.Select(e => e.Column));
    }

    /// <summary>The completions of a CSV in the default layout, read like the import reads them.</summary>
    private static async Task<List<CompletionInput>> ReadInputsAsync(IServiceProvider services, string csv)
    {
        var current = await services.GetRequiredService<TenantDefinitionService>().GetCurrentAsync();
        var context = new CompletionMappingContext
        {
            ModuleIds = current.Set.Curriculum.Modules.Select(m => m.Id).ToHashSet(StringComparer.Ordinal),
            Today = DateOnly.FromDateTime(CliHarness.Today.UtcDateTime),
        };
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        using var reader = await HrCsvReader.OpenAsync(stream, "lms.csv");
        var mapper = CompletionRowMapper.Create(HrMapping.DefaultCompletions, context, reader.Fields, out var errors);
        Assert.Empty(errors);
        var inputs = new List<CompletionInput>();
        while (await reader.ReadAsync())
        {
            if (mapper.Map(reader.Fields).Record is { } c)
            {
                inputs.Add(new CompletionInput
                {
                    EmployeeNumber = c.EmployeeNumber,
                    ModuleId = c.ModuleId,
                    ModuleVersion = c.ModuleVersion > 0 ? c.ModuleVersion : null,
                    Date = c.Date,
                    Outcome = mapper.HasOutcome(reader.Fields) ? c.Outcome : null,
                    Score = c.Score,
                    DeliveryMode = c.DeliveryMode,
                    Source = c.Source,
                    EvidenceUrl = c.EvidenceUrl,
                    ExternalId = c.ExternalId,
                });
            }
        }

        return inputs;
    }

    /// <summary>The outbox events of the database, without ids and times, sorted (they were all enqueued at the same fake time).</summary>
    private static async Task<List<string>> EventsAsync(Func<Func<IServiceProvider, Task>, Task> with)
    {
        var events = new List<string>();
        await with(async sp =>
        {
            var queue = sp.GetRequiredService<IOutboxQueue>();
            while (await queue.ClaimAsync("test", 500, TimeSpan.FromHours(1)) is { Count: > 0 } claimed)
            {
                foreach (var e in claimed)
                {
                    var data = JsonDocument.Parse(e.PayloadJson).RootElement.GetProperty("data");
                    events.Add(e.EventType + " " + (e.EventType == WebhookEvents.CompletionRecorded
                        ? string.Join('|', new[] { "employeeNumber", "moduleId", "moduleVersion", "date", "outcome", "score", "source", "externalId" }
                            .Select(p => data.GetProperty("completion").TryGetProperty(p, out var v) ? v.ToString() : ""))
                        : data.GetRawText()));
                }
            }
        });
        events.Sort(StringComparer.Ordinal);
        return events;
    }
}
