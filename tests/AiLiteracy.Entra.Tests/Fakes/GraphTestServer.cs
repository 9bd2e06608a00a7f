using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Entra.Tests.Fakes;

/// <summary>Faults the test server injects, drawn from a seeded random source.</summary>
public sealed record GraphFaults
{
    public static GraphFaults None { get; } = new();

    /// <summary>Probability that a request (or a batch item) fails.</summary>
    public double Rate { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>Latency added to every HTTP request.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Retry-After value (seconds) sent with 429 and 503.</summary>
    public int RetryAfterSeconds { get; init; }

    /// <summary>Whether dropped connections are among the faults (before and after processing a write).</summary>
    public bool DropConnections { get; init; } = true;
}

/// <summary>
/// A Microsoft Graph-compatible server on 127.0.0.1 (Kestrel, free port) implementing what the group sync uses: users
/// and group members with <c>$select</c>, <c>$top</c> and <c>@odata.nextLink</c> paging; groups delta with
/// <c>members@delta</c> and delta links; PATCH <c>members@odata.bind</c>, POST and DELETE <c>$ref</c> with Graph's
/// status codes and error bodies; JSON <c>$batch</c> with per-item statuses. Faults (429 with Retry-After, 503,
/// dropped connections, latency) are injected at random with a seed; every request is counted.
/// </summary>
public sealed partial class GraphTestServer : IAsyncDisposable
{
    public const string Token = "test-token";
    private const string UserType = "#microsoft.graph.user";

    private readonly WebApplication app;
    private readonly object gate = new();
    private readonly List<TestUser> users = [];
    private readonly HashSet<string> userIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TestGroup> groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> requestLog = new();
    private Random random = new(1);
    private GraphFaults faults = GraphFaults.None;
    private long requests;
    private long writeRequests;
    private long batches;
    private long reads;

