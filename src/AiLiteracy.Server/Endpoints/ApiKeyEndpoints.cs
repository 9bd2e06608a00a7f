using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiLiteracy.Server.Endpoints;

/// <summary>
/// The authority's own API keys, managed by its administrators (<see cref="AiLiteracyRoles.Admin"/>): list, create (the
/// secret is returned once, only a hash is stored), revoke. Every change is written to the audit log; the secret never
/// is, nor is it logged.
/// </summary>
internal static class ApiKeyEndpoints
{
    /// <summary>The longest key name (the column's length).</summary>
    internal const int MaxNameLength = 200;

    public static void MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys");

        keys.MapGet("/", ListAsync)
            .WithName("ListApiKeys")
            .WithSummary("List the API keys")
            .WithDescription("Lists the authority's API keys, active and revoked, oldest first, without their secrets.")
            .RequireAuthorization(AiLiteracyPolicies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapPost("/", CreateAsync)
            .WithName("CreateApiKey")
            .WithSummary("Create an API key")
            .WithDescription("Creates an API key granting the given roles to the authority's data. The key is in the response only: it is stored as a hash and cannot be shown again. Answers 201 with the key's URL in the Location header.")
            .RequireAuthorization(AiLiteracyPolicies.Admin)
            .Produces<CreatedApiKeyView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        keys.MapDelete("/{keyId}", RevokeAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key")
            .WithDescription("Revokes the key at once on this server instance; other instances stop accepting it when their key cache expires (ApiKeys:CacheDuration). The key stays listed, with its revocation date.")
            .RequireAuthorization(AiLiteracyPolicies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<ApiKeyList>> ListAsync(IApiKeyStore store, CancellationToken cancellationToken)
    {
        var keys = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ApiKeyList(keys.Select(ApiKeyView.From).ToList()));
    }

    private static async Task<Created<CreatedApiKeyView>> CreateAsync(
        HttpContext context, ApiKeyInput input, IApiKeyStore store, IAuditLog audit, CancellationToken cancellationToken)
    {
        var (name, roles) = Validate(input);
        var created = await store.CreateAsync(name, roles, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(context.Actor(), "api-keys.create", created.Key.KeyId, "roles=" + string.Join(' ', created.Key.Roles), cancellationToken).ConfigureAwait(false);
        var view = new CreatedApiKeyView(ApiKeyView.From(created.Key), created.PlaintextKey);
        return TypedResults.Created($"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(created.Key.KeyId)}", view);
    }

    private static async Task<NoContent> RevokeAsync(
        HttpContext context, string keyId, IApiKeyStore store, ApiKeyCache cache, IAuditLog audit, CancellationToken cancellationToken)
    {
        var known = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal))
            ?? throw new ResourceNotFoundException("api-key", keyId);
        if (!known.IsRevoked && await store.RevokeAsync(keyId, cancellationToken).ConfigureAwait(false))
        {
            await audit.WriteAsync(context.Actor(), "api-keys.revoke", keyId, null, cancellationToken).ConfigureAwait(false);
        }

        cache.Invalidate(keyId);
        return TypedResults.NoContent();
    }

    /// <summary>Checks a new key's name and roles, reporting every problem with its JSON path.</summary>
    internal static (string Name, IReadOnlyList<string> Roles) Validate(ApiKeyInput input)
    {
        var errors = new InputErrors();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("$.name", "required", "Le nom de la clé est obligatoire (qui l'utilise, pour quoi).", "The key's name is required (who uses it, for what).");
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add("$.name", "too-long", $"Le nom de la clé dépasse {MaxNameLength} caractères.", $"The key's name is longer than {MaxNameLength} characters.");
        }

        var roles = input.Roles ?? [];
        if (roles.Count == 0)
        {
            errors.Add("$.roles", "required", $"Au moins un rôle est obligatoire : {string.Join(", ", AiLiteracyRoles.All)}.", $"At least one role is required: {string.Join(", ", AiLiteracyRoles.All)}.");
        }

        for (var i = 0; i < roles.Count; i++)
        {
            if (roles[i] is not { } role || !AiLiteracyRoles.IsKnown(role))
            {
                errors.Add($"$.roles[{i}]", "unknown-role", $"Rôle inconnu « {roles[i]} » : attendu {string.Join(", ", AiLiteracyRoles.All)}.", $"Unknown role '{roles[i]}': expected {string.Join(", ", AiLiteracyRoles.All)}.");
            }
        }

        if (!errors.IsEmpty)
        {
            throw new InputValidationException(errors.Items);
        }

        return (name!, roles.Distinct(StringComparer.Ordinal).ToList());
    }
}

/// <summary>A new API key.</summary>
/// <param name="Name">What the key is for, e.g. « Flux Power Automate RH » (at most 200 characters).</param>
/// <param name="Roles">The roles it grants: AiLiteracy.Read, AiLiteracy.Write, AiLiteracy.Admin.</param>
public sealed record ApiKeyInput(string? Name, IReadOnlyList<string>? Roles);

/// <summary>An API key as listed: never its secret.</summary>
/// <param name="KeyId">The key id (also the start of the key itself).</param>
/// <param name="Name">What the key is for.</param>
/// <param name="Roles">The roles it grants.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked; absent while active.</param>
public sealed record ApiKeyView(string KeyId, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>Whether the key is still accepted.</summary>
    public bool IsActive => RevokedAt is null;

    internal static ApiKeyView From(ApiKeyInfo key) => new(key.KeyId, key.Name, key.Roles, key.CreatedAt, key.RevokedAt);
}

/// <summary>A created API key, with its secret value shown this once.</summary>
/// <param name="ApiKey">The key as listed.</param>
/// <param name="Key">The full key to send in the <c>X-Api-Key</c> header; store it in a secret vault, it cannot be shown again.</param>
public sealed record CreatedApiKeyView(ApiKeyView ApiKey, string Key)
{
    /// <summary>Returns a description without the secret.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"CreatedApiKeyView {{ ApiKey = {ApiKey}, Key = *** }}";
}

/// <summary>The authority's API keys.</summary>
/// <param name="Items">The keys, oldest first.</param>
public sealed record ApiKeyList(IReadOnlyList<ApiKeyView> Items);
