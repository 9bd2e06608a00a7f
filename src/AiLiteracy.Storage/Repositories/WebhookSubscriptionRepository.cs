using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Repositories;

/// <summary>
/// EF Core implementation of <see cref="IWebhookSubscriptionRepository"/>. Signing secrets are stored as given so
/// deliveries can be signed; they are never logged, never part of a listing, and only read by
/// <see cref="GetSigningSecretAsync"/>.
/// </summary>
internal sealed class WebhookSubscriptionRepository(AiLiteracyDbContext db, TimeProvider time) : IWebhookSubscriptionRepository
{
    private const int MinimumSecretLength = 16;

    public async Task<CreatedWebhookSubscription> CreateAsync(string eventType, Uri notificationUrl, string? secret = null, CancellationToken cancellationToken = default)
    {
        Internal.Required(eventType, nameof(eventType));
        ArgumentNullException.ThrowIfNull(notificationUrl);
        if (!notificationUrl.IsAbsoluteUri
            || !(notificationUrl.Scheme == Uri.UriSchemeHttps || (notificationUrl.Scheme == Uri.UriSchemeHttp && notificationUrl.IsLoopback)))
        {
            throw new ArgumentException("The notification URL must be an absolute HTTPS URL (HTTP is accepted for loopback addresses only).", nameof(notificationUrl));
        }

        if (secret is not null && secret.Length < MinimumSecretLength)
        {
            throw new ArgumentException($"The signing secret must be at least {MinimumSecretLength} characters long.", nameof(secret));
        }

        var entity = new WebhookSubscriptionEntity
        {
            Id = Internal.NewId(time),
            EventType = eventType.Trim(),
            NotificationUrl = notificationUrl.AbsoluteUri,
            Secret = secret ?? Internal.RandomToken(32),
            CreatedAt = Internal.Now(time),
        };
        db.WebhookSubscriptions.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new CreatedWebhookSubscription(entity.ToModel(), entity.Secret);
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public async Task<WebhookSubscription?> GetAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        if (!Mapping.TryParseId(subscriptionId, out var id))
        {
            return null;
        }

        var entity = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        return entity?.ToModel();
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListForEventAsync(string eventType, CancellationToken cancellationToken = default)
    {
        Internal.Required(eventType, nameof(eventType));
        var rows = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.EventType == eventType || s.EventType == "*")
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public Task<string?> GetSigningSecretAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        if (!Mapping.TryParseId(subscriptionId, out var id))
        {
            return Task.FromResult<string?>(null);
        }

        return db.WebhookSubscriptions.AsNoTracking().Where(s => s.Id == id).Select(s => s.Secret).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<int?> RecordDeliveryAsync(string subscriptionId, bool succeeded, CancellationToken cancellationToken = default)
    {
        if (!Mapping.TryParseId(subscriptionId, out var id))
        {
            return null;
        }

        var entity = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        try
        {
            var now = Internal.Now(time);
            if (succeeded)
            {
                entity.ConsecutiveFailures = 0;
                entity.LastDeliveredAt = now;
            }
            else
            {
                entity.ConsecutiveFailures++;
                entity.LastFailureAt = now;
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return entity.ConsecutiveFailures;
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public async Task<bool> DeleteAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        if (!Mapping.TryParseId(subscriptionId, out var id))
        {
            return false;
        }

        var entity = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return false;
        }

        db.WebhookSubscriptions.Remove(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }
}
