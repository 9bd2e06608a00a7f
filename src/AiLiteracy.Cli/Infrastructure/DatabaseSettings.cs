using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Infrastructure;

/// <summary>The global options of the commands that work on a database: <c>--db</c> or <c>--connection</c>, and <c>--tenant</c>.</summary>
internal class DatabaseSettings : LanguageSettings
{
    /// <summary>The environment variable giving the default SQLite file.</summary>
    public const string DbVariable = "AILITERACY_DB";

    /// <summary>The environment variable giving the default PostgreSQL connection string.</summary>
    public const string ConnectionVariable = "AILITERACY_CONNECTION";

    /// <summary>The environment variable giving the default tenant.</summary>
    public const string TenantVariable = "AILITERACY_TENANT";

    [CommandOption("--db <FILE>")]
    [Description("Fichier SQLite (défaut : $AILITERACY_DB, sinon ailiteracy.db). / SQLite file (default: $AILITERACY_DB, else ailiteracy.db).")]
    public string? Db { get; init; }

    [CommandOption("--connection <CONNECTION>")]
    [Description("Chaîne de connexion PostgreSQL (défaut : $AILITERACY_CONNECTION). / PostgreSQL connection string (default: $AILITERACY_CONNECTION).")]
    public string? Connection { get; init; }

    [CommandOption("--tenant <ID>")]
    [Description("Collectivité (défaut : $AILITERACY_TENANT, sinon l'unique collectivité de la base). / Tenant (default: $AILITERACY_TENANT, else the only tenant of the database).")]
    public string? Tenant { get; init; }

    public override ValidationResult Validate()
    {
        var language = base.Validate();
        if (!language.Successful)
        {
            return language;
        }

        return Db is not null && Connection is not null
            ? ValidationResult.Error("--db et --connection s'excluent : choisissez SQLite ou PostgreSQL. / --db and --connection exclude each other: choose SQLite or PostgreSQL.")
            : ValidationResult.Success();
    }
}

/// <summary>Database options plus the output format: <c>--format table|json|csv</c>.</summary>
internal class OutputSettings : DatabaseSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description("Format de sortie : table (défaut), json ou csv. / Output format: table (default), json or csv.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    public OutputFormat Output => Format.ToLowerInvariant() switch
    {
        "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        _ => OutputFormat.Table,
    };

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        if (!result.Successful)
        {
            return result;
        }

        return Format.ToLowerInvariant() is "table" or "json" or "csv"
            ? ValidationResult.Success()
            : ValidationResult.Error($"Format inconnu « {Format} » : table, json ou csv. / Unknown format '{Format}': table, json or csv.");
    }
}

/// <summary>How results are written.</summary>
internal enum OutputFormat
{
    /// <summary>Tables and coloured text for people.</summary>
    Table,
    /// <summary>JSON for scripts.</summary>
    Json,
    /// <summary>CSV (<c>;</c>) for spreadsheets.</summary>
    Csv,
}

/// <summary>The exit codes of the tool.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>Validation errors or rejected rows.</summary>
    public const int ValidationErrors = 1;

    /// <summary>Usage error (unknown option, missing database or tenant…).</summary>
    public const int Usage = 2;

    /// <summary>Safety stop (e.g. a full import would deactivate too many agents).</summary>
    public const int SafetyStop = 3;
}

/// <summary>A usage error: reported in French and English, exit code 2.</summary>
internal sealed class CliUsageException(string fr, string en) : Exception(en)
{
    public string French { get; } = fr;

    public string English { get; } = en;
}
