using System.ComponentModel;
using System.Text.Json;
using AiLiteracy.Cli.Infrastructure;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AiLiteracy.Cli.Commands;

/// <summary>
/// <c>ailiteracy db migrate [--tenant id] [--organization organization.json]</c>: creates or upgrades the schema, then
/// creates the tenant (from the organisation file when given) or updates its organisation tree.
/// </summary>
internal sealed class DbMigrateCommand(CliDatabase database, IAnsiConsole console) : DatabaseCommand<DbMigrateCommand.Settings>(console)
{
    internal sealed class Settings : OutputSettings
    {
        [CommandOption("--organization <FILE>")]
        [Description("Organisation (JSON : id, nom, SIREN, organigramme) à créer ou mettre à jour. / Organisation (JSON: id, name, SIREN, org units) to create or update.")]
        public string? Organization { get; init; }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        Organization? organization = null;
        if (settings.Organization is not null)
        {
            RequireFile(settings.Organization);
            try
            {
                await using var stream = File.OpenRead(settings.Organization);
                organization = await JsonSerializer.DeserializeAsync<Organization>(stream, AiLiteracyJson.Options, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                CliOutput.Error(Console, settings.T($"Organisation illisible ({settings.Organization}) : {ex.Message}", $"Unreadable organisation ({settings.Organization}): {ex.Message}"));
                return ExitCodes.ValidationErrors;
            }
        }

        var tenantId = CliDatabase.RequestedTenant(settings) ?? organization?.Id;
        if (organization is not null && tenantId is not null && organization.Id != tenantId)
        {
            organization = organization with { Id = tenantId };
        }

        await using var session = await database.OpenAsync(settings, requireTenant: false, requireSchema: false, cancellationToken).ConfigureAwait(false);
        var applied = await session.Get<IDatabaseMigrator>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        string? tenantAction = null;
        if (tenantId is not null)
        {
            var directory = session.Get<ITenantDirectory>();
            if (await directory.GetAsync(tenantId, cancellationToken).ConfigureAwait(false) is null)
            {
                await directory.CreateAsync(organization ?? new Organization { Id = tenantId, Name = tenantId }, cancellationToken: cancellationToken).ConfigureAwait(false);
                tenantAction = "created";
            }
            else if (organization is not null)
            {
                ((TenantContext)session.Get<ITenantContext>()).TenantId = tenantId;
                var organizations = session.Get<IOrganizationRepository>();
                await organizations.UpdateAsync(organization, cancellationToken).ConfigureAwait(false);
                foreach (var unit in organization.OrgUnits)
                {
                    await organizations.UpsertOrgUnitAsync(unit, cancellationToken).ConfigureAwait(false);
                }

                tenantAction = "updated";
            }
            else
            {
                tenantAction = "existing";
            }
        }

        if (settings.Output == OutputFormat.Json)
        {
            CliOutput.WriteJson(Console, new { migrations = applied, tenant = tenantId, tenantAction });
            return ExitCodes.Success;
        }

        Console.MarkupLine(applied.Count == 0
            ? Markup.Escape(settings.T("Base déjà à jour.", "Database already up to date."))
            : Markup.Escape(settings.T($"{applied.Count} migration(s) appliquée(s) : {string.Join(", ", applied)}", $"{applied.Count} migration(s) applied: {string.Join(", ", applied)}")));
        if (tenantId is not null)
        {
            Console.MarkupLine(Markup.Escape(tenantAction switch
            {
                "created" => settings.T($"Collectivité « {tenantId} » créée.", $"Tenant '{tenantId}' created."),
                "updated" => settings.T($"Collectivité « {tenantId} » mise à jour ({organization!.OrgUnits.Count} unité(s)).", $"Tenant '{tenantId}' updated ({organization!.OrgUnits.Count} org unit(s))."),
                _ => settings.T($"Collectivité « {tenantId} » déjà présente.", $"Tenant '{tenantId}' already present."),
            }));
        }

        return ExitCodes.Success;
    }
}
