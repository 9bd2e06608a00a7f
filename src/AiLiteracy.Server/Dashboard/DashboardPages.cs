using System.Text;
using AiLiteracy.Engines;
using AiLiteracy.Reports;
using AiLiteracy.Reports.Export;

namespace AiLiteracy.Server.Dashboard;

/// <summary>Renders the dashboard pages as HTML (French first, English on request), charts as inline SVG with a table alternative.</summary>
internal static class DashboardPages
{
    private static readonly (string Route, string Fr, string En)[] Tabs =
    [
        (DashboardRoutes.Overview, "Vue d'ensemble", "Overview"),
        (DashboardRoutes.Expiring, "Échéances", "Expiring modules"),
        (DashboardRoutes.Plan, "Plan de formation", "Training plan"),
        (DashboardRoutes.Referents, "Référents IA", "AI referents"),
    ];

    public static string Overview(DashboardContext c, ReportSnapshot snapshot, CoverageSummary coverage)
    {
        var body = new StringBuilder(32 * 1024);
        var total = coverage.Total;
        body.Append("<dl class=\"kpis\">");
        Kpi(body, "active", c.T("Agents en poste", "Active agents"), c.N(total.ActiveAgents), total.ActiveAgents);
        Kpi(body, "cleared", c.T("Agents habilités", "Agents cleared"), c.N(total.Cleared), total.Cleared, c.P(total.ClearedShare));
        Kpi(body, "common-core", c.T("Tronc commun à jour", "Common core done"), c.N(total.CommonCoreDone), total.CommonCoreDone, c.P(total.CommonCoreShare));
        Kpi(body, "refresh-due", c.T("Habilités à recycler", "Cleared, refresh due"), c.N(total.RefreshDue), total.RefreshDue);
        Kpi(body, "on-leave", c.T("Agents en congé", "Agents on leave"), c.N(coverage.OnLeave), coverage.OnLeave);
        body.Append("</dl>");

        // Coverage by directorate.
        var bars = coverage.ByDirectorate
            .Select(r => new ChartItem(r.Id ?? "none", r.Name ?? ReportText.Unassigned(c.Language), r.ClearedShare, c.P(r.ClearedShare), r.ClearedShare >= 0.8m ? ChartColors.Success : ChartColors.Primary))
            .ToList();
        body.Append("<section class=\"panel\" aria-labelledby=\"coverage-title\"><h2 id=\"coverage-title\">").Append(E(c.T("Couverture par direction", "Coverage by directorate"))).Append("</h2>")
            .Append("<div class=\"chart-and-table\"><figure>")
            .Append("<figcaption>").Append(E(c.T("Part des agents en poste habilités à utiliser les outils d'IA autorisés", "Share of active agents cleared to use the approved AI tools"))).Append("</figcaption>")
            .Append(SvgCharts.HorizontalBars(
                "chart-coverage",
                c.T("Couverture des habilitations par direction", "Clearance coverage by directorate"),
                bars.Count == 0
                    ? c.T("Aucun agent en poste dans la sélection.", "No active agent in the selection.")
                    : c.T($"{bars.Count} directions ; part habilitée de {c.P(bars.Min(b => b.Value))} à {c.P(bars.Max(b => b.Value))}. Le tableau donne le détail.",
                          $"{bars.Count} directorates; share cleared from {c.P(bars.Min(b => b.Value))} to {c.P(bars.Max(b => b.Value))}. The table gives the detail."),
                bars,
                max: 1))
            .Append("</figure>");
        Table(body, c, "table-coverage", c.T("Couverture par direction (tableau)", "Coverage by directorate (table)"),
            [(c.T("Direction", "Directorate"), false), (c.T("Agents en poste", "Active agents"), true), (c.T("Habilités", "Cleared"), true), (c.T("Part habilitée", "Share cleared"), true), (c.T("Tronc commun à jour", "Common core done"), true)],
            coverage.ByDirectorate.Select(r => Row(r.Id ?? "none", r.Name ?? ReportText.Unassigned(c.Language),
                (c.N(r.ActiveAgents), r.ActiveAgents), (c.N(r.Cleared), r.Cleared), (c.P(r.ClearedShare), r.ClearedShare), (c.N(r.CommonCoreDone), r.CommonCoreDone))),
            Row("total", c.T("Total", "Total"), (c.N(total.ActiveAgents), total.ActiveAgents), (c.N(total.Cleared), total.Cleared), (c.P(total.ClearedShare), total.ClearedShare), (c.N(total.CommonCoreDone), total.CommonCoreDone)));
        body.Append("</div></section>");

        // Clearance status.
        var slices = new List<ChartItem>
        {
            new("cleared", c.T("Habilités, à jour", "Cleared, up to date"), total.ClearedUpToDate, c.N(total.ClearedUpToDate), ChartColors.Success),
            new("refresh-due", c.T("Habilités, recyclage dû sous " + snapshot.Engines.Requirements.Options.ExpiringSoonDays + " jours", "Cleared, refresh due within " + snapshot.Engines.Requirements.Options.ExpiringSoonDays + " days"), total.RefreshDue, c.N(total.RefreshDue), ChartColors.Info),
            new("charter-pending", c.T("Formés, charte à accepter", "Trained, charter to acknowledge"), total.CharterPending, c.N(total.CharterPending), ChartColors.Warning),
            new("training-incomplete", c.T("Formation incomplète", "Training incomplete"), total.TrainingIncomplete, c.N(total.TrainingIncomplete), ChartColors.Error),
        };
        body.Append("<section class=\"panel\" aria-labelledby=\"clearance-title\"><h2 id=\"clearance-title\">").Append(E(c.T("Statut des habilitations", "Clearance status"))).Append("</h2>")
            .Append("<div class=\"chart-and-table\"><figure>")
            .Append("<figcaption>").Append(E(c.T("Agents en poste selon leur habilitation", "Active agents by clearance status"))).Append("</figcaption>")
            .Append(SvgCharts.Donut(
                "chart-clearance",
                c.T("Répartition des agents par statut d'habilitation", "Agents by clearance status"),
                string.Join(c.T(" ; ", "; "), slices.Select(s => $"{s.Label} : {s.Text}")),
                slices,
                c.N(total.ActiveAgents),
                c.T("agents en poste", "active agents")))
            .Append("<ul class=\"legend\" aria-hidden=\"true\">");
        foreach (var slice in slices)
        {
            body.Append("<li><svg class=\"swatch\" viewBox=\"0 0 14 14\" aria-hidden=\"true\"><rect width=\"14\" height=\"14\" fill=\"").Append(slice.Color).Append("\"/></svg>").Append(E(slice.Label)).Append(" — <strong>").Append(E(slice.Text)).Append("</strong></li>");
        }

        body.Append("</ul></figure>");
        Table(body, c, "table-clearance", c.T("Statut des habilitations (tableau)", "Clearance status (table)"),
            [(c.T("Statut", "Status"), false), (c.T("Agents", "Agents"), true), (c.T("Part", "Share"), true)],
            slices.Select(s => Row(s.Id, s.Label, (s.Text, s.Value), (c.P(total.ActiveAgents == 0 ? 0 : Math.Round(s.Value / total.ActiveAgents, 4)), total.ActiveAgents == 0 ? 0 : Math.Round(s.Value / total.ActiveAgents, 4)))),
            Row("total", c.T("Total", "Total"), (c.N(total.ActiveAgents), total.ActiveAgents), (c.P(total.ActiveAgents == 0 ? 0 : 1), total.ActiveAgents == 0 ? 0 : 1)));
        body.Append("</div></section>");

        // Register downloads.
        body.Append("<section class=\"panel\" aria-labelledby=\"register-title\"><h2 id=\"register-title\">").Append(E(c.T("Registre AI Act (article 4)", "AI Act register (article 4)"))).Append("</h2>")
            .Append("<p class=\"note\">").Append(E(c.T(
                "Le registre des mesures de littératie en IA : systèmes d'IA en usage, mesures délivrées à chaque personne, couverture et écarts. La version imprimable s'enregistre en PDF depuis le navigateur.",
                "The AI literacy register: AI systems in use, measures delivered to each person, coverage and gaps. The printable version saves as PDF from the browser."))).Append("</p>");
        Downloads(body, c, "literacy-register", [("html", c.T("Version imprimable (HTML/PDF)", "Printable version (HTML/PDF)")), ("xlsx", "Excel"), ("csv", "CSV"), ("json", "JSON")]);
        body.Append("<h3>").Append(E(c.T("Couverture", "Coverage"))).Append("</h3>");
        Downloads(body, c, "coverage", [("xlsx", "Excel"), ("csv", "CSV"), ("json", "JSON")]);
        body.Append("</section>");
        return body.ToString();
    }

