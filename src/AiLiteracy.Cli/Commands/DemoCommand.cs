using System.ComponentModel;
using System.Globalization;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Definitions;
using AiLiteracy.Demo;
using AiLiteracy.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary>
/// <c>ailiteracy demo</c>: loads the reference content and the demo authority and prints, per directorate, agents,
/// cleared agents, missing and expired modules.
/// </summary>
internal sealed class DemoCommand(DefinitionService definitions, DemoService demo, StatusReportService reports, IAnsiConsole console)
    : AsyncCommand<DemoCommand.Settings>
{
    internal sealed class Settings : LanguageSettings
    {
        [CommandOption("--data <DIR>")]
        [Description("Dossier des données de démonstration (généré en mémoire s'il n'existe pas). / Demo data folder (generated in memory when missing).")]
        [DefaultValue("samples/data")]
        public string Data { get; init; } = "samples/data";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var set = await definitions.GetDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        var loaded = await demo.LoadAsync(settings.Data, cancellationToken).ConfigureAwait(false);
        var report = reports.SummarizeByDirectorate(set, loaded.Data);
        var culture = CultureInfo.GetCultureInfo(settings.English ? "en-GB" : "fr-FR");

        console.MarkupLine($"[bold]{Markup.Escape(report.OrganizationName)}[/]");
        console.MarkupLine(Markup.Escape(settings.T(
            $"Situation au {report.AsOf.ToString("d MMMM yyyy", culture)} — référentiel {report.CurriculumVersion}, charte v{report.CharterVersion}",
            $"Status on {report.AsOf.ToString("d MMMM yyyy", culture)} — curriculum {report.CurriculumVersion}, charter v{report.CharterVersion}")));
        console.MarkupLine("[grey]" + Markup.Escape(loaded.Source is null
            ? settings.T("Données : autorité de démonstration générée en mémoire.", "Data: demo authority generated in memory.")
            : settings.T($"Données : {loaded.Source}", $"Data: {loaded.Source}")) + "[/]");

        if (console.Profile.Out.IsTerminal is false && console.Profile.Width < 160)
        {
            console.Profile.Width = 160; // Redirected output (files, CI logs): do not wrap the directorate names.
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(settings.T("Direction", "Directorate"));
        table.AddColumn(new TableColumn(settings.T("Agents", "Agents")).RightAligned());
        table.AddColumn(new TableColumn(settings.T("Habilités", "Cleared")).RightAligned());
        table.AddColumn(new TableColumn("%").RightAligned());
        table.AddColumn(new TableColumn(settings.T("Modules manquants", "Missing modules")).RightAligned());
        table.AddColumn(new TableColumn(settings.T("Modules expirés", "Expired modules")).RightAligned());
        table.AddColumn(new TableColumn(settings.T($"Expirent sous {report.ExpiringSoonDays} j", $"Expiring in {report.ExpiringSoonDays} d")).RightAligned());
        table.AddColumn(new TableColumn(settings.T("Charte non signée", "Charter not signed")).RightAligned());
        foreach (var line in report.Directorates)
        {
            AddRow(table, line, culture, bold: false);
        }

        table.AddEmptyRow();
        AddRow(table, report.Total with { Name = settings.T("Total", "Total") }, culture, bold: true);
        console.Write(table);

        if (loaded.Errors.Count > 0)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(settings.T($"{loaded.Errors.Count} ligne(s) rejetée(s) :", $"{loaded.Errors.Count} row(s) rejected:"))}[/]");
            foreach (var error in loaded.Errors.Take(20))
            {
                console.MarkupLine("  " + Markup.Escape($"{error.File}:{error.Line} {error.Column} {settings.T(error.Message)}"));
            }
        }

        return 0;
    }

    private static void AddRow(Table table, DirectorateStatus line, CultureInfo culture, bool bold)
    {
        string Cell(string text) => bold ? $"[bold]{Markup.Escape(text)}[/]" : Markup.Escape(text);
        table.AddRow(
            Cell(line.DirectorateId is null || line.DirectorateId == line.Name ? line.Name : $"{line.Name} ({line.DirectorateId})"),
            Cell(line.Agents.ToString("N0", culture)),
            Cell(line.Cleared.ToString("N0", culture)),
            Cell(line.ClearedShare.ToString("P0", culture)),
            Cell(line.MissingModules.ToString("N0", culture)),
            Cell(line.ExpiredModules.ToString("N0", culture)),
            Cell(line.ExpiringSoonModules.ToString("N0", culture)),
            Cell(line.CharterNotAcknowledged.ToString("N0", culture)));
    }
}
