using System.ComponentModel;
using System.Globalization;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Hr.Bridge;
using AiLiteracy.Hr.Mapping;
using AiLiteracy.Import;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary>
/// <c>ailiteracy agents import &lt;file.csv&gt; [--mapping map.json] [--mode full|incremental] [--dry-run] [--force]</c>:
/// exit 0 when every row was applied, 1 when rows were rejected (the valid ones are applied), 3 on a safety stop.
/// </summary>
internal sealed class AgentsImportCommand(CliDatabase database, IAnsiConsole console) : DatabaseCommand<AgentsImportCommand.Settings>(console)
{
    internal sealed class Settings : OutputSettings
    {
        [CommandArgument(0, "[FILE]")]
        [Description("Export RH au format CSV. / HR export as CSV.")]
        public string? File { get; init; }

        [CommandOption("--hr-bridge <URL>")]
        [Description("Lit les agents modifiés depuis la dernière lecture sur le pont RH (API REST) au lieu d'un fichier. / Reads the agents changed since the last pull from the HR bridge (REST API) instead of a file.")]
        public string? HrBridge { get; init; }

        [CommandOption("--api-key <KEY>")]
        [Description("Clé d'API du pont RH (défaut : $AILITERACY_HR_BRIDGE_KEY). / HR bridge API key (default: $AILITERACY_HR_BRIDGE_KEY).")]
        public string? ApiKey { get; init; }

        [CommandOption("--mapping <FILE>")]
        [Description("Fichier de correspondance des colonnes (JSON) ; défaut : le format agents du SDK. / Column mapping file (JSON); default: the SDK's agents layout.")]
        public string? Mapping { get; init; }

        [CommandOption("--mode <MODE>")]
        [Description("full (défaut : les agents absents du fichier sont désactivés) ou incremental. / full (default: agents missing from the file are deactivated) or incremental.")]
        [DefaultValue("full")]
        public string Mode { get; init; } = "full";

        [CommandOption("--dry-run")]
        [Description("Vérifie et compte sans rien écrire. / Checks and counts without writing anything.")]
        public bool DryRun { get; init; }

        [CommandOption("--force")]
        [Description("Applique même si plus du seuil d'agents actifs seraient désactivés. / Applies even if more than the threshold of active agents would be deactivated.")]
        public bool Force { get; init; }

        [CommandOption("--max-deactivation <PERCENT>")]
        [Description("Seuil de sécurité en % des agents actifs (défaut : 10). / Safety threshold in % of active agents (default: 10).")]
        [DefaultValue(10.0)]
        public double MaxDeactivation { get; init; } = 10;

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            if (!result.Successful)
            {
                return result;
            }

            if ((File is null) == (HrBridge is null))
            {
                return ValidationResult.Error("Indiquez un fichier ou --hr-bridge <url>. / Give a file or --hr-bridge <url>.");
            }

            if (HrBridge is not null && !Uri.TryCreate(HrBridge, UriKind.Absolute, out _))
            {
                return ValidationResult.Error("--hr-bridge doit être une URL absolue. / --hr-bridge must be an absolute URL.");
            }

            if (Mode is not ("full" or "incremental"))
            {
                return ValidationResult.Error($"Mode inconnu « {Mode} » : full ou incremental. / Unknown mode '{Mode}': full or incremental.");
            }

