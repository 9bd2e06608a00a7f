using System.ComponentModel;
using AiLiteracy.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Infrastructure;

/// <summary>Settings every command shares: the output language.</summary>
internal class LanguageSettings : CommandSettings
{
    [CommandOption("--lang <LANG>")]
    [Description("Langue des messages : fr (défaut) ou en. / Output language: fr (default) or en.")]
    [DefaultValue("fr")]
    public string Language { get; init; } = "fr";

    public bool English => string.Equals(Language, "en", StringComparison.OrdinalIgnoreCase);

    public string T(string fr, string en) => English ? en : fr;

    public string T(LocalizedText text) => text.Get(English ? "en" : "fr");

    public override ValidationResult Validate() =>
        Language is "fr" or "en" or "FR" or "EN"
            ? ValidationResult.Success()
            : ValidationResult.Error($"Langue inconnue « {Language} » : fr ou en. / Unknown language '{Language}': fr or en.");
}
