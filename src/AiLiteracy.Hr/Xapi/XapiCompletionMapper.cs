using System.Security.Cryptography;
using System.Text;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Xapi;

/// <summary>How xAPI statements map to agents and modules.</summary>
public sealed record XapiMappingOptions
{
    /// <summary>
    /// The home pages whose <c>account.name</c> is an HR employee number (e.g. the HR system's or the LMS's URL); empty
    /// to accept any home page.
    /// </summary>
    public IReadOnlyList<string> AccountHomePages { get; init; } = [];

    /// <summary>Activity IRI → module id.</summary>
    public IReadOnlyDictionary<string, string> Activities { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// A base IRI under which activity ids end with the module id (e.g. <c>https://lms.example.fr/modules/</c> makes
    /// <c>https://lms.example.fr/modules/TC-01</c> the module <c>TC-01</c>); <see langword="null"/> for none.
    /// </summary>
    public string? ActivityBase { get; init; }
}

/// <summary>What a statement means for the SDK.</summary>
public enum XapiStatementKind
{
    /// <summary>A completion (verb completed, passed or failed on a known activity).</summary>
    Completion,
    /// <summary>A voiding statement: withdraw the completion of <see cref="XapiMapped.VoidedStatementId"/>.</summary>
    Void,
    /// <summary>Another verb (launched, experienced…): nothing to record.</summary>
    Ignored,
    /// <summary>A statement the SDK cannot use: see <see cref="XapiMapped.Error"/>.</summary>
    Rejected,
}

/// <summary>A statement mapped for the SDK.</summary>
public sealed record XapiMapped
{
    /// <summary>What the statement means.</summary>
    public required XapiStatementKind Kind { get; init; }

    /// <summary>The statement id.</summary>
    public string? StatementId { get; init; }

    /// <summary>The employee number from <c>account.name</c>, when the actor is identified that way.</summary>
    public string? EmployeeNumber { get; init; }

    /// <summary>The e-mail address from <c>mbox</c>, when the actor is identified that way.</summary>
    public string? Email { get; init; }

    /// <summary>The <c>mbox_sha1sum</c>, when the actor is identified that way.</summary>
    public string? MboxSha1Sum { get; init; }

    /// <summary>The activity IRI.</summary>
    public string? ActivityId { get; init; }

    /// <summary>The completion, with an empty employee number until the actor is resolved (<see cref="XapiStatementKind.Completion"/>).</summary>
    public Completion? Completion { get; init; }

    /// <summary>The statement a voiding statement withdraws.</summary>
    public string? VoidedStatementId { get; init; }

    /// <summary>The JSON path (relative to the statement) of the faulty part, for a rejected statement.</summary>
    public string? ErrorPath { get; init; }

    /// <summary>Why the statement is rejected.</summary>
    public LocalizedText? Error { get; init; }