            return MaxDeactivation is < 0 or > 100
                ? ValidationResult.Error("--max-deactivation est un pourcentage entre 0 et 100. / --max-deactivation is a percentage between 0 and 100.")
                : ValidationResult.Success();
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        if (settings.HrBridge is not null)
        {
            await using var bridgeSession = await database.OpenAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
            var services = new ServiceCollection();
            services.AddHrBridgeClient(o =>
            {
                o.BaseAddress = new Uri(settings.HrBridge);
                o.ApiKey = settings.ApiKey ?? Environment.GetEnvironmentVariable("AILITERACY_HR_BRIDGE_KEY");
            });
            await using var provider = services.BuildServiceProvider();
            AgentImportReport pulled;
            try
            {
                pulled = await bridgeSession.Get<AgentImportService>().ImportFromHrBridgeAsync(provider.GetRequiredService<HrBridgeClient>(), "cli", cancellationToken).ConfigureAwait(false);
            }
            catch (HrBridgeException ex)
            {
                CliOutput.Error(Console, settings.T($"Pont RH injoignable ; la lecture reprendra au prochain lancement : {ex.Message}", $"HR bridge unreachable; the pull resumes on the next run: {ex.Message}"));
                return ExitCodes.ValidationErrors;
            }

            Write(pulled, settings);
            return pulled.HasErrors ? ExitCodes.ValidationErrors : ExitCodes.Success;
        }

        RequireFile(settings.File!);
        var mapping = HrMapping.DefaultAgents;
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

            if (mapping.Kind != HrMappingKind.Agents)
            {
                throw new CliUsageException(
                    $"{settings.Mapping} décrit un fichier « completions » : utilisez « completions import ».",
                    $"{settings.Mapping} describes a 'completions' file: use 'completions import'.");
            }
        }