    public static string Expiring(DashboardContext c, ExpiringModulesReport report, ReportLabels labels, int maxRows)
    {
        var body = new StringBuilder(32 * 1024);
        body.Append("<p>").Append(E(c.T(
            $"Modules requis dont la validité expire d'ici le {c.Date(report.Until)} ({report.WindowDays} jours) : des recyclages à organiser maintenant.",
            $"Required modules whose validity ends by {c.Date(report.Until)} ({report.WindowDays} days): refreshes to organise now."))).Append("</p>");
        body.Append("<dl class=\"kpis\">");
        Kpi(body, "agents", c.T("Agents concernés", "Agents concerned"), c.N(report.Agents), report.Agents);
        Kpi(body, "refreshes", c.T("Recyclages à prévoir", "Refreshes to plan"), c.N(report.Items.Count), report.Items.Count);
        Kpi(body, "modules", c.T("Modules concernés", "Modules concerned"), c.N(report.Modules.Count), report.Modules.Count);
        body.Append("</dl>");

        var bars = report.Modules.Select(m => new ChartItem(m.ModuleId, $"{m.ModuleId} — {m.Title.Get(c.Language)}", m.Agents, c.N(m.Agents), ChartColors.Info)).ToList();
        body.Append("<section class=\"panel\" aria-labelledby=\"expiring-title\"><h2 id=\"expiring-title\">").Append(E(c.T("Échéances par module", "Expiries by module"))).Append("</h2>")
            .Append("<div class=\"chart-and-table\"><figure><figcaption>").Append(E(c.T("Agents dont le module expire dans la fenêtre", "Agents whose module expires within the window"))).Append("</figcaption>")
            .Append(SvgCharts.HorizontalBars(
                "chart-expiring",
                c.T("Modules expirant par module", "Expiring modules by module"),
                bars.Count == 0 ? c.T("Aucun module n'expire dans la fenêtre.", "No module expires within the window.")
                    : c.T($"{bars.Count} modules ; {c.N(report.Items.Count)} recyclages au total. Le tableau donne le détail.", $"{bars.Count} modules; {c.N(report.Items.Count)} refreshes in all. The table gives the detail."),
                bars))
            .Append("</figure>");
        Table(body, c, "table-expiring", c.T("Échéances par module (tableau)", "Expiries by module (table)"),
            [(c.T("Module", "Module"), false), (c.T("Agents", "Agents"), true), (c.T("Première échéance", "First expiry"), true), (c.T("Dernière échéance", "Last expiry"), true)],
            report.Modules.Select(m => Row(m.ModuleId, $"{m.ModuleId} — {m.Title.Get(c.Language)}", (c.N(m.Agents), m.Agents), (c.ShortDate(m.FirstExpiry), null), (c.ShortDate(m.LastExpiry), null))),
            null);
        body.Append("</div></section>");

        body.Append("<section class=\"panel\" aria-labelledby=\"expiring-agents-title\"><h2 id=\"expiring-agents-title\">").Append(E(c.T("Agents à recycler", "Agents to refresh"))).Append("</h2>");
        if (report.Items.Count > maxRows)
        {
            body.Append("<p class=\"note\">").Append(E(c.T(
                $"Les {c.N(maxRows)} premières échéances sur {c.N(report.Items.Count)} ; la liste complète est dans l'export.",
                $"The first {c.N(maxRows)} of {c.N(report.Items.Count)} expiries; the full list is in the export."))).Append("</p>");
        }

        Table(body, c, "table-expiring-agents", c.T("Agents dont un module expire bientôt", "Agents with a module expiring soon"),
            [(c.T("Agent", "Agent"), false), (c.T("Matricule", "Employee no."), false), (c.T("Unité", "Org unit"), false), (c.T("Module", "Module"), false), (c.T("Expire le", "Expires on"), true)],
            report.Items.Take(maxRows).Select(i => new TableRow(i.EmployeeNumber + "/" + i.ModuleId, i.DisplayName ?? i.EmployeeNumber,
                [(i.EmployeeNumber, null, false), (labels.OrgUnit(i.OrgUnitId) ?? i.OrgUnitId ?? string.Empty, null, false), (i.ModuleId, null, false), (c.ShortDate(i.ExpiresOn), null, true)])),
            null);
        Downloads(body, c, "expiring-modules", [("xlsx", "Excel"), ("csv", "CSV"), ("json", "JSON")]);
        body.Append("</section>");
        return body.ToString();
    }

