using System.ComponentModel;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Definitions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary><c>ailiteracy validate &lt;file&gt;...</c>: exit 0 when every file is valid, 1 with the full error list otherwise.</summary>
internal sealed class ValidateCommand(DefinitionService definitions, IAnsiConsole console) : AsyncCommand<ValidateCommand.Settings>
{
    internal sealed class Settings : LanguageSettings
    {
        [CommandArgument(0, "<FILES>")]
        [Description("Fichiers de définition JSON ou dossiers. / JSON definition files or folders.")]
        public string[] Files { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var result = await definitions.ValidateFilesAsync(settings.Files, cancellationToken).ConfigureAwait(false);
        foreach (var document in result.Documents)
        {
            var errors = result.Errors.Count(e => e.File == document.File);
            console.MarkupLine(errors == 0
                ? $"[green]✓[/] {Markup.Escape(document.File)} ({Markup.Escape(document.Kind?.ToString() ?? "?")})"
                : $"[red]✗[/] {Markup.Escape(document.File)} : {errors} {settings.T("erreur(s)", "error(s)")}");
        }

        foreach (var error in result.Errors)
        {
            var position = error.Line is { } line ? $":{line}:{error.Column ?? 1}" : string.Empty;
            console.MarkupLine($"  [red]{Markup.Escape(error.Code)}[/] {Markup.Escape(error.File + position)} [grey]{Markup.Escape(error.JsonPath)}[/]");
            console.MarkupLine($"    {Markup.Escape(settings.T(error.Message))}");
        }

        if (result.IsValid)
        {
            console.MarkupLine(settings.T(
                $"[green]{result.Documents.Count} fichier(s) valide(s).[/]",
                $"[green]{result.Documents.Count} file(s) valid.[/]"));
            return 0;
        }

        console.MarkupLine(settings.T(
            $"[red]{result.Errors.Count} erreur(s).[/]",
            $"[red]{result.Errors.Count} error(s).[/]"));
        return 1;
    }
}
