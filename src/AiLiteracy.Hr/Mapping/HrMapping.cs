using System.Globalization;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Mapping;

/// <summary>What a mapped CSV file holds.</summary>
public enum HrMappingKind
{
    /// <summary>Agents (an HR export).</summary>
    Agents,
    /// <summary>Completions (an LMS export or CNFPT attestations).</summary>
    Completions,
}

/// <summary>What to do with a value absent from a field's code table.</summary>
public enum UnknownValuePolicy
{
    /// <summary>Reject the row, naming the column and the value (default).</summary>
    Reject,
    /// <summary>Keep the value as written in the file.</summary>
    Keep,
    /// <summary>Leave the field empty and report a warning.</summary>
    Ignore,
}

/// <summary>How one SDK field is read from the file.</summary>
public sealed record HrFieldMapping
{
    /// <summary>The columns read, in order: one for a plain column, several for a path (<c>Direction</c>, <c>Service</c>); empty when only <see cref="Default"/> is used.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>The separator joining the columns of a path. Default: <c>/</c>.</summary>
    public string Separator { get; init; } = "/";

    /// <summary>The code table (file value → SDK value), matched without regard to case or accents; <see langword="null"/> when none.</summary>
    public IReadOnlyDictionary<string, string>? Values { get; init; }

    /// <summary>What to do with a value absent from <see cref="Values"/>. Default: <see cref="UnknownValuePolicy.Reject"/>.</summary>
    public UnknownValuePolicy Unknown { get; init; } = UnknownValuePolicy.Reject;

    /// <summary>The value used when the cell is empty or no column is given.</summary>
    public string? Default { get; init; }

    /// <summary>Whether the file may lack the column; the field is then left alone.</summary>
    public bool Optional { get; init; }

    /// <summary>Date formats for this field, tried before the file's <see cref="HrMapping.DateFormats"/>.</summary>
    public IReadOnlyList<string>? Formats { get; init; }

    /// <summary>The name used in reports: the column, or the columns joined with <c>+</c>.</summary>
    public string DisplayName => Columns.Count == 0 ? "(défaut)" : string.Join(" + ", Columns);

    /// <summary>A field read from one column.</summary>
    /// <param name="column">The header name.</param>
    /// <param name="optional">Whether the file may lack the column.</param>
    /// <returns>The field mapping.</returns>
    public static HrFieldMapping Column(string column, bool optional = false) => new() { Columns = [column], Optional = optional };
}

/// <summary>
/// A mapping file: how the columns of an HR or LMS CSV export map to the SDK's agent or completion fields, with code
/// tables (<c>Code emploi</c> → job family), paths (<c>Direction</c> / <c>Service</c> → org unit) and date formats.
/// Load one with <see cref="HrMappingLoader"/>; it is validated against its JSON Schema (<c>hr-mapping.schema.json</c>).
/// </summary>
public sealed record HrMapping
{
    /// <summary>The agent field names a mapping may use.</summary>
    public static IReadOnlyList<string> AgentFields { get; } =
    [
        HrFieldNames.EmployeeNumber, HrFieldNames.DisplayName, HrFieldNames.FirstName, HrFieldNames.LastName, HrFieldNames.Email,
        HrFieldNames.UserPrincipalName, HrFieldNames.EntraObjectId, HrFieldNames.JobFamily, HrFieldNames.OrgUnit, HrFieldNames.Manager,
        HrFieldNames.Roles, HrFieldNames.Status, HrFieldNames.StartDate, HrFieldNames.EndDate,
    ];

    /// <summary>The completion field names a mapping may use.</summary>
    public static IReadOnlyList<string> CompletionFields { get; } =
    [
        HrFieldNames.EmployeeNumber, HrFieldNames.Module, HrFieldNames.ModuleVersion, HrFieldNames.Date, HrFieldNames.StartDate,
        HrFieldNames.Outcome, HrFieldNames.Score, HrFieldNames.DeliveryMode, HrFieldNames.Source, HrFieldNames.ExternalId, HrFieldNames.EvidenceUrl,
    ];

