using System.Text.RegularExpressions;
using AiLiteracy.Entra.Configuration;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Entra;

/// <summary>
/// Checks <see cref="EntraSyncServerOptions"/> at start-up when the sync is enabled: at least one authority, tenant ids
/// well formed and given once, and for each authority a readable rules file that passes its JSON Schema with a
/// complete connection. Module and job family ids are checked against the authority's definitions at each run, since
/// they live in the database.
/// </summary>
internal sealed class EntraSyncOptionsValidator(IHostEnvironment environment) : IValidateOptions<EntraSyncServerOptions>
{
    public ValidateOptionsResult Validate(string? name, EntraSyncServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        var hasTenantId = !string.IsNullOrWhiteSpace(options.TenantId);
        var hasConfigPath = !string.IsNullOrWhiteSpace(options.ConfigPath);
        if (hasTenantId != hasConfigPath)
        {
            failures.Add($"{EntraSyncServerOptions.SectionName}: set both TenantId and ConfigPath, or neither (use Tenants for several authorities).");
        }

        if (hasTenantId && options.Tenants.ContainsKey(options.TenantId!))
        {
            failures.Add($"{EntraSyncServerOptions.SectionName}: tenant '{options.TenantId}' is configured twice (TenantId and Tenants).");
        }

        var tenants = options.EffectiveTenants();
        if (tenants.Count == 0 && failures.Count == 0)
        {
            failures.Add($"{EntraSyncServerOptions.SectionName}: the sync is enabled but no authority is configured (TenantId and ConfigPath, or Tenants).");
        }

        foreach (var (tenantId, tenant) in tenants)
        {
            if (!Regex.IsMatch(tenantId, EntraSyncServerOptions.TenantIdPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                failures.Add($"{EntraSyncServerOptions.SectionName}:Tenants: '{tenantId}' is not a tenant id (lower-case letters, digits and dashes).");
                continue;
            }

            if (string.IsNullOrWhiteSpace(tenant.ConfigPath))
            {
                failures.Add($"{EntraSyncServerOptions.SectionName}:Tenants:{tenantId}:ConfigPath is required.");
                continue;
            }

            try
            {
                // Start-up only: no synchronization context, and the host must not start with a broken file.
                _ = EntraSyncTenantSetup.LoadAsync(options, tenant, environment.ContentRootPath, definitions: null, CancellationToken.None)
                    .GetAwaiter().GetResult();
            }
            catch (GroupSyncConfigurationException ex)
            {
                failures.AddRange(ex.Errors.Select(e => $"{EntraSyncServerOptions.SectionName} ({tenantId}): {e.ToString("en")}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