    public static string Plan(DashboardContext c, TrainingPlanReport report)
    {
        var plan = report.Plan;
        var budget = report.Budget;
        var body = new StringBuilder(32 * 1024);
        body.Append("<dl class=\"kpis\">");
        Kpi(body, "people-to-train", c.T("Agents à former", "People to train"), c.N(plan.PeopleToTrain), plan.PeopleToTrain, c.T($"sur {c.N(plan.ActiveAgents)}", $"of {c.N(plan.ActiveAgents)}"));
        Kpi(body, "needs", c.T("Besoins (agent × module)", "Needs (agent × module)"), c.N(plan.HeadCount), plan.HeadCount);
        Kpi(body, "sessions", c.T("Sessions à organiser", "Sessions to organise"), c.N(plan.Sessions + plan.RefreshSessions), plan.Sessions + plan.RefreshSessions, c.T($"groupes de {plan.GroupSize}", $"groups of {plan.GroupSize}"));
        Kpi(body, "person-hours", c.T("Heures stagiaires", "Learner hours"), c.N(budget.PersonHours), budget.PersonHours);
        Kpi(body, "trainer-hours", c.T("Heures formateur", "Trainer hours"), c.N(budget.TrainerHours), budget.TrainerHours);
        Kpi(body, "cost", c.T("Coût estimé", "Estimated cost"), budget.IsPriced ? c.Money(budget.TotalCost, budget.Currency) : c.T("non chiffré", "not priced"), budget.TotalCost);
        body.Append("</dl>");
        if (!budget.IsPriced)
        {
            body.Append("<p class=\"note\">").Append(E(c.T(
                "Pour chiffrer le plan, renseignez les coûts (AiLiteracy:Reports:CostPerSession, CostPerTrainerHour, CostPerLearnerHour, ELearningCostPerLearner).",
                "To price the plan, set the costs (AiLiteracy:Reports:CostPerSession, CostPerTrainerHour, CostPerLearnerHour, ELearningCostPerLearner)."))).Append("</p>");
        }

        var quarters = budget.Quarters.Select(q => new ChartItem($"{q.Year}-Q{q.Quarter}", q.Label.Get(c.Language), q.Sessions, c.N(q.Sessions))).ToList();
        body.Append("<section class=\"panel\" aria-labelledby=\"quarters-title\"><h2 id=\"quarters-title\">").Append(E(c.T("Répartition par trimestre", "Spread over quarters"))).Append("</h2>")
            .Append("<div class=\"chart-and-table\"><figure><figcaption>").Append(E(c.T("Sessions à organiser par trimestre (besoins et recyclages)", "Sessions to organise per quarter (needs and refreshes)"))).Append("</figcaption>")
            .Append(SvgCharts.VerticalBars(
                "chart-quarters",
                c.T("Sessions par trimestre", "Sessions per quarter"),
                string.Join(c.T(" ; ", "; "), quarters.Select(q => $"{q.Label} : {q.Text}")),
                quarters))
            .Append("</figure>");
        Table(body, c, "table-quarters", c.T("Répartition par trimestre (tableau)", "Spread over quarters (table)"),
            [(c.T("Trimestre", "Quarter"), false), (c.T("Sessions", "Sessions"), true), (c.T("Stagiaires", "Learners"), true), (c.T("Heures stagiaires", "Learner hours"), true), (c.T("Coût estimé", "Estimated cost"), true)],
            budget.Quarters.Select(q => Row($"{q.Year}-Q{q.Quarter}", q.Label.Get(c.Language), (c.N(q.Sessions), q.Sessions), (c.N(q.Learners), q.Learners), (c.N(q.PersonHours), q.PersonHours), (c.Money(q.Cost, budget.Currency), q.Cost))),
            Row("total", c.T("Total", "Total"), (c.N(budget.Sessions), budget.Sessions), (c.N(budget.Learners), budget.Learners), (c.N(budget.PersonHours), budget.PersonHours), (c.Money(budget.TotalCost, budget.Currency), budget.TotalCost)));
        body.Append("</div></section>");

        body.Append("<section class=\"panel\" aria-labelledby=\"modules-title\"><h2 id=\"modules-title\">").Append(E(c.T("Besoins par module", "Needs by module"))).Append("</h2>");
        Table(body, c, "table-modules", c.T("Besoins, sessions, heures et coût par module", "Needs, sessions, hours and cost by module"),
            [(c.T("Module", "Module"), false), (c.T("Parcours", "Track"), false), (c.T("Modalités", "Delivery modes"), false), (c.T("Agents à former", "People to train"), true), (c.T("Recyclages", "Refreshes"), true), (c.T("Sessions", "Sessions"), true), (c.T("Heures stagiaires", "Learner hours"), true), (c.T("Coût estimé", "Estimated cost"), true)],
            plan.Modules.Select((m, i) => new TableRow(m.ModuleId, $"{m.ModuleId} — {m.Module.Title.Get(c.Language)}",
            [
                (ReportText.Of(m.Module.Track).Get(c.Language), null, false),
                (string.Join(", ", m.Module.DeliveryModes.Select(d => ReportText.Of(d).Get(c.Language))), null, false),
                (c.N(m.PeopleToTrain), m.PeopleToTrain, true),
                (c.N(m.Refreshes), m.Refreshes, true),
                (c.N(m.Sessions + m.RefreshSessions), m.Sessions + m.RefreshSessions, true),
                (c.N(m.PersonHours + m.RefreshPersonHours), m.PersonHours + m.RefreshPersonHours, true),
                (c.Money(budget.Modules[i].Cost, budget.Currency), budget.Modules[i].Cost, true),
            ])),
            null);
        body.Append("</section>");

        body.Append("<section class=\"panel\" aria-labelledby=\"roles-title\"><h2 id=\"roles-title\">").Append(E(c.T("Élus et encadrants", "Elected officials and managers"))).Append("</h2>");
        Table(body, c, "table-roles", c.T("Élus et encadrants formés", "Elected officials and managers trained"),
            [(c.T("Public", "Audience"), false), (c.T("En poste", "Active"), true), (c.T("Formés", "Trained"), true), (c.T("Part formée", "Share trained"), true)],
            [
                Row("elected", c.T("Élus", "Elected officials"), (c.N(plan.ElectedCoverage.Active), plan.ElectedCoverage.Active), (c.N(plan.ElectedCoverage.Trained), plan.ElectedCoverage.Trained), (c.P(plan.ElectedCoverage.Share), plan.ElectedCoverage.Share)),
                Row("manager", c.T("Encadrants", "Managers"), (c.N(plan.ManagerCoverage.Active), plan.ManagerCoverage.Active), (c.N(plan.ManagerCoverage.Trained), plan.ManagerCoverage.Trained), (c.P(plan.ManagerCoverage.Share), plan.ManagerCoverage.Share)),
            ],
            null);
        Downloads(body, c, "training-plan", [("xlsx", "Excel"), ("csv", "CSV"), ("json", "JSON")]);
        body.Append("</section>");
        return body.ToString();
    }

