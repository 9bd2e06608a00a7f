using System.ComponentModel;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Ports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary>
/// <c>ailiteracy api-key create --tenant id --name "Flux RH" --role AiLiteracy.Write</c>: creates a per-tenant API key for
/// the server (stored hashed) and prints its secret once.
/// </summary>
internal sealed class ApiKeyCreateCommand(CliDatabase database, IAnsiConsole console) : DatabaseCommand<ApiKeyCreateCommand.Settings>(console)
{
    /// <summary>The server's app roles (AiLiteracy.Server's <c>AiLiteracyRoles</c>; the CLI does not reference the server).</summary>
    private static readonly string[] KnownRoles = ["AiLiteracy.Read", "AiLiteracy.Write", "AiLiteracy.Admin"];

    internal sealed class Settings : DatabaseSettings
    {
        [CommandOption("--name <NAME>")]
        [Description("Nom de la clé (qui l'utilise). / Key name (who uses it).")]
        public string Name { get; init; } = "";

        [CommandOption("--role <ROLE>")]
        [Description("Rôle(s) : AiLiteracy.Read, AiLiteracy.Write, AiLiteracy.Admin (répétable). / Role(s), repeatable.")]
        public string[] Roles { get; init; } = [];

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Name))
            {
                return ValidationResult.Error("--name est obligatoire. / --name is required.");
            }

            if (Roles.Length == 0 || Roles.Any(r => !KnownRoles.Contains(r, StringComparer.Ordinal)))
            {
                return ValidationResult.Error($"--role attendu parmi {string.Join(", ", KnownRoles)}. / --role must be one of {string.Join(", ", KnownRoles)}.");
            }

            return base.Validate();
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        var created = await session.Get<IApiKeyStore>().CreateAsync(settings.Name, settings.Roles.Distinct(StringComparer.Ordinal).ToArray(), cancellationToken).ConfigureAwait(false);
        await session.Get<IAuditLog>().WriteAsync(ApiKeyRevokeCommand.Actor, "api-keys.create", created.Key.KeyId, "roles=" + string.Join(' ', created.Key.Roles), cancellationToken).ConfigureAwait(false);
        Console.MarkupLine(Markup.Escape(settings.T(
            $"Clé « {created.Key.Name} » créée ({created.Key.KeyId}, rôles {string.Join(", ", created.Key.Roles)}). Elle n'est affichée qu'une fois :",
            $"Key '{created.Key.Name}' created ({created.Key.KeyId}, roles {string.Join(", ", created.Key.Roles)}). It is shown only once:")));
        Console.WriteLine(created.PlaintextKey);
        return ExitCodes.Success;
    }
}
