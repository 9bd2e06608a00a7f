using System.ComponentModel;
using System.Globalization;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Services;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary><c>ailiteracy plan [--group-size 12]</c>: the training plan — people to train, sessions and hours per module.</summary>
internal sealed class PlanCommand(CliDatabase database, CliRunSettings run, IAnsiConsole console) : DatabaseCommand<PlanCommand.Settings>(console)
{
    internal sealed class Settings : OutputSettings
    {
        [CommandOption("--group-size <SIZE>")]
        [Description("Stagiaires par session (défaut : 12). / Learners per session (default: 12).")]
        public int? GroupSize { get; init; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            return !result.Successful ? result
                : GroupSize is < 1 or > 500 ? ValidationResult.Error("--group-size : entre 1 et 500. / --group-size: between 1 and 500.")
                : ValidationResult.Success();
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        run.GroupSize = settings.GroupSize;
        await using var session = await database.OpenAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        var plan = await CliReports.TrainingPlanAsync(session, cancellationToken).ConfigureAwait(false);
        switch (settings.Output)
        {
            case OutputFormat.Json:
                CliOutput.WriteJson(Console, new
                {
                    plan.AsOf,
                    plan.GroupSize,
                    plan.ActiveAgents,
                    plan.PeopleToTrain,
                    plan.Sessions,
                    plan.RefreshSessions,
                    plan.PersonHours,
                    plan.TrainerHours,
                    modules = plan.Modules.Select(m => new { m.ModuleId, title = settings.T(m.Module.Title), m.PeopleToTrain, m.Refreshes, m.Sessions, m.RefreshSessions, m.PersonHours, m.TrainerHours }),
                    orgUnits = plan.OrgUnits,
                });
                return ExitCodes.Success;
            case OutputFormat.Csv:
                Console.Profile.Out.Writer.Write(CliReports.ToCsv(plan).TrimStart('\uFEFF'));
                Console.Profile.Out.Writer.Flush();
                return ExitCodes.Success;
        }

        var culture = CultureInfo.GetCultureInfo(settings.English ? "en-GB" : "fr-FR");
        Console.MarkupLine($"[bold]{Markup.Escape(settings.T("Plan de formation", "Training plan"))}[/] " + Markup.Escape(settings.T(
            $"au {plan.AsOf.ToString("d MMMM yyyy", culture)} — {plan.PeopleToTrain.ToString("N0", culture)} agent(s) à former sur {plan.ActiveAgents.ToString("N0", culture)}, groupes de {plan.GroupSize}",
            $"on {plan.AsOf.ToString("d MMMM yyyy", culture)} — {plan.PeopleToTrain.ToString("N0", culture)} agent(s) to train of {plan.ActiveAgents.ToString("N0", culture)}, groups of {plan.GroupSize}")));
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Module").AddColumn(settings.T("Intitulé", "Title"))
            .AddColumn(new TableColumn(settings.T("À former", "To train")).RightAligned())
            .AddColumn(new TableColumn(settings.T("Recyclages", "Refreshes")).RightAligned())
            .AddColumn(new TableColumn(settings.T("Sessions", "Sessions")).RightAligned())
            .AddColumn(new TableColumn(settings.T("Heures stagiaires", "Learner hours")).RightAligned())
            .AddColumn(new TableColumn(settings.T("Heures formateur", "Trainer hours")).RightAligned());
        foreach (var m in plan.Modules)
        {
            table.AddRow(Markup.Escape(m.ModuleId), Markup.Escape(settings.T(m.Module.Title)), m.PeopleToTrain.ToString("N0", culture), m.Refreshes.ToString("N0", culture),
                (m.Sessions + m.RefreshSessions).ToString("N0", culture), m.PersonHours.ToString("N1", culture), m.TrainerHours.ToString("N1", culture));
        }

        table.AddRow($"[bold]{Markup.Escape(settings.T("Total", "Total"))}[/]", "", plan.PeopleToTrain.ToString("N0", culture), plan.Refreshes.ToString("N0", culture),
            (plan.Sessions + plan.RefreshSessions).ToString("N0", culture), plan.PersonHours.ToString("N1", culture), plan.TrainerHours.ToString("N1", culture));
        Console.Write(table);
        return ExitCodes.Success;
    }
}
