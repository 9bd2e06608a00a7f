using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Reports.Export;

/// <summary>Lays the reports out as tables with French and English headers, ready for the CSV, XLSX and HTML exporters.</summary>
public static class ReportDocuments
{
    /// <summary>The training plan: summary, modules (with cost), quarters, needs per org unit × job family × module, roll-ups, referents, elected and managers.</summary>
    /// <param name="report">The plan report.</param>
    /// <param name="language"><c>fr</c> (default) or <c>en</c>, for values such as tracks and delivery modes.</param>
    /// <returns>The document; its default table is <c>needs</c>.</returns>
    public static ReportDocument TrainingPlan(TrainingPlanReport report, string language = "fr")
    {
        ArgumentNullException.ThrowIfNull(report);
        var lang = ReportText.Normalize(language);
        var plan = report.Plan;
        var budget = report.Budget;
        var labels = report.Labels;
        var summary = new ReportTable(
            "summary",
            new("Synthèse", "Summary"),
            [C("indicator", "Indicateur", "Indicator"), C("value", "Valeur", "Value")],
            [
                [T(lang, "Collectivité", "Authority"), report.OrganizationName],
                [T(lang, "Date du plan", "Plan date"), plan.AsOf],
                [T(lang, "Unité (filtre)", "Org unit (filter)"), FilterUnit(report.Filter, labels, lang)],
                [T(lang, "Famille de métiers (filtre)", "Job family (filter)"), FilterFamily(report.Filter, labels, lang)],
                [T(lang, "Agents en poste", "Active agents"), plan.ActiveAgents],
                [T(lang, "Agents à former", "People to train"), plan.PeopleToTrain],
                [T(lang, "Besoins (agent × module)", "Needs (agent × module)"), plan.HeadCount],
                [T(lang, "Recyclages à prévoir", "Refreshes due"), plan.Refreshes],
                [T(lang, "Taille des groupes", "Group size"), plan.GroupSize],
                [T(lang, "Sessions (besoins)", "Sessions (needs)"), plan.Sessions],
                [T(lang, "Sessions (recyclages)", "Sessions (refreshes)"), plan.RefreshSessions],
                [T(lang, "Heures stagiaires (besoins)", "Learner hours (needs)"), plan.PersonHours],
                [T(lang, "Heures formateur (besoins)", "Trainer hours (needs)"), plan.TrainerHours],
                [T(lang, $"Coût estimé ({budget.Currency})", $"Estimated cost ({budget.Currency})"), budget.IsPriced ? budget.TotalCost : T(lang, "non chiffré (coûts non paramétrés)", "not priced (no rates configured)")],
                [T(lang, "Élus formés", "Elected officials trained"), $"{plan.ElectedCoverage.Trained} / {plan.ElectedCoverage.Active}"],
                [T(lang, "Encadrants formés", "Managers trained"), $"{plan.ManagerCoverage.Trained} / {plan.ManagerCoverage.Active}"],
                [T(lang, "Directions sans référent IA suffisant", "Directorates short of AI referents"), plan.ReferentCoverage.Count(r => !r.IsCovered)],
            ]);

        var modules = new ReportTable(
            "modules",
            new("Modules", "Modules"),
            [
                C("module_id", "Module", "Module"), C("title", "Intitulé", "Title"), C("track", "Parcours", "Track"),
                C("delivery_mode", "Modalité", "Delivery mode"), C("people_to_train", "Agents à former", "People to train", ReportColumnKind.Integer),
                C("missing", "Non suivi", "Missing", ReportColumnKind.Integer), C("expired", "Expiré", "Expired", ReportColumnKind.Integer),
                C("failed", "Échoué", "Failed", ReportColumnKind.Integer), C("blocked", "Bloqué", "Blocked", ReportColumnKind.Integer),
                C("refreshes", "Recyclages", "Refreshes", ReportColumnKind.Integer), C("group_size", "Taille des groupes", "Group size", ReportColumnKind.Integer),
                C("sessions", "Sessions", "Sessions", ReportColumnKind.Integer), C("refresh_sessions", "Sessions de recyclage", "Refresh sessions", ReportColumnKind.Integer),
                C("person_hours", "Heures stagiaires", "Learner hours", ReportColumnKind.Decimal), C("trainer_hours", "Heures formateur", "Trainer hours", ReportColumnKind.Decimal),
                C("cost", "Coût estimé", "Estimated cost", ReportColumnKind.Money),
            ],
            plan.Modules.Select((m, i) => new object?[]
            {
                m.ModuleId, m.Module.Title.Get(lang), ReportText.Of(m.Module.Track).Get(lang),
                m.DeliveryMode is { } mode ? ReportText.Of(mode).Get(lang) : null, m.PeopleToTrain,
                m.Missing, m.Expired, m.Failed, m.Blocked, m.Refreshes, m.GroupSize, m.Sessions, m.RefreshSessions,
                m.PersonHours + m.RefreshPersonHours, m.TrainerHours + m.RefreshTrainerHours, budget.Modules[i].Cost,
            }));

        var quarters = new ReportTable(
            "quarters",
            new("Trimestres", "Quarters"),
            [
                C("quarter", "Trimestre", "Quarter"), C("start", "Début", "Start", ReportColumnKind.Date), C("end", "Fin", "End", ReportColumnKind.Date),
                C("learners", "Stagiaires", "Learners", ReportColumnKind.Integer), C("sessions", "Sessions", "Sessions", ReportColumnKind.Integer),
                C("person_hours", "Heures stagiaires", "Learner hours", ReportColumnKind.Decimal), C("trainer_hours", "Heures formateur", "Trainer hours", ReportColumnKind.Decimal),
                C("cost", "Coût estimé", "Estimated cost", ReportColumnKind.Money),
            ],
            budget.Quarters.Select(q => new object?[] { q.Label.Get(lang), q.Start, q.End, q.Learners, q.Sessions, q.PersonHours, q.TrainerHours, q.Cost }));

        var needs = new ReportTable(
            "needs",
            new("Besoins", "Needs"),
            [
                C("directorate_id", "Direction (code)", "Directorate id"), C("directorate", "Direction", "Directorate"),
                C("org_unit_id", "Unité (code)", "Org unit id"), C("org_unit", "Unité", "Org unit"),
                C("job_family_id", "Famille de métiers (code)", "Job family id"), C("job_family", "Famille de métiers", "Job family"),
                C("module_id", "Module", "Module"), C("module", "Intitulé", "Title"),
                C("people_to_train", "Agents à former", "People to train", ReportColumnKind.Integer),
                C("refreshes", "Recyclages", "Refreshes", ReportColumnKind.Integer),
                C("person_hours", "Heures stagiaires", "Learner hours", ReportColumnKind.Decimal),
            ],
            plan.Lines.Select(l => new object?[]
            {
                l.DirectorateId, labels.OrgUnit(l.DirectorateId), l.OrgUnitId, labels.OrgUnit(l.OrgUnitId),
                l.JobFamilyId, labels.JobFamily(l.JobFamilyId, lang), l.ModuleId, labels.Module(l.ModuleId, lang),
                l.PeopleToTrain, l.Refreshes, l.PersonHours,
            }));

        var referents = new ReportTable(
            "referents",
            new("Référents IA", "AI referents"),
            [
                C("directorate_id", "Direction (code)", "Directorate id"), C("directorate", "Direction", "Directorate"),
                C("active_agents", "Agents en poste", "Active agents", ReportColumnKind.Integer),
                C("referents", "Référents", "Referents", ReportColumnKind.Integer),
                C("trained_referents", "Référents formés", "Trained referents", ReportColumnKind.Integer),
                C("target", "Cible", "Target", ReportColumnKind.Integer), C("shortfall", "Manque", "Shortfall", ReportColumnKind.Integer),
                C("covered", "Couvert", "Covered"),
            ],
            plan.ReferentCoverage.Select(r => new object?[]
            {
                r.DirectorateId, r.Name, r.ActiveAgents, r.ActiveReferents, r.TrainedReferents, r.Target, r.Shortfall, ReportText.YesNo(r.IsCovered, lang),
            }));

        var roles = new ReportTable(
            "roles",
            new("Élus et encadrants", "Elected and managers"),
            [
                C("role", "Rôle", "Role"), C("active", "En poste", "Active", ReportColumnKind.Integer),
                C("trained", "Formés", "Trained", ReportColumnKind.Integer), C("share", "Part formée", "Share trained", ReportColumnKind.Percent),
            ],
            [
                [T(lang, "Élus", "Elected officials"), plan.ElectedCoverage.Active, plan.ElectedCoverage.Trained, plan.ElectedCoverage.Share],
                [T(lang, "Encadrants", "Managers"), plan.ManagerCoverage.Active, plan.ManagerCoverage.Trained, plan.ManagerCoverage.Share],
            ]);

        return new ReportDocument(
            "training-plan",
            new("Plan de formation à l'IA", "AI training plan"),
            report.OrganizationName,
            plan.AsOf,
            budget.Currency,
            [
                summary, modules, quarters, needs,
                PlanGroups("directorates", new("Directions", "Directorates"), plan.Directorates, labels, lang),
                PlanGroups("org-units", new("Unités", "Org units"), plan.OrgUnits, labels, lang),
                PlanGroups("job-families", new("Familles de métiers", "Job families"), plan.JobFamilies, labels, lang, families: true),
                referents, roles,
            ],
            defaultTable: "needs");
    }

