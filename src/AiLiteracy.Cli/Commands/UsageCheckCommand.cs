using System.ComponentModel;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Services;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary>
/// <c>ailiteracy usage check --agent &lt;n&gt; --tool &lt;id&gt; --data &lt;class&gt; [--publish]</c>: whether the charter allows
/// a use, with its conditions or reasons and the rule ids.
/// </summary>
internal sealed class UsageCheckCommand(CliDatabase database, IAnsiConsole console) : DatabaseCommand<UsageCheckCommand.Settings>(console)
{
    internal sealed class Settings : OutputSettings
    {
        [CommandOption("--agent <EMPLOYEE_NUMBER>")]
        [Description("Matricule de l'agent. / The agent's employee number.")]
        public string Agent { get; init; } = "";

        [CommandOption("--tool <ID>")]
        [Description("Outil du registre (p. ex. albert). / Tool of the registry (e.g. albert).")]
        public string Tool { get; init; } = "";

        [CommandOption("--data <CLASS>")]
        [Description("Données : public, internal, confidential, personal, sensitive (ou public, interne, confidentiel, personnel, sensible). / Data class.")]
        public string Data { get; init; } = "";

        [CommandOption("--publish")]
        [Description("Le résultat sera publié à l'extérieur. / The output is published externally.")]
        public bool Publish { get; init; }

        [CommandOption("--purpose <TEXT>")]
        [Description("Finalité de l'usage. / Purpose of the use.")]
        public string? Purpose { get; init; }

        public DataClass? DataClass => FrenchHrVocabularyData.Parse(Data);

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            if (!result.Successful)
            {
                return result;
            }

            if (Agent.Length == 0 || Tool.Length == 0)
            {
                return ValidationResult.Error("--agent et --tool sont obligatoires. / --agent and --tool are required.");
            }

            return DataClass is null
                ? ValidationResult.Error($"Classe de données inconnue « {Data} » : public, internal, confidential, personal ou sensitive. / Unknown data class '{Data}'.")
                : ValidationResult.Success();
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        var decision = await session.Get<CharterService>().CheckUsageAsync(new UsageCheckInput
        {
            EmployeeNumber = settings.Agent,
            ToolId = settings.Tool,
            DataClass = settings.DataClass,
            Purpose = settings.Purpose,
            PublishedExternally = settings.Publish,
        }, cancellationToken).ConfigureAwait(false);
        if (settings.Output == OutputFormat.Json)
        {
            CliOutput.WriteJson(Console, new
            {
                decision.EmployeeNumber,
                decision.ToolId,
                decision.AsOf,
                outcome = decision.Outcome,
                decision.IsAllowed,
                conditions = decision.Conditions.Select(c => new { kind = c.Kind, message = settings.T(c.Message), c.RuleIds }),
                reasons = decision.Reasons.Select(r => new { code = r.Code, message = settings.T(r.Message), r.RuleIds, r.ModuleId }),
                decision.RuleIds,
            });
            return ExitCodes.Success;
        }

        Console.MarkupLine(decision.Outcome switch
        {
            UsageOutcome.Allowed => $"[green]{Markup.Escape(settings.T("Autorisé", "Allowed"))}[/]",
            UsageOutcome.AllowedWithConditions => $"[yellow]{Markup.Escape(settings.T("Autorisé sous conditions", "Allowed with conditions"))}[/]",
            _ => $"[red]{Markup.Escape(settings.T("Refusé", "Refused"))}[/]",
        });
        foreach (var condition in decision.Conditions)
        {
            Console.MarkupLine($"  • {Markup.Escape(settings.T(condition.Message))} [grey]{Markup.Escape(string.Join(", ", condition.RuleIds))}[/]");
        }

        foreach (var reason in decision.Reasons)
        {
            Console.MarkupLine($"  ✗ {Markup.Escape(settings.T(reason.Message))} [grey]{Markup.Escape(string.Join(", ", reason.RuleIds))}[/]");
        }

        return ExitCodes.Success;
    }
}

/// <summary>Data class names in English and French.</summary>
internal static class FrenchHrVocabularyData
{
    public static DataClass? Parse(string? text) => Hr.Csv.FrenchHrVocabulary.Fold(text) switch
    {
        "public" => DataClass.Public,
        "internal" or "interne" => DataClass.Internal,
        "confidential" or "confidentiel" or "confidentielle" => DataClass.Confidential,
        "personal" or "personnel" or "personnelle" or "personnelles" => DataClass.Personal,
        "sensitive" or "sensible" or "sensibles" => DataClass.Sensitive,
        _ => null,
    };
}
