using System.ComponentModel;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Definitions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary><c>ailiteracy reference export --out DIR</c>: copies the reference definition files for an authority to edit.</summary>
internal sealed class ReferenceExportCommand(DefinitionService definitions, IAnsiConsole console) : AsyncCommand<ReferenceExportCommand.Settings>
{
    internal sealed class Settings : LanguageSettings
    {
        [CommandOption("--out <DIR>")]
        [Description("Dossier de destination. / Destination folder.")]
        [DefaultValue("definitions")]
        public string Out { get; init; } = "definitions";

        [CommandOption("--force")]
        [Description("Remplacer les fichiers existants. / Replace existing files.")]
        public bool Force { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var path in await definitions.ExportReferenceAsync(settings.Out, settings.Force, cancellationToken).ConfigureAwait(false))
            {
                console.MarkupLine($"[green]✓[/] {Markup.Escape(path)}");
            }

            return 0;
        }
        catch (IOException ex)
        {
            console.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return 1;
        }
    }
}
