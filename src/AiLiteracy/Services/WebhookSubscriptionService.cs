using System.Net;
using System.Net.Sockets;
using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Services;

/// <summary>A webhook subscription request (Power Automate trigger or vendor integration).</summary>
public sealed record SubscriptionInput
{
    /// <summary>The URL notifications are posted to (https; http on loopback only where private targets are allowed).</summary>
    public string? NotificationUrl { get; init; }

    /// <summary>The event: <c>completion.recorded</c>, <c>clearance.changed</c> or <c>agent.created</c>.</summary>
    public string? Event { get; init; }
}

/// <summary>A subscription as the API shows it.</summary>
public sealed record SubscriptionView
{
    /// <summary>Subscription id.</summary>
    public required string Id { get; init; }

    /// <summary>Event type.</summary>
    public required string Event { get; init; }

    /// <summary>Notification URL.</summary>
    public required string NotificationUrl { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Failed deliveries in a row.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>The signing secret (HMAC-SHA256), returned once at creation only.</summary>
    public string? Secret { get; init; }

    /// <summary>Creates the view.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="secret">The secret, at creation only.</param>
    /// <returns>The view.</returns>
    public static SubscriptionView From(WebhookSubscription subscription, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return new SubscriptionView
        {
            Id = subscription.Id,
            Event = subscription.EventType,
            NotificationUrl = subscription.NotificationUrl.AbsoluteUri,
            CreatedAt = subscription.CreatedAt,
            ConsecutiveFailures = subscription.ConsecutiveFailures,
            Secret = secret,
        };
    }
}

/// <summary>
/// Decides whether a notification URL may be called: HTTPS only, and never a private, loopback or link-local address
/// (server-side request forgery), unless private targets are allowed (Development, tests).
/// </summary>
public class NotificationUrlPolicy
{
    /// <summary>Resolves host names; replaceable in tests.</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>> Resolve { get; init; } = (host, ct) => Dns.GetHostAddressesAsync(host, ct);

    /// <summary>Whether an address is private, loopback, link-local or otherwise not on the public internet.</summary>
    /// <param name="address">The address.</param>
    /// <returns><see langword="true"/> for a non-public address.</returns>
    public static bool IsNonPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 10 || b[0] == 0 || b[0] >= 224
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
        }

        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal;
    }

    /// <summary>Checks a notification URL.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="allowPrivateTargets">Whether loopback HTTP and private addresses are allowed.</param>
    /// <param name="path">JSON path for errors.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The URL.</returns>
    /// <exception cref="InputValidationException">The URL is not allowed.</exception>
    public virtual async Task<Uri> CheckAsync(string? url, bool allowPrivateTargets, string path = "$.notificationUrl", CancellationToken cancellationToken = default)
    {
        InputValidationException Error(string fr, string en) => new([new InputError(path, "invalid-notification-url", new LocalizedText(fr, en))]);

        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw Error("URL de notification absolue requise (sans identifiants).", "An absolute notification URL (without credentials) is required.");
        }

        var https = uri.Scheme == Uri.UriSchemeHttps;
        var loopbackHttp = uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
        if (!https && !(loopbackHttp && allowPrivateTargets))
        {
            throw Error("L'URL de notification doit être en https.", "The notification URL must use https.");
        }

        if (allowPrivateTargets)
        {
            return uri;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.DnsSafeHost, out var literal) ? [literal] : await Resolve(uri.DnsSafeHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            throw Error($"Nom d'hôte « {uri.Host} » introuvable.", $"Host name '{uri.Host}' cannot be resolved.");
        }

        if (addresses.Length == 0 || addresses.Any(IsNonPublic))
        {
            throw Error("L'URL de notification désigne une adresse privée, locale ou de lien local.", "The notification URL points to a private, loopback or link-local address.");
        }

        return uri;
    }
}

/// <summary>Webhook subscriptions of the current tenant.</summary>
public class WebhookSubscriptionService
{
    private readonly IWebhookSubscriptionRepository subscriptions;
    private readonly NotificationUrlPolicy policy;
    private readonly IAuditLog audit;

    /// <summary>Creates the service.</summary>
    /// <param name="subscriptions">Subscriptions.</param>
    /// <param name="policy">Notification URL policy.</param>
    /// <param name="audit">Audit log.</param>
    public WebhookSubscriptionService(IWebhookSubscriptionRepository subscriptions, NotificationUrlPolicy policy, IAuditLog audit)
    {
        this.subscriptions = subscriptions;
        this.policy = policy;
        this.audit = audit;
    }

    /// <summary>Subscribes a URL to an event; the response carries the signing secret, once.</summary>
    /// <param name="input">The subscription.</param>
    /// <param name="allowPrivateTargets">Whether loopback HTTP and private addresses are allowed (Development only).</param>
    /// <param name="actor">Who acts.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The subscription with its secret.</returns>
    /// <exception cref="InputValidationException">Unknown event or URL not allowed.</exception>
    public virtual async Task<SubscriptionView> SubscribeAsync(SubscriptionInput input, bool allowPrivateTargets, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new InputErrors();
        if (errors.Required("$.event", input.Event) && !WebhookEvents.All.Contains(input.Event, StringComparer.Ordinal))
        {
            errors.Add("$.event", "unknown-event", $"Événement inconnu : {string.Join(", ", WebhookEvents.All)}.", $"Unknown event: {string.Join(", ", WebhookEvents.All)}.");
        }

        Uri? url = null;
        try
        {
            url = await policy.CheckAsync(input.NotificationUrl, allowPrivateTargets, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (InputValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                errors.Add(error.Path, error.Code, error.Message.Fr, error.Message.En);
            }
        }

        errors.ThrowIfAny();
        var created = await subscriptions.CreateAsync(input.Event!, url!, null, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(actor, "webhooks.subscribe", created.Subscription.Id, input.Event, cancellationToken).ConfigureAwait(false);
        return SubscriptionView.From(created.Subscription, created.Secret);
    }

    /// <summary>Lists the subscriptions.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The subscriptions (without secrets).</returns>
    public virtual async Task<IReadOnlyList<SubscriptionView>> ListAsync(CancellationToken cancellationToken = default) =>
        (await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false)).Select(s => SubscriptionView.From(s)).ToArray();

    /// <summary>Deletes a subscription.</summary>
    /// <param name="subscriptionId">The id.</param>
    /// <param name="actor">Who acts.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    /// <exception cref="ResourceNotFoundException">Unknown subscription.</exception>
    public virtual async Task DeleteAsync(string subscriptionId, string actor, CancellationToken cancellationToken = default)
    {
        if (!await subscriptions.DeleteAsync(subscriptionId, cancellationToken).ConfigureAwait(false))
        {
            throw new ResourceNotFoundException("subscription", subscriptionId);
        }

        await audit.WriteAsync(actor, "webhooks.unsubscribe", subscriptionId, null, cancellationToken).ConfigureAwait(false);
    }
}