    public static string Referents(DashboardContext c, TrainingPlanReport report)
    {
        var coverage = report.Plan.ReferentCoverage;
        var body = new StringBuilder(16 * 1024);
        var covered = coverage.Count(r => r.IsCovered);
        body.Append("<dl class=\"kpis\">");
        Kpi(body, "covered", c.T("Directions couvertes", "Directorates covered"), $"{c.N(covered)} / {c.N(coverage.Count)}", covered);
        Kpi(body, "referents", c.T("Référents IA en poste", "Active AI referents"), c.N(coverage.Sum(r => r.ActiveReferents)), coverage.Sum(r => r.ActiveReferents));
        Kpi(body, "trained", c.T("Référents formés", "Referents trained"), c.N(coverage.Sum(r => r.TrainedReferents)), coverage.Sum(r => r.TrainedReferents));
        Kpi(body, "shortfall", c.T("Référents à désigner", "Referents to appoint"), c.N(coverage.Sum(r => r.Shortfall)), coverage.Sum(r => r.Shortfall));
        body.Append("</dl>");
        var bars = coverage.Select(r => new ChartItem(r.DirectorateId, r.Name, r.ActiveReferents,
            c.T($"{r.ActiveReferents} / cible {r.Target}", $"{r.ActiveReferents} / target {r.Target}"), r.IsCovered ? ChartColors.Success : ChartColors.Error, r.Target)).ToList();
        body.Append("<section class=\"panel\" aria-labelledby=\"referents-title\"><h2 id=\"referents-title\">").Append(E(c.T("Référents IA par direction", "AI referents per directorate"))).Append("</h2>")
            .Append("<div class=\"chart-and-table\"><figure><figcaption>").Append(E(c.T("Référents en poste ; le trait marque la cible", "Active referents; the mark shows the target"))).Append("</figcaption>")
            .Append(SvgCharts.HorizontalBars(
                "chart-referents",
                c.T("Référents IA par direction, face à la cible", "AI referents per directorate against the target"),
                c.T($"{covered} directions sur {coverage.Count} atteignent leur cible de référents. Le tableau donne le détail.", $"{covered} of {coverage.Count} directorates reach their referent target. The table gives the detail."),
                bars))
            .Append("</figure>");
        Table(body, c, "table-referents", c.T("Référents IA par direction (tableau)", "AI referents per directorate (table)"),
            [(c.T("Direction", "Directorate"), false), (c.T("Agents en poste", "Active agents"), true), (c.T("Référents", "Referents"), true), (c.T("Formés", "Trained"), true), (c.T("Cible", "Target"), true), (c.T("Situation", "Status"), false)],
            coverage.Select(r => new TableRow(r.DirectorateId, r.Name,
            [
                (c.N(r.ActiveAgents), r.ActiveAgents, true),
                (c.N(r.ActiveReferents), r.ActiveReferents, true),
                (c.N(r.TrainedReferents), r.TrainedReferents, true),
                (c.N(r.Target), r.Target, true),
                (r.IsCovered ? c.T("couverte", "covered") : c.T($"manque {r.Shortfall}", $"{r.Shortfall} short"), null, false),
            ])),
            null);
        body.Append("</div></section>");
        return body.ToString();
    }

