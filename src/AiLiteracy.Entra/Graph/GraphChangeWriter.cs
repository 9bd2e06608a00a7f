using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AiLiteracy.Groups;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace AiLiteracy.Entra.Graph;

/// <summary>What happened to one planned change.</summary>
public enum GroupChangeOutcome
{
    /// <summary>Graph applied the change.</summary>
    Applied,
    /// <summary>The user was already a member (add) or already not a member (remove): nothing to do, counted as success.</summary>
    AlreadyInEffect,
    /// <summary>Graph refused the change (bad reference, permissions, retries exhausted); see the error.</summary>
    Failed,
}

/// <summary>The result of one planned change.</summary>
public sealed record GroupChangeResult
{
    /// <summary>The change.</summary>
    public required GroupChange Change { get; init; }

    /// <summary>What happened.</summary>
    public required GroupChangeOutcome Outcome { get; init; }

    /// <summary>When the outcome was known.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The Graph <c>request-id</c> of the request that carried the change (with the batch item id), when known.</summary>
    public string? GraphRequestId { get; init; }

    /// <summary>The HTTP status of the change's request, when known.</summary>
    public int? Status { get; init; }

    /// <summary>Graph's error code and message, for <see cref="GroupChangeOutcome.Failed"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Whether the change is in effect (applied or already so).</summary>
    public bool Succeeded => Outcome != GroupChangeOutcome.Failed;
}

/// <summary>Thrown when Graph refuses the whole sync (authentication, permissions) rather than single changes.</summary>
public sealed class EntraGraphException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="status">The HTTP status.</param>
    /// <param name="innerException">The cause.</param>
    public EntraGraphException(string message, int? status = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    /// <summary>The HTTP status Graph answered, when any.</summary>
    public int? Status { get; }
}

/// <summary>
/// Applies planned changes with as few requests as Graph allows: adds through PATCH <c>members@odata.bind</c> (up to
/// <see cref="EntraGroupSyncOptions.MembersPerRequest"/> per request), removes through DELETE
/// <c>members/{id}/$ref</c>, packed into JSON <c>$batch</c> requests of up to
/// <see cref="EntraGroupSyncOptions.RequestsPerBatch"/>. Throttled (429), 503 and 504 items are retried in a new batch
/// after the longest <c>Retry-After</c>; "already exist" and "does not exist" answers count as success; a refused
/// multi-member PATCH falls back to single adds (POST <c>members/$ref</c>) to isolate the bad reference. When a batch's
/// outcome is unknown (connection dropped), the groups concerned are read again and only what is still needed is sent,
/// so a member is never added twice.
/// </summary>
internal sealed class GraphChangeWriter(GraphGroupDirectory directory, EntraGroupSyncOptions options, TimeProvider timeProvider, ILogger logger)
{
    private GraphServiceClient Graph => directory.Client;

    public async Task<List<GroupChangeResult>> ApplyAsync(
        IReadOnlyList<GroupChange> changes, Func<IReadOnlyList<GroupChangeResult>, CancellationToken, Task> onResults, CancellationToken cancellationToken)
    {
        var results = new List<GroupChangeResult>(changes.Count);
        var pending = new LinkedList<Operation>(BuildOperations(changes));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = new List<Operation>(options.RequestsPerBatch);
            while (batch.Count < options.RequestsPerBatch && pending.First is { } first)
            {
                pending.RemoveFirst();
                batch.Add(first.Value);
            }

            var outcome = await SendBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            await onResults(outcome.Results, cancellationToken).ConfigureAwait(false);
            results.AddRange(outcome.Results);

            // Split operations go first, then retries: both in new batches, after the longest Retry-After for retries.
            for (var i = outcome.Split.Count - 1; i >= 0; i--)
            {
                pending.AddFirst(outcome.Split[i]);
            }

            if (outcome.Retry.Count > 0)
            {
                var exhausted = new List<GroupChangeResult>();
                for (var i = outcome.Retry.Count - 1; i >= 0; i--)
                {
                    var operation = outcome.Retry[i];
                    if (++operation.Attempts >= options.MaxAttempts)
                    {
                        exhausted.AddRange(operation.Changes.Select(c => Result(c, GroupChangeOutcome.Failed, null, operation.LastStatus, $"Retries exhausted after {operation.Attempts} attempts.")));
                        continue;
                    }

                    pending.AddFirst(operation);
                }

                if (exhausted.Count > 0)
                {
                    await onResults(exhausted, cancellationToken).ConfigureAwait(false);
                    results.AddRange(exhausted);
                }

                var wait = outcome.RetryAfter ?? GraphRetry.Backoff(options, outcome.Retry.Max(o => o.Attempts));
                logger.LogInformation("{Count} request(s) throttled or unavailable; retrying in a new batch in {Delay}.", outcome.Retry.Count, wait);
                await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }

        return results;
    }

