using System.ComponentModel.DataAnnotations;

namespace AiLiteracy.Client;

/// <summary>Options of the AI Literacy API client, validated when the client is created or the host starts.</summary>
public sealed class AiLiteracyClientOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to: <c>AiLiteracy:Client</c>.</summary>
    public const string SectionName = "AiLiteracy:Client";

    /// <summary>
    /// The server's address, e.g. <c>https://ailiteracy.example.fr/</c> (the API is under <c>/api/v1</c> below it; a
    /// path prefix such as <c>https://lms.example.com/ailiteracy/</c> is kept). Required.
    /// </summary>
    [Required]
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// The tenant's API key, sent as the <c>X-Api-Key</c> header. Set this or <see cref="AccessTokenProvider"/>
    /// (or register an <see cref="IAccessTokenProvider"/> in the container). Default: none.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Gives Entra ID access tokens, sent as <c>Authorization: Bearer</c>. Default: none (the container's
    /// <see cref="IAccessTokenProvider"/> when registered and no <see cref="ApiKey"/> is set).
    /// </summary>
    public IAccessTokenProvider? AccessTokenProvider { get; set; }

    /// <summary>Language of the server's messages and drop-down names, sent as <c>Accept-Language</c>: <c>fr</c> (default) or <c>en</c>.</summary>
    [Required]
    [RegularExpression("^(fr|en)$", ErrorMessage = "Language must be 'fr' or 'en'.")]
    public string Language { get; set; } = "fr";

    /// <summary>Retries after a transient failure (429, 503; for GET, PUT and DELETE also 408, 500, 502, 504 and network errors). Default: 3.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay when the server gives no <c>Retry-After</c>; doubled at each attempt, with jitter. Default: 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest <c>Retry-After</c> honoured: a server asking to wait longer is not retried and the call fails with
    /// <see cref="AiLiteracyApiException.RetryAfter"/> set. Default: 1 minute.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Timeout of one attempt. Default: 100 s (large imports and reports take time).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseAddress is { } address && (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult("BaseAddress must be an absolute http or https URL.", [nameof(BaseAddress)]);
        }

        if (!string.IsNullOrEmpty(ApiKey) && AccessTokenProvider is not null)
        {
            yield return new ValidationResult("Set either ApiKey or AccessTokenProvider, not both.", [nameof(ApiKey), nameof(AccessTokenProvider)]);
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryAfter < TimeSpan.Zero)
        {
            yield return new ValidationResult("RetryDelay and MaxRetryAfter must not be negative.", [nameof(RetryDelay), nameof(MaxRetryAfter)]);
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("AttemptTimeout must be positive.", [nameof(AttemptTimeout)]);
        }
    }

    /// <summary>Throws when the options are invalid.</summary>
    /// <exception cref="ValidationException">An option is missing or out of range.</exception>
    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}

/// <summary>Gives access tokens for the server's API (Entra ID, with the <c>api://…/.default</c> scope), e.g. through MSAL.</summary>
public interface IAccessTokenProvider
{
    /// <summary>Returns a valid access token; implementations cache tokens until they near expiry.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The token, without the <c>Bearer</c> prefix.</returns>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default);
}