        await using var session = await database.OpenAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        var options = new AgentImportOptions
        {
            Mapping = mapping,
            Mode = settings.Mode == "incremental" ? AgentImportMode.Incremental : AgentImportMode.Full,
            DryRun = settings.DryRun,
            Force = settings.Force,
            MaxDeactivationShare = settings.MaxDeactivation / 100,
        };
        var service = session.Get<AgentImportService>();
        var report = await CliProgress.RunAsync(Console, settings, quiet: settings.Output != OutputFormat.Table,
            progress => service.ImportFileAsync(settings.File!, options, progress, cancellationToken)).ConfigureAwait(false);
        Write(report, settings);
        return report.SafetyStop is not null ? ExitCodes.SafetyStop
            : report.HasErrors ? ExitCodes.ValidationErrors
            : ExitCodes.Success;
    }

    private void Write(AgentImportReport report, Settings settings)
    {
        var allErrors = report.FileErrors.Concat(report.Rejected).ToArray();
        switch (settings.Output)
        {
            case OutputFormat.Json:
                CliOutput.WriteJson(Console, new
                {
                    file = report.File,
                    mode = report.Mode,
                    dryRun = report.DryRun,
                    applied = report.Applied,
                    rows = report.Rows,
                    created = report.Created,
                    updated = report.Updated,
                    unchanged = report.Unchanged,
                    deactivated = report.Deactivated,
                    rejected = report.RejectedCount,
                    warnings = report.WarningCount,
                    safetyStop = report.SafetyStop is { } stop ? new { stop.WouldDeactivate, stop.ActiveAgents, stop.Share, stop.Threshold, message = settings.T(stop.Message) } : null,
                    errors = allErrors.Select(e => CliOutput.ToJson(e, settings)),
                    warningRows = report.Warnings.Select(e => CliOutput.ToJson(e, settings)),
                    deactivatedEmployeeNumbers = report.DeactivatedEmployeeNumbers,
                });
                return;
            case OutputFormat.Csv:
                CliOutput.WriteCsv(Console, [settings.T("Fichier", "File"), settings.T("Ligne", "Line"), settings.T("Colonne", "Column"), settings.T("Type", "Kind"), "Message"],
                    allErrors.Select(e => (IReadOnlyList<string?>)[e.File, e.Line.ToString(CultureInfo.InvariantCulture), e.Column, settings.T("rejet", "rejected"), settings.T(e.Message)])
                        .Concat(report.Warnings.Select(e => (IReadOnlyList<string?>)[e.File, e.Line.ToString(CultureInfo.InvariantCulture), e.Column, settings.T("avertissement", "warning"), settings.T(e.Message)])));
                return;
        }

        var culture = CultureInfo.GetCultureInfo(settings.English ? "en-GB" : "fr-FR");
        var title = report.DryRun
            ? settings.T($"Simulation de l'import de {report.File} (rien n'est écrit)", $"Dry run of the import of {report.File} (nothing is written)")
            : settings.T($"Import de {report.File}", $"Import of {report.File}");
        Console.MarkupLine($"[bold]{Markup.Escape(title)}[/] [grey]({Markup.Escape(report.Mode == AgentImportMode.Full ? settings.T("complet", "full") : settings.T("incrémental", "incremental"))})[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn(settings.T("Lignes", "Rows"));
        string Label(string fr, string en) => report.DryRun ? settings.T(fr + " (prévu)", en + " (planned)") : settings.T(fr, en);
        table.AddColumn(new TableColumn(Label("Créés", "Created")).RightAligned());
        table.AddColumn(new TableColumn(Label("Modifiés", "Updated")).RightAligned());
        table.AddColumn(new TableColumn(settings.T("Inchangés", "Unchanged")).RightAligned());
        table.AddColumn(new TableColumn(Label("Désactivés", "Deactivated")).RightAligned());
        table.AddColumn(new TableColumn(settings.T("Rejetées", "Rejected")).RightAligned());
        table.AddColumn(new TableColumn(settings.T("Avertissements", "Warnings")).RightAligned());
        table.AddRow(
            report.Rows.ToString("N0", culture), report.Created.ToString("N0", culture), report.Updated.ToString("N0", culture),
            report.Unchanged.ToString("N0", culture), report.Deactivated.ToString("N0", culture), report.RejectedCount.ToString("N0", culture),
            report.WarningCount.ToString("N0", culture));
        Console.Write(table);

        if (allErrors.Length > 0)
        {
            Console.MarkupLine($"[red]{Markup.Escape(settings.T($"{report.RejectedCount + report.FileErrors.Count} erreur(s) :", $"{report.RejectedCount + report.FileErrors.Count} error(s):"))}[/]");
            foreach (var error in allErrors)
            {
                Console.MarkupLine("  " + Markup.Escape(CliOutput.Describe(error, settings)));
            }
        }

        if (report.Warnings.Count > 0)
        {
            Console.MarkupLine($"[yellow]{Markup.Escape(settings.T($"{report.WarningCount} avertissement(s) :", $"{report.WarningCount} warning(s):"))}[/]");
            foreach (var warning in report.Warnings)
            {
                Console.MarkupLine("  " + Markup.Escape(CliOutput.Describe(warning, settings)));
            }
        }

        if (report.SafetyStop is { } safety)
        {
            Console.MarkupLine($"[red bold]{Markup.Escape(settings.T(safety.Message))}[/]");
        }
        else if (report.FileErrors.Count > 0)
        {
            Console.MarkupLine($"[red]{Markup.Escape(settings.T("Fichier non importé.", "File not imported."))}[/]");
        }
        else if (report.Applied)
        {
            Console.MarkupLine($"[green]{Markup.Escape(settings.T($"Import terminé en {report.Duration.TotalSeconds:0.0} s.", $"Import done in {report.Duration.TotalSeconds:0.0} s."))}[/]");
        }
    }
}

/// <summary>Prints the errors of a mapping file.</summary>
internal static class MappingErrors
{
    public static int Print(IAnsiConsole console, LanguageSettings settings, HrMappingException exception)
    {
        console.MarkupLine($"[red]{Markup.Escape(settings.T($"Fichier de correspondance invalide : {exception.Errors.Count} erreur(s).", $"Invalid mapping file: {exception.Errors.Count} error(s)."))}[/]");
        foreach (var error in exception.Errors)
        {
            var position = error.Line is { } line ? $":{line}:{error.Column ?? 1}" : string.Empty;
            console.MarkupLine($"  {Markup.Escape(error.File + position)} [grey]{Markup.Escape(error.JsonPath)}[/] {Markup.Escape(settings.T(error.Message))}");
        }

        return ExitCodes.ValidationErrors;
    }
}