    private List<Operation> BuildOperations(IReadOnlyList<GroupChange> changes)
    {
        var operations = new List<Operation>();
        foreach (var group in changes.Where(c => c.Kind == GroupChangeKind.Add).GroupBy(c => c.GroupId, StringComparer.OrdinalIgnoreCase))
        {
            foreach (var chunk in group.Chunk(options.MembersPerRequest))
            {
                operations.Add(new Operation(chunk.Length == 1 ? OperationKind.AddOne : OperationKind.AddMany, group.Key, [.. chunk]));
            }
        }

        foreach (var change in changes.Where(c => c.Kind == GroupChangeKind.Remove))
        {
            operations.Add(new Operation(OperationKind.Remove, change.GroupId, [change]));
        }

        return operations;
    }

    private async Task<BatchOutcome> SendBatchAsync(List<Operation> batch, CancellationToken cancellationToken)
    {
        using var activity = EntraTelemetry.ActivitySource.StartActivity("entra.graph.batch", ActivityKind.Client);
        activity?.SetTag("ailiteracy.entra.batch.size", batch.Count);
        var outcome = new BatchOutcome();

        // One BatchRequestContent per $batch (never more than 20 steps): the collection type Graph recommends hides the
        // raw response, and the sync needs it (top-level status, Retry-After and request-id).
#pragma warning disable CS0618
        var content = new BatchRequestContent(Graph);
        var byStep = new Dictionary<string, Operation>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var stepId = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await content.AddBatchRequestStepAsync(BuildRequest(batch[i]), stepId).ConfigureAwait(false);
            byStep[stepId] = batch[i];
        }
#pragma warning restore CS0618

        HttpResponseMessage response;
        try
        {
            var request = await Graph.Batch.ToPostRequestInformationAsync(content, cancellationToken).ConfigureAwait(false);
            var native = new NativeResponseHandler();
            request.AddRequestOptions([new ResponseHandlerOption { ResponseHandler = native }]);
            await Graph.RequestAdapter.SendNoContentAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
            response = native.Value as HttpResponseMessage ?? throw new EntraGraphException("Graph returned no response to a $batch request.");
        }
        catch (Exception ex) when (GraphResilienceHandler.IsTransport(ex) || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(ex, "The outcome of a $batch of {Count} request(s) is unknown ({Message}); reading the groups again.", batch.Count, ex.Message);
            await ReconcileAsync(batch, outcome, cancellationToken).ConfigureAwait(false);
            return outcome;
        }

        using (response)
        {
            var requestId = Header(response, "request-id");
            activity?.SetTag("ailiteracy.entra.graph.request_id", requestId);
            if (GraphRetry.IsTransient(response.StatusCode))
            {
                foreach (var operation in batch)
                {
                    operation.LastStatus = (int)response.StatusCode;
                }

                outcome.Retry.AddRange(batch);
                outcome.RetryAfter = GraphRetry.FromRetryAfter(options, response.Headers.RetryAfter, timeProvider);
                return outcome;
            }

            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var (code, message) = ParseError(body);
                throw new EntraGraphException(
                    $"Microsoft Graph a refusé la requête $batch ({(int)response.StatusCode} {code}) : {message} / Microsoft Graph refused the $batch request ({(int)response.StatusCode} {code}): {message}",
                    (int)response.StatusCode);
            }

            var batchResponse = new BatchResponseContent(response);
            var statuses = await batchResponse.GetResponsesStatusCodesAsync().ConfigureAwait(false);
            foreach (var (stepId, operation) in byStep)
            {
                var itemRequestId = requestId is null ? null : requestId + "#" + stepId;
                if (!statuses.TryGetValue(stepId, out var status))
                {
                    // An item Graph did not answer: its outcome is unknown, read the group again.
                    await ReconcileAsync([operation], outcome, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if ((int)status is >= 200 and < 300)
                {
                    outcome.Results.AddRange(operation.Changes.Select(c => Result(c, GroupChangeOutcome.Applied, itemRequestId, (int)status)));
                    continue;
                }

                using var item = await batchResponse.GetResponseByIdAsync(stepId).ConfigureAwait(false);
                operation.LastStatus = (int)status;
                if (GraphRetry.IsTransient(status))
                {
                    outcome.Retry.Add(operation);
                    var retryAfter = GraphRetry.FromRetryAfter(options, item.Headers.RetryAfter, timeProvider);
                    if (retryAfter is { } wait && (outcome.RetryAfter is null || wait > outcome.RetryAfter))
                    {
                        outcome.RetryAfter = wait;
                    }

                    continue;
                }

                var errorBody = item.Content is null ? string.Empty : await item.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                Classify(operation, status, ParseError(errorBody), itemRequestId, outcome);
            }
        }

        return outcome;
    }

