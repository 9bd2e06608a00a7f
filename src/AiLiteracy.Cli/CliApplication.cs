using AiLiteracy.Cli.Commands;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Import;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli;

/// <summary>Builds the <c>ailiteracy</c> command-line application.</summary>
public static class CliApplication
{
    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="console">The console to write to; the process console when <see langword="null"/>.</param>
    /// <param name="configureServices">Adds or replaces services (tests inject a fake clock here).</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(
        string[] args,
        IAnsiConsole? console = null,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddAiLiteracy();
        CliDatabase.Register(services);
        services.AddAiLiteracyHrIntegration();
        services.AddSingleton(console ?? AnsiConsole.Console);
        configureServices?.Invoke(services);

        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("ailiteracy");
            config.Settings.Console = console ?? AnsiConsole.Console;
            config.Settings.Culture = HelpCulture(args);
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("Affiche la situation de l'autorité de démonstration par direction. / Prints the demo authority's status per directorate.");
            config.AddCommand<ValidateCommand>("validate")
                .WithDescription("Valide des fichiers de définition (toutes les erreurs). / Validates definition files (every error).")
                .WithExample("validate", "definitions/curriculum.json", "definitions/charter.json");
            config.AddCommand<DemoDataCommand>("demo-data")
                .WithDescription("Écrit l'autorité de démonstration en CSV. / Writes the demo authority as CSV files.");
            config.AddBranch("entra", entra =>
            {
                entra.SetDescription("Entra ID : groupes de licences selon la formation. / Entra ID: licence groups driven by training.");
                entra.AddCommand<Commands.Entra.EntraSyncCommand>("sync")
                    .WithDescription("Synchronise les groupes Entra ID avec les règles. / Syncs the Entra ID groups with the rules.")
                    .WithExample("entra", "sync", "--config", "entra-groups.json", "--dry-run");
            });
            config.AddBranch("reference", reference =>
            {
                reference.SetDescription("Contenu de référence. / Reference content.");
                reference.AddCommand<ReferenceExportCommand>("export")
                    .WithDescription("Copie les définitions de référence pour les adapter. / Copies the reference definitions to adapt them.");
            });
            HrCommands.Configure(config);
        });
        return RunMappedAsync(app, args, cancellationToken);
    }

    /// <summary>Spectre.Console.Cli ends a parse or settings error with -1: the tool's usage-error code is 2.</summary>
    private static async Task<int> RunMappedAsync(CommandApp app, string[] args, CancellationToken cancellationToken)
    {
        var exitCode = await app.RunAsync(args, cancellationToken).ConfigureAwait(false);
        return exitCode == -1 ? ExitCodes.Usage : exitCode;
    }

    /// <summary>The language of the built-in help text: English with <c>--lang en</c>, French otherwise.</summary>
    private static System.Globalization.CultureInfo HelpCulture(string[] args)
    {
        var index = Array.FindIndex(args, a => a is "--lang");
        var english = (index >= 0 && index + 1 < args.Length && args[index + 1].Equals("en", StringComparison.OrdinalIgnoreCase))
            || args.Any(a => a.Equals("--lang=en", StringComparison.OrdinalIgnoreCase));
        return System.Globalization.CultureInfo.GetCultureInfo(english ? "en-GB" : "fr-FR");
    }
}
