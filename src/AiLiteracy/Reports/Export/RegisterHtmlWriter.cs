using System.Globalization;
using System.Text;
using AiLiteracy.Engines;

namespace AiLiteracy.Reports.Export;

/// <summary>
/// Writes the AI literacy register as a self-contained, dated HTML document with the authority's name, made to be
/// printed or saved as PDF from a browser for the DPO's file: A4 landscape pages, table headers repeated on each page,
/// no row split across pages, no script, no external resource. Sections: key figures, AI systems in use, coverage by
/// directorate, measures delivered per person, gaps and refreshes due per module, and a sign-off block.
/// </summary>
public static class RegisterHtmlWriter
{
    /// <summary>The media type written.</summary>
    public const string ContentType = "text/html; charset=utf-8";

    private const string Styles = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { font-family: "Marianne", "Segoe UI", Arial, sans-serif; color: #161616; background: #fff; margin: 0 auto; max-width: 1200px; padding: 24px; font-size: 13px; line-height: 1.4; }
        header.doc { border-bottom: 3px solid #000091; padding-bottom: 12px; margin-bottom: 20px; }
        header.doc .authority { font-size: 15px; font-weight: 700; margin: 0; }
        h1 { font-size: 22px; margin: 6px 0 4px; color: #000091; }
        h2 { font-size: 17px; margin: 28px 0 8px; color: #000091; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
        p.meta { margin: 2px 0; color: #3a3a3a; }
        p.note { color: #3a3a3a; font-size: 12px; }
        dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 8px; margin: 0; }
        dl.figures div { border: 1px solid #ccc; padding: 8px; border-radius: 4px; }
        dl.figures dt { font-size: 12px; color: #3a3a3a; }
        dl.figures dd { margin: 2px 0 0; font-size: 18px; font-weight: 700; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
        caption { text-align: left; font-weight: 700; padding: 4px 0; }
        th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; }
        thead th { background: #e3e3fd; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.person th { background: #f6f6f6; font-weight: 600; }
        .badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 11px; border: 1px solid #666; }
        .yes { border-color: #18753c; color: #18753c; }
        .no { border-color: #ce0500; color: #ce0500; }
        footer.doc { margin-top: 32px; border-top: 1px solid #ccc; padding-top: 12px; }
        .sign { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; margin-top: 16px; }
        .sign div { border: 1px solid #bbb; min-height: 90px; padding: 8px; }
        @page { size: A4 landscape; margin: 12mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10.5px; }
          h2 { break-after: avoid; }
          table { break-inside: auto; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; }
          section { break-inside: auto; }
          a { color: inherit; text-decoration: none; }
        }
        """;

    /// <summary>Writes the register.</summary>
    /// <param name="report">The register report.</param>
    /// <param name="writer">The destination.</param>
    /// <param name="language"><c>fr</c> (default) or <c>en</c>.</param>
    /// <param name="generatedAt">The time printed as the generation time; the report's own when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public static async Task WriteAsync(LiteracyRegisterReport report, TextWriter writer, string language = "fr", DateTimeOffset? generatedAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var lang = ReportText.Normalize(language);
        var culture = lang == "en" ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("fr-FR");
        var register = report.Register;
        var labels = report.Labels;
        var html = new StringBuilder(64 * 1024);
        string T(string fr, string en) => ReportText.Pick(lang, fr, en);
        string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", culture);
        string ShortDate(DateOnly? date) => date is { } d ? d.ToString(lang == "en" ? "yyyy-MM-dd" : "dd/MM/yyyy", CultureInfo.InvariantCulture) : string.Empty;
        string N(decimal value) => value.ToString("#,##0.##", culture);
        string P(decimal share) => (share * 100).ToString("0.#", culture) + "\u00a0%";
        async Task Flush()
        {
            await writer.WriteAsync(html, cancellationToken).ConfigureAwait(false);
            html.Clear();
        }

        var title = T("Registre des mesures de littératie en IA", "AI literacy register");
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append(" — ").Append(E(register.OrganizationName)).Append(" — ").Append(ShortDate(register.AsOf)).Append("</title>\n")
            .Append("<style>").Append(Styles).Append("</style>\n</head>\n<body>\n");

        html.Append("<header class=\"doc\">\n<p class=\"authority\">").Append(E(register.OrganizationName)).Append("</p>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n")
            .Append("<p class=\"meta\">").Append(E(T(
                "Article 4 du règlement (UE) 2024/1689 sur l'intelligence artificielle (AI Act) : mesures prises pour garantir un niveau suffisant de maîtrise de l'IA du personnel.",
                "Article 4 of Regulation (EU) 2024/1689 on artificial intelligence (AI Act): measures taken to ensure a sufficient level of AI literacy of staff."))).Append("</p>\n")
            .Append("<p class=\"meta\"><strong>").Append(E(T("Situation au", "Status as of"))).Append(" <time datetime=\"")
            .Append(register.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\">").Append(E(LongDate(register.AsOf))).Append("</time></strong>")
            .Append(" · ").Append(E(T("référentiel de formation", "curriculum"))).Append(' ').Append(E(register.CurriculumVersion))
            .Append(" · ").Append(E(T("charte IA version", "AI charter version"))).Append(' ').Append(register.CharterVersion).Append("</p>\n");
        if (!report.Filter.IsEmpty)
        {
            html.Append("<p class=\"meta\">").Append(E(T("Périmètre :", "Scope:"))).Append(' ');
            if (report.Filter.OrgUnitId is { } unit)
            {
                html.Append(E(T("unité ", "org unit "))).Append(E(labels.OrgUnit(unit) ?? unit)).Append(" (").Append(E(unit)).Append(')');
            }

            if (report.Filter.JobFamilyId is { } family)
            {
                html.Append(report.Filter.OrgUnitId is null ? string.Empty : ", ").Append(E(T("famille de métiers ", "job family "))).Append(E(labels.JobFamily(family, lang) ?? family));
            }

            html.Append("</p>\n");
        }

        html.Append("</header>\n<main>\n");

        // Key figures.
        var measuresCount = register.People.Sum(p => p.Measures.Count);
        html.Append("<section aria-labelledby=\"s-figures\">\n<h2 id=\"s-figures\">1. ").Append(E(T("Chiffres clés", "Key figures"))).Append("</h2>\n<dl class=\"figures\">\n");
        Figure(T("Agents en poste", "Active agents"), N(register.Total.ActiveAgents));
        Figure(T("Agents habilités", "Agents cleared"), $"{N(register.Total.Cleared)} ({P(register.Total.ClearedShare)})");
        Figure(T("Tronc commun à jour", "Common core done"), $"{N(register.Total.CommonCoreDone)} ({P(register.Total.CommonCoreShare)})");
        Figure(T("Systèmes d'IA en usage", "AI systems in use"), N(register.AiSystems.Count));
        Figure(T("Personnes au registre", "People in the register"), N(register.People.Count));
        Figure(T("Mesures enregistrées", "Measures recorded"), N(measuresCount));
        Figure(T("Écarts", "Gaps"), N(register.Gaps.Count));
        Figure(T("Recyclages dus", "Refreshes due"), N(register.RefreshesDue.Count));
        html.Append("</dl>\n</section>\n");

        // AI systems.
        html.Append("<section aria-labelledby=\"s-systems\">\n<h2 id=\"s-systems\">2. ").Append(E(T("Systèmes d'IA en usage", "AI systems in use"))).Append("</h2>\n");
        html.Append("<table>\n<thead><tr>");
        foreach (var header in new[]
        {
            T("Outil", "Tool"), T("Éditeur", "Vendor"), T("Hébergement", "Hosting"), T("Accord RGPD", "GDPR agreement"),
            T("Entraîné sur les saisies", "Trains on inputs"), T("Statut", "Status"), T("Données au plus", "Highest data class"),
            T("Modules requis", "Required modules"),
        })
        {
            html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
        }

        html.Append("<th scope=\"col\" class=\"num\">").Append(E(T("Agents habilités", "Agents cleared"))).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var system in register.AiSystems)
        {
            var tool = system.Tool;
            html.Append("<tr><td>").Append(E(tool.Name)).Append(tool.IsExample ? E(T(" (exemple)", " (example)")) : string.Empty).Append("</td><td>").Append(E(tool.Vendor))
                .Append("</td><td>").Append(E(ReportText.Of(tool.Hosting).Get(lang)))
                .Append("</td><td>").Append(E(ReportText.YesNo(tool.GdprAgreement, lang)))
                .Append("</td><td>").Append(E(ReportText.YesNo(tool.TrainsOnInputs, lang)))
                .Append("</td><td>").Append(E(ReportText.Of(tool.Status).Get(lang)))
                .Append("</td><td>").Append(E(ReportText.Of(tool.MaxDataClass).Get(lang)))
                .Append("</td><td>").Append(E(string.Join(", ", tool.RequiredModules)))
                .Append("</td><td class=\"num\">").Append(N(system.ClearedAgents)).Append("</td></tr>\n");
        }

        if (register.AiSystems.Count == 0)
        {
            html.Append("<tr><td colspan=\"9\">").Append(E(T("Aucun outil autorisé ou toléré dans le registre des outils.", "No approved or tolerated tool in the tool registry."))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");

        // Coverage by directorate.
        html.Append("<section aria-labelledby=\"s-coverage\">\n<h2 id=\"s-coverage\">3. ").Append(E(T("Couverture par direction", "Coverage by directorate"))).Append("</h2>\n");
        html.Append("<table>\n<thead><tr><th scope=\"col\">").Append(E(T("Direction", "Directorate"))).Append("</th>")
            .Append("<th scope=\"col\" class=\"num\">").Append(E(T("Agents en poste", "Active agents"))).Append("</th>")
            .Append("<th scope=\"col\" class=\"num\">").Append(E(T("Habilités", "Cleared"))).Append("</th>")
            .Append("<th scope=\"col\" class=\"num\">").Append(E(T("Part habilitée", "Share cleared"))).Append("</th>")
            .Append("<th scope=\"col\" class=\"num\">").Append(E(T("Tronc commun à jour", "Common core done"))).Append("</th>")
            .Append("<th scope=\"col\" class=\"num\">").Append(E(T("Part tronc commun", "Share common core"))).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var row in register.CoverageByDirectorate.Append(register.Total with { Name = T("Total", "Total") }))
        {
            html.Append("<tr><th scope=\"row\">").Append(E(row.Name ?? ReportText.Unassigned(lang))).Append("</th>")
                .Append("<td class=\"num\">").Append(N(row.ActiveAgents)).Append("</td><td class=\"num\">").Append(N(row.Cleared))
                .Append("</td><td class=\"num\">").Append(P(row.ClearedShare)).Append("</td><td class=\"num\">").Append(N(row.CommonCoreDone))
                .Append("</td><td class=\"num\">").Append(P(row.CommonCoreShare)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
        await Flush().ConfigureAwait(false);

        // Measures per person.
        html.Append("<section aria-labelledby=\"s-measures\">\n<h2 id=\"s-measures\">4. ").Append(E(T("Mesures délivrées par personne", "Measures delivered per person"))).Append("</h2>\n")
            .Append("<p class=\"note\">").Append(E(T(
                "Toutes les mesures enregistrées, quel qu'en soit le résultat ; les personnes parties de la collectivité restent inscrites pour mémoire.",
                "Every measure recorded, whatever its outcome; people who left the authority stay listed for the record."))).Append("</p>\n");
        html.Append("<table>\n<thead><tr>");
        foreach (var header in new[] { T("Module", "Module"), T("Intitulé", "Title"), T("Version", "Version"), T("Date", "Date"), T("Modalité", "Delivery mode"), T("Résultat", "Outcome"), T("Score", "Score"), T("Valide", "Counts"), T("Source", "Source") })
        {
            html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
        }

        html.Append("</tr></thead>\n");
        var people = 0;
        foreach (var person in register.People)
        {
            html.Append("<tbody>\n<tr class=\"person\"><th scope=\"rowgroup\" colspan=\"9\">").Append(E(person.DisplayName ?? person.EmployeeNumber))
                .Append(" — ").Append(E(T("matricule", "employee no."))).Append(' ').Append(E(person.EmployeeNumber));
            if ((labels.OrgUnit(person.OrgUnitId) ?? person.OrgUnitId) is { } unitName)
            {
                html.Append(" — ").Append(E(unitName));
            }

            html.Append(" — ").Append(E(ReportText.Of(person.Status).Get(lang)));
            if (person.EndDate is { } end && person.HasLeft)
            {
                html.Append(' ').Append(E(T("le", "on"))).Append(' ').Append(ShortDate(end));
            }

            html.Append(" — <span class=\"badge ").Append(person.IsCleared ? "yes" : "no").Append("\">")
                .Append(E(person.IsCleared ? T("habilité", "cleared") : T("non habilité", "not cleared"))).Append("</span></th></tr>\n");
            if (person.Measures.Count == 0)
            {
                html.Append("<tr><td colspan=\"9\">").Append(E(T("Aucune mesure enregistrée.", "No measure recorded."))).Append("</td></tr>\n");
            }

            foreach (var m in person.Measures)
            {
                html.Append("<tr><td>").Append(E(m.ModuleId)).Append("</td><td>").Append(E(m.ModuleTitle?.Get(lang) ?? string.Empty))
                    .Append("</td><td class=\"num\">").Append(m.ModuleVersion)
                    .Append("</td><td>").Append(ShortDate(m.Date))
                    .Append("</td><td>").Append(E(m.DeliveryMode is { } mode ? ReportText.Of(mode).Get(lang) : string.Empty))
                    .Append("</td><td>").Append(E(ReportText.Of(m.Outcome).Get(lang)))
                    .Append("</td><td class=\"num\">").Append(m.Score is { } score ? N(score) : string.Empty)
                    .Append("</td><td>").Append(E(ReportText.YesNo(m.Counts, lang)))
                    .Append("</td><td>").Append(E(ReportText.Of(m.Source).Get(lang))).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n");
            if (++people % 200 == 0)
            {
                await Flush().ConfigureAwait(false);
            }
        }

        html.Append("</table>\n</section>\n");

        // Gaps and refreshes per module.
        html.Append("<section aria-labelledby=\"s-gaps\">\n<h2 id=\"s-gaps\">5. ").Append(E(T("Écarts et recyclages dus par module", "Gaps and refreshes due per module"))).Append("</h2>\n")
            .Append("<p class=\"note\">").Append(E(T(
                "Le détail par agent figure dans les exports CSV et Excel du registre.",
                "The per-agent detail is in the register's CSV and Excel exports."))).Append("</p>\n");
        var states = new[] { RequirementState.Missing, RequirementState.Failed, RequirementState.Blocked, RequirementState.Expired, RequirementState.ExpiringSoon };
        var perModule = register.Gaps.Concat(register.RefreshesDue)
            .GroupBy(g => g.ModuleId, StringComparer.Ordinal)
            .Select(g => (Module: g.Key, Counts: states.Select(s => g.Count(x => x.State == s)).ToArray()))
            .ToList();
        html.Append("<table>\n<thead><tr><th scope=\"col\">").Append(E(T("Module", "Module"))).Append("</th>");
        foreach (var state in states)
        {
            html.Append("<th scope=\"col\" class=\"num\">").Append(E(ReportText.Of(state).Get(lang))).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var (module, counts) in perModule)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(module)).Append(labels.Module(module, lang) is { } moduleTitle ? " — " + E(moduleTitle) : string.Empty).Append("</th>");
            foreach (var count in counts)
            {
                html.Append("<td class=\"num\">").Append(N(count)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        if (perModule.Count == 0)
        {
            html.Append("<tr><td colspan=\"6\">").Append(E(T("Aucun écart : tous les agents en poste sont à jour.", "No gap: every active agent is up to date."))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n</main>\n");

        var printed = (generatedAt ?? report.GeneratedAt).ToOffset(TimeSpan.Zero);
        html.Append("<footer class=\"doc\">\n<p class=\"note\">").Append(E(T("Document établi le ", "Document produced on ")))
            .Append("<time datetime=\"").Append(printed.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append("\">")
            .Append(E(printed.ToString(lang == "en" ? "d MMMM yyyy, HH:mm 'UTC'" : "d MMMM yyyy 'à' HH:mm 'UTC'", culture))).Append("</time>")
            .Append(E(T(" par AI Literacy SDK, à partir des données de formation enregistrées. Aucun certificat n'est exigé par l'article 4 : ce registre interne constitue la preuve des mesures prises.",
                " by AI Literacy SDK from the training records. Article 4 requires no certificate: this internal record is the evidence of the measures taken.")))
            .Append("</p>\n<div class=\"sign\"><div>").Append(E(T("Visa du délégué à la protection des données (DPO)", "Data protection officer (DPO) sign-off")))
            .Append("</div><div>").Append(E(T("Visa de la direction générale", "General management sign-off"))).Append("</div></div>\n</footer>\n</body>\n</html>\n");
        await Flush().ConfigureAwait(false);

        void Figure(string label, string value) =>
            html.Append("<div><dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd></div>\n");
    }

    /// <summary>Writes the register to a string.</summary>
    /// <param name="report">The register report.</param>
    /// <param name="language"><c>fr</c> (default) or <c>en</c>.</param>
    /// <returns>The HTML document.</returns>
    public static string ToString(LiteracyRegisterReport report, string language = "fr")
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteAsync(report, writer, language).GetAwaiter().GetResult();
        return writer.ToString();
    }

    /// <summary>HTML-encodes text for element content and attribute values.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The encoded text.</returns>
    internal static string E(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.AsSpan().IndexOfAny("<>&\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
