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
    }
}