    /// <summary>
    /// The AI Act article 4 literacy register: summary, AI systems in use, measures per person (one row per measure),
    /// people, coverage per directorate and org unit, gaps and refreshes due.
    /// </summary>
    /// <param name="report">The register report.</param>
    /// <param name="language"><c>fr</c> (default) or <c>en</c>.</param>
    /// <returns>The document; its default table is <c>measures</c>.</returns>
    public static ReportDocument LiteracyRegister(LiteracyRegisterReport report, string language = "fr")
    {
        ArgumentNullException.ThrowIfNull(report);
        var lang = ReportText.Normalize(language);
        var register = report.Register;
        var labels = report.Labels;
        var names = new Dictionary<string, string?>(register.People.Count, StringComparer.Ordinal);
        foreach (var person in register.People)
        {
            names.TryAdd(person.EmployeeNumber, person.DisplayName);
        }

        var summary = new ReportTable(
            "summary",
            new("Synthèse", "Summary"),
            [C("indicator", "Indicateur", "Indicator"), C("value", "Valeur", "Value")],
            [
                [T(lang, "Collectivité", "Authority"), register.OrganizationName],
                [T(lang, "Identifiant", "Identifier"), register.OrganizationId],
                [T(lang, "Date du registre", "Register date"), register.AsOf],
                [T(lang, "Données lues le", "Data read at"), Timestamp(report.GeneratedAt, lang)],
                [T(lang, "Unité (filtre)", "Org unit (filter)"), FilterUnit(report.Filter, labels, lang)],
                [T(lang, "Famille de métiers (filtre)", "Job family (filter)"), FilterFamily(report.Filter, labels, lang)],
                [T(lang, "Version du référentiel de formation", "Curriculum version"), register.CurriculumVersion],
                [T(lang, "Version de la charte IA", "AI charter version"), register.CharterVersion],
                [T(lang, "Systèmes d'IA en usage", "AI systems in use"), register.AiSystems.Count],
                [T(lang, "Personnes inscrites au registre", "People in the register"), register.People.Count],
                [T(lang, "dont parties de la collectivité", "of whom left the authority"), register.People.Count(p => p.HasLeft)],
                [T(lang, "Mesures de formation enregistrées", "Training measures recorded"), register.People.Sum(p => p.Measures.Count)],
                [T(lang, "Agents en poste", "Active agents"), register.Total.ActiveAgents],
                [T(lang, "Agents habilités", "Agents cleared"), register.Total.Cleared],
                [T(lang, "Part d'agents habilités", "Share of agents cleared"), Percent(register.Total.ClearedShare, lang)],
                [T(lang, "Tronc commun à jour", "Common core done"), register.Total.CommonCoreDone],
                [T(lang, "Écarts (modules manquants, échoués ou bloqués)", "Gaps (modules missing, failed or blocked)"), register.Gaps.Count],
                [T(lang, "Recyclages dus (expirés ou expirant bientôt)", "Refreshes due (expired or expiring soon)"), register.RefreshesDue.Count],
            ]);

        var systems = new ReportTable(
            "ai-systems",
            new("Systèmes d'IA", "AI systems"),
            [
                C("tool_id", "Outil (code)", "Tool id"), C("name", "Nom", "Name"), C("vendor", "Éditeur", "Vendor"),
                C("hosting", "Hébergement", "Hosting"), C("gdpr_agreement", "Accord de traitement RGPD", "GDPR processing agreement"),
                C("trains_on_inputs", "Entraîné sur les saisies", "Trains on inputs"), C("status", "Statut", "Status"),
                C("max_data_class", "Données au plus", "Highest data class"), C("required_modules", "Modules requis", "Required modules"),
                C("cleared_agents", "Agents habilités", "Agents cleared", ReportColumnKind.Integer), C("example", "Exemple", "Example"),
            ],
            register.AiSystems.Select(s => new object?[]
            {
                s.ToolId, s.Tool.Name, s.Tool.Vendor, ReportText.Of(s.Tool.Hosting).Get(lang), ReportText.YesNo(s.Tool.GdprAgreement, lang),
                ReportText.YesNo(s.Tool.TrainsOnInputs, lang), ReportText.Of(s.Tool.Status).Get(lang), ReportText.Of(s.Tool.MaxDataClass).Get(lang),
                string.Join(", ", s.Tool.RequiredModules), s.ClearedAgents, ReportText.YesNo(s.Tool.IsExample, lang),
            }));

        var measures = new ReportTable(
            "measures",
            new("Mesures", "Measures"),
            [
                C("employee_number", "Matricule", "Employee number"), C("name", "Nom", "Name"),
                C("org_unit_id", "Unité (code)", "Org unit id"), C("org_unit", "Unité", "Org unit"),
                C("job_family", "Famille de métiers", "Job family"), C("status", "Situation", "Status"),
                C("end_date", "Date de départ", "End date", ReportColumnKind.Date), C("cleared", "Habilité", "Cleared"),
                C("module_id", "Module", "Module"), C("module", "Intitulé", "Title"), C("track", "Parcours", "Track"),
                C("module_version", "Version", "Version", ReportColumnKind.Integer), C("date", "Date", "Date", ReportColumnKind.Date),
                C("delivery_mode", "Modalité", "Delivery mode"), C("outcome", "Résultat", "Outcome"),
                C("score", "Score", "Score", ReportColumnKind.Decimal), C("counts", "Valide", "Counts"),
                C("source", "Source", "Source"), C("evidence_url", "Justificatif", "Evidence"),
            ],
            Measures(register, labels, lang));

        var people = new ReportTable(
            "people",
            new("Personnes", "People"),
            [
                C("employee_number", "Matricule", "Employee number"), C("name", "Nom", "Name"),
                C("org_unit_id", "Unité (code)", "Org unit id"), C("org_unit", "Unité", "Org unit"),
                C("job_family", "Famille de métiers", "Job family"), C("roles", "Rôles", "Roles"), C("status", "Situation", "Status"),
                C("end_date", "Date de départ", "End date", ReportColumnKind.Date), C("cleared", "Habilité", "Cleared"),
                C("charter_version", "Charte acceptée (version)", "Charter acknowledged (version)", ReportColumnKind.Integer),
                C("measures", "Mesures", "Measures", ReportColumnKind.Integer), C("last_measure", "Dernière mesure", "Last measure", ReportColumnKind.Date),
            ],
            register.People.Select(p => new object?[]
            {
                p.EmployeeNumber, p.DisplayName, p.OrgUnitId, labels.OrgUnit(p.OrgUnitId), labels.JobFamily(p.JobFamilyId, lang) ?? p.JobFamilyId,
                ReportText.Of(p.Roles, lang), ReportText.Of(p.Status).Get(lang), p.EndDate, ReportText.YesNo(p.IsCleared, lang),
                p.AcknowledgedCharterVersion, p.Measures.Count, p.Measures.Count == 0 ? null : p.Measures[^1].Date,
            }));

        return new ReportDocument(
            "literacy-register",
            new("Registre des mesures de littératie en IA (AI Act, article 4)", "AI literacy register (AI Act, article 4)"),
            register.OrganizationName,
            register.AsOf,
            "EUR",
            [
                summary, systems, measures, people,
                Coverage("coverage-directorates", new("Couverture par direction", "Coverage by directorate"), register.CoverageByDirectorate, lang),
                Coverage("coverage-org-units", new("Couverture par unité", "Coverage by org unit"), register.CoverageByOrgUnit, lang),
                Gaps("gaps", new("Écarts", "Gaps"), register.Gaps, names, labels, lang),
                Gaps("refreshes", new("Recyclages dus", "Refreshes due"), register.RefreshesDue, names, labels, lang),
            ],
            defaultTable: "measures");
    }

