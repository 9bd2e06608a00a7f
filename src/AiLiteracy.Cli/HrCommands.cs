using AiLiteracy.Cli.Commands;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli;

/// <summary>The commands working on a database: <c>db</c>, <c>agents</c>, <c>completions</c>, <c>status</c>, <c>plan</c>, <c>report</c>, <c>usage</c>.</summary>
internal static class HrCommands
{
    public static void Configure(IConfigurator config)
    {
        config.AddBranch("db", db =>
        {
            db.SetDescription("Base de données (SQLite ou PostgreSQL). / Database (SQLite or PostgreSQL).");
            db.AddCommand<DbMigrateCommand>("migrate")
                .WithDescription("Crée ou met à jour le schéma, puis la collectivité. / Creates or upgrades the schema, then the tenant.")
                .WithExample("db", "migrate", "--db", "ailiteracy.db", "--tenant", "val-de-brume", "--organization", "samples/data/organization.json");
        });
        config.AddBranch("api-key", keys =>
        {
            keys.SetDescription("Clés d'API du serveur. / Server API keys.");
            keys.AddCommand<ApiKeyCreateCommand>("create")
                .WithDescription("Crée une clé d'API (affichée une fois). / Creates an API key (shown once).")
                .WithExample("api-key", "create", "--db", "ailiteracy.db", "--tenant", "val-de-brume", "--name", "Flux RH", "--role", "AiLiteracy.Write");
            keys.AddCommand<ApiKeyListCommand>("list")
                .WithDescription("Liste les clés d'API, sans leur secret. / Lists the API keys, without their secrets.")
                .WithExample("api-key", "list", "--db", "ailiteracy.db", "--tenant", "val-de-brume");
            keys.AddCommand<ApiKeyRevokeCommand>("revoke")
                .WithDescription("Révoque une clé d'API. / Revokes an API key.")
                .WithExample("api-key", "revoke", "0123456789abcdef", "--db", "ailiteracy.db", "--tenant", "val-de-brume");
        });
        config.AddBranch("operator-key", operatorKeys =>
        {
            operatorKeys.SetDescription("Clés de l'API opérateur (hébergeur). / Operator API keys (hosting vendor).");
            operatorKeys.AddCommand<OperatorKeyCreateCommand>("create")
                .WithDescription("Crée une clé d'opérateur (affichée une fois) et l'empreinte à configurer. / Creates an operator key (shown once) and the hash to configure.")
                .WithExample("operator-key", "create");
        });
        config.AddBranch("agents", agents =>
        {
            agents.SetDescription("Agents (export RH). / Agents (HR export).");
            agents.AddCommand<AgentsImportCommand>("import")
                .WithDescription("Importe un export RH CSV (rejets détaillés, arrêt de sécurité). / Imports an HR CSV export (detailed rejections, safety stop).")
                .WithExample("agents", "import", "agents.csv", "--mapping", "sirh.json", "--mode", "full", "--dry-run");
        });
        config.AddBranch("completions", completions =>
        {
            completions.SetDescription("Formations suivies (LMS, CNFPT, xAPI) et export vers le SIRH. / Completions (LMS, CNFPT, xAPI) and export to HR.");
            completions.AddCommand<CompletionsImportCommand>("import")
                .WithDescription("Importe un CSV (LMS, attestations CNFPT) ou des déclarations xAPI (fichier ou LRS). / Imports a CSV (LMS, CNFPT attestations) or xAPI statements (file or LRS).")
                .WithExample("completions", "import", "attestations-cnfpt.csv", "--mapping", "cnfpt.json")
                .WithExample("completions", "import", "statements.json");
            completions.AddCommand<CompletionsExportCommand>("export")
                .WithDescription("Exporte les nouvelles formations vers le SIRH (CSV, xAPI ou pont RH), depuis le dernier export. / Exports the new completions to HR (CSV, xAPI or HR bridge), since the last export.")
                .WithExample("completions", "export", "--format", "csv", "--out", "historique-formation.csv");
        });
        config.AddCommand<StatusCommand>("status")
            .WithDescription("Habilitation d'un agent, d'une unité, ou couverture par direction. / Clearance of an agent, of an org unit, or coverage per directorate.")
            .WithExample("status", "--agent", "A000123")
            .WithExample("status", "--org-unit", "DRH/Paie");
        config.AddCommand<PlanCommand>("plan")
            .WithDescription("Plan de formation : personnes à former, sessions et heures par module. / Training plan: people to train, sessions and hours per module.")
            .WithExample("plan", "--group-size", "12");
        config.AddBranch("report", report =>
        {
            report.SetDescription("Rapports. / Reports.");
            report.AddCommand<ReportLiteracyCommand>("literacy")
                .WithDescription("Registre de littératie IA (AI Act, art. 4) en CSV ou JSON. / AI literacy register (AI Act, art. 4) as CSV or JSON.")
                .WithExample("report", "literacy", "--out", "registre-ia.csv");
        });
        config.AddBranch("usage", usage =>
        {
            usage.SetDescription("Usages de l'IA au regard de la charte. / AI uses against the charter.");
            usage.AddCommand<UsageCheckCommand>("check")
                .WithDescription("Vérifie si la charte autorise un usage (conditions, motifs, articles). / Checks whether the charter allows a use (conditions, reasons, rules).")
                .WithExample("usage", "check", "--agent", "A000123", "--tool", "albert", "--data", "personal");
        });
    }
}
