using System.Text.Json;
using System.Text.RegularExpressions;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Server.Problems;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Endpoints;

/// <summary>
/// The operator API: the hosting vendor's back office provisions authorities (tenants) over HTTP, with the operator key
/// (<c>X-Operator-Key</c>, <see cref="OperatorOptions"/>) and never with a tenant credential. Creating an authority
/// returns its first administrator API key once and writes <c>tenants.create</c> to the new authority's audit log. The
/// endpoints are always mapped (they are in the Swagger document) and answer 404 while no operator key hash is configured.
/// </summary>
internal static partial class OperatorTenantEndpoints
{
    /// <summary>The longest organisation or org unit name (the columns' length).</summary>
    internal const int MaxNameLength = 300;

    /// <summary>The longest org unit id (the column's length).</summary>
    internal const int MaxOrgUnitIdLength = 100;

    /// <summary>The name of the first administrator key of a new authority.</summary>
    internal const string AdministratorKeyName = "Administrateur initial (opérateur)";

    private const string AuthenticationNote = " Operator API: authenticate with the X-Operator-Key header (the hosting vendor's key, never a tenant's API key or token); answers 404 while the server has no operator key configured.";

    public static void MapOperatorTenantEndpoints(this RouteGroupBuilder api)
    {
        var tenants = api.MapGroup("/operator/tenants")
            .WithTags("Operator")
            .AllowAnonymous()
            .AddEndpointFilter(OperatorAuthentication.RequireOperatorKeyAsync);

        tenants.MapPost("/", CreateAsync)
            .WithName("CreateTenant")
            .WithSummary("Create an authority (operator)")
            .WithDescription("Creates an authority (tenant) from its organization (id, name, SIREN, kind, org units) and an optional Entra ID tenant id, with a first API key holding the AiLiteracy.Admin role. The key is in the response only: it is stored as a hash and cannot be shown again. Answers 201 with the authority's URL in the Location header, 409 when the id or the Entra tenant is taken, 422 listing every invalid value with its JSON path." + AuthenticationNote)
            .Accepts<TenantInput>("application/json")
            .Produces<CreatedTenantView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        tenants.MapGet("/", ListAsync)
            .WithName("ListTenants")
            .WithSummary("List the authorities (operator)")
            .WithDescription("Lists the authorities hosted by this server by id, without any personal data." + AuthenticationNote)
            .Produces<TenantList>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tenants.MapGet("/{tenantId}", GetAsync)
            .WithName("GetTenant")
            .WithSummary("Get an authority (operator)")
            .WithDescription("Returns one hosted authority, without any personal data." + AuthenticationNote)
            .Produces<TenantView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Created<CreatedTenantView>> CreateAsync(
        HttpContext context, ITenantDirectory directory, IServiceScopeFactory scopes, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        // The body is read here, after the operator key was checked, so that an anonymous caller learns nothing from it.
        var input = await ReadInputAsync(context, json.Value.SerializerOptions, cancellationToken).ConfigureAwait(false);
        var (organization, entraTenantId) = Validate(input, json.Value.SerializerOptions);
        await EnsureFreeAsync(directory, organization.Id, entraTenantId, cancellationToken).ConfigureAwait(false);

        // The authority, its first administrator key and the audit entries are written in one transaction: a failure
        // leaves nothing behind, and a retry starts from scratch.
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var services = scope.ServiceProvider;
            services.GetRequiredService<RequestTenantContext>().Set(organization.Id);
            TenantInfo tenant;
            CreatedApiKey created;
            try
            {
                (tenant, created) = await services.GetRequiredService<IUnitOfWork>().ExecuteAsync(
                    async ct =>
                    {
                        var tenant = await services.GetRequiredService<ITenantDirectory>().CreateAsync(organization, entraTenantId, ct).ConfigureAwait(false);
                        var created = await services.GetRequiredService<IApiKeyStore>().CreateAsync(AdministratorKeyName, [AiLiteracyRoles.Admin], ct).ConfigureAwait(false);
                        var audit = services.GetRequiredService<IAuditLog>();
                        await audit.WriteAsync(
                            OperatorAuthentication.Actor,
                            "tenants.create",
                            tenant.Id,
                            $"kind={Kind(tenant.Kind, json.Value.SerializerOptions)} orgUnits={organization.OrgUnits.Count} entra={(tenant.EntraTenantId is null ? "no" : "yes")}",
                            ct).ConfigureAwait(false);
                        await audit.WriteAsync(OperatorAuthentication.Actor, "api-keys.create", created.Key.KeyId, "roles=" + string.Join(' ', created.Key.Roles), ct).ConfigureAwait(false);
                        return (tenant, created);
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Another request created the same id or mapped the same Entra tenant between the check and the insert.
                throw Taken(organization.Id, entraTenantId);
            }

            var view = new CreatedTenantView(TenantView.From(tenant), organization.OrgUnits.Count, new CreatedApiKeyView(ApiKeyView.From(created.Key), created.PlaintextKey));
            return TypedResults.Created($"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(tenant.Id)}", view);
        }
    }

    private static async Task<Ok<TenantList>> ListAsync(ITenantDirectory directory, CancellationToken cancellationToken)
    {
        var tenants = await directory.ListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new TenantList(tenants.Select(TenantView.From).ToList()));
    }

    private static async Task<IResult> GetAsync(HttpContext context, string tenantId, ITenantDirectory directory, CancellationToken cancellationToken)
    {
        var tenant = string.IsNullOrWhiteSpace(tenantId) ? null : await directory.GetAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return tenant is null
            ? Problems.Problems.Create(context, StatusCodes.Status404NotFound, ProblemLanguage.Text(
                context, $"Collectivité « {tenantId} » introuvable.", $"Authority '{tenantId}' not found.")).ToResult()
            : TypedResults.Ok(TenantView.From(tenant));
    }

    private static async Task<TenantInput> ReadInputAsync(HttpContext context, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Unsupported content type: send application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        var input = await context.Request.ReadFromJsonAsync<TenantInput>(options, cancellationToken).ConfigureAwait(false);
        return input ?? throw new InputValidationException(
            [new InputError("$", "required", new LocalizedText("Le corps de la requête est obligatoire.", "The request body is required."))]);
    }

    private static async Task EnsureFreeAsync(ITenantDirectory directory, string tenantId, string? entraTenantId, CancellationToken cancellationToken)
    {
        if (await directory.GetAsync(tenantId, cancellationToken).ConfigureAwait(false) is not null
            || (entraTenantId is not null && await directory.FindByEntraTenantIdAsync(entraTenantId, cancellationToken).ConfigureAwait(false) is not null))
        {
            throw Taken(tenantId, entraTenantId);
        }
    }

    private static ConflictException Taken(string tenantId, string? entraTenantId) => new(new LocalizedText(
        entraTenantId is null
            ? $"La collectivité « {tenantId} » existe déjà."
            : $"La collectivité « {tenantId} » existe déjà, ou le tenant Entra ID {entraTenantId} est déjà associé à une autre collectivité.",
        entraTenantId is null
            ? $"Authority '{tenantId}' already exists."
            : $"Authority '{tenantId}' already exists, or Entra ID tenant {entraTenantId} is already mapped to another authority."));

    /// <summary>Checks a new authority, reporting every problem with its JSON path, and returns the organisation to create.</summary>
    internal static (Organization Organization, string? EntraTenantId) Validate(TenantInput input, JsonSerializerOptions options)
    {
        var errors = new InputErrors();
        var id = input.Id?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            errors.Add("$.id", "required", "L'identifiant de la collectivité est obligatoire (ex. val-de-brume).", "The authority's id is required (e.g. val-de-brume).");
        }
        else if (!TenantIdPattern().IsMatch(id))
        {
            errors.Add("$.id", "invalid-tenant-id", "Identifiant invalide : 1 à 63 caractères, minuscules, chiffres et tirets, sans tiret initial (ex. val-de-brume).", "Invalid id: 1 to 63 characters, lower-case letters, digits and hyphens, not starting with a hyphen (e.g. val-de-brume).");
        }

        var name = input.Name?.Trim();
        RequiredName(errors, "$.name", name, "Le nom officiel de la collectivité est obligatoire.", "The authority's official name is required.");

        var siren = string.IsNullOrWhiteSpace(input.Siren) ? null : input.Siren.Trim();
        if (siren is not null && (siren.Length != 9 || !siren.All(char.IsAsciiDigit)))
        {
            errors.Add("$.siren", "invalid-siren", "Le SIREN compte exactement 9 chiffres.", "The SIREN has exactly 9 digits.");
        }

        var kind = OrganizationKind.Commune;
        if (!string.IsNullOrWhiteSpace(input.Kind) && !TryParse(input.Kind.Trim(), options, out kind))
        {
            var known = string.Join(", ", Enum.GetValues<OrganizationKind>().Select(k => Kind(k, options)));
            errors.Add("$.kind", "unknown-kind", $"Type de collectivité inconnu « {input.Kind} » : attendu {known}.", $"Unknown kind of authority '{input.Kind}': expected {known}.");
        }

        var entraTenantId = string.IsNullOrWhiteSpace(input.EntraTenantId) ? null : input.EntraTenantId.Trim();
        if (entraTenantId is not null)
        {
            if (Guid.TryParse(entraTenantId, out var tid) && tid != Guid.Empty)
            {
                entraTenantId = tid.ToString("D");
            }
            else
            {
                errors.Add("$.entraTenantId", "invalid-entra-tenant-id", "L'identifiant du tenant Entra ID est un GUID (ex. 72f988bf-86f1-41af-91ab-2d7cd011db47).", "The Entra ID tenant id is a GUID (e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47).");
            }
        }

        var units = ValidateOrgUnits(input.OrgUnits ?? [], options, errors);
        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors.Items);
        }

        return (new Organization { Id = id!, Name = name!, Siren = siren, Kind = kind, OrgUnits = units }, entraTenantId);
    }

    private static List<OrgUnit> ValidateOrgUnits(IReadOnlyList<TenantOrgUnitInput?> inputs, JsonSerializerOptions options, InputErrors errors)
    {
        var units = new List<OrgUnit>(inputs.Count);
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var path = $"$.orgUnits[{i}]";
            if (inputs[i] is not { } input)
            {
                errors.Add(path, "required", "Unité attendue, pas null.", "An org unit is expected, not null.");
                continue;
            }

            var id = input.Id?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                errors.Add(path + ".id", "required", "L'identifiant de l'unité est obligatoire (ex. DRH).", "The org unit's id is required (e.g. DRH).");
            }
            else if (id.Length > MaxOrgUnitIdLength)
            {
                errors.Add(path + ".id", "too-long", $"L'identifiant de l'unité dépasse {MaxOrgUnitIdLength} caractères.", $"The org unit's id is longer than {MaxOrgUnitIdLength} characters.");
            }
            else if (!firstIndex.TryAdd(id, i))
            {
                errors.Add(path + ".id", "duplicate-id", $"L'unité « {id} » est déjà déclarée en $.orgUnits[{firstIndex[id]}].", $"Org unit '{id}' is already declared at $.orgUnits[{firstIndex[id]}].");
            }

            var name = input.Name?.Trim();
            RequiredName(errors, path + ".name", name, "Le nom de l'unité est obligatoire.", "The org unit's name is required.");

            var kind = OrgUnitKind.Service;
            if (!string.IsNullOrWhiteSpace(input.Kind) && !TryParse(input.Kind.Trim(), options, out kind))
            {
                var known = string.Join(", ", Enum.GetValues<OrgUnitKind>().Select(k => Kind(k, options)));
                errors.Add(path + ".kind", "unknown-kind", $"Niveau d'unité inconnu « {input.Kind} » : attendu {known}.", $"Unknown org unit kind '{input.Kind}': expected {known}.");
            }

            var parentId = string.IsNullOrWhiteSpace(input.ParentId) ? null : input.ParentId.Trim();
            units.Add(new OrgUnit { Id = id ?? string.Empty, Name = name ?? string.Empty, Kind = kind, ParentId = parentId });
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is not { } input || string.IsNullOrWhiteSpace(input.ParentId))
            {
                continue;
            }

            var parentId = input.ParentId.Trim();
            if (!firstIndex.ContainsKey(parentId))
            {
                errors.Add($"$.orgUnits[{i}].parentId", "unknown-parent", $"Unité parente « {parentId} » absente de orgUnits.", $"Parent org unit '{parentId}' is not in orgUnits.");
            }
            else if (InCycle(i, units, firstIndex))
            {
                errors.Add($"$.orgUnits[{i}].parentId", "cycle", $"L'unité « {units[i].Id} » est sa propre ascendante : l'organigramme doit être un arbre.", $"Org unit '{units[i].Id}' is its own ancestor: the org chart must be a tree.");
            }
        }

        return units;
    }

    /// <summary>Whether following parent links from unit <paramref name="start"/> comes back to it.</summary>
    private static bool InCycle(int start, List<OrgUnit> units, Dictionary<string, int> indexById)
    {
        var current = start;
        for (var steps = 0; steps <= units.Count; steps++)
        {
            if (units[current].ParentId is not { } parent || !indexById.TryGetValue(parent, out var next))
            {
                return false;
            }

            if (next == start)
            {
                return true;
            }

            current = next;
        }

        return false; // A cycle further up the tree, reported on its own members.
    }

    private static void RequiredName(InputErrors errors, string path, string? name, string fr, string en)
    {
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(path, "required", fr, en);
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(path, "too-long", $"Le nom dépasse {MaxNameLength} caractères.", $"The name is longer than {MaxNameLength} characters.");
        }
    }

    private static bool TryParse<TEnum>(string value, JsonSerializerOptions options, out TEnum result)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Kind(candidate, options), value, StringComparison.OrdinalIgnoreCase))
            {
                result = candidate;
                return true;
            }
        }

        result = default;
        return false;
    }

    /// <summary>The JSON name of an enum value (kebab-case, as the API writes it).</summary>
    private static string Kind<TEnum>(TEnum value, JsonSerializerOptions options)
        where TEnum : struct, Enum =>
        JsonSerializer.Serialize(value, options).Trim('"');

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TenantIdPattern();
}

