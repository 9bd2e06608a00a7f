using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Xapi;

/// <summary>Writes completions as xAPI statements (and their withdrawals as voiding statements).</summary>
public static class XapiStatementWriter
{
    /// <summary>JSON options for statements (the property names of the specification, nulls left out).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The statement reporting a completion.</summary>
    /// <param name="statementId">The statement id (the completion record's id keeps it stable across exports).</param>
    /// <param name="completion">The completion.</param>
    /// <param name="accountHomePage">The home page whose account name is the employee number.</param>
    /// <param name="activityBase">The base IRI of module activities (<c>{base}{moduleId}</c>).</param>
    /// <param name="moduleTitle">The module title, when known.</param>
    /// <param name="authority">The authority (the organisation), when known.</param>
    /// <returns>The statement.</returns>
    public static XapiStatement FromCompletion(Guid statementId, Completion completion, string accountHomePage, string activityBase, LocalizedText? moduleTitle, string? authority = null)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var (verb, fr, en) = completion.Outcome switch
        {
            CompletionOutcome.Passed => (XapiVerbs.Passed, "a réussi", "passed"),
            CompletionOutcome.Failed => (XapiVerbs.Failed, "a échoué", "failed"),
            _ => (XapiVerbs.Completed, "a terminé", "completed"),
        };
        return new XapiStatement
        {
            Id = statementId.ToString("D"),
            Version = "1.0.3",
            Actor = new XapiActor { ObjectType = "Agent", Account = new XapiAccount { HomePage = accountHomePage, Name = completion.EmployeeNumber } },
            Verb = new XapiVerb { Id = verb, Display = new Dictionary<string, string> { ["fr-FR"] = fr, ["en-US"] = en } },
            Object = new XapiObject
            {
                ObjectType = "Activity",
                Id = activityBase + Uri.EscapeDataString(completion.ModuleId),
                Definition = moduleTitle is null ? null : new XapiActivityDefinition
                {
                    Name = new Dictionary<string, string> { ["fr-FR"] = moduleTitle.Fr, ["en-US"] = string.IsNullOrEmpty(moduleTitle.En) ? moduleTitle.Fr : moduleTitle.En },
                    Type = "http://adlnet.gov/expapi/activities/course",
                },
            },
            Result = new XapiResult
            {
                Completion = true,
                Success = completion.Outcome switch { CompletionOutcome.Passed => true, CompletionOutcome.Failed => false, _ => null },
                Score = completion.Score is { } score ? new XapiScore { Scaled = Math.Round(score / 100m, 4), Raw = score, Min = 0, Max = 100 } : null,
            },
            Timestamp = new DateTimeOffset(completion.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            Authority = authority is null ? null : new XapiActor { ObjectType = "Agent", Account = new XapiAccount { HomePage = accountHomePage, Name = authority } },
        };
    }

    /// <summary>The statement voiding an earlier one (a withdrawn completion).</summary>
    /// <param name="voidedStatementId">The statement withdrawn.</param>
    /// <param name="accountHomePage">The home page of the authority's account.</param>
    /// <param name="authority">The account name acting (the organisation id).</param>
    /// <param name="timestamp">When it was withdrawn.</param>
    /// <returns>The voiding statement, with an id derived from the voided one (stable across exports).</returns>
    public static XapiStatement Voiding(Guid voidedStatementId, string accountHomePage, string authority, DateTimeOffset timestamp) => new()
    {
        Id = DerivedId("void:" + voidedStatementId.ToString("D")).ToString("D"),
        Version = "1.0.3",
        Actor = new XapiActor { ObjectType = "Agent", Account = new XapiAccount { HomePage = accountHomePage, Name = authority } },
        Verb = new XapiVerb { Id = XapiVerbs.Voided, Display = new Dictionary<string, string> { ["fr-FR"] = "a annulé", ["en-US"] = "voided" } },
        Object = new XapiObject { ObjectType = "StatementRef", Id = voidedStatementId.ToString("D") },
        Timestamp = timestamp,
    };

    /// <summary>A name-based UUID (version 5 layout over SHA-1) of <paramref name="name"/>: the same name gives the same id.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The id.</returns>
    public static Guid DerivedId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
#pragma warning disable CA5350 // RFC 4122 version-5 UUIDs are defined over SHA-1; the hash only derives a stable identifier.
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("ailiteracy:" + name));
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
