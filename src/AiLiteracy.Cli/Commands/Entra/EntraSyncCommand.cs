using System.ComponentModel;
using DataAnnotations = System.ComponentModel.DataAnnotations;
using System.Globalization;
using AiLiteracy.Authority;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Definitions;
using AiLiteracy.Entra;
using AiLiteracy.Entra.Authentication;
using AiLiteracy.Entra.Configuration;
using AiLiteracy.Entra.Graph;
using AiLiteracy.Entra.Sync;
using AiLiteracy.Groups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands.Entra;

/// <summary>
/// <c>ailiteracy entra sync --config &lt;file&gt; [--dry-run] [--force]</c>: keeps the Entra ID groups of the
/// configuration equal to what their rules say about the agents of the data folder. Exit codes: 0 done (or dry run),
/// 1 failed, 2 invalid input, 3 stopped by the removal threshold, 4 done with refused changes.
/// </summary>
internal sealed class EntraSyncCommand(DefinitionService definitions, IServiceProvider services, IAnsiConsole console)
    : AsyncCommand<EntraSyncCommand.Settings>
{
    /// <summary>Environment variable holding the client secret (never in the configuration file).</summary>
    public const string ClientSecretVariable = "AILITERACY_ENTRA_CLIENT_SECRET";

    /// <summary>Environment variable holding the certificate password.</summary>
    public const string CertificatePasswordVariable = "AILITERACY_ENTRA_CERTIFICATE_PASSWORD";

    internal sealed class Settings : LanguageSettings
    {
        [CommandOption("--config <FILE>")]
        [Description("Fichier de règles de synchronisation (entra-group-sync). / Group sync rules file (entra-group-sync).")]
        public string Config { get; init; } = string.Empty;

        [CommandOption("--data <DIR>")]
        [Description("Dossier des données de l'autorité (organization.json, agents.csv, completions.csv, acknowledgements.csv). / Authority data folder.")]
        [DefaultValue("samples/data")]
        public string Data { get; init; } = "samples/data";

        [CommandOption("--dry-run")]
        [Description("Calcule et affiche le plan sans rien écrire. / Computes and prints the plan, writes nothing.")]
        public bool DryRun { get; init; }

        [CommandOption("--force")]
        [Description("Applique le plan même au-delà du seuil de retraits. / Applies the plan even beyond the removal threshold.")]
        public bool Force { get; init; }

        [CommandOption("--export <FILE>")]
        [Description("Exporte le plan (.json ou .csv). / Exports the plan (.json or .csv).")]
        public string? Export { get; init; }

        [CommandOption("--state <FILE>")]
        [Description("Fichier d'état (liens delta, dernier passage) ; défaut : <config>.state.json. / State file; default: <config>.state.json.")]
        public string? State { get; init; }

        [CommandOption("--audit <FILE>")]
        [Description("Journal d'audit JSON Lines ; défaut : entra-sync-audit.jsonl près de la configuration. / JSON Lines audit log; default: entra-sync-audit.jsonl next to the configuration.")]
        public string? Audit { get; init; }

        public override ValidationResult Validate()
        {
            var language = base.Validate();
            if (!language.Successful)
            {
                return language;
            }

            if (string.IsNullOrWhiteSpace(Config))
            {
                return ValidationResult.Error("--config est obligatoire. / --config is required.");
            }

            return Export is null || Export.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || Export.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? ValidationResult.Success()
                : ValidationResult.Error("--export : extension .json ou .csv. / --export: .json or .csv extension.");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var set = await definitions.GetDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        GroupSyncConfiguration configuration;
        try
        {
            configuration = await GroupSyncConfigurationLoader.LoadFileAsync(settings.Config, set, cancellationToken).ConfigureAwait(false);
        }
        catch (GroupSyncConfigurationException ex)
        {
            foreach (var error in ex.Errors)
            {
                var position = error.Line is { } line ? $":{line}:{error.Column ?? 1}" : string.Empty;
                console.MarkupLine($"[red]{Markup.Escape(error.Code)}[/] {Markup.Escape(error.File + position)} [grey]{Markup.Escape(error.JsonPath)}[/]");
                console.MarkupLine("  " + Markup.Escape(settings.T(error.Message)));
            }

            return 2;
        }

        AuthorityDataLoadResult loaded;
        try
        {
            loaded = await AuthorityDataFiles.ReadAsync(settings.Data, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthorityDataException ex)
        {
            console.MarkupLine("[red]" + Markup.Escape(settings.T(ex.LocalizedMessage)) + "[/]");
            return 2;
        }

        if (loaded.Errors.Count > 0)
        {
            console.MarkupLine("[yellow]" + Markup.Escape(settings.T(
                $"{loaded.Errors.Count} ligne(s) rejetée(s) dans les données RH.", $"{loaded.Errors.Count} row(s) rejected in the HR data.")) + "[/]");
        }

        var connection = configuration.Connection ?? new EntraOptions();
        connection.ClientSecret ??= Environment.GetEnvironmentVariable(ClientSecretVariable);
        connection.CertificatePassword ??= Environment.GetEnvironmentVariable(CertificatePasswordVariable);
        var problems = new List<DataAnnotations.ValidationResult>();
        if (!DataAnnotations.Validator.TryValidateObject(connection, new DataAnnotations.ValidationContext(connection), problems, validateAllProperties: true))
        {
            foreach (var problem in problems)
            {
                console.MarkupLine("[red]connection:[/] " + Markup.Escape(problem.ErrorMessage ?? string.Empty));
            }

            return 2;
        }

        var configDirectory = Path.GetDirectoryName(Path.GetFullPath(settings.Config))!;
        var syncOptions = configuration.Sync ?? new EntraGroupSyncOptions();
        syncOptions.StatePath = settings.State ?? syncOptions.StatePath ?? Path.ChangeExtension(Path.GetFullPath(settings.Config), ".state.json");
        syncOptions.AuditFilePath = settings.Audit ?? syncOptions.AuditFilePath ?? Path.Combine(configDirectory, "entra-sync-audit.jsonl");

        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var counter = new GraphRequestCounter();
        var graph = EntraGraphClientFactory.Create(
            connection, new EntraAccessTokenProvider(connection), syncOptions, counter, timeProvider,
            loggerFactory.CreateLogger("AiLiteracy.Entra.Graph"), services.GetKeyedService<HttpMessageHandler>(EntraServiceCollectionExtensions.HttpHandlerKey));
        var service = new GroupSyncService(
            graph, counter, syncOptions, new FileGroupSyncStateStore(syncOptions.StatePath), new JsonLinesGroupSyncAuditSink(syncOptions.AuditFilePath),
            timeProvider, loggerFactory.CreateLogger<GroupSyncService>());

        var result = await service.RunAsync(
            new GroupSyncRequest
            {
                Rules = configuration.Rules,
                Definitions = set,
                Data = new GroupSyncData
                {
                    Organization = loaded.Data.Organization,
                    Agents = loaded.Data.Agents,
                    Completions = loaded.Data.Completions,
                    Acknowledgements = loaded.Data.Acknowledgements,
                },
                DryRun = settings.DryRun,
                Force = settings.Force,
                TriggeredBy = "cli",
            },
            cancellationToken).ConfigureAwait(false);

        if (result.Plan is { } plan)
        {
            Print(plan, settings);
            if (settings.Export is { } export)
            {
                await using var stream = File.Create(export);
                if (export.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                {
                    await GroupSyncPlanExport.WriteCsvAsync(plan, stream, settings.Language, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await GroupSyncPlanExport.WriteJsonAsync(plan, stream, cancellationToken).ConfigureAwait(false);
                }

                console.MarkupLine(Markup.Escape(settings.T($"Plan exporté : {export}", $"Plan exported: {export}")));
            }
        }

        var record = result.Record;
        var requests = settings.T(
            $"{record.Requests.Reads} lecture(s), {record.Requests.Writes} écriture(s) Graph",
            $"{record.Requests.Reads} Graph read(s), {record.Requests.Writes} write(s)");
        switch (record.Status)
        {
            case GroupSyncRunStatus.DryRun:
                console.MarkupLine("[blue]" + Markup.Escape(settings.T($"Simulation : rien n'a été écrit ({requests}).", $"Dry run: nothing was written ({requests}).")) + "[/]");
                return 0;
            case GroupSyncRunStatus.StoppedBySafety:
                console.MarkupLine("[red]" + Markup.Escape(settings.T(
                    "Arrêt de sécurité : trop de retraits, rien n'a été écrit. Vérifiez l'export RH ou relancez avec --force.",
                    "Safety stop: too many removals, nothing was written. Check the HR export or run again with --force.")) + "[/]");
                console.MarkupLine(Markup.Escape(record.Message ?? string.Empty));
                return 3;
            case GroupSyncRunStatus.Failed:
                console.MarkupLine("[red]" + Markup.Escape(settings.T("Échec : ", "Failed: ") + record.Message) + "[/]");
                return 1;
            case GroupSyncRunStatus.CompletedWithErrors:
                console.MarkupLine("[yellow]" + Markup.Escape(settings.T(
                    $"{record.Applied} changement(s) appliqué(s), {record.Failed} refusé(s) ({requests}).",
                    $"{record.Applied} change(s) applied, {record.Failed} refused ({requests}).")) + "[/]");
                foreach (var change in result.Changes.Where(c => !c.Succeeded).Take(20))
                {
                    console.MarkupLine("  " + Markup.Escape($"{change.Change.GroupId} {change.Change.UserId} {change.Status}: {change.Error}"));
                }

                return 4;
            default:
                console.MarkupLine("[green]" + Markup.Escape(settings.T(
                    $"{record.Applied} changement(s) appliqué(s) ({requests}).", $"{record.Applied} change(s) applied ({requests}).")) + "[/]");
                return 0;
        }
    }

    private void Print(GroupSyncPlan plan, Settings settings)
    {
        var culture = CultureInfo.GetCultureInfo(settings.English ? "en-GB" : "fr-FR");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(settings.T("Groupe", "Group"));
        table.AddColumn(new TableColumn(settings.T("Membres", "Members")).RightAligned());
        table.AddColumn(new TableColumn(settings.T("Voulus", "Wanted")).RightAligned());
        table.AddColumn(new TableColumn(settings.T("Ajouts", "Adds")).RightAligned());
        table.AddColumn(new TableColumn(settings.T("Retraits", "Removes")).RightAligned());
        table.AddColumn(settings.T("Seuil", "Threshold"));
        foreach (var group in plan.Groups)
        {
            table.AddRow(
                Markup.Escape(group.Rule.DisplayName),
                group.CurrentMembers.ToString("N0", culture),
                group.DesiredMembers.ToString("N0", culture),
                group.Adds.Count.ToString("N0", culture),
                group.Removes.Count.ToString("N0", culture),
                group.RemovalCheck.Exceeded ? "[red]" + Markup.Escape(settings.T("dépassé", "exceeded")) + "[/]" : "[green]ok[/]");
        }

        console.Write(table);
        foreach (var group in plan.Groups)
        {
            foreach (var change in group.Adds.Concat(group.Removes).Take(50))
            {
                var sign = change.Kind == GroupChangeKind.Add ? "[green]+[/]" : "[red]-[/]";
                console.MarkupLine($"  {sign} {Markup.Escape(group.Rule.DisplayName)} {Markup.Escape(change.EmployeeNumber ?? change.UserId)} : {Markup.Escape(settings.T(change.Reason.Message))}");
            }

            var more = group.Adds.Count + group.Removes.Count - 50;
            if (more > 0)
            {
                console.MarkupLine("  " + Markup.Escape(settings.T($"… et {more} autre(s) (voir --export).", $"… and {more} more (see --export).")));
            }
        }

        if (plan.UnmatchedAgents.Count > 0)
        {
            console.MarkupLine("[yellow]" + Markup.Escape(settings.T(
                $"{plan.UnmatchedAgents.Count} agent(s) sans utilisateur Entra ID.", $"{plan.UnmatchedAgents.Count} agent(s) without an Entra ID user.")) + "[/]");
            foreach (var unmatched in plan.UnmatchedAgents.Take(20))
            {
                console.MarkupLine("  " + Markup.Escape(settings.T(unmatched.Message)));
            }
        }
    }
}
