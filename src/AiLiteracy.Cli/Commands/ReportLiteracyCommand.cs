using System.ComponentModel;
using System.Text;
using System.Text.Json;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Services;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary><c>ailiteracy report literacy --out &lt;file.csv|file.json&gt;</c>: the AI Act article 4 literacy register.</summary>
internal sealed class ReportLiteracyCommand(CliDatabase database, IAnsiConsole console) : DatabaseCommand<ReportLiteracyCommand.Settings>(console)
{
    internal sealed class Settings : DatabaseSettings
    {
        [CommandOption("--out <FILE>")]
        [Description("Fichier à écrire : .csv (tableur) ou .json. / File to write: .csv (spreadsheet) or .json.")]
        public string Out { get; init; } = "";

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            return !result.Successful ? result
                : Out.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || Out.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                    ? ValidationResult.Success()
                    : ValidationResult.Error("--out <fichier.csv|fichier.json> est obligatoire. / --out <file.csv|file.json> is required.");
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        var register = await CliReports.LiteracyRegisterAsync(session, cancellationToken).ConfigureAwait(false);
        var path = Path.GetFullPath(settings.Out);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            await using var stream = File.Create(path);
            await JsonSerializer.SerializeAsync(stream, register, AiLiteracyJson.Options, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var csv = CliReports.ToCsv(register);
            await File.WriteAllTextAsync(path, csv.TrimStart('\uFEFF'), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), cancellationToken).ConfigureAwait(false);
        }

        Console.MarkupLine(Markup.Escape(settings.T(
            $"Registre de littératie IA (AI Act, art. 4) écrit dans {path} : {register.People.Count} personne(s), {register.Total.Cleared} habilitée(s) sur {register.Total.ActiveAgents} active(s).",
            $"AI literacy register (AI Act, art. 4) written to {path}: {register.People.Count} person(s), {register.Total.Cleared} cleared of {register.Total.ActiveAgents} active.")));
        return ExitCodes.Success;
    }
}