    /// <summary>Whether the statement was rejected because its activity maps to no module.</summary>
    public bool UnknownActivity { get; init; }
}

/// <summary>
/// Maps xAPI statements to completions: ADL verbs completed, passed and failed; the actor by <c>account</c>
/// (home page + employee number), <c>mbox</c> or <c>mbox_sha1sum</c>; the activity id to a module; score (scaled, or
/// raw between min and max) and success kept; the statement id as the completion's external id, so a repeated
/// statement is stored once; voiding statements recognised.
/// </summary>
public sealed class XapiCompletionMapper(XapiMappingOptions options)
{
    private readonly XapiMappingOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The SHA-1 (hex) of an e-mail address's <c>mailto:</c> IRI, as <c>mbox_sha1sum</c> holds it.</summary>
    /// <param name="email">The e-mail address.</param>
    /// <returns>The lower-case hex SHA-1.</returns>
    public static string MboxSha1(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
#pragma warning disable CA5350 // SHA-1 is what the xAPI specification uses for mbox_sha1sum; it identifies, it does not protect.
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes("mailto:" + email.Trim().ToLowerInvariant())));
#pragma warning restore CA5350
    }

    /// <summary>Maps a statement.</summary>
    /// <param name="statement">The statement.</param>
    /// <returns>What it means.</returns>
    public XapiMapped Map(XapiStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var id = statement.Id;
        if (string.IsNullOrWhiteSpace(id) || !Guid.TryParse(id, out _))
        {
            return Reject(id, "id", "Identifiant de déclaration absent ou invalide (UUID attendu).", "Missing or invalid statement id (UUID expected).");
        }

        id = id.ToLowerInvariant();
        var verb = statement.Verb?.Id;
        if (verb == XapiVerbs.Voided)
        {
            return statement.Object is { ObjectType: "StatementRef", Id: { } target } && Guid.TryParse(target, out _)
                ? new XapiMapped { Kind = XapiStatementKind.Void, StatementId = id, VoidedStatementId = target.ToLowerInvariant() }
                : Reject(id, "object", "Une déclaration « voided » doit viser une déclaration (objectType StatementRef).", "A 'voided' statement must refer to a statement (objectType StatementRef).");
        }

        CompletionOutcome outcome;
        switch (verb)
        {
            case XapiVerbs.Completed:
                outcome = statement.Result?.Success switch
                {
                    true => CompletionOutcome.Passed,
                    false => CompletionOutcome.Failed,
                    _ => CompletionOutcome.Completed,
                };
                break;
            case XapiVerbs.Passed:
                outcome = CompletionOutcome.Passed;
                break;
            case XapiVerbs.Failed:
                outcome = CompletionOutcome.Failed;
                break;
            case null:
                return Reject(id, "verb", "Verbe absent.", "Missing verb.");
            default:
                return new XapiMapped { Kind = XapiStatementKind.Ignored, StatementId = id };
        }

        var actor = statement.Actor;
        string? employeeNumber = null, email = null, sha1 = null;
        if (actor?.Account is { Name: { Length: > 0 } name } account)
        {
            if (_options.AccountHomePages.Count > 0 && !_options.AccountHomePages.Any(h => SameIri(h, account.HomePage)))
            {
                return Reject(id, "actor.account.homePage",
                    $"Compte sur « {account.HomePage} » : ce n'est pas un des sites dont le nom de compte est le matricule ({string.Join(", ", _options.AccountHomePages)}).",
                    $"Account on '{account.HomePage}': not one of the home pages whose account name is the employee number ({string.Join(", ", _options.AccountHomePages)}).");
            }

            employeeNumber = name.Trim();
        }
        else if (actor?.Mbox is { Length: > 7 } mbox && mbox.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            email = mbox[7..].Trim();
        }
        else if (actor?.MboxSha1Sum is { Length: 40 } hash)
        {
            sha1 = hash.ToLowerInvariant();
        }
        else
        {
            return Reject(id, "actor", "Acteur non identifiable : account (site + matricule), mbox ou mbox_sha1sum attendu.",
                "Actor cannot be identified: account (home page + employee number), mbox or mbox_sha1sum expected.");
        }

        var activity = statement.Object is { ObjectType: null or "Activity", Id: { Length: > 0 } activityId } ? activityId : null;
        if (activity is null)
        {
            return Reject(id, "object", "L'objet doit être une activité (module).", "The object must be an activity (module).");
        }

        var moduleId = ModuleOf(activity);
        if (moduleId is null)
        {
            return Reject(id, "object.id", $"Activité « {activity} » sans module correspondant.", $"Activity '{activity}' maps to no module.") with { ActivityId = activity, UnknownActivity = true, EmployeeNumber = employeeNumber, Email = email };
        }

        var when = statement.Timestamp ?? statement.Stored;
        if (when is null)
        {
            return Reject(id, "timestamp", "Date absente (timestamp ou stored).", "Missing date (timestamp or stored).");
        }

        decimal? score = null;
        if (statement.Result?.Score is { } s)
        {
            if (s.Scaled is { } scaled)
            {
                if (scaled is < -1 or > 1)
                {
                    return Reject(id, "result.score.scaled", "Score « scaled » hors de [-1, 1].", "Scaled score outside [-1, 1].");
                }

                score = Math.Round(Math.Max(0, scaled) * 100, 2);
            }
            else if (s.Raw is { } raw && s.Max is { } max && max > (s.Min ?? 0))
            {
                var min = s.Min ?? 0;
                score = Math.Round(Math.Clamp((raw - min) / (max - min), 0, 1) * 100, 2);
            }
        }

        return new XapiMapped
        {
            Kind = XapiStatementKind.Completion,
            StatementId = id,
            EmployeeNumber = employeeNumber,
            Email = email,
            MboxSha1Sum = sha1,
            ActivityId = activity,
            Completion = new Completion
            {
                EmployeeNumber = employeeNumber ?? string.Empty,
                ModuleId = moduleId,
                Date = DateOnly.FromDateTime(when.Value.DateTime),
                Outcome = outcome,
                Score = score,
                DeliveryMode = DeliveryMode.ELearning,
                Source = CompletionSource.Xapi,
                ExternalId = id,
            },
        };
    }

    /// <summary>The module an activity IRI stands for, or <see langword="null"/>.</summary>
    /// <param name="activityId">The activity IRI.</param>
    /// <returns>The module id.</returns>
    public string? ModuleOf(string activityId)
    {
        ArgumentNullException.ThrowIfNull(activityId);
        if (_options.Activities.TryGetValue(activityId, out var module) || _options.Activities.TryGetValue(activityId.TrimEnd('/'), out module))
        {
            return module;
        }

        if (_options.ActivityBase is { Length: > 0 } baseIri && activityId.StartsWith(baseIri, StringComparison.OrdinalIgnoreCase))
        {
            var rest = activityId[baseIri.Length..].Trim('/');
            return rest.Length > 0 && !rest.Contains('/', StringComparison.Ordinal) ? Uri.UnescapeDataString(rest) : null;
        }

        return null;
    }

    private static bool SameIri(string a, string? b) =>
        b is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static XapiMapped Reject(string? id, string path, string fr, string en) =>
        new() { Kind = XapiStatementKind.Rejected, StatementId = id, ErrorPath = path, Error = new LocalizedText(fr, en) };
}
