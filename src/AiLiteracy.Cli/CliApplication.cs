using AiLiteracy.Cli.Commands;
using AiLiteracy.Cli.Infrastructure;
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
        services.AddSingleton(console ?? AnsiConsole.Console);
        configureServices?.Invoke(services);

        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("ailiteracy");
            config.Settings.Console = console ?? AnsiConsole.Console;
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("Affiche la situation de l'autorité de démonstration par direction. / Prints the demo authority's status per directorate.");
            config.AddCommand<ValidateCommand>("validate")
                .WithDescription("Valide des fichiers de définition (toutes les erreurs). / Validates definition files (every error).")
                .WithExample("validate", "definitions/curriculum.json", "definitions/charter.json");
            config.AddCommand<DemoDataCommand>("demo-data")
                .WithDescription("Écrit l'autorité de démonstration en CSV. / Writes the demo authority as CSV files.");
            config.AddBranch("reference", reference =>
            {
                reference.SetDescription("Contenu de référence. / Reference content.");
                reference.AddCommand<ReferenceExportCommand>("export")
                    .WithDescription("Copie les définitions de référence pour les adapter. / Copies the reference definitions to adapt them.");
            });
        });
        return app.RunAsync(args, cancellationToken);
    }
}
