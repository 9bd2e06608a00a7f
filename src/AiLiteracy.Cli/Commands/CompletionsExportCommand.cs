using System.ComponentModel;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Export;
using AiLiteracy.Hr.Bridge;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary>
/// <c>ailiteracy completions export --format csv|xapi --out &lt;file&gt; [--since &lt;date&gt;]</c>, or
/// <c>--hr-bridge &lt;url&gt;</c>: sends what is new since the last export (stored watermark).
/// </summary>
internal sealed class CompletionsExportCommand(CliDatabase database, IAnsiConsole console) : DatabaseCommand<CompletionsExportCommand.Settings>(console)
{
    internal sealed class Settings : DatabaseSettings
    {
        [CommandOption("--format <FORMAT>")]
        [Description("csv (historique de formation SIRH, défaut) ou xapi. / csv (SIRH training history, default) or xapi.")]
        [DefaultValue("csv")]
        public string Format { get; init; } = "csv";

        [CommandOption("--out <FILE>")]
        [Description("Fichier à écrire (ne doit pas exister). / File to write (must not exist).")]
        public string? Out { get; init; }

        [CommandOption("--since <DATE>")]
        [Description("Exporte une fois les formations enregistrées depuis cette date, sans déplacer le repère. / Exports once the completions recorded since this date, without moving the watermark.")]
        public DateTimeOffset? Since { get; init; }

        [CommandOption("--layout <FILE>")]
        [Description("Colonnes du CSV (JSON) ; défaut : matricule, intitulé, code module, dates, durée, organisme, modalité, résultat. / CSV columns (JSON); default: the French SIRH training-history columns.")]
        public string? Layout { get; init; }

        [CommandOption("--hr-bridge <URL>")]
        [Description("Envoie au pont RH (API REST) au lieu d'un fichier. / Pushes to the HR bridge (REST API) instead of a file.")]
        public string? HrBridge { get; init; }

        [CommandOption("--api-key <KEY>")]
        [Description("Clé d'API du pont RH (défaut : $AILITERACY_HR_BRIDGE_KEY). / HR bridge API key (default: $AILITERACY_HR_BRIDGE_KEY).")]
        public string? ApiKey { get; init; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            if (!result.Successful)
            {
                return result;
            }

            if (Format is not ("csv" or "xapi"))
            {
                return ValidationResult.Error($"Format inconnu « {Format} » : csv ou xapi. / Unknown format '{Format}': csv or xapi.");
            }

            if ((Out is null) == (HrBridge is null))
            {
                return ValidationResult.Error("Indiquez --out <fichier> ou --hr-bridge <url>. / Give --out <file> or --hr-bridge <url>.");
            }

            return HrBridge is not null && !Uri.TryCreate(HrBridge, UriKind.Absolute, out _)
                ? ValidationResult.Error("--hr-bridge doit être une URL absolue. / --hr-bridge must be an absolute URL.")
                : ValidationResult.Success();
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var layout = CompletionExportLayout.Default;
        if (settings.Layout is not null)
        {
            RequireFile(settings.Layout);
            try
            {
                layout = await CompletionExportLayout.LoadAsync(settings.Layout, cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException ex)
            {
                CliOutput.Error(Console, ex.Message);
                return ExitCodes.ValidationErrors;
            }
        }

        await using var session = await database.OpenAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        var service = session.Get<CompletionExportService>();
        var options = new CompletionExportOptions { Layout = layout, Since = settings.Since };
        CompletionExportReport report;
        if (settings.HrBridge is not null)
        {
            var services = new ServiceCollection();
            services.AddHrBridgeClient(o =>
            {
                o.BaseAddress = new Uri(settings.HrBridge);
                o.ApiKey = settings.ApiKey ?? Environment.GetEnvironmentVariable("AILITERACY_HR_BRIDGE_KEY");
            });
            await using var provider = services.BuildServiceProvider();
            report = await service.PushToHrBridgeAsync(provider.GetRequiredService<HrBridgeClient>(), options, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            try
            {
                report = settings.Format == "xapi"
                    ? await service.ExportXapiAsync(settings.Out!, options, cancellationToken).ConfigureAwait(false)
                    : await service.ExportCsvAsync(settings.Out!, options, cancellationToken).ConfigureAwait(false);
            }
            catch (ExportTargetExistsException ex)
            {
                throw new CliUsageException(
                    $"Le fichier {ex.Path} existe déjà : le SIRH n'a pas encore repris l'export précédent, ou choisissez un autre nom.",
                    $"The file {ex.Path} already exists: HR has not collected the previous export yet, or choose another name.");
            }
        }

        if (report.Finalized is not null)
        {
            Console.MarkupLine(Markup.Escape(settings.T($"Export interrompu finalisé : {report.Finalized}", $"Interrupted export finalised: {report.Finalized}")));
        }

        Console.MarkupLine(Markup.Escape(report.Records + report.Withdrawals == 0
            ? settings.T("Rien de nouveau à exporter.", "Nothing new to export.")
            : settings.T(
                $"{report.Records} formation(s) et {report.Withdrawals} annulation(s) exportée(s) vers {report.Target}" + (report.AlreadyReceived > 0 ? $" ({report.AlreadyReceived} déjà reçue(s))." : "."),
                $"{report.Records} completion(s) and {report.Withdrawals} withdrawal(s) exported to {report.Target}" + (report.AlreadyReceived > 0 ? $" ({report.AlreadyReceived} already received)." : "."))));
        if (report.Error is not null)
        {
            CliOutput.Error(Console, settings.T($"Export arrêté ; il reprendra au prochain lancement : {report.Error}", $"Export stopped; it resumes on the next run: {report.Error}"));
            return ExitCodes.ValidationErrors;
        }

        return ExitCodes.Success;
    }
}
