using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AiLiteracy.Hr.Bridge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Hr.Tests.Bridge;

/// <summary>A fault the test server injects into the next request of a route.</summary>
internal enum Fault
{
    /// <summary>No fault: the request is served normally.</summary>
    None,
    /// <summary>429 with <c>Retry-After: 1</c>, nothing processed.</summary>
    TooManyRequests,
    /// <summary>500, nothing processed.</summary>
    ServerError,
    /// <summary>503 with <c>Retry-After: 1</c>, nothing processed.</summary>
    Unavailable,
    /// <summary>Processed, then answered after 2 s (beyond the client's attempt timeout).</summary>
    Slow,
    /// <summary>Connection dropped before processing.</summary>
    DropBefore,
    /// <summary>Processed, then the connection is dropped without an answer.</summary>
    DropAfter,
    /// <summary>429 with <c>Retry-After: 3600</c>.</summary>
    LongRetryAfter,
}

/// <summary>
/// A real HTTP server on 127.0.0.1 implementing the HR bridge contract (<c>hr-bridge.openapi.json</c>): agents paged
/// with <c>updatedSince</c>; training records received idempotently by <c>Idempotency-Key</c>. Faults can be queued per
/// route: 429, 500, 503, slow answers and dropped connections.
/// </summary>
internal sealed class HrBridgeTestServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Fault> recordFaults = new();
    private readonly ConcurrentQueue<Fault> agentFaults = new();
    private readonly ConcurrentDictionary<string, (string Body, HrTrainingRecordReceipt Receipt)> byKey = new(StringComparer.Ordinal);
    private int sequence;

    private HrBridgeTestServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The records received, one per idempotency key.</summary>
    public IReadOnlyDictionary<string, (string Body, HrTrainingRecordReceipt Receipt)> Records => byKey;

    /// <summary>Every training-record request received (repeats included), with its time.</summary>
    public ConcurrentQueue<(string Key, DateTimeOffset At, int Status)> RecordRequests { get; } = new();

    public List<HrBridgeAgent> Agents { get; } = [];

    public int AgentRequests => agentRequests;

    /// <summary>When set, every training-record request answers 500 (an HR system down).</summary>
    public bool Down { get; set; }

    /// <summary>The API key required, when set.</summary>
    public string? RequiredApiKey { get; set; }

    private int agentRequests;

    public static async Task<HrBridgeTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new HrBridgeTestServer(app);
        app.MapGet("/v1/agents", server.ListAgentsAsync);
        app.MapPost("/v1/training-records", server.ReceiveAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/v1/");
        return server;
    }

    public void InjectRecordFaults(params Fault[] faults)
    {
        foreach (var fault in faults)
        {
            recordFaults.Enqueue(fault);
        }
    }

    public void InjectAgentFaults(params Fault[] faults)
    {
        foreach (var fault in faults)
        {
            agentFaults.Enqueue(fault);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task ListAgentsAsync(HttpContext context)
    {
        Interlocked.Increment(ref agentRequests);
        if (!Authorized(context))
        {
            return;
        }

        var fault = agentFaults.TryDequeue(out var f) ? f : (Fault?)null;
        if (await FailBeforeAsync(context, fault))
        {
            return;
        }

        var query = context.Request.Query;
        var since = query.TryGetValue("updatedSince", out var s) && s.Count > 0 ? DateTimeOffset.Parse(s[0]!, CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
        var offset = query.TryGetValue("cursor", out var c) && c.Count > 0 ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(c[0]!)), CultureInfo.InvariantCulture) : 0;
        var limit = query.TryGetValue("limit", out var l) && l.Count > 0 ? int.Parse(l[0]!, CultureInfo.InvariantCulture) : 500;
        var selected = Agents.Where(a => since is null || a.UpdatedAt >= since).OrderBy(a => a.UpdatedAt).ThenBy(a => a.EmployeeNumber, StringComparer.Ordinal).ToList();
        var items = selected.Skip(offset).Take(limit).ToList();
        var next = offset + items.Count < selected.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + items.Count).ToString(CultureInfo.InvariantCulture))) : null;
        await AnswerAfterAsync(context, fault, 200, new HrBridgeAgentPage { Items = items, NextCursor = next });
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (!Authorized(context))
        {
            return;
        }

        if (Down)
        {
            RecordRequests.Enqueue((key, DateTimeOffset.UtcNow, 500));
            context.Response.StatusCode = 500;
            return;
        }

        var fault = recordFaults.TryDequeue(out var f) ? f : (Fault?)null;
        if (await FailBeforeAsync(context, fault))
        {
            RecordRequests.Enqueue((key, DateTimeOffset.UtcNow, context.Response.StatusCode));
            return;
        }

        if (string.IsNullOrEmpty(key))
        {
            RecordRequests.Enqueue((key, DateTimeOffset.UtcNow, 400));
            await Results.Problem(statusCode: 400, title: "Idempotency-Key header required").ExecuteAsync(context);
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var record = JsonSerializer.Deserialize<HrTrainingRecord>(body)!;
        var canonical = JsonSerializer.Serialize(record);
        var created = false;
        var entry = byKey.GetOrAdd(key, _ =>
        {
            created = true;
            return (canonical, new HrTrainingRecordReceipt
            {
                RecordId = record.RecordId,
                HrReference = "FORM-" + Interlocked.Increment(ref sequence).ToString("D6", CultureInfo.InvariantCulture),
                ReceivedAt = DateTimeOffset.UtcNow,
            });
        });
        if (!created && entry.Body != canonical)
        {
            RecordRequests.Enqueue((key, DateTimeOffset.UtcNow, 409));
            await Results.Problem(statusCode: 409, title: "Idempotency-Key already used for another record").ExecuteAsync(context);
            return;
        }

        var status = created ? 201 : 200;
        RecordRequests.Enqueue((key, DateTimeOffset.UtcNow, status));
        await AnswerAfterAsync(context, fault, status, entry.Receipt);
    }

    private bool Authorized(HttpContext context)
    {
        if (RequiredApiKey is null || context.Request.Headers["X-Api-Key"] == RequiredApiKey)
        {
            return true;
        }

        context.Response.StatusCode = 401;
        return false;
    }

    private static async Task<bool> FailBeforeAsync(HttpContext context, Fault? fault)
    {
        switch (fault)
        {
            case Fault.TooManyRequests or Fault.Unavailable or Fault.LongRetryAfter:
                context.Response.Headers.RetryAfter = fault == Fault.LongRetryAfter ? "3600" : "1";
                context.Response.StatusCode = fault == Fault.Unavailable ? 503 : 429;
                await context.Response.WriteAsync("slow down");
                return true;
            case Fault.ServerError:
                context.Response.StatusCode = 500;
                return true;
            case Fault.DropBefore:
                context.Abort();
                return true;
            default:
                return false;
        }
    }

    private static async Task AnswerAfterAsync<T>(HttpContext context, Fault? fault, int status, T body)
    {
        if (fault == Fault.DropAfter)
        {
            context.Abort();
            return;
        }

        if (fault == Fault.Slow)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(body);
    }
}