    /// <summary>The page around a body: header with the authority's name, tabs, language switch, sign-out, filters.</summary>
    public static string Layout(DashboardContext c, ReportSnapshot? snapshot, string title, string body, string? error = null)
    {
        var html = new StringBuilder(body.Length + 8192);
        var organization = snapshot?.Organization.Name ?? string.Empty;
        html.Append("<!DOCTYPE html><html lang=\"").Append(c.Language).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">")
            .Append("<title>").Append(E(title)).Append(" — ").Append(E(c.T("Tableau de bord IA", "AI dashboard"))).Append(organization.Length > 0 ? " — " + E(organization) : string.Empty).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(E(c.PathBase + DashboardRoutes.Stylesheet)).Append("\"></head><body>")
            .Append("<a class=\"skip\" href=\"#main\">").Append(E(c.T("Aller au contenu", "Skip to content"))).Append("</a>")
            .Append("<header class=\"top\"><div class=\"brand\"><span class=\"org\">").Append(E(organization)).Append("</span><span class=\"app\">")
            .Append(E(c.T("Tableau de bord de la formation à l'IA", "AI training dashboard"))).Append("</span></div><div class=\"top-actions\">")
            .Append(c.English
                ? "<a href=\"" + E(c.Link(c.Path, "fr")) + "\" lang=\"fr\" hreflang=\"fr\">Français</a>"
                : "<a href=\"" + E(c.Link(c.Path, "en")) + "\" lang=\"en\" hreflang=\"en\">English</a>")
            .Append("<form method=\"post\" action=\"").Append(E(c.PathBase + DashboardRoutes.SignOut)).Append("\"><button type=\"submit\" class=\"secondary\">")
            .Append(E(c.T("Se déconnecter", "Sign out"))).Append("</button></form></div></header>")
            .Append("<nav class=\"tabs\" aria-label=\"").Append(E(c.T("Pages du tableau de bord", "Dashboard pages"))).Append("\"><ul>");
        foreach (var (route, fr, en) in Tabs)
        {
            html.Append("<li><a href=\"").Append(E(c.Link(route))).Append('"').Append(route == c.Path ? " aria-current=\"page\"" : string.Empty).Append('>').Append(E(c.T(fr, en))).Append("</a></li>");
        }

