using System.Net;
using AiLiteracy.Groups;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AiLiteracy.Entra.Graph;

/// <summary>The result of a delta read of one group's members.</summary>
/// <param name="Members">The user members now.</param>
/// <param name="DeltaLink">The delta link to store for the next run.</param>
/// <param name="FullResync">Whether every member was read (first run, or the stored link had expired).</param>
internal sealed record DeltaReadResult(HashSet<string> Members, string DeltaLink, bool FullResync);

/// <summary>Reads users and group members from Microsoft Graph through the <see cref="GraphServiceClient"/>.</summary>
internal sealed class GraphGroupDirectory(GraphServiceClient graph, EntraGroupSyncOptions options, ILogger logger)
{
    private const string UserType = "#microsoft.graph.user";

    public GraphServiceClient Client => graph;

    /// <summary>Reads every user once: <c>$select</c> of the matching fields, <c>$top</c> pages followed through <c>@odata.nextLink</c>.</summary>
    public async Task<List<DirectoryUser>> ReadUsersAsync(CancellationToken cancellationToken)
    {
        var users = new List<DirectoryUser>();
        var page = await graph.Users.GetAsync(
            r =>
            {
                r.QueryParameters.Select = ["id", "employeeId", "userPrincipalName", "mail", "accountEnabled"];
                r.QueryParameters.Top = options.PageSize;
            },
            cancellationToken).ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var user in page.Value ?? [])
            {
                if (user.Id is { } id)
                {
                    users.Add(new DirectoryUser
                    {
                        Id = id,
                        EmployeeId = user.EmployeeId,
                        UserPrincipalName = user.UserPrincipalName,
                        Mail = user.Mail,
                        AccountEnabled = user.AccountEnabled,
                    });
                }
            }

            if (string.IsNullOrEmpty(page.OdataNextLink))
            {
                break;
            }

            page = await graph.Users.WithUrl(page.OdataNextLink).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation("Read {Count} users from Microsoft Graph.", users.Count);
        return users;
    }

    /// <summary>Reads the user members of a group: <c>$select=id</c>, <c>$top</c> pages. Members that are not users (groups, devices, service principals) are left out.</summary>
    public async Task<HashSet<string>> ReadMembersAsync(string groupId, CancellationToken cancellationToken)
    {
        var members = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var page = await graph.Groups[groupId].Members.GetAsync(
            r =>
            {
                r.QueryParameters.Select = ["id"];
                r.QueryParameters.Top = options.PageSize;
            },
            cancellationToken).ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var member in page.Value ?? [])
            {
                if (member.Id is { } id && (member is User || string.Equals(member.OdataType, UserType, StringComparison.OrdinalIgnoreCase)))
                {
                    members.Add(id);
                }
            }

            if (string.IsNullOrEmpty(page.OdataNextLink))
            {
                break;
            }

            page = await graph.Groups[groupId].Members.WithUrl(page.OdataNextLink).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return members;
    }

    /// <summary>
    /// Reads a group's members through <c>groups/delta</c>: from the stored link and snapshot when given (only the
    /// changes), else a full round; an expired link (410, or a sync-state error) restarts with a full round.
    /// </summary>
    public async Task<DeltaReadResult> ReadMembersDeltaAsync(string groupId, string? deltaLink, IReadOnlyCollection<string>? snapshot, CancellationToken cancellationToken)
    {
        if (deltaLink is not null && snapshot is not null)
        {
            try
            {
                var members = new HashSet<string>(snapshot, StringComparer.OrdinalIgnoreCase);
                var link = await FollowDeltaAsync(graph.Groups.Delta.WithUrl(deltaLink).GetAsDeltaGetResponseAsync(cancellationToken: cancellationToken), groupId, members, cancellationToken).ConfigureAwait(false);
                return new DeltaReadResult(members, link, FullResync: false);
            }
            catch (ApiException ex) when (IsExpiredDelta(ex))
            {
                logger.LogWarning("The delta link of group {GroupId} has expired ({Status}); reading every member again.", groupId, ex.ResponseStatusCode);
            }
        }

        var all = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var first = graph.Groups.Delta.GetAsDeltaGetResponseAsync(
            r =>
            {
                r.QueryParameters.Select = ["members"];
                r.QueryParameters.Filter = $"id eq '{groupId}'";
            },
            cancellationToken);
        var newLink = await FollowDeltaAsync(first, groupId, all, cancellationToken).ConfigureAwait(false);
        return new DeltaReadResult(all, newLink, FullResync: true);
    }

    private async Task<string> FollowDeltaAsync(
        Task<Microsoft.Graph.Groups.Delta.DeltaGetResponse?> firstPage, string groupId, HashSet<string> members, CancellationToken cancellationToken)
    {
        var page = await firstPage.ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var group in page.Value ?? [])
            {
                if (!string.Equals(group.Id, groupId, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                ApplyMembersDelta(group, members);
            }

            if (!string.IsNullOrEmpty(page.OdataDeltaLink))
            {
                return page.OdataDeltaLink;
            }

            if (string.IsNullOrEmpty(page.OdataNextLink))
            {
                break;
            }

            page = await graph.Groups.Delta.WithUrl(page.OdataNextLink).GetAsDeltaGetResponseAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"The delta response of group '{groupId}' ended without a delta link.");
    }

    private static void ApplyMembersDelta(Group group, HashSet<string> members)
    {
        if (group.AdditionalData is null || !group.AdditionalData.TryGetValue("members@delta", out var raw))
        {
            return;
        }

        foreach (var entry in Entries(raw))
        {
            if (entry.Id is not { } id || (entry.Type is { } type && !string.Equals(type, UserType, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (entry.Removed)
            {
                members.Remove(id);
            }
            else
            {
                members.Add(id);
            }
        }
    }

    private static IEnumerable<(string? Id, string? Type, bool Removed)> Entries(object raw)
    {
        if (raw is UntypedArray array)
        {
            foreach (var node in array.GetValue())
            {
                if (node is UntypedObject item)
                {
                    var fields = item.GetValue();
                    yield return (
                        fields.TryGetValue("id", out var id) && id is UntypedString s ? s.GetValue() : null,
                        fields.TryGetValue("@odata.type", out var t) && t is UntypedString ts ? ts.GetValue() : null,
                        fields.ContainsKey("@removed"));
                }
            }
        }
        else if (raw is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } json)
        {
            foreach (var item in json.EnumerateArray())
            {
                yield return (
                    item.TryGetProperty("id", out var id) ? id.GetString() : null,
                    item.TryGetProperty("@odata.type", out var t) ? t.GetString() : null,
                    item.TryGetProperty("@removed", out _));
            }
        }
    }

    private static bool IsExpiredDelta(ApiException ex)
    {
        if (ex.ResponseStatusCode == (int)HttpStatusCode.Gone)
        {
            return true;
        }

        var code = (ex as ODataError)?.Error?.Code ?? string.Empty;
        return ex.ResponseStatusCode == (int)HttpStatusCode.BadRequest
            && (code.Contains("syncState", StringComparison.OrdinalIgnoreCase) || code.Contains("resync", StringComparison.OrdinalIgnoreCase));
    }
}