    /// <summary>The default date formats: <c>dd/MM/yyyy</c>, <c>d/M/yyyy</c>, <c>yyyy-MM-dd</c>, <c>dd-MM-yyyy</c>, <c>dd.MM.yyyy</c>.</summary>
    public static IReadOnlyList<string> DefaultDateFormats { get; } = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "dd.MM.yyyy"];

    /// <summary>What the file holds.</summary>
    public required HrMappingKind Kind { get; init; }

    /// <summary>A description of the mapping (which HR system, which export).</summary>
    public string? Description { get; init; }

    /// <summary>Date formats tried in order.</summary>
    public IReadOnlyList<string> DateFormats { get; init; } = DefaultDateFormats;

    /// <summary>The fields read, by SDK field name (see <see cref="HrFieldNames"/>).</summary>
    public required IReadOnlyDictionary<string, HrFieldMapping> Fields { get; init; }

    /// <summary>How xAPI statements map to agents and modules (completions mappings).</summary>
    public Xapi.XapiMappingOptions Xapi { get; init; } = new();

    /// <summary>Where the mapping came from (file name), for messages.</summary>
    public string Source { get; init; } = "(default)";

    /// <summary>
    /// The default agents mapping: the SDK's own layout (<see cref="AgentCsv.Header"/>), every column but
    /// <c>Matricule</c> optional.
    /// </summary>
    public static HrMapping DefaultAgents { get; } = new()
    {
        Kind = HrMappingKind.Agents,
        Description = "Default agents layout / format agents par défaut",
        Fields = new Dictionary<string, HrFieldMapping>(StringComparer.Ordinal)
        {
            [HrFieldNames.EmployeeNumber] = HrFieldMapping.Column("Matricule"),
            [HrFieldNames.LastName] = HrFieldMapping.Column("Nom", optional: true),
            [HrFieldNames.FirstName] = HrFieldMapping.Column("Prénom", optional: true),
            [HrFieldNames.Email] = HrFieldMapping.Column("Courriel", optional: true),
            [HrFieldNames.JobFamily] = HrFieldMapping.Column("Famille de métiers", optional: true),
            [HrFieldNames.OrgUnit] = HrFieldMapping.Column("Code service", optional: true),
            [HrFieldNames.Manager] = HrFieldMapping.Column("Matricule responsable", optional: true),
            [HrFieldNames.Roles] = HrFieldMapping.Column("Rôles", optional: true),
            [HrFieldNames.Status] = HrFieldMapping.Column("Statut", optional: true),
            [HrFieldNames.StartDate] = HrFieldMapping.Column("Date d'entrée", optional: true),
            [HrFieldNames.EndDate] = HrFieldMapping.Column("Date de sortie", optional: true),
        },
    };

    /// <summary>The default completions mapping: the SDK's own layout (<see cref="CompletionCsv.Header"/>).</summary>
    public static HrMapping DefaultCompletions { get; } = new()
    {
        Kind = HrMappingKind.Completions,
        Description = "Default completions layout / format formations suivies par défaut",
        Fields = new Dictionary<string, HrFieldMapping>(StringComparer.Ordinal)
        {
            [HrFieldNames.EmployeeNumber] = HrFieldMapping.Column("Matricule"),
            [HrFieldNames.Module] = HrFieldMapping.Column("Code module"),
            [HrFieldNames.ModuleVersion] = HrFieldMapping.Column("Version", optional: true),
            [HrFieldNames.Date] = HrFieldMapping.Column("Date"),
            [HrFieldNames.Outcome] = HrFieldMapping.Column("Résultat", optional: true),
            [HrFieldNames.Score] = HrFieldMapping.Column("Score", optional: true),
            [HrFieldNames.DeliveryMode] = HrFieldMapping.Column("Modalité", optional: true),
            [HrFieldNames.Source] = new HrFieldMapping { Columns = ["Source"], Optional = true, Default = "csv" },
            [HrFieldNames.ExternalId] = HrFieldMapping.Column("Identifiant externe", optional: true),
        },
    };

    /// <summary>The mapping of <paramref name="field"/>, or <see langword="null"/> when the field is not read.</summary>
    /// <param name="field">An SDK field name.</param>
    /// <returns>The field mapping.</returns>
    public HrFieldMapping? Field(string field) => Fields.TryGetValue(field, out var mapping) ? mapping : null;

    /// <summary>Parses a date with a field's formats, then the mapping's.</summary>
    /// <param name="text">The text.</param>
    /// <param name="field">The field mapping.</param>
    /// <param name="date">The date.</param>
    /// <returns>Whether the text is a date.</returns>
    internal bool TryParseDate(string text, HrFieldMapping? field, out DateOnly date)
    {
        if (field?.Formats is { } own && DateOnly.TryParseExact(text, own.ToArray(), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out date))
        {
            return true;
        }

        foreach (var format in DateFormats)
        {
            if (FastDate.TryParse(text, format, out date) is { } fast)
            {
                if (fast)
                {
                    return true;
                }

                continue;
            }

            if (DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out date))
            {
                return true;
            }

            // An export written with hours (« 01/02/2020 00:00:00 ») keeps only the date.
            if (text.Length > format.Length && text[format.Length] == ' '
                && DateOnly.TryParseExact(text.AsSpan(0, format.Length), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                return true;
            }
        }

        date = default;
        return false;
    }

    /// <summary>The formats a date of <paramref name="field"/> may use, for messages.</summary>
    /// <param name="field">The field mapping.</param>
    /// <returns>The formats, comma-separated.</returns>
    internal string FormatsOf(HrFieldMapping? field) => string.Join(", ", (field?.Formats ?? []).Concat(DateFormats).Distinct(StringComparer.Ordinal));
}

/// <summary>The SDK field names a mapping file uses (the keys of <c>fields</c>).</summary>
public static class HrFieldNames
{
    /// <summary>The HR employee number (<i>matricule</i>); required.</summary>
    public const string EmployeeNumber = "employeeNumber";

    /// <summary>Display name; or <see cref="FirstName"/> and <see cref="LastName"/>.</summary>
    public const string DisplayName = "displayName";

