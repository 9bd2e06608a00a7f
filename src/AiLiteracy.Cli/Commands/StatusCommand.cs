using System.ComponentModel;
using System.Globalization;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Hr.Mapping;
using AiLiteracy.Ports;
using AiLiteracy.Services;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary>
/// <c>ailiteracy status [--agent &lt;employee number&gt;] [--org-unit &lt;path&gt;]</c>: an agent's clearance and required
/// modules, an org unit's agents, or the coverage per directorate.
/// </summary>
internal sealed class StatusCommand(CliDatabase database, IAnsiConsole console) : DatabaseCommand<StatusCommand.Settings>(console)
{
    internal sealed class Settings : OutputSettings
    {
        [CommandOption("--agent <EMPLOYEE_NUMBER>")]
        [Description("Matricule de l'agent. / The agent's employee number.")]
        public string? Agent { get; init; }

        [CommandOption("--org-unit <PATH>")]
        [Description("Unité : identifiant, nom ou chemin (« DRH/Paie »). / Org unit: id, name or path ('DRH/Payroll').")]
        public string? OrgUnit { get; init; }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (settings.Agent is not null)
        {
            var view = await session.Get<AgentStatusService>().GetStatusAsync(settings.Agent, cancellationToken).ConfigureAwait(false);
            WriteAgent(view, settings);
            return ExitCodes.Success;
        }

