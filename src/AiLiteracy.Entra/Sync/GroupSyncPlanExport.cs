using System.Globalization;
using System.Text;
using System.Text.Json;
using AiLiteracy.Groups;

namespace AiLiteracy.Entra.Sync;

/// <summary>
/// Exports a <see cref="GroupSyncPlan"/> for review: JSON (every group, change and reason in French and English) or
/// CSV as French office tools open it (<c>;</c> separator, UTF-8 with BOM), one line per change.
/// </summary>
public static class GroupSyncPlanExport
{
    /// <summary>Writes the plan as JSON.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public static Task WriteJsonAsync(GroupSyncPlan plan, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stream);
        var document = new
        {
            createdAt = plan.CreatedAt,
            asOf = plan.AsOf,
            agents = plan.Agents,
            users = plan.Users,
            totalAdds = plan.TotalAdds,
            totalRemoves = plan.TotalRemoves,
            blockedBySafety = !plan.MayApply(force: false),
            groups = plan.Groups.Select(g => new
            {
                groupId = g.GroupId,
                name = g.Rule.Name,
                mode = g.Rule.Mode,
                rule = g.Rule.Selector.Describe(),
                currentMembers = g.CurrentMembers,
                desiredMembers = g.DesiredMembers,
                removalCheck = new { exceeded = g.RemovalCheck.Exceeded, percent = g.RemovalCheck.Percent, message = g.RemovalCheck.Message },
                adds = g.Adds.Select(Change),
                removes = g.Removes.Select(Change),
                kept = g.Kept,
                selectedWithoutUser = g.SelectedWithoutUser,
            }),
            unmatchedAgents = plan.UnmatchedAgents.Select(u => new { employeeNumber = u.EmployeeNumber, code = u.Code, message = u.Message }),
        };
        return JsonSerializer.SerializeAsync(stream, document, AiLiteracyJson.Options, cancellationToken);

        static object Change(GroupChange change) => new
        {
            userId = change.UserId,
            employeeNumber = change.EmployeeNumber,
            reasonCode = change.Reason.Code,
            reason = change.Reason.Message,
        };
    }

    /// <summary>Writes the plan as CSV: group, group name, action, user id, employee number, reason code, reason.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="language">The language of the reasons: <c>fr</c> (default) or <c>en</c>.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    public static async Task WriteCsvAsync(GroupSyncPlan plan, Stream stream, string language = "fr", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stream);
        var english = string.Equals(language, "en", StringComparison.OrdinalIgnoreCase);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteLineAsync(english
            ? "group;group name;action;user id;employee number;reason code;reason"
            : "groupe;nom du groupe;action;id utilisateur;matricule;code motif;motif").ConfigureAwait(false);
        foreach (var group in plan.Groups)
        {
            foreach (var change in group.Adds.Concat(group.Removes))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var action = change.Kind == GroupChangeKind.Add ? (english ? "add" : "ajout") : (english ? "remove" : "retrait");
                var fields = new[]
                {
                    group.GroupId, group.Rule.Name ?? string.Empty, action, change.UserId, change.EmployeeNumber ?? string.Empty,
                    change.Reason.Code.ToString(), change.Reason.Message.Get(english ? "en" : "fr"),
                };
                await writer.WriteLineAsync(string.Join(';', fields.Select(Escape))).ConfigureAwait(false);
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Escape(string value) =>
        value.IndexOfAny([';', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