        html.Append("</ul></nav><main id=\"main\" tabindex=\"-1\"><h1>").Append(E(title)).Append("</h1>");
        if (snapshot is not null)
        {
            html.Append("<p class=\"asof\">").Append(E(c.T("Situation au ", "Status as of "))).Append("<time datetime=\"").Append(snapshot.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append("\">")
                .Append(E(c.Date(snapshot.AsOf))).Append("</time>").Append(E(c.T(" · chiffres calculés à ", " · figures computed at ")))
                .Append(E(snapshot.GeneratedAt.ToUniversalTime().ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))).Append(" UTC</p>");
            Filters(html, c, snapshot);
        }

        if (error is not null)
        {
            html.Append("<div class=\"alert\" role=\"alert\">").Append(E(error)).Append("</div>");
        }

        html.Append(body).Append("</main><footer class=\"bottom\">")
            .Append(E(c.T("AI Literacy SDK — formation à l'IA et gouvernance de son usage (AI Act, article 4).", "AI Literacy SDK — AI training and governance of its use (AI Act, article 4).")))
            .Append("</footer></body></html>");
        return html.ToString();
    }

    /// <summary>The sign-in page: the Entra ID button when on, the API-key form, the development key button in Development.</summary>
    /// <param name="c">The page context.</param>
    /// <param name="returnUrl">The local page to go back to.</param>
    /// <param name="error">The error to show, if any.</param>
    /// <param name="developmentKeyAvailable">Whether the development key button is shown.</param>
    /// <param name="entraAvailable">Whether sign-in with Microsoft Entra ID is on.</param>
    /// <param name="apiKeyError">Whether <paramref name="error"/> is about the API key typed in (the field is marked invalid).</param>
    public static string SignIn(DashboardContext c, string? returnUrl, string? error, bool developmentKeyAvailable, bool entraAvailable, bool apiKeyError)
    {
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html><html lang=\"").Append(c.Language).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">")
            .Append("<title>").Append(E(c.T("Connexion — Tableau de bord IA", "Sign in — AI dashboard"))).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(E(c.PathBase + DashboardRoutes.Stylesheet)).Append("\"></head><body>")
            .Append("<header class=\"top\"><div class=\"brand\"><span class=\"org\">").Append(E(c.T("Tableau de bord de la formation à l'IA", "AI training dashboard"))).Append("</span></div>")
            .Append("<div class=\"top-actions\">")
            .Append(c.English
                ? "<a href=\"" + E(SignInLink(c, returnUrl, "fr")) + "\" lang=\"fr\" hreflang=\"fr\">Français</a>"
                : "<a href=\"" + E(SignInLink(c, returnUrl, "en")) + "\" lang=\"en\" hreflang=\"en\">English</a>")
            .Append("</div></header><main id=\"main\"><div class=\"signin\"><h1>").Append(E(c.T("Connexion", "Sign in"))).Append("</h1>");
        if (error is not null)
        {
            html.Append("<div class=\"alert\" role=\"alert\" id=\"signin-error\">").Append(E(error)).Append("</div>");
        }

        if (entraAvailable)
        {
            var entraLink = c.PathBase + DashboardRoutes.EntraSignIn + "?lang=" + c.Language + (string.IsNullOrEmpty(returnUrl) ? string.Empty : "&returnUrl=" + Uri.EscapeDataString(returnUrl));
            html.Append("<p>").Append(E(c.T(
                    "Avec votre compte professionnel Microsoft 365 : l'accès dépend du rôle que votre administrateur vous a attribué.",
                    "With your Microsoft 365 work account: access depends on the role your administrator assigned you."))).Append("</p>")
                .Append("<a class=\"button\" id=\"entra-sign-in\" href=\"").Append(E(entraLink)).Append("\">")
                .Append(E(c.T("Se connecter avec Microsoft Entra ID", "Sign in with Microsoft Entra ID"))).Append("</a>")
                .Append("<h2 class=\"or\">").Append(E(c.T("Ou avec une clé d'API", "Or with an API key"))).Append("</h2>");
        }

        html.Append("<p>").Append(E(c.T(
                "Saisissez une clé d'API de votre collectivité (rôle lecture au moins). Elle est conservée chiffrée dans un cookie de session réservé à ce site.",
                "Enter an API key of your authority (read role at least). It is kept encrypted in a session cookie reserved to this site."))).Append("</p>");

        html.Append("<form method=\"post\" action=\"").Append(E(c.PathBase + DashboardRoutes.SignIn)).Append("\">")
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(E(returnUrl ?? string.Empty)).Append("\">")
            .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(c.Language).Append("\">")
            .Append("<label for=\"apiKey\">").Append(E(c.T("Clé d'API", "API key"))).Append("</label>")
            .Append("<input type=\"password\" id=\"apiKey\" name=\"apiKey\" autocomplete=\"off\" required")
            .Append(error is not null && apiKeyError ? " aria-describedby=\"signin-error\" aria-invalid=\"true\"" : string.Empty).Append('>')
            .Append("<button type=\"submit\">").Append(E(c.T("Se connecter", "Sign in"))).Append("</button></form>");
        if (developmentKeyAvailable)
        {
            html.Append("<p class=\"or\">").Append(E(c.T("Environnement de développement :", "Development environment:"))).Append("</p>")
                .Append("<form method=\"post\" action=\"").Append(E(c.PathBase + DashboardRoutes.SignIn)).Append("\">")
                .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(E(returnUrl ?? string.Empty)).Append("\">")
                .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(c.Language).Append("\">")
                .Append("<input type=\"hidden\" name=\"developmentKey\" value=\"1\">")
                .Append("<button type=\"submit\" class=\"secondary\">").Append(E(c.T("Se connecter avec la clé de développement", "Sign in with the development key"))).Append("</button></form>");
        }

        html.Append("</div></main></body></html>");
        return html.ToString();
    }

    /// <summary>
    /// The page answering a successful Entra ID sign-in: it moves on to <paramref name="target"/> (a local URL) by itself,
    /// so that the browser sends the new SameSite=Strict session cookie; a link does the same without refresh.
    /// </summary>
    public static string Continue(DashboardContext c, string target)
    {
        var html = new StringBuilder(1024);
        html.Append("<!DOCTYPE html><html lang=\"").Append(c.Language).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">")
            .Append("<meta http-equiv=\"refresh\" content=\"0;url=").Append(E(target)).Append("\">")
            .Append("<title>").Append(E(c.T("Connexion réussie — Tableau de bord IA", "Signed in — AI dashboard"))).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(E(c.PathBase + DashboardRoutes.Stylesheet)).Append("\"></head><body>")
            .Append("<main id=\"main\"><div class=\"signin\"><h1>").Append(E(c.T("Connexion réussie", "Signed in"))).Append("</h1>")
            .Append("<p><a href=\"").Append(E(target)).Append("\">").Append(E(c.T("Continuer vers le tableau de bord", "Continue to the dashboard"))).Append("</a></p>")
            .Append("</div></main></body></html>");
        return html.ToString();
    }

    private static string SignInLink(DashboardContext c, string? returnUrl, string language) =>
        c.PathBase + DashboardRoutes.SignIn + "?lang=" + language + (string.IsNullOrEmpty(returnUrl) ? string.Empty : "&returnUrl=" + Uri.EscapeDataString(returnUrl));

    private static void Filters(StringBuilder html, DashboardContext c, ReportSnapshot snapshot)
    {
        html.Append("<form class=\"filters\" method=\"get\" action=\"").Append(E(c.PathBase + c.Path)).Append("\" aria-label=\"").Append(E(c.T("Filtres", "Filters"))).Append("\">")
            .Append("<div><label for=\"f-org\">").Append(E(c.T("Unité", "Org unit"))).Append("</label><select id=\"f-org\" name=\"orgUnitId\">")
            .Append("<option value=\"\">").Append(E(c.T("Toute la collectivité", "Whole authority"))).Append("</option>");
        var units = snapshot.Organization.OrgUnits.OrderBy(u => snapshot.Tree.OrderOf(u.Id)).ThenBy(u => u.Id, StringComparer.Ordinal).ToList();
        var parents = units.ToDictionary(u => u.Id, u => u.ParentId, StringComparer.Ordinal);
        foreach (var unit in units)
        {
            var depth = 0;
            for (var parent = unit.ParentId; parent is not null && depth < 8 && parents.TryGetValue(parent, out var next); parent = next)
            {
                depth++;
            }

            html.Append("<option value=\"").Append(E(unit.Id)).Append('"').Append(unit.Id == c.Filter.OrgUnitId ? " selected" : string.Empty).Append('>')
                .Append(new string('\u00a0', depth * 3)).Append(E(unit.Name)).Append("</option>");
        }

        html.Append("</select></div><div><label for=\"f-family\">").Append(E(c.T("Famille de métiers", "Job family"))).Append("</label><select id=\"f-family\" name=\"jobFamilyId\">")
            .Append("<option value=\"\">").Append(E(c.T("Toutes les familles", "All job families"))).Append("</option>");
        foreach (var family in snapshot.Definitions.Set.JobFamilies.JobFamilies)
        {
            html.Append("<option value=\"").Append(E(family.Id)).Append('"').Append(family.Id == c.Filter.JobFamilyId ? " selected" : string.Empty).Append('>')
                .Append(E(family.Title.Get(c.Language))).Append("</option>");
        }

        html.Append("</select></div>");
        if (c.English)
        {
            html.Append("<input type=\"hidden\" name=\"lang\" value=\"en\">");
        }

        html.Append("<div class=\"filter-actions\"><button type=\"submit\">").Append(E(c.T("Filtrer", "Filter"))).Append("</button>");
        if (!c.Filter.IsEmpty)
        {
            html.Append("<a href=\"").Append(E(c.PathBase + c.Path)).Append("\">").Append(E(c.T("Réinitialiser", "Reset"))).Append("</a>");
        }

        html.Append("</div></form>");
    }

    private static void Kpi(StringBuilder html, string key, string label, string text, decimal value, string? detail = null)
    {
        html.Append("<div><dt>").Append(E(label)).Append("</dt><dd data-kpi=\"").Append(E(key)).Append("\" data-value=\"")
            .Append(value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\">").Append(E(text));
        if (detail is not null)
        {
            html.Append(" <small>").Append(E(detail)).Append("</small>");
        }

        html.Append("</dd></div>");
    }

    private static void Downloads(StringBuilder html, DashboardContext c, string report, IReadOnlyList<(string Format, string Label)> formats)
    {
        html.Append("<ul class=\"downloads\" aria-label=\"").Append(E(c.T("Téléchargements", "Downloads"))).Append("\">");
        foreach (var (format, label) in formats)
        {
            var extra = new List<KeyValuePair<string, string>> { new("format", format) };
            if (c.English)
            {
                extra.Add(new("lang", "en"));
            }

            html.Append("<li><a href=\"").Append(E(c.Link(DashboardRoutes.Exports + "/" + report, extra: extra))).Append("\" data-export=\"").Append(E(report + "." + format)).Append("\">")
                .Append(E(c.T("Télécharger", "Download"))).Append(' ').Append(E(label)).Append("</a></li>");
        }

        html.Append("</ul>");
    }

    private sealed record TableRow(string Id, string Header, IReadOnlyList<(string Text, decimal? Value, bool Numeric)> Cells);

    private static TableRow Row(string id, string header, params (string Text, decimal? Value)[] numbers) =>
        new(id, header, [.. numbers.Select(n => (n.Text, n.Value, true))]);

    private static void Table(StringBuilder html, DashboardContext c, string id, string caption, IReadOnlyList<(string Header, bool Numeric)> columns, IEnumerable<TableRow> rows, TableRow? total)
    {
        html.Append("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"").Append(E(id)).Append("-caption\"><table id=\"").Append(E(id)).Append("\">")
            .Append("<caption id=\"").Append(E(id)).Append("-caption\">").Append(E(caption)).Append("</caption><thead><tr>");
        foreach (var (header, numeric) in columns)
        {
            html.Append("<th scope=\"col\"").Append(numeric ? " class=\"num\"" : string.Empty).Append('>').Append(E(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            TableLine(html, row);
        }

        if (!any)
        {
            html.Append("<tr><td colspan=\"").Append(columns.Count).Append("\">").Append(E(c.T("Aucune donnée pour cette sélection.", "No data for this selection."))).Append("</td></tr>");
        }

        html.Append("</tbody>");
        if (total is not null)
        {
            html.Append("<tfoot>");
            TableLine(html, total);
            html.Append("</tfoot>");
        }

        html.Append("</table></div>");
    }

    private static void TableLine(StringBuilder html, TableRow row)
    {
        html.Append("<tr data-id=\"").Append(E(row.Id)).Append("\"><th scope=\"row\">").Append(E(row.Header)).Append("</th>");
        foreach (var (text, value, numeric) in row.Cells)
        {
            html.Append("<td").Append(numeric ? " class=\"num\"" : string.Empty);
            if (value is { } number)
            {
                html.Append(" data-value=\"").Append(number.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('"');
            }

            html.Append('>').Append(E(text)).Append("</td>");
        }

        html.Append("</tr>");
    }

    private static string E(string? text) => Html.Encode(text);
}
