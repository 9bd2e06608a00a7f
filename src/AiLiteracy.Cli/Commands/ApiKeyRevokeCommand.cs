using System.ComponentModel;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Ports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary>
/// <c>ailiteracy api-key revoke &lt;key id&gt; --tenant id</c>: revokes one of the tenant's API keys (written to the audit
/// log). Running servers stop accepting it once their key cache expires (<c>ApiKeys:CacheDuration</c>, 30 s by default).
/// </summary>
internal sealed class ApiKeyRevokeCommand(CliDatabase database, IAnsiConsole console) : DatabaseCommand<ApiKeyRevokeCommand.Settings>(console)
{
    /// <summary>The audit actor of the command line.</summary>
    internal const string Actor = "cli";

    internal sealed class Settings : DatabaseSettings
    {
        [CommandArgument(0, "<KEY_ID>")]
        [Description("Identifiant de la clé (voir « api-key list »). / Key id (see 'api-key list').")]
        public string KeyId { get; init; } = "";
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        var store = session.Get<IApiKeyStore>();
        var key = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(k => string.Equals(k.KeyId, settings.KeyId, StringComparison.Ordinal))
            ?? throw new CliUsageException($"Clé « {settings.KeyId} » introuvable pour cette collectivité.", $"Key '{settings.KeyId}' not found for this authority.");
        if (key.IsRevoked)
        {
            Console.MarkupLine(Markup.Escape(settings.T($"La clé « {key.Name} » ({key.KeyId}) était déjà révoquée.", $"Key '{key.Name}' ({key.KeyId}) was already revoked.")));
            return ExitCodes.Success;
        }

        await store.RevokeAsync(key.KeyId, cancellationToken).ConfigureAwait(false);
        await session.Get<IAuditLog>().WriteAsync(Actor, "api-keys.revoke", key.KeyId, null, cancellationToken).ConfigureAwait(false);
        Console.MarkupLine(Markup.Escape(settings.T($"Clé « {key.Name} » ({key.KeyId}) révoquée.", $"Key '{key.Name}' ({key.KeyId}) revoked.")));
        return ExitCodes.Success;
    }
}