    /// <summary>Clearance coverage by directorate, org unit and job family.</summary>
    /// <param name="summary">The coverage.</param>
    /// <param name="language"><c>fr</c> (default) or <c>en</c>.</param>
    /// <returns>The document; its default table is <c>directorates</c>.</returns>
    public static ReportDocument Coverage(CoverageSummary summary, string language = "fr")
    {
        ArgumentNullException.ThrowIfNull(summary);
        var lang = ReportText.Normalize(language);
        return new ReportDocument(
            "coverage",
            new("Couverture des habilitations IA", "AI clearance coverage"),
            summary.OrganizationName,
            summary.AsOf,
            "EUR",
            [
                CoverageRows("directorates", new("Directions", "Directorates"), [.. summary.ByDirectorate, summary.Total with { Name = T(lang, "Total", "Total") }], lang),
                CoverageRows("org-units", new("Unités", "Org units"), summary.ByOrgUnit, lang),
                CoverageRows("job-families", new("Familles de métiers", "Job families"), summary.ByJobFamily, lang),
            ],
            defaultTable: "directorates");
    }

    /// <summary>The modules expiring within the window: per module, and per agent.</summary>
    /// <param name="report">The report.</param>
    /// <param name="organizationName">The authority's name.</param>
    /// <param name="labels">Names of org units and modules.</param>
    /// <param name="language"><c>fr</c> (default) or <c>en</c>.</param>
    /// <returns>The document; its default table is <c>agents</c>.</returns>
    public static ReportDocument ExpiringModules(ExpiringModulesReport report, string organizationName, ReportLabels labels, string language = "fr")
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(labels);
        var lang = ReportText.Normalize(language);
        var modules = new ReportTable(
            "modules",
            new("Modules", "Modules"),
            [
                C("module_id", "Module", "Module"), C("title", "Intitulé", "Title"), C("track", "Parcours", "Track"),
                C("agents", "Agents", "Agents", ReportColumnKind.Integer),
                C("first_expiry", "Première échéance", "First expiry", ReportColumnKind.Date),
                C("last_expiry", "Dernière échéance", "Last expiry", ReportColumnKind.Date),
            ],
            report.Modules.Select(m => new object?[] { m.ModuleId, m.Title.Get(lang), ReportText.Of(m.Track).Get(lang), m.Agents, m.FirstExpiry, m.LastExpiry }));
        var agents = new ReportTable(
            "agents",
            new("Agents", "Agents"),
            [
                C("employee_number", "Matricule", "Employee number"), C("name", "Nom", "Name"),
                C("org_unit_id", "Unité (code)", "Org unit id"), C("org_unit", "Unité", "Org unit"),
                C("module_id", "Module", "Module"), C("module", "Intitulé", "Title"),
                C("expires_on", "Expire le", "Expires on", ReportColumnKind.Date),
            ],
            report.Items.Select(i => new object?[]
            {
                i.EmployeeNumber, i.DisplayName, i.OrgUnitId, labels.OrgUnit(i.OrgUnitId), i.ModuleId, labels.Module(i.ModuleId, lang), i.ExpiresOn,
            }));
        return new ReportDocument(
            "expiring-modules",
            new($"Modules expirant dans les {report.WindowDays} jours", $"Modules expiring within {report.WindowDays} days"),
            organizationName,
            report.AsOf,
            "EUR",
            [agents, modules],
            defaultTable: "agents");
    }

    private static IEnumerable<object?[]> Measures(LiteracyRegister register, ReportLabels labels, string lang)
    {
        foreach (var person in register.People)
        {
            var unit = labels.OrgUnit(person.OrgUnitId);
            var family = labels.JobFamily(person.JobFamilyId, lang) ?? person.JobFamilyId;
            var status = ReportText.Of(person.Status).Get(lang);
            var cleared = ReportText.YesNo(person.IsCleared, lang);
            foreach (var m in person.Measures)
            {
                yield return
                [
                    person.EmployeeNumber, person.DisplayName, person.OrgUnitId, unit, family, status, person.EndDate, cleared,
                    m.ModuleId, m.ModuleTitle?.Get(lang), m.Track is { } track ? ReportText.Of(track).Get(lang) : null,
                    m.ModuleVersion, m.Date, m.DeliveryMode is { } mode ? ReportText.Of(mode).Get(lang) : null,
                    ReportText.Of(m.Outcome).Get(lang), m.Score, ReportText.YesNo(m.Counts, lang), ReportText.Of(m.Source).Get(lang), m.EvidenceUrl,
                ];
            }
        }
    }

    private static ReportTable Coverage(string key, LocalizedText title, IReadOnlyList<RegisterCoverage> rows, string lang) =>
        new(
            key,
            title,
            [
                C("id", "Code", "Id"), C("name", "Nom", "Name"), C("active_agents", "Agents en poste", "Active agents", ReportColumnKind.Integer),
                C("cleared", "Habilités", "Cleared", ReportColumnKind.Integer), C("cleared_share", "Part habilitée", "Share cleared", ReportColumnKind.Percent),
                C("common_core_done", "Tronc commun à jour", "Common core done", ReportColumnKind.Integer),
                C("common_core_share", "Part tronc commun", "Share common core", ReportColumnKind.Percent),
            ],
            rows.Select(r => new object?[] { r.Id, r.Name ?? ReportText.Unassigned(lang), r.ActiveAgents, r.Cleared, r.ClearedShare, r.CommonCoreDone, r.CommonCoreShare }));

    private static ReportTable CoverageRows(string key, LocalizedText title, IReadOnlyList<CoverageRow> rows, string lang) =>
        new(
            key,
            title,
            [
                C("id", "Code", "Id"), C("name", "Nom", "Name"), C("active_agents", "Agents en poste", "Active agents", ReportColumnKind.Integer),
                C("cleared", "Habilités", "Cleared", ReportColumnKind.Integer), C("cleared_share", "Part habilitée", "Share cleared", ReportColumnKind.Percent),
                C("refresh_due", "dont recyclage dû", "of which refresh due", ReportColumnKind.Integer),
                C("charter_pending", "Charte à accepter", "Charter to acknowledge", ReportColumnKind.Integer),
                C("training_incomplete", "Formation incomplète", "Training incomplete", ReportColumnKind.Integer),
                C("common_core_done", "Tronc commun à jour", "Common core done", ReportColumnKind.Integer),
                C("common_core_share", "Part tronc commun", "Share common core", ReportColumnKind.Percent),
            ],
            rows.Select(r => new object?[]
            {
                r.Id, r.Name ?? ReportText.Unassigned(lang), r.ActiveAgents, r.Cleared, r.ClearedShare, r.RefreshDue, r.CharterPending,
                r.TrainingIncomplete, r.CommonCoreDone, r.CommonCoreShare,
            }));

    private static ReportTable Gaps(string key, LocalizedText title, IReadOnlyList<RegisterGap> gaps, Dictionary<string, string?> names, ReportLabels labels, string lang) =>
        new(
            key,
            title,
            [
                C("employee_number", "Matricule", "Employee number"), C("name", "Nom", "Name"),
                C("org_unit_id", "Unité (code)", "Org unit id"), C("org_unit", "Unité", "Org unit"),
                C("module_id", "Module", "Module"), C("module", "Intitulé", "Title"), C("state", "État", "State"),
                C("due_date", "Échéance", "Due date", ReportColumnKind.Date), C("expires_on", "Expire le", "Expires on", ReportColumnKind.Date),
            ],
            gaps.Select(g => new object?[]
            {
                g.EmployeeNumber, names.GetValueOrDefault(g.EmployeeNumber), g.OrgUnitId, labels.OrgUnit(g.OrgUnitId),
                g.ModuleId, labels.Module(g.ModuleId, lang), ReportText.Of(g.State).Get(lang), g.DueDate, g.ExpiresOn,
            }));

    private static ReportTable PlanGroups(string key, LocalizedText title, IReadOnlyList<PlanGroup> groups, ReportLabels labels, string lang, bool families = false) =>
        new(
            key,
            title,
            [
                C("id", "Code", "Id"), C("name", "Nom", "Name"), C("active_agents", "Agents en poste", "Active agents", ReportColumnKind.Integer),
                C("people_to_train", "Agents à former", "People to train", ReportColumnKind.Integer),
                C("needs", "Besoins (agent × module)", "Needs (agent × module)", ReportColumnKind.Integer),
                C("refreshes", "Recyclages", "Refreshes", ReportColumnKind.Integer),
                C("person_hours", "Heures stagiaires", "Learner hours", ReportColumnKind.Decimal),
            ],
            groups.Select(g => new object?[]
            {
                g.Id, (families ? labels.JobFamily(g.Id, lang) : null) ?? g.Name ?? (g.Id is null ? ReportText.Unassigned(lang) : g.Id),
                g.ActiveAgents, g.PeopleToTrain, g.HeadCount, g.Refreshes, g.PersonHours,
            }));

    private static string? FilterUnit(ReportFilter filter, ReportLabels labels, string lang) =>
        filter.OrgUnitId is { } id ? $"{labels.OrgUnit(id) ?? id} ({id})" : T(lang, "toutes", "all");

    private static string? FilterFamily(ReportFilter filter, ReportLabels labels, string lang) =>
        filter.JobFamilyId is { } id ? $"{labels.JobFamily(id, lang) ?? id} ({id})" : T(lang, "toutes", "all");

    private static string Percent(decimal share, string lang) =>
        (share * 100).ToString("0.#", lang == "en" ? System.Globalization.CultureInfo.InvariantCulture : System.Globalization.CultureInfo.GetCultureInfo("fr-FR")) + " %";

    private static string Timestamp(DateTimeOffset at, string lang) =>
        at.ToUniversalTime().ToString(lang == "en" ? "yyyy-MM-dd HH:mm 'UTC'" : "dd/MM/yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string T(string lang, string fr, string en) => ReportText.Pick(lang, fr, en);

    private static ReportColumn C(string key, string fr, string en, ReportColumnKind kind = ReportColumnKind.Text) => new(key, new LocalizedText(fr, en), kind);
}