        var coverage = await CliReports.CoverageAsync(session, settings.English ? "en" : "fr", cancellationToken).ConfigureAwait(false);
        if (settings.OrgUnit is not null)
        {
            var units = await session.Get<IOrganizationRepository>().ListOrgUnitsAsync(cancellationToken).ConfigureAwait(false);
            var (id, rest) = new OrgUnitResolver(units).Resolve(settings.OrgUnit, "/");
            if (id is null || rest is not null || units.Count == 0)
            {
                throw new CliUsageException($"Unité « {settings.OrgUnit} » absente de l'organigramme.", $"Org unit '{settings.OrgUnit}' is not in the organisation tree.");
            }

            await WriteOrgUnitAsync(session, id, coverage, settings, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        WriteCoverage(coverage, settings);
        return ExitCodes.Success;
    }

    private void WriteAgent(AgentStatusView view, Settings settings)
    {
        switch (settings.Output)
        {
            case OutputFormat.Json:
                CliOutput.WriteJson(Console, new
                {
                    view.EmployeeNumber,
                    status = AgentStatusService.Code(view.Status),
                    view.AsOf,
                    view.IsCleared,
                    view.CharterVersion,
                    view.AcknowledgedCharterVersion,
                    clearanceReasons = view.ClearanceReasons.Select(r => new { r.Code, message = settings.T(r.Message), r.ModuleId, r.RuleId }),
                    requirements = view.Requirements.Select(r => new { r.ModuleId, title = settings.T(r.Title), state = AgentStatusService.Code(r.State), r.CompletedOn, r.ExpiresOn, r.DueDate }),
                });
                return;
            case OutputFormat.Csv:
                CliOutput.WriteCsv(Console, ["module", "etat", "suivi_le", "expire_le", "echeance"],
                    view.Requirements.Select(r => (IReadOnlyList<string?>)[r.ModuleId, AgentStatusService.Code(r.State), Date(r.CompletedOn), Date(r.ExpiresOn), Date(r.DueDate)]));
                return;
        }

        Console.MarkupLine($"[bold]{Markup.Escape(view.EmployeeNumber)}[/] — " + (view.IsCleared
            ? $"[green]{Markup.Escape(settings.T("habilité", "cleared"))}[/]"
            : $"[red]{Markup.Escape(settings.T("non habilité", "not cleared"))}[/]"));
        foreach (var reason in view.ClearanceReasons)
        {
            Console.MarkupLine("  • " + Markup.Escape(settings.T(reason.Message)));
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(settings.T("Module", "Module")).AddColumn(settings.T("Intitulé", "Title")).AddColumn(settings.T("État", "State"))
            .AddColumn(settings.T("Suivi le", "Completed")).AddColumn(settings.T("Expire le", "Expires")).AddColumn(settings.T("Échéance", "Due"));
        foreach (var r in view.Requirements)
        {
            table.AddRow(Markup.Escape(r.ModuleId), Markup.Escape(settings.T(r.Title)), Markup.Escape(State(r.State, settings)), Date(r.CompletedOn) ?? "", Date(r.ExpiresOn) ?? "", Date(r.DueDate) ?? "");
        }

        Console.Write(table);
    }

    private async Task WriteOrgUnitAsync(CliSession session, string orgUnitId, CoverageReport coverage, Settings settings, CancellationToken cancellationToken)
    {
        var status = session.Get<AgentStatusService>();
        var people = new List<(string EmployeeNumber, string? Name, bool Cleared, int Reasons)>();
        await foreach (var agent in session.Get<IAgentRepository>().StreamAsync(new AgentFilter { OrgUnitId = orgUnitId, Status = Model.EmploymentStatus.Active }, cancellationToken).ConfigureAwait(false))
        {
            var clearance = (await status.LoadAsync(agent, cancellationToken).ConfigureAwait(false)).Clearance();
            people.Add((agent.EmployeeNumber, agent.DisplayName, clearance.IsCleared, clearance.Reasons.Count));
        }

        var line = coverage.ByOrgUnit.FirstOrDefault(l => l.Id == orgUnitId);
        switch (settings.Output)
        {
            case OutputFormat.Json:
                CliOutput.WriteJson(Console, new { orgUnit = orgUnitId, activeAgents = people.Count, cleared = people.Count(p => p.Cleared), coverage = line, agents = people.Select(p => new { p.EmployeeNumber, p.Name, p.Cleared }) });
                return;
            case OutputFormat.Csv:
                CliOutput.WriteCsv(Console, ["matricule", "nom", "habilite"], people.Select(p => (IReadOnlyList<string?>)[p.EmployeeNumber, p.Name, p.Cleared ? "oui" : "non"]));
                return;
        }

        Console.MarkupLine($"[bold]{Markup.Escape(orgUnitId)}[/] : " + Markup.Escape(settings.T(
            $"{people.Count(p => p.Cleared)} habilité(s) sur {people.Count} agent(s) actif(s)",
            $"{people.Count(p => p.Cleared)} cleared of {people.Count} active agent(s)")));
        var table = new Table().Border(TableBorder.Rounded).AddColumn(settings.T("Matricule", "Employee number")).AddColumn(settings.T("Nom", "Name")).AddColumn(settings.T("Habilité", "Cleared"));
        foreach (var p in people)
        {
            table.AddRow(Markup.Escape(p.EmployeeNumber), Markup.Escape(p.Name ?? ""), p.Cleared ? settings.T("oui", "yes") : settings.T($"non ({p.Reasons} motif(s))", $"no ({p.Reasons} reason(s))"));
        }

        Console.Write(table);
    }

    private void WriteCoverage(CoverageReport coverage, Settings settings)
    {
        switch (settings.Output)
        {
            case OutputFormat.Json:
                CliOutput.WriteJson(Console, coverage);
                return;
            case OutputFormat.Csv:
                Console.Profile.Out.Writer.Write(CliReports.ToCsv(coverage).TrimStart('\uFEFF'));
                Console.Profile.Out.Writer.Flush();
                return;
        }

        var culture = CultureInfo.GetCultureInfo(settings.English ? "en-GB" : "fr-FR");
        Console.MarkupLine($"[bold]{Markup.Escape(settings.T($"Habilitations au {coverage.AsOf.ToString("d MMMM yyyy", culture)}", $"Clearance on {coverage.AsOf.ToString("d MMMM yyyy", culture)}"))}[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn(settings.T("Direction", "Directorate"))
            .AddColumn(new TableColumn(settings.T("Agents actifs", "Active agents")).RightAligned())
            .AddColumn(new TableColumn(settings.T("Habilités", "Cleared")).RightAligned())
            .AddColumn(new TableColumn("%").RightAligned());
        foreach (var line in coverage.ByDirectorate.Append(coverage.Total with { Name = settings.T("Total", "Total") }))
        {
            table.AddRow(Markup.Escape(line.Name ?? line.Id ?? "—"), line.ActiveAgents.ToString("N0", culture), line.Cleared.ToString("N0", culture), line.ClearedShare.ToString("P0", culture));
        }

        Console.Write(table);
    }

    private static string? Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string State(Engines.RequirementState state, LanguageSettings settings) => state switch
    {
        Engines.RequirementState.Done => settings.T("fait", "done"),
        Engines.RequirementState.ExpiringSoon => settings.T("expire bientôt", "expiring soon"),
        Engines.RequirementState.Missing => settings.T("à suivre", "missing"),
        Engines.RequirementState.Expired => settings.T("expiré", "expired"),
        Engines.RequirementState.Failed => settings.T("échoué", "failed"),
        _ => settings.T("bloqué (prérequis)", "blocked (prerequisite)"),
    };
}