/// <summary>A new authority: the organisation file of <c>ailiteracy db migrate --organization</c>, plus its Entra ID tenant.</summary>
/// <param name="Id">The tenant id: 1 to 63 lower-case letters, digits and hyphens, e.g. <c>val-de-brume</c>.</param>
/// <param name="Name">Official name, e.g. « Communauté d'agglomération du Val de Brume » (at most 300 characters).</param>
/// <param name="Siren">SIREN number (9 digits), optional.</param>
/// <param name="Kind">The kind of authority: commune (default), epci, departement, region or other.</param>
/// <param name="OrgUnits">The organisation tree (<i>direction / pôle / service</i>) as a flat list with parent links; may be empty.</param>
/// <param name="EntraTenantId">The Entra ID tenant id (GUID, <c>tid</c> claim) whose tokens act for this authority, optional.</param>
public sealed record TenantInput(string? Id, string? Name, string? Siren, string? Kind, IReadOnlyList<TenantOrgUnitInput?>? OrgUnits, string? EntraTenantId);

/// <summary>An org unit of a new authority.</summary>
/// <param name="Id">Stable id chosen by the authority, e.g. <c>DRH</c> (at most 100 characters, unique).</param>
/// <param name="Name">Display name, e.g. « Direction des ressources humaines » (at most 300 characters).</param>
/// <param name="Kind">The level: general, directorate, division or service (default).</param>
/// <param name="ParentId">The parent unit id (another unit of the list), absent for a root.</param>
public sealed record TenantOrgUnitInput(string? Id, string? Name, string? Kind, string? ParentId);