    /// <summary>First name (joined with the last name into the display name).</summary>
    public const string FirstName = "firstName";

    /// <summary>Last name.</summary>
    public const string LastName = "lastName";

    /// <summary>Professional e-mail address.</summary>
    public const string Email = "email";

    /// <summary>Entra ID user principal name.</summary>
    public const string UserPrincipalName = "userPrincipalName";

    /// <summary>Entra ID object id.</summary>
    public const string EntraObjectId = "entraObjectId";

    /// <summary>Job family id, often through a code table from <c>Code emploi</c>.</summary>
    public const string JobFamily = "jobFamily";

    /// <summary>Org unit, often a path from <c>Direction</c> / <c>Service</c>.</summary>
    public const string OrgUnit = "orgUnit";

    /// <summary>The line manager's employee number.</summary>
    public const string Manager = "manager";

    /// <summary>Roles (<c>agent</c>, <c>manager</c>, <c>referent</c>, <c>elected</c>).</summary>
    public const string Roles = "roles";

    /// <summary>Employment status (<c>active</c>, <c>on-leave</c>, <c>left</c>).</summary>
    public const string Status = "status";

    /// <summary>Start date (agents: date of entry; completions: first day of the session).</summary>
    public const string StartDate = "startDate";

    /// <summary>Date the agent left (<c>Date de sortie</c>).</summary>
    public const string EndDate = "endDate";

    /// <summary>Module id (completions), often through a code table.</summary>
    public const string Module = "module";

    /// <summary>Module version followed.</summary>
    public const string ModuleVersion = "moduleVersion";

    /// <summary>Date of completion (last day of the session).</summary>
    public const string Date = "date";

    /// <summary>Outcome (<c>completed</c>, <c>passed</c>, <c>failed</c>).</summary>
    public const string Outcome = "outcome";

    /// <summary>Score out of 100.</summary>
    public const string Score = "score";

    /// <summary>Delivery mode (<c>in-person</c>, <c>remote</c>, <c>e-learning</c>, <c>workshop</c>).</summary>
    public const string DeliveryMode = "deliveryMode";

    /// <summary>Source (<c>lms</c>, <c>csv</c>, <c>xapi</c>, <c>api</c>, <c>manual</c>).</summary>
    public const string Source = "source";

    /// <summary>Identifier in the source system (idempotency).</summary>
    public const string ExternalId = "externalId";

    /// <summary>Link to the evidence (attestation).</summary>
    public const string EvidenceUrl = "evidenceUrl";
}

/// <summary>An error in a mapping file, located by JSON path and, when known, line and column.</summary>
/// <param name="File">The mapping file.</param>
/// <param name="JsonPath">The JSON path of the faulty value, e.g. <c>$.fields.jobFamily.unknown</c>.</param>
/// <param name="Line">1-based line, when known.</param>
/// <param name="Column">1-based column, when known.</param>
/// <param name="Message">What is wrong, in French and English.</param>
public sealed record HrMappingError(string File, string JsonPath, int? Line, int? Column, LocalizedText Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Line is { } line ? $"{File}:{line}:{Column ?? 1} {JsonPath}: {Message.Fr}" : $"{File} {JsonPath}: {Message.Fr}";
}

/// <summary>Thrown when a mapping file is invalid; lists every error.</summary>
public sealed class HrMappingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">The errors.</param>
    public HrMappingException(IReadOnlyList<HrMappingError> errors)
        : base(errors is { Count: > 0 } ? $"Invalid mapping file: {errors.Count} error(s). First: {errors[0]}" : "Invalid mapping file.")
    {
        Errors = errors;
    }

    /// <summary>Creates the exception.</summary>
    public HrMappingException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public HrMappingException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HrMappingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every error found.</summary>
    public IReadOnlyList<HrMappingError> Errors { get; }
}

/// <summary>Parses the common fixed-width date formats without the general format machinery (imports of millions of rows).</summary>
internal static class FastDate
{
    /// <summary>Parses <paramref name="text"/> with <paramref name="format"/> when it is one of the fixed-width formats handled here.</summary>
    /// <returns><see langword="null"/> when the format is not handled; otherwise whether the text is a valid date in it.</returns>
    public static bool? TryParse(string text, string format, out DateOnly date)
    {
        date = default;
        int day, month, year;
        var s = text.AsSpan();
        switch (format)
        {
            case "dd/MM/yyyy" or "dd-MM-yyyy" or "dd.MM.yyyy":
                if (s.Length != 10 || s[2] != format[2] || s[5] != format[5] || !Digits(s[..2], out day) || !Digits(s.Slice(3, 2), out month) || !Digits(s[6..], out year))
                {
                    return s.Length == 10 ? false : null;
                }

                break;
            case "yyyy-MM-dd":
                if (s.Length != 10 || s[4] != '-' || s[7] != '-' || !Digits(s[..4], out year) || !Digits(s.Slice(5, 2), out month) || !Digits(s[8..], out day))
                {
                    return s.Length == 10 ? false : null;
                }

                break;
            default:
                return null;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> span, out int value)
    {
        value = 0;
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
