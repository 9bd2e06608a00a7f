using System.ComponentModel;
using System.Globalization;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Hr.Bridge;
using AiLiteracy.Hr.Mapping;
using AiLiteracy.Hr.Xapi;
using AiLiteracy.Import;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary>
/// <c>ailiteracy completions import &lt;file.csv|statements.json&gt; [--mapping map.json]</c>, or
/// <c>--lrs &lt;endpoint&gt;</c>: exit 0 when everything was recorded (or already was), 1 when rows or statements were rejected.
/// </summary>
internal sealed class CompletionsImportCommand(CliDatabase database, IAnsiConsole console) : DatabaseCommand<CompletionsImportCommand.Settings>(console)
{
    internal sealed class Settings : OutputSettings
    {
        [CommandArgument(0, "[FILE]")]
        [Description("Fichier CSV (LMS, attestations CNFPT) ou JSON de déclarations xAPI. / CSV file (LMS, CNFPT attestations) or JSON file of xAPI statements.")]
        public string? File { get; init; }

        [CommandOption("--mapping <FILE>")]
        [Description("Fichier de correspondance (kind: completions ; section xapi pour les déclarations). / Mapping file (kind: completions; xapi section for statements).")]
        public string? Mapping { get; init; }

        [CommandOption("--lrs <ENDPOINT>")]
        [Description("Lit les déclarations d'un LRS (GET statements, since/more) au lieu d'un fichier. / Reads the statements of an LRS (GET statements, since/more) instead of a file.")]
        public string? Lrs { get; init; }

        [CommandOption("--lrs-key <KEY>")]
        [Description("Clé d'authentification Basic du LRS. / LRS Basic authentication key.")]
        public string? LrsKey { get; init; }

        [CommandOption("--lrs-secret <SECRET>")]
        [Description("Secret du LRS (défaut : $AILITERACY_LRS_SECRET). / LRS secret (default: $AILITERACY_LRS_SECRET).")]
        public string? LrsSecret { get; init; }

