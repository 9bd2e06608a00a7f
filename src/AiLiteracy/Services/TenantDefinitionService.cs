using System.Text.Json;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Schemas;
using PortKind = AiLiteracy.Ports.DefinitionKind;

namespace AiLiteracy.Services;

/// <summary>A definition document as served: the stored version, or the reference content when the tenant saved none.</summary>
public sealed record DefinitionDocumentView
{
    /// <summary>The kind.</summary>
    public required PortKind Kind { get; init; }

    /// <summary>The storage version; 0 for the reference content.</summary>
    public required int Version { get; init; }

    /// <summary>Whether this is the embedded reference content (the tenant saved no document of this kind).</summary>
    public required bool IsReference { get; init; }

    /// <summary>SHA-256 of the document (lower-case hex), for ETags; <see langword="null"/> for reference content.</summary>
    public string? Hash { get; init; }

    /// <summary>The JSON document.</summary>
    public required string Json { get; init; }
}

/// <summary>An item of a drop-down list (connector dynamic values): an id and a display name.</summary>
public sealed record LookupItem
{
    /// <summary>The id to send back.</summary>
    public required string Id { get; init; }

    /// <summary>The name to display, in the requested language (French by default).</summary>
    public required string Name { get; init; }

    /// <summary>A short description in the requested language, when there is one.</summary>
    public string? Description { get; init; }

    /// <summary>The group the item belongs to (track of a module, domain of a competency, parent of an org unit, status of a tool).</summary>
    public string? Group { get; init; }
}

/// <summary>
/// The definitions of the current tenant: read and replace the curriculum, competency framework, job families,
/// charter and tool registry (validated together: a document that would break another is refused with every error),
/// and the small lists drop-downs need.
/// </summary>
public class TenantDefinitionService
{
    private readonly IDefinitionRepository definitions;
    private readonly IOrganizationRepository organizations;
    private readonly ITenantContext tenant;
    private readonly DefinitionCatalog catalog;
    private readonly IAuditLog audit;

    /// <summary>Creates the service.</summary>
    /// <param name="definitions">The definition repository.</param>
    /// <param name="organizations">The organisation repository.</param>
    /// <param name="tenant">The current tenant.</param>
    /// <param name="catalog">The compiled definitions cache.</param>
    /// <param name="audit">The audit log.</param>
    public TenantDefinitionService(IDefinitionRepository definitions, IOrganizationRepository organizations, ITenantContext tenant, DefinitionCatalog catalog, IAuditLog audit)
    {
        this.definitions = definitions;
        this.organizations = organizations;
        this.tenant = tenant;
        this.catalog = catalog;
        this.audit = audit;
    }

    /// <summary>The definitions in force, compiled.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The definitions.</returns>
    public virtual Task<TenantDefinitions> GetCurrentAsync(CancellationToken cancellationToken = default) =>
        catalog.GetAsync(TenantGuard.Require(tenant), definitions, cancellationToken);

    /// <summary>Gets the current document of a kind (the reference content when none was saved).</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ResourceNotFoundException">No document of that kind, and the reference content has none either.</exception>
    public virtual async Task<DefinitionDocumentView> GetDocumentAsync(PortKind kind, CancellationToken cancellationToken = default)
    {
        TenantGuard.Require(tenant);
        var stored = await definitions.GetCurrentAsync(kind, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            return new DefinitionDocumentView { Kind = kind, Version = stored.Info.Version, IsReference = false, Hash = stored.Info.Hash, Json = stored.Json };
        }

        var reference = await DefinitionCatalog.GetReferenceDocumentAsync(kind).ConfigureAwait(false)
            ?? throw new ResourceNotFoundException("definition", DefinitionCatalog.ToSchemaKind(kind).ToKindName());
        return new DefinitionDocumentView { Kind = kind, Version = 0, IsReference = true, Json = reference };
    }

