using System.Globalization;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Ports;
using Spectre.Console;

namespace AiLiteracy.Cli.Commands;

/// <summary>
/// <c>ailiteracy api-key list --tenant id [--format table|json|csv]</c>: the tenant's API keys, active and revoked, without
/// their secrets (only hashes are stored).
/// </summary>
internal sealed class ApiKeyListCommand(CliDatabase database, IAnsiConsole console) : DatabaseCommand<OutputSettings>(console)
{
    protected override async Task<int> RunAsync(OutputSettings settings, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        var keys = await session.Get<IApiKeyStore>().ListAsync(cancellationToken).ConfigureAwait(false);
        switch (settings.Output)
        {
            case OutputFormat.Json:
                CliOutput.WriteJson(Console, keys.Select(k => new { k.KeyId, k.Name, k.Roles, k.CreatedAt, k.RevokedAt, IsActive = !k.IsRevoked }));
                break;
            case OutputFormat.Csv:
                CliOutput.WriteCsv(
                    Console,
                    [settings.T("Identifiant", "Key id"), settings.T("Nom", "Name"), settings.T("Rôles", "Roles"), settings.T("Créée le", "Created"), settings.T("Révoquée le", "Revoked")],
                    keys.Select(k => (IReadOnlyList<string?>)[k.KeyId, k.Name, string.Join(' ', k.Roles), Iso(k.CreatedAt), k.RevokedAt is { } at ? Iso(at) : null]));
                break;
            default:
                if (keys.Count == 0)
                {
                    Console.MarkupLine(Markup.Escape(settings.T("Aucune clé d'API pour cette collectivité.", "No API key for this authority.")));
                    break;
                }

                var table = new Table().AddColumns(
                    settings.T("Identifiant", "Key id"), settings.T("Nom", "Name"), settings.T("Rôles", "Roles"), settings.T("Créée le", "Created"), settings.T("État", "State"));
                foreach (var key in keys)
                {
                    table.AddRow(
                        Markup.Escape(key.KeyId),
                        Markup.Escape(key.Name),
                        Markup.Escape(string.Join(", ", key.Roles)),
                        Iso(key.CreatedAt),
                        key.RevokedAt is { } revoked ? Markup.Escape(settings.T($"révoquée le {Iso(revoked)}", $"revoked {Iso(revoked)}")) : settings.T("active", "active"));
                }

                Console.Write(table);
                break;
        }

        return ExitCodes.Success;
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