        [CommandOption("--since <DATE>")]
        [Description("LRS : déclarations enregistrées depuis cette date (défaut : depuis le dernier import). / LRS: statements stored since this date (default: since the last import).")]
        public DateTimeOffset? Since { get; init; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            if (!result.Successful)
            {
                return result;
            }

            if ((File is null) == (Lrs is null))
            {
                return ValidationResult.Error("Indiquez un fichier ou --lrs. / Give a file or --lrs.");
            }

            return Lrs is not null && !Uri.TryCreate(Lrs, UriKind.Absolute, out _)
                ? ValidationResult.Error("--lrs doit être une URL absolue. / --lrs must be an absolute URL.")
                : ValidationResult.Success();
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        HrMapping? mapping = null;
        if (settings.Mapping is not null)
        {
            RequireFile(settings.Mapping);
            try
            {
                mapping = await HrMappingLoader.LoadAsync(settings.Mapping, cancellationToken).ConfigureAwait(false);
            }
            catch (HrMappingException ex)
            {
                return MappingErrors.Print(Console, settings, ex);
            }

            if (mapping.Kind != HrMappingKind.Completions)
            {
                throw new CliUsageException($"{settings.Mapping} décrit un fichier « agents » : utilisez « agents import ».", $"{settings.Mapping} describes an 'agents' file: use 'agents import'.");
            }
        }

        var xapi = mapping?.Xapi ?? new XapiMappingOptions();
        if (xapi.ActivityBase is null && xapi.Activities.Count == 0)
        {
            xapi = xapi with { ActivityBase = "https://ailiteracy.example/modules/" };
        }

        await using var session = await database.OpenAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        var service = session.Get<CompletionImportService>();
        CompletionImportReport report;
        if (settings.Lrs is not null)
        {
            var services = new ServiceCollection();
            services.AddLrsClient(new LrsOptions
            {
                Endpoint = new Uri(settings.Lrs),
                Key = settings.LrsKey,
                Secret = settings.LrsSecret ?? Environment.GetEnvironmentVariable("AILITERACY_LRS_SECRET"),
            });
            await using var provider = services.BuildServiceProvider();
            report = await service.ImportFromLrsAsync(provider.GetRequiredService<LrsClient>(), xapi, settings.Since, "cli", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            RequireFile(settings.File!);
            await using var stream = System.IO.File.OpenRead(settings.File!);
            var name = Path.GetFileName(settings.File!);
            report = settings.File!.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? await service.ImportXapiFileAsync(stream, name, xapi, "cli", cancellationToken).ConfigureAwait(false)
                : await CliProgress.RunAsync(Console, settings, quiet: settings.Output != OutputFormat.Table,
                    progress => service.ImportCsvAsync(stream, name, mapping, "cli", progress, cancellationToken)).ConfigureAwait(false);
        }

        Write(report, settings);
        return report.HasErrors ? ExitCodes.ValidationErrors : ExitCodes.Success;
    }

    private void Write(CompletionImportReport report, Settings settings)
    {
        var errors = report.FileErrors.Concat(report.Rejected).ToArray();
        if (settings.Output == OutputFormat.Json)
        {
            CliOutput.WriteJson(Console, new
            {
                source = report.Source,
                items = report.Items,
                created = report.Created,
                existing = report.Existing,
                withdrawn = report.Withdrawn,
                ignored = report.Ignored,
                rejected = report.RejectedCount,
                unknownAgents = report.UnknownAgents,
                unknownActivities = report.UnknownActivities,
                errors = errors.Select(e => CliOutput.ToJson(e, settings)),
                warnings = report.Warnings.Select(e => CliOutput.ToJson(e, settings)),
            });
            return;
        }

        if (settings.Output == OutputFormat.Csv)
        {
            CliOutput.WriteCsv(Console, [settings.T("Fichier", "File"), settings.T("Ligne", "Line"), settings.T("Colonne", "Column"), "Message"],
                errors.Select(e => (IReadOnlyList<string?>)[e.File, e.Line.ToString(CultureInfo.InvariantCulture), e.Column, settings.T(e.Message)]));
            return;
        }

        Console.MarkupLine($"[bold]{Markup.Escape(settings.T($"Import des formations suivies : {report.Source}", $"Completions import: {report.Source}"))}[/]");
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in new[] { settings.T("Lus", "Read"), settings.T("Enregistrés", "Recorded"), settings.T("Déjà présents", "Already stored"), settings.T("Annulés", "Withdrawn"), settings.T("Ignorés", "Ignored"), settings.T("Rejetés", "Rejected") })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        table.AddRow(report.Items.ToString(CultureInfo.InvariantCulture), report.Created.ToString(CultureInfo.InvariantCulture), report.Existing.ToString(CultureInfo.InvariantCulture),
            report.Withdrawn.ToString(CultureInfo.InvariantCulture), report.Ignored.ToString(CultureInfo.InvariantCulture), report.RejectedCount.ToString(CultureInfo.InvariantCulture));
        Console.Write(table);
        if (report.UnknownAgents.Count > 0)
        {
            Console.MarkupLine($"[yellow]{Markup.Escape(settings.T("Agents inconnus : ", "Unknown agents: ") + string.Join(", ", report.UnknownAgents))}[/]");
        }

        if (report.UnknownActivities.Count > 0)
        {
            Console.MarkupLine($"[yellow]{Markup.Escape(settings.T("Activités sans module : ", "Activities without a module: ") + string.Join(", ", report.UnknownActivities))}[/]");
        }

        foreach (var error in errors)
        {
            Console.MarkupLine("  [red]✗[/] " + Markup.Escape(CliOutput.Describe(error, settings)));
        }

        foreach (var warning in report.Warnings)
        {
            Console.MarkupLine("  [yellow]![/] " + Markup.Escape(CliOutput.Describe(warning, settings)));
        }
    }
}