    /// <summary>
    /// Validates <paramref name="json"/> together with the other documents in force and saves it as the new version
    /// of its kind. Nothing is saved when any error is found.
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <param name="json">The JSON document.</param>
    /// <param name="actor">Who saves it (audit log).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The saved version and whether it is new.</returns>
    /// <exception cref="InputValidationException">The document is invalid or would make the set invalid; every error is listed.</exception>
    public virtual async Task<DefinitionSaveResult> SaveAsync(PortKind kind, string json, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var tenantId = TenantGuard.Require(tenant);
        var fileName = DefinitionCatalog.ToSchemaKind(kind).ToFileName();
        var result = await catalog.ValidateReplacementAsync(definitions, kind, json, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            throw new InputValidationException(result.Errors
                .Select(e => new InputError(
                    string.Equals(e.File, fileName, StringComparison.Ordinal) ? e.JsonPath : e.File + ":" + e.JsonPath,
                    e.Code,
                    e.Line is { } line
                        ? new LocalizedText($"{e.Message.Fr} (ligne {line})", $"{e.Message.En} (line {line})")
                        : e.Message))
                .ToArray());
        }

        DefinitionSaveResult saved;
        try
        {
            saved = await definitions.SaveAsync(kind, json, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new InputValidationException([new InputError("$", "invalid-document", new LocalizedText("Document refusé : " + ex.Message, "Document refused: " + ex.Message))]);
        }

        catalog.Invalidate(tenantId);
        if (saved.Created)
        {
            await audit.WriteAsync(actor, "definitions.save", fileName, $"version={saved.Definition.Info.Version}", cancellationToken).ConfigureAwait(false);
        }

        return saved;
    }

    /// <summary>Lists the modules of the curriculum in force.</summary>
    /// <param name="language">Display language (<c>fr</c> or <c>en</c>).</param>
    /// <param name="track">Only modules of this track, when set.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The modules, by curriculum order.</returns>
    public virtual async Task<IReadOnlyList<LookupItem>> ListModulesAsync(string language, TrackKind? track = null, CancellationToken cancellationToken = default)
    {
        var set = (await GetCurrentAsync(cancellationToken).ConfigureAwait(false)).Set;
        return set.Curriculum.Modules
            .Where(m => track is null || m.Track == track)
            .Select(m => new LookupItem { Id = m.Id, Name = m.Id + " — " + m.Title.Get(language), Description = m.Summary?.Get(language), Group = JsonName(m.Track) })
            .ToArray();
    }

    /// <summary>Lists the tracks of the curriculum in force.</summary>
    /// <param name="language">Display language.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tracks.</returns>
    public virtual async Task<IReadOnlyList<LookupItem>> ListTracksAsync(string language, CancellationToken cancellationToken = default)
    {
        var set = (await GetCurrentAsync(cancellationToken).ConfigureAwait(false)).Set;
        return set.Curriculum.Tracks
            .Select(t => new LookupItem { Id = JsonName(t.Id), Name = t.Title.Get(language), Description = t.Description?.Get(language) })
            .ToArray();
    }

    /// <summary>Lists the job families in force.</summary>
    /// <param name="language">Display language.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The job families.</returns>
    public virtual async Task<IReadOnlyList<LookupItem>> ListJobFamiliesAsync(string language, CancellationToken cancellationToken = default)
    {
        var set = (await GetCurrentAsync(cancellationToken).ConfigureAwait(false)).Set;
        return set.JobFamilies.JobFamilies
            .Select(f => new LookupItem { Id = f.Id, Name = f.Title.Get(language), Description = f.Description?.Get(language), Group = f.CnfptFamily })
            .ToArray();
    }

    /// <summary>Lists the competencies of the framework in force.</summary>
    /// <param name="language">Display language.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The competencies.</returns>
    public virtual async Task<IReadOnlyList<LookupItem>> ListCompetenciesAsync(string language, CancellationToken cancellationToken = default)
    {
        var set = (await GetCurrentAsync(cancellationToken).ConfigureAwait(false)).Set;
        return set.CompetencyFramework.Competencies
            .Select(c => new LookupItem { Id = c.Id, Name = c.Title.Get(language), Description = c.Description?.Get(language), Group = c.DomainId })
            .ToArray();
    }

    /// <summary>Lists the AI tools of the registry in force.</summary>
    /// <param name="language">Display language.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tools.</returns>
    public virtual async Task<IReadOnlyList<LookupItem>> ListToolsAsync(string language, CancellationToken cancellationToken = default)
    {
        var set = (await GetCurrentAsync(cancellationToken).ConfigureAwait(false)).Set;
        return set.Charter.Tools
            .Select(t => new LookupItem { Id = t.Id, Name = t.Name + " (" + t.Vendor + ")", Description = t.Description?.Get(language), Group = JsonName(t.Status) })
            .ToArray();
    }

    /// <summary>Lists the org units of the current organisation.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The org units by id.</returns>
    public virtual async Task<IReadOnlyList<LookupItem>> ListOrgUnitsAsync(CancellationToken cancellationToken = default)
    {
        TenantGuard.Require(tenant);
        var units = await organizations.ListOrgUnitsAsync(cancellationToken).ConfigureAwait(false);
        return units.Select(u => new LookupItem { Id = u.Id, Name = u.Name, Group = u.ParentId }).ToArray();
    }

    private static string JsonName<T>(T value)
        where T : struct, Enum =>
        JsonSerializer.Serialize(value, AiLiteracyJson.Compact).Trim('"');
}

/// <summary>Guards against running tenant-scoped work without a tenant.</summary>
public static class TenantGuard
{
    /// <summary>Returns the current tenant id.</summary>
    /// <param name="tenant">The tenant context.</param>
    /// <returns>The tenant id.</returns>
    /// <exception cref="InvalidOperationException">No tenant is set (a host bug, not a caller mistake).</exception>
    public static string Require(ITenantContext tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return tenant.TenantId ?? throw new InvalidOperationException("No tenant is set for this operation.");
    }
}