    private GraphTestServer(WebApplication app)
    {
        this.app = app;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public string GraphBaseUrl => BaseUrl + "/v1.0";

    public long Requests => Interlocked.Read(ref requests);

    public long WriteRequests => Interlocked.Read(ref writeRequests);

    public long Reads => Interlocked.Read(ref reads);

    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Adds for a user who already was a member (Graph answers "already exist").</summary>
    public int AddsOfExistingMembers { get; private set; }

    /// <summary>Every user removed from a group, in order.</summary>
    public List<(string GroupId, string UserId)> Removals { get; } = [];

    /// <summary>Called before each write request is processed (tests cancel runs from here).</summary>
    public Action<long>? OnWriteRequest { get; set; }

    public IReadOnlyCollection<string> RequestLog => requestLog;

    public static async Task<GraphTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new GraphTestServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/');
        return server;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    public void SetFaults(GraphFaults value)
    {
        lock (gate)
        {
            faults = value;
            random = new Random(value.Seed);
        }
    }

    public void ResetCounters()
    {
        Interlocked.Exchange(ref requests, 0);
        Interlocked.Exchange(ref writeRequests, 0);
        Interlocked.Exchange(ref batches, 0);
        Interlocked.Exchange(ref reads, 0);
        lock (gate)
        {
            AddsOfExistingMembers = 0;
            Removals.Clear();
        }
    }

    public void AddUser(string id, string? employeeId, string? upn = null, string? mail = null)
    {
        lock (gate)
        {
            users.Add(new TestUser(id, employeeId, upn, mail));
            userIds.Add(id);
        }
    }

    public void DeleteUser(string id)
    {
        lock (gate)
        {
            users.RemoveAll(u => string.Equals(u.Id, id, StringComparison.OrdinalIgnoreCase));
            userIds.Remove(id);
        }
    }

    public void AddGroup(string id, IEnumerable<string>? members = null)
    {
        lock (gate)
        {
            var group = new TestGroup(id);
            foreach (var member in members ?? [])
            {
                group.Add(member);
            }

            groups[id] = group;
        }
    }

    /// <summary>Adds a member that is not a user (a nested group), which the sync must leave alone.</summary>
    public void AddNonUserMember(string groupId, string objectId)
    {
        lock (gate)
        {
            groups[groupId].NonUsers.Add(objectId);
        }
    }

    public IReadOnlySet<string> MembersOf(string groupId)
    {
        lock (gate)
        {
            return groups[groupId].Members.ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>Changes membership outside the sync (an administrator in the portal).</summary>
    public void AddMemberDirectly(string groupId, string userId)
    {
        lock (gate)
        {
            groups[groupId].Add(userId);
        }
    }

    public void ExpireDeltaLinks()
    {
        lock (gate)
        {
            foreach (var group in groups.Values)
            {
                group.OldestValidVersion = group.Version + 1;
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        var method = context.Request.Method;
        if (IsIdentityPath(context.Request.Path.Value ?? string.Empty))
        {
            // Identity endpoints (Entra ID, managed identity): not Graph reads or writes, never faulted.
            await HandleIdentityAsync(context, context.Request.Path.Value!);
            return;
        }

        var isWrite = !HttpMethods.IsGet(method);
        if (isWrite)
        {
            var count = Interlocked.Increment(ref writeRequests);
            OnWriteRequest?.Invoke(count);
        }
        else
        {
            Interlocked.Increment(ref reads);
        }

        var path = context.Request.Path.Value ?? string.Empty;
        requestLog.Enqueue(method + " " + path + context.Request.QueryString);
        var current = faults;
        if (current.Latency > TimeSpan.Zero)
        {
            await Task.Delay(current.Latency);
        }

        context.Response.Headers["request-id"] = Guid.NewGuid().ToString();
        if (!Authorize(context))
        {
            await WriteAsync(context, Error(HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Access token is empty or invalid."));
            return;
        }

        var fault = DrawFault(isWrite);
        if (fault == FaultKind.DropBefore)
        {
            context.Abort();
            return;
        }

        if (fault is FaultKind.Throttle or FaultKind.Unavailable)
        {
            await WriteAsync(context, FaultResult(fault));
            return;
        }

        string? body = null;
        if (isWrite && context.Request.ContentLength != 0)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync();
        }

        var relative = path.StartsWith("/v1.0", StringComparison.Ordinal) ? path["/v1.0".Length..] : path;
        GraphResult result;
        if (HttpMethods.IsPost(method) && relative == "/$batch")
        {
            Interlocked.Increment(ref batches);
            result = Batch(body);
        }
        else
        {
            result = Dispatch(method, relative + context.Request.QueryString.Value, body);
        }

        if (fault == FaultKind.DropAfter)
        {
            context.Abort();
            return;
        }

        await WriteAsync(context, result);
    }

    private FaultKind DrawFault(bool isWrite)
    {
        lock (gate)
        {
            if (faults.Rate <= 0 || random.NextDouble() >= faults.Rate)
            {
                return FaultKind.None;
            }

            var kinds = faults.DropConnections
                ? (isWrite ? new[] { FaultKind.Throttle, FaultKind.Unavailable, FaultKind.DropBefore, FaultKind.DropAfter } : [FaultKind.Throttle, FaultKind.Unavailable, FaultKind.DropBefore])
                : [FaultKind.Throttle, FaultKind.Unavailable];
            return kinds[random.Next(kinds.Length)];
        }
    }

    private GraphResult FaultResult(FaultKind fault)
    {
        var result = fault == FaultKind.Throttle
            ? Error(HttpStatusCode.TooManyRequests, "TooManyRequests", "Too many requests.")
            : Error(HttpStatusCode.ServiceUnavailable, "serviceNotAvailable", "Service unavailable.");
        result.Headers["Retry-After"] = faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return result;
    }

    private GraphResult Batch(string? body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body ?? string.Empty);
        }
        catch (JsonException)
        {
            return Error(HttpStatusCode.BadRequest, "BadRequest", "Invalid batch payload format.");
        }

        if (root?["requests"] is not JsonArray items)
        {
            return Error(HttpStatusCode.BadRequest, "BadRequest", "Invalid batch payload format.");
        }

        if (items.Count > 20)
        {
            return Error(HttpStatusCode.BadRequest, "BadRequest", "Number of requests in the batch exceeds the maximum of 20.");
        }

        var responses = new JsonArray();
        foreach (var item in items)
        {
            var id = item!["id"]!.GetValue<string>();
            var method = item["method"]!.GetValue<string>();
            var url = item["url"]!.GetValue<string>();
            var itemBody = item["body"]?.ToJsonString();
            var fault = DrawItemFault();
            var result = fault != FaultKind.None ? FaultResult(fault) : Dispatch(method, url.StartsWith('/') ? url : "/" + url, itemBody);
            var headers = new JsonObject();
            foreach (var (name, value) in result.Headers)
            {
                headers[name] = value;
            }

            if (result.Body is not null)
            {
                headers["Content-Type"] = "application/json";
            }

            var response = new JsonObject { ["id"] = id, ["status"] = (int)result.Status, ["headers"] = headers };
            if (result.Body is not null)
            {
                response["body"] = result.Body;
            }

            responses.Add(response);
        }

        return new GraphResult(HttpStatusCode.OK, new JsonObject { ["responses"] = responses });
    }

    private FaultKind DrawItemFault()
    {
        lock (gate)
        {
            if (faults.Rate <= 0 || random.NextDouble() >= faults.Rate)
            {
                return FaultKind.None;
            }

            return random.Next(2) == 0 ? FaultKind.Throttle : FaultKind.Unavailable;
        }
    }

    private GraphResult Dispatch(string method, string pathAndQuery, string? body)
    {
        var questionMark = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = questionMark < 0 ? pathAndQuery : pathAndQuery[..questionMark];
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(questionMark < 0 ? string.Empty : pathAndQuery[questionMark..]);
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        lock (gate)
        {
            switch (method.ToUpperInvariant(), segments)
            {
                case ("GET", ["users"]):
                    return Page(users.Select(u => (JsonNode)UserJson(u, query)).ToList(), "users", query);
                case ("GET", ["groups", "delta" or "delta()"]):
                    return Delta(query);
                case ("GET", ["groups", var groupId, "members"]):
                    return !groups.TryGetValue(groupId, out var listed)
                        ? NotFound(groupId)
                        : Page(
                            [.. listed.Members.Select(m => (JsonNode)new JsonObject { ["@odata.type"] = UserType, ["id"] = m }),
                             .. listed.NonUsers.Select(m => (JsonNode)new JsonObject { ["@odata.type"] = "#microsoft.graph.group", ["id"] = m })],
                            $"groups/{groupId}/members",
                            query);
                case ("PATCH", ["groups", var groupId]):
                    return PatchMembers(groupId, body);
                case ("POST", ["groups", var groupId, "members", "$ref"]):
                    return AddReference(groupId, body);
                case ("DELETE", ["groups", var groupId, "members", var userId, "$ref"]):
                    return RemoveReference(groupId, userId);
                case ("PATCH", ["employeeExperience", "learningProviders", var providerId, var contentKey]) when KeyOf(contentKey, "learningContents") is { } externalId:
                    return UpsertContent(providerId, externalId, body);
                case ("POST", ["employeeExperience", "learningProviders", var providerId, "learningCourseActivities"]):
                    return CreateActivity(providerId, body);
                case ("PATCH", ["employeeExperience", "learningProviders", _, "learningCourseActivities", var activityId]):
                    return UpdateActivity(activityId, body);
                case ("GET", ["employeeExperience", var activityKey]) when KeyOf(activityKey, "learningCourseActivities") is { } externalActivityId:
                    return Activities.Values.FirstOrDefault(a => a["externalcourseActivityId"]?.GetValue<string>() == externalActivityId) is { } found
                        ? new GraphResult(HttpStatusCode.OK, found.DeepClone())
                        : NotFound(externalActivityId);
                default:
                    return Error(HttpStatusCode.BadRequest, "BadRequest", $"Unsupported request: {method} {path}.");
            }
        }
    }

    private JsonObject UserJson(TestUser user, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query)
    {
        var select = query.TryGetValue("$select", out var s) ? s.ToString().Split(',') : ["id", "employeeId", "userPrincipalName", "mail"];
        var json = new JsonObject();
        foreach (var field in select)
        {
            json[field] = field switch
            {
                "id" => user.Id,
                "employeeId" => user.EmployeeId,
                "userPrincipalName" => user.UserPrincipalName,
                "mail" => user.Mail,
                "accountEnabled" => true,
                _ => null,
            };
        }

        return json;
    }

    private GraphResult Page(List<JsonNode> items, string resource, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query)
    {
        var top = query.TryGetValue("$top", out var t) ? Math.Clamp(int.Parse(t!, CultureInfo.InvariantCulture), 1, 999) : 100;
        var skip = query.TryGetValue("$skiptoken", out var k) ? int.Parse(k!, CultureInfo.InvariantCulture) : 0;
        var page = new JsonArray([.. items.Skip(skip).Take(top).Select(i => i.DeepClone())]);
        var result = new JsonObject { ["@odata.context"] = $"{GraphBaseUrl}/$metadata#{resource}", ["value"] = page };
        if (skip + top < items.Count)
        {
            var select = query.TryGetValue("$select", out var s) ? "$select=" + Uri.EscapeDataString(s!) + "&" : string.Empty;
            result["@odata.nextLink"] = $"{GraphBaseUrl}/{resource}?{select}$top={top}&$skiptoken={skip + top}";
        }

        return new GraphResult(HttpStatusCode.OK, result);
    }

    private GraphResult Delta(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query)
    {
        if (query.TryGetValue("$deltatoken", out var token))
        {
            var parts = token.ToString().Split('.');
            if (!groups.TryGetValue(parts[0], out var known) || int.Parse(parts[1], CultureInfo.InvariantCulture) < known.OldestValidVersion)
            {
                return Error(HttpStatusCode.Gone, "resyncRequired", "Resync required. Replace any local cached data with the full synchronization.");
            }

            var since = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var changes = known.Log.Where(c => c.Version > since).GroupBy(c => c.UserId).Select(g => g.Last());
            var delta = new JsonArray();
            foreach (var change in changes)
            {
                var entry = new JsonObject { ["@odata.type"] = UserType, ["id"] = change.UserId };
                if (!change.Added)
                {
                    entry["@removed"] = new JsonObject { ["reason"] = "deleted" };
                }

                delta.Add(entry);
            }

            return DeltaPage(known, delta);
        }

        var filter = query.TryGetValue("$filter", out var f) ? f.ToString() : string.Empty;
        var id = filter.Split('\'', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? string.Empty;
        if (!groups.TryGetValue(id, out var group))
        {
            return new GraphResult(HttpStatusCode.OK, new JsonObject { ["value"] = new JsonArray(), ["@odata.deltaLink"] = $"{GraphBaseUrl}/groups/delta?$deltatoken=none.0" });
        }

        var all = new JsonArray([.. group.Members.Select(m => (JsonNode)new JsonObject { ["@odata.type"] = UserType, ["id"] = m })]);
        return DeltaPage(group, all);
    }

    private GraphResult DeltaPage(TestGroup group, JsonArray members) => new(HttpStatusCode.OK, new JsonObject
    {
        ["@odata.context"] = $"{GraphBaseUrl}/$metadata#groups(members)",
        ["value"] = new JsonArray(new JsonObject { ["@odata.type"] = "#microsoft.graph.group", ["id"] = group.Id, ["members@delta"] = members }),
        ["@odata.deltaLink"] = $"{GraphBaseUrl}/groups/delta?$deltatoken={group.Id}.{group.Version}",
    });

    private GraphResult PatchMembers(string groupId, string? body)
    {
        if (!groups.TryGetValue(groupId, out var group))
        {
            return NotFound(groupId);
        }

        var binds = JsonNode.Parse(body ?? "{}")?["members@odata.bind"] as JsonArray;
        if (binds is null || binds.Count == 0)
        {
            return Error(HttpStatusCode.BadRequest, "Request_BadRequest", "Invalid request: no members to bind.");
        }

        if (binds.Count > 20)
        {
            return Error(HttpStatusCode.BadRequest, "Request_BadRequest", "The request exceeded the maximum of 20 members that can be added in one request.");
        }

        var ids = binds.Select(b => LastSegment(b!.GetValue<string>())).ToList();
        if (ids.FirstOrDefault(id => !UserExists(id)) is { } missing)
        {
            return NotFound(missing);
        }

        if (ids.Any(group.Members.Contains))
        {
            AddsOfExistingMembers += ids.Count(group.Members.Contains);
            return AlreadyExist();
        }

        foreach (var id in ids)
        {
            group.Add(id);
        }

        return new GraphResult(HttpStatusCode.NoContent, null);
    }

    private GraphResult AddReference(string groupId, string? body)
    {
        if (!groups.TryGetValue(groupId, out var group))
        {
            return NotFound(groupId);
        }

        var reference = JsonNode.Parse(body ?? "{}")?["@odata.id"]?.GetValue<string>();
        if (reference is null)
        {
            return Error(HttpStatusCode.BadRequest, "Request_BadRequest", "Invalid request: @odata.id is missing.");
        }

        var id = LastSegment(reference);
        if (!UserExists(id))
        {
            return NotFound(id);
        }

        if (group.Members.Contains(id))
        {
            AddsOfExistingMembers++;
            return AlreadyExist();
        }

        group.Add(id);
        return new GraphResult(HttpStatusCode.NoContent, null);
    }

    private GraphResult RemoveReference(string groupId, string userId)
    {
        if (!groups.TryGetValue(groupId, out var group))
        {
            return NotFound(groupId);
        }

        if (!group.Members.Contains(userId))
        {
            return NotFound(userId);
        }

        group.Remove(userId);
        Removals.Add((groupId, userId));
        return new GraphResult(HttpStatusCode.NoContent, null);
    }

    /// <summary>Viva Learning contents by provider and external id.</summary>
    public Dictionary<(string Provider, string ExternalId), JsonObject> Contents { get; } = [];

    /// <summary>Viva Learning course activities by id.</summary>
    public Dictionary<string, JsonObject> Activities { get; } = new(StringComparer.Ordinal);

    private static string? KeyOf(string segment, string prefix)
    {
        var match = System.Text.RegularExpressions.Regex.Match(segment, "^" + prefix + @"\((\w+)='(.*)'\)$");
        return match.Success ? match.Groups[2].Value.Replace("''", "'", StringComparison.Ordinal) : null;
    }

    private GraphResult UpsertContent(string providerId, string externalId, string? body)
    {
        var content = JsonNode.Parse(body ?? "{}")!.AsObject();
        if (content["title"] is null || content["contentWebUrl"] is null)
        {
            return Error(HttpStatusCode.BadRequest, "badRequest", "title and contentWebUrl are required.");
        }

        var key = (providerId, externalId);
        var id = Contents.TryGetValue(key, out var existing) ? existing["id"]!.GetValue<string>() : Guid.NewGuid().ToString();
        content["id"] = id;
        content["externalId"] = externalId;
        Contents[key] = content;
        return new GraphResult(HttpStatusCode.OK, content.DeepClone());
    }

    private GraphResult CreateActivity(string providerId, string? body)
    {
        var activity = JsonNode.Parse(body ?? "{}")!.AsObject();
        var externalId = activity["externalcourseActivityId"]?.GetValue<string>();
        var learner = activity["learnerUserId"]?.GetValue<string>();
        var contentId = activity["learningContentId"]?.GetValue<string>();
        var type = activity["@odata.type"]?.GetValue<string>();
        if (type is not ("#microsoft.graph.learningAssignment" or "#microsoft.graph.learningSelfInitiatedCourse"))
        {
            return Error(HttpStatusCode.BadRequest, "badRequest", "@odata.type must be #microsoft.graph.learningAssignment or #microsoft.graph.learningSelfInitiatedCourse.");
        }

        if (externalId is null || learner is null || contentId is null)
        {
            return Error(HttpStatusCode.BadRequest, "badRequest", "externalcourseActivityId, learnerUserId and learningContentId are required.");
        }

        if (!Contents.Values.Any(c => c["id"]!.GetValue<string>() == contentId))
        {
            return Error(HttpStatusCode.NotFound, "itemNotFound", $"Learning content '{contentId}' was not found.");
        }

        if (Activities.Values.Any(a => a["externalcourseActivityId"]?.GetValue<string>() == externalId))
        {
            return Error(HttpStatusCode.Conflict, "conflict", $"A course activity with externalcourseActivityId '{externalId}' already exists.");
        }

        var id = Guid.NewGuid().ToString();
        activity["id"] = id;
        activity["learningProviderId"] = providerId;
        Activities[id] = activity;
        return new GraphResult(HttpStatusCode.Created, activity.DeepClone());
    }

    private GraphResult UpdateActivity(string activityId, string? body)
    {
        if (!Activities.TryGetValue(activityId, out var activity))
        {
            return NotFound(activityId);
        }

        foreach (var (name, value) in JsonNode.Parse(body ?? "{}")!.AsObject())
        {
            if (name != "@odata.type")
            {
                activity[name] = value?.DeepClone();
            }
        }

        return new GraphResult(HttpStatusCode.NoContent, null);
    }

    private bool UserExists(string id) => userIds.Contains(id);

    private static string LastSegment(string url) => Uri.UnescapeDataString(url.TrimEnd('/').Split('/')[^1]);

    private static GraphResult NotFound(string id) =>
        Error(HttpStatusCode.NotFound, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    private static GraphResult AlreadyExist() =>
        Error(HttpStatusCode.BadRequest, "Request_BadRequest", "One or more added object references already exist for the following modified properties: 'members'.");

    private static GraphResult Error(HttpStatusCode status, string code, string message) => new(status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject
            {
                ["date"] = DateTime.UtcNow.ToString("s", CultureInfo.InvariantCulture),
                ["request-id"] = Guid.NewGuid().ToString(),
                ["client-request-id"] = Guid.NewGuid().ToString(),
            },
        },
    });

    private static async Task WriteAsync(HttpContext context, GraphResult result)
    {
        context.Response.StatusCode = (int)result.Status;
        foreach (var (name, value) in result.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (result.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(result.Body.ToJsonString());
        }
    }

    private enum FaultKind
    {
        None,
        Throttle,
        Unavailable,
        DropBefore,
        DropAfter,
    }

    private sealed record TestUser(string Id, string? EmployeeId, string? UserPrincipalName, string? Mail);

    private sealed class TestGroup(string id)
    {
        public string Id { get; } = id;

        public HashSet<string> Members { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<string> NonUsers { get; } = [];

        public List<(int Version, string UserId, bool Added)> Log { get; } = [];

        public int Version { get; private set; }

        public int OldestValidVersion { get; set; }

        public void Add(string userId)
        {
            if (Members.Add(userId))
            {
                Log.Add((++Version, userId, true));
            }
        }

        public void Remove(string userId)
        {
            if (Members.Remove(userId))
            {
                Log.Add((++Version, userId, false));
            }
        }
    }

    private sealed class GraphResult(HttpStatusCode status, JsonNode? body)
    {
        public HttpStatusCode Status { get; } = status;

        public JsonNode? Body { get; } = body;

        public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