/// <summary>A hosted authority as the operator sees it: no personal data.</summary>
/// <param name="Id">The tenant id.</param>
/// <param name="Name">Official name.</param>
/// <param name="Siren">SIREN number, when known.</param>
/// <param name="Kind">The kind of authority.</param>
/// <param name="EntraTenantId">The Entra ID tenant id mapped to it, when connected.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record TenantView(string Id, string Name, string? Siren, OrganizationKind Kind, string? EntraTenantId, DateTimeOffset CreatedAt)
{
    internal static TenantView From(TenantInfo tenant) =>
        new(tenant.Id, tenant.Name, tenant.Siren, tenant.Kind, tenant.EntraTenantId, tenant.CreatedAt);
}

/// <summary>A created authority, with its first administrator API key shown this once.</summary>
/// <param name="Tenant">The authority.</param>
/// <param name="OrgUnitCount">The org units created with it.</param>
/// <param name="AdministratorKey">Its first API key (role AiLiteracy.Admin): hand it to the authority's administrator through a secret channel; it cannot be shown again.</param>
public sealed record CreatedTenantView(TenantView Tenant, int OrgUnitCount, CreatedApiKeyView AdministratorKey)
{
    /// <summary>Returns a description without the secret.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"CreatedTenantView {{ Tenant = {Tenant}, OrgUnitCount = {OrgUnitCount}, AdministratorKey = {AdministratorKey} }}";
}

/// <summary>The hosted authorities.</summary>
/// <param name="Items">The authorities, by id.</param>
public sealed record TenantList(IReadOnlyList<TenantView> Items);
