using System.Text.Json.Serialization;

namespace AiLiteracy.Hr.Xapi;

/// <summary>The ADL verbs the SDK reads and writes.</summary>
public static class XapiVerbs
{
    /// <summary><c>http://adlnet.gov/expapi/verbs/completed</c>.</summary>
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";

    /// <summary><c>http://adlnet.gov/expapi/verbs/passed</c>.</summary>
    public const string Passed = "http://adlnet.gov/expapi/verbs/passed";

    /// <summary><c>http://adlnet.gov/expapi/verbs/failed</c>.</summary>
    public const string Failed = "http://adlnet.gov/expapi/verbs/failed";

    /// <summary><c>http://adlnet.gov/expapi/verbs/voided</c>: withdraws the statement its object refers to.</summary>
    public const string Voided = "http://adlnet.gov/expapi/verbs/voided";
}

/// <summary>An xAPI statement (the parts the SDK uses), as defined by the ADL xAPI specification 1.0.3 / IEEE 9274.1.1.</summary>
public sealed record XapiStatement
{
    /// <summary>The statement id (UUID).</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Who did it.</summary>
    [JsonPropertyName("actor")]
    public XapiActor? Actor { get; init; }

    /// <summary>What was done.</summary>
    [JsonPropertyName("verb")]
    public XapiVerb? Verb { get; init; }

    /// <summary>To what: an activity, or a statement reference for a voiding statement.</summary>
    [JsonPropertyName("object")]
    public XapiObject? Object { get; init; }

    /// <summary>The outcome.</summary>
    [JsonPropertyName("result")]
    public XapiResult? Result { get; init; }

    /// <summary>When it happened.</summary>
    [JsonPropertyName("timestamp")]
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>When the LRS stored it.</summary>
    [JsonPropertyName("stored")]
    public DateTimeOffset? Stored { get; init; }

    /// <summary>The authority asserting the statement.</summary>
    [JsonPropertyName("authority")]
    public XapiActor? Authority { get; init; }

    /// <summary>The xAPI version.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; init; }
}

/// <summary>An xAPI agent (the actor): identified by <c>mbox</c>, <c>mbox_sha1sum</c>, <c>openid</c> or <c>account</c>.</summary>
public sealed record XapiActor
{
    /// <summary><c>Agent</c> or <c>Group</c>.</summary>
    [JsonPropertyName("objectType")]
    public string? ObjectType { get; init; }

    /// <summary>Display name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary><c>mailto:</c> IRI of the e-mail address.</summary>
    [JsonPropertyName("mbox")]
    public string? Mbox { get; init; }

    /// <summary>SHA-1 (hex) of the <c>mailto:</c> IRI.</summary>
    [JsonPropertyName("mbox_sha1sum")]
    public string? MboxSha1Sum { get; init; }

    /// <summary>OpenID URI.</summary>
    [JsonPropertyName("openid")]
    public string? OpenId { get; init; }

    /// <summary>An account on a system (here: the HR employee number on the authority's home page).</summary>
    [JsonPropertyName("account")]
    public XapiAccount? Account { get; init; }
}

/// <summary>An account: the system's home page and the user's name on it.</summary>
public sealed record XapiAccount
{
    /// <summary>The home page of the system holding the account.</summary>
    [JsonPropertyName("homePage")]
    public string? HomePage { get; init; }

    /// <summary>The account name (the employee number).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}

/// <summary>A verb: an IRI and its display names.</summary>
public sealed record XapiVerb
{
    /// <summary>The verb IRI.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Display names by language tag.</summary>
    [JsonPropertyName("display")]
    public IReadOnlyDictionary<string, string>? Display { get; init; }
}

/// <summary>The object of a statement: an activity, or a statement reference.</summary>
public sealed record XapiObject
{
    /// <summary><c>Activity</c> (default), <c>StatementRef</c>, <c>Agent</c>…</summary>
    [JsonPropertyName("objectType")]
    public string? ObjectType { get; init; }

    /// <summary>The activity IRI, or the referenced statement id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The activity definition.</summary>
    [JsonPropertyName("definition")]
    public XapiActivityDefinition? Definition { get; init; }
}

/// <summary>An activity definition.</summary>
public sealed record XapiActivityDefinition
{
    /// <summary>Names by language tag.</summary>
    [JsonPropertyName("name")]
    public IReadOnlyDictionary<string, string>? Name { get; init; }

    /// <summary>The activity type IRI.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }
}

/// <summary>A result.</summary>
public sealed record XapiResult
{
    /// <summary>The score.</summary>
    [JsonPropertyName("score")]
    public XapiScore? Score { get; init; }

    /// <summary>Whether the attempt succeeded.</summary>
    [JsonPropertyName("success")]
    public bool? Success { get; init; }

    /// <summary>Whether the activity was completed.</summary>
    [JsonPropertyName("completion")]
    public bool? Completion { get; init; }

    /// <summary>ISO 8601 duration.</summary>
    [JsonPropertyName("duration")]
    public string? Duration { get; init; }
}

/// <summary>A score: scaled (-1 to 1) and/or raw between min and max.</summary>
public sealed record XapiScore
{
    /// <summary>Scaled score, -1 to 1.</summary>
    [JsonPropertyName("scaled")]
    public decimal? Scaled { get; init; }

    /// <summary>Raw score.</summary>
    [JsonPropertyName("raw")]
    public decimal? Raw { get; init; }

    /// <summary>Lowest possible raw score.</summary>
    [JsonPropertyName("min")]
    public decimal? Min { get; init; }

    /// <summary>Highest possible raw score.</summary>
    [JsonPropertyName("max")]
    public decimal? Max { get; init; }
}

/// <summary>A page of statements returned by <c>GET statements</c>: the statements and the relative URL of the next page.</summary>
public sealed record XapiStatementResult
{
    /// <summary>The statements.</summary>
    [JsonPropertyName("statements")]
    public IReadOnlyList<XapiStatement> Statements { get; init; } = [];

    /// <summary>The relative URL of the next page, or empty at the end.</summary>
    [JsonPropertyName("more")]
    public string? More { get; init; }
}
