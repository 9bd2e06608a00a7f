using System.ComponentModel;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Demo;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary><c>ailiteracy demo-data --out DIR</c>: writes the deterministic demo authority in the HR CSV shapes.</summary>
internal sealed class DemoDataCommand(DemoService demo, IAnsiConsole console) : AsyncCommand<DemoDataCommand.Settings>
{
    internal sealed class Settings : LanguageSettings
    {
        [CommandOption("--out <DIR>")]
        [Description("Dossier de destination. / Destination folder.")]
        [DefaultValue("samples/data")]
        public string Out { get; init; } = "samples/data";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var data = await demo.WriteAsync(settings.Out, cancellationToken: cancellationToken).ConfigureAwait(false);
        console.MarkupLine(Markup.Escape(settings.T(
            $"Autorité de démonstration écrite dans {settings.Out} : {data.Agents.Count} agents, {data.Completions.Count} formations suivies, {data.Acknowledgements.Count} signatures de la charte.",
            $"Demo authority written to {settings.Out}: {data.Agents.Count} agents, {data.Completions.Count} completions, {data.Acknowledgements.Count} charter acknowledgements.")));
        return 0;
    }
}
