using System.Buffers.Text;
using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using AiLiteracy.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary>
/// <c>ailiteracy operator-key create</c>: makes a key for the server's operator API (the hosting vendor's back office
/// provisions authorities with it) and prints it once, with the SHA-256 hash to put in
/// <c>AiLiteracy:Server:Operator:KeyHashes</c>. Needs no database: the server only ever knows the hash.
/// </summary>
internal sealed class OperatorKeyCreateCommand(IAnsiConsole console) : AsyncCommand<OperatorKeyCreateCommand.Settings>
{
    /// <summary>The prefix of operator keys (tenant API keys start with <c>ail_</c>).</summary>
    internal const string Prefix = "ailop_";

    /// <summary>The setting that lists the operator key hashes.</summary>
    internal const string SettingName = "AiLiteracy:Server:Operator:KeyHashes";

    /// <summary>Random bytes in a key (256 bits).</summary>
    private const int SecretBytes = 32;

    internal sealed class Settings : LanguageSettings
    {
        [CommandOption("--format <FORMAT>")]
        [Description("Format de sortie : text (défaut) ou json. / Output format: text (default) or json.")]
        [DefaultValue("text")]
        public string Format { get; init; } = "text";

        public bool Json => string.Equals(Format, "json", StringComparison.OrdinalIgnoreCase);

        public override ValidationResult Validate()
        {
            if (!Json && !string.Equals(Format, "text", StringComparison.OrdinalIgnoreCase))
            {
                return ValidationResult.Error($"Format inconnu « {Format} » : text ou json. / Unknown format '{Format}': text or json.");
            }

            return base.Validate();
        }
    }

    /// <summary>Makes a new operator key.</summary>
    /// <returns>The key.</returns>
    internal static string NewKey() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>The hash the server compares with: SHA-256 of the key's UTF-8 bytes, lower-case hexadecimal.</summary>
    /// <param name="key">The key.</param>
    /// <returns>64 hexadecimal characters.</returns>
    internal static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = NewKey();
        var hash = Hash(key);
        if (settings.Json)
        {
            CliOutput.WriteJson(console, new { key, keyHash = hash, setting = SettingName });
            return Task.FromResult(ExitCodes.Success);
        }

        console.MarkupLine(Markup.Escape(settings.T(
            "Clé d'opérateur créée. Elle n'est affichée qu'une fois : conservez-la dans le coffre de secrets du back-office (en-tête X-Operator-Key).",
            "Operator key created. It is shown only once: keep it in the back office's secret vault (X-Operator-Key header).")));
        console.WriteLine(key);
        console.MarkupLine(Markup.Escape(settings.T(
            $"Empreinte SHA-256 à ajouter à {SettingName} sur le serveur (jamais la clé elle-même) :",
            $"SHA-256 hash to add to {SettingName} on the server (never the key itself):")));
        console.WriteLine(hash);
        return Task.FromResult(ExitCodes.Success);
    }
}