    private void Classify(Operation operation, HttpStatusCode status, (string Code, string Message) error, string? requestId, BatchOutcome outcome)
    {
        var text = error.Code + " " + error.Message;
        switch (operation.Kind)
        {
            case OperationKind.AddMany when status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound:
                // One reference is already there or bad: the whole PATCH failed; isolate it with single adds.
                logger.LogInformation("A PATCH of {Count} members to group {GroupId} was refused ({Status}: {Message}); adding them one by one.",
                    operation.Changes.Count, operation.GroupId, (int)status, error.Message);
                outcome.Split.AddRange(operation.Changes.Select(c => new Operation(OperationKind.AddOne, operation.GroupId, [c])));
                break;
            case OperationKind.AddOne when status == HttpStatusCode.BadRequest && text.Contains("already exist", StringComparison.OrdinalIgnoreCase):
                outcome.Results.Add(Result(operation.Changes[0], GroupChangeOutcome.AlreadyInEffect, requestId, (int)status));
                break;
            case OperationKind.Remove when status == HttpStatusCode.NotFound
                || (status == HttpStatusCode.BadRequest && (text.Contains("do not exist", StringComparison.OrdinalIgnoreCase) || text.Contains("does not exist", StringComparison.OrdinalIgnoreCase))):
                outcome.Results.Add(Result(operation.Changes[0], GroupChangeOutcome.AlreadyInEffect, requestId, (int)status));
                break;
            default:
                logger.LogWarning("Graph refused {Kind} of {Count} member(s) in group {GroupId}: {Status} {Code} {Message}.",
                    operation.Kind, operation.Changes.Count, operation.GroupId, (int)status, error.Code, error.Message);
                outcome.Results.AddRange(operation.Changes.Select(c => Result(c, GroupChangeOutcome.Failed, requestId, (int)status, $"{error.Code}: {error.Message}")));
                break;
        }
    }

    /// <summary>Reads the groups of operations whose outcome is unknown and keeps only the changes still needed.</summary>
    private async Task ReconcileAsync(List<Operation> operations, BatchOutcome outcome, CancellationToken cancellationToken)
    {
        foreach (var byGroup in operations.GroupBy(o => o.GroupId, StringComparer.OrdinalIgnoreCase))
        {
            var members = await directory.ReadMembersAsync(byGroup.Key, cancellationToken).ConfigureAwait(false);
            foreach (var operation in byGroup)
            {
                var stillNeeded = new List<GroupChange>();
                foreach (var change in operation.Changes)
                {
                    var inEffect = change.Kind == GroupChangeKind.Add ? members.Contains(change.UserId) : !members.Contains(change.UserId);
                    if (inEffect)
                    {
                        outcome.Results.Add(Result(change, GroupChangeOutcome.Applied, null, null, null));
                    }
                    else
                    {
                        stillNeeded.Add(change);
                    }
                }

                if (stillNeeded.Count > 0)
                {
                    var retry = new Operation(stillNeeded.Count == 1 && operation.Kind == OperationKind.AddMany ? OperationKind.AddOne : operation.Kind, operation.GroupId, stillNeeded)
                    {
                        Attempts = operation.Attempts,
                        LastStatus = null,
                    };
                    outcome.Retry.Add(retry);
                }
            }
        }
    }

    private RequestInformation BuildRequest(Operation operation)
    {
        var groupId = operation.GroupId;
        switch (operation.Kind)
        {
            case OperationKind.AddMany:
                var group = new Group
                {
                    AdditionalData = new Dictionary<string, object>
                    {
                        ["members@odata.bind"] = operation.Changes.Select(c => DirectoryObjectUrl(c.UserId)).ToList(),
                    },
                };
                return Graph.Groups[groupId].ToPatchRequestInformation(group);
            case OperationKind.AddOne:
                return Graph.Groups[groupId].Members.Ref.ToPostRequestInformation(new ReferenceCreate { OdataId = DirectoryObjectUrl(operation.Changes[0].UserId) });
            default:
                return Graph.Groups[groupId].Members[operation.Changes[0].UserId].Ref.ToDeleteRequestInformation();
        }
    }

    private string DirectoryObjectUrl(string userId) => Graph.RequestAdapter.BaseUrl!.TrimEnd('/') + "/directoryObjects/" + Uri.EscapeDataString(userId);

    private GroupChangeResult Result(GroupChange change, GroupChangeOutcome outcome, string? requestId, int? status, string? error = null) => new()
    {
        Change = change,
        Outcome = outcome,
        At = timeProvider.GetUtcNow(),
        GraphRequestId = requestId,
        Status = status,
        Error = error,
    };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    internal static (string Code, string Message) ParseError(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (string.Empty, string.Empty);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return (
                    error.TryGetProperty("code", out var code) ? code.GetString() ?? string.Empty : string.Empty,
                    error.TryGetProperty("message", out var message) ? message.GetString() ?? string.Empty : string.Empty);
            }
        }
        catch (JsonException)
        {
        }

        return (string.Empty, body.Length > 300 ? body[..300] : body);
    }

    private enum OperationKind
    {
        AddMany,
        AddOne,
        Remove,
    }

    private sealed class Operation(OperationKind kind, string groupId, List<GroupChange> changes)
    {
        public OperationKind Kind { get; } = kind;

        public string GroupId { get; } = groupId;

        public List<GroupChange> Changes { get; } = changes;

        public int Attempts { get; set; }

        public int? LastStatus { get; set; }
    }

    private sealed class BatchOutcome
    {
        public List<GroupChangeResult> Results { get; } = [];

        public List<Operation> Retry { get; } = [];

        public List<Operation> Split { get; } = [];

        public TimeSpan? RetryAfter { get; set; }
    }
}
