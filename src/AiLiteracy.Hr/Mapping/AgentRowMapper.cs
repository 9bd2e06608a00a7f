using System.Net.Mail;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Mapping;

/// <summary>The agent fields an import sets; the others keep their stored values (e.g. the Entra object id set by a sync).</summary>
[Flags]
public enum AgentFieldSet
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>Display name (or first and last name).</summary>
    DisplayName = 1,
    /// <summary>E-mail.</summary>
    Email = 2,
    /// <summary>Entra user principal name.</summary>
    UserPrincipalName = 4,
    /// <summary>Entra object id.</summary>
    EntraObjectId = 8,
    /// <summary>Job family.</summary>
    JobFamily = 16,
    /// <summary>Org unit.</summary>
    OrgUnit = 32,
    /// <summary>Manager.</summary>
    Manager = 64,
    /// <summary>Roles.</summary>
    Roles = 128,
    /// <summary>Status (also set by the end date).</summary>
    Status = 256,
    /// <summary>Start date.</summary>
    StartDate = 512,
    /// <summary>End date.</summary>
    EndDate = 1024,
}

/// <summary>What the agents mapping checks values against.</summary>
public sealed record AgentMappingContext
{
    /// <summary>The job family ids in force; <see langword="null"/> to accept any.</summary>
    public IReadOnlySet<string>? JobFamilyIds { get; init; }

    /// <summary>The organisation tree; empty to accept any org unit id (the last part of a path).</summary>
    public IReadOnlyList<OrgUnit> OrgUnits { get; init; } = [];

    /// <summary>Today: an end date up to today means the agent left; a later one is a planned departure.</summary>
    public required DateOnly Today { get; init; }
}

/// <summary>
/// Turns the rows of an HR export into <see cref="Agent"/>s through a <see cref="HrMapping"/>: columns resolved once
/// from the header, code tables applied, org unit paths resolved against the organisation tree, values checked the way
/// the agent API checks them. Every rejected row names its line, column and reason.
/// </summary>
public sealed class AgentRowMapper
{
    private readonly HrMapping _mapping;
    private readonly AgentMappingContext _context;
    private readonly MappedField? _employeeNumber;
    private readonly MappedField? _displayName;
    private readonly MappedField? _firstName;
    private readonly MappedField? _lastName;
    private readonly MappedField? _email;
    private readonly MappedField? _upn;
    private readonly MappedField? _entraObjectId;
    private readonly MappedField? _jobFamily;
    private readonly MappedField? _orgUnit;
    private readonly MappedField? _manager;
    private readonly MappedField? _roles;
    private readonly MappedField? _status;
    private readonly MappedField? _startDate;
    private readonly MappedField? _endDate;
    private readonly OrgUnitResolver _orgUnits;

    private AgentRowMapper(HrMapping mapping, AgentMappingContext context, CsvFields header, List<CsvRowError> errors)
    {
        _mapping = mapping;
        _context = context;
        _orgUnits = new OrgUnitResolver(context.OrgUnits);
        MappedField? Compile(string name) => MappedField.Compile(mapping, name, header, errors);
        _employeeNumber = Compile(HrFieldNames.EmployeeNumber);
        _displayName = Compile(HrFieldNames.DisplayName);
        _firstName = Compile(HrFieldNames.FirstName);
        _lastName = Compile(HrFieldNames.LastName);
        _email = Compile(HrFieldNames.Email);
        _upn = Compile(HrFieldNames.UserPrincipalName);
        _entraObjectId = Compile(HrFieldNames.EntraObjectId);
        _jobFamily = Compile(HrFieldNames.JobFamily);
        _orgUnit = Compile(HrFieldNames.OrgUnit);
        _manager = Compile(HrFieldNames.Manager);
        _roles = Compile(HrFieldNames.Roles);
        _status = Compile(HrFieldNames.Status);
        _startDate = Compile(HrFieldNames.StartDate);
        _endDate = Compile(HrFieldNames.EndDate);

        var set = AgentFieldSet.None;
        set |= _displayName is not null || _firstName is not null || _lastName is not null ? AgentFieldSet.DisplayName : 0;
        set |= _email is not null ? AgentFieldSet.Email : 0;
        set |= _upn is not null ? AgentFieldSet.UserPrincipalName : 0;
        set |= _entraObjectId is not null ? AgentFieldSet.EntraObjectId : 0;
        set |= _jobFamily is not null ? AgentFieldSet.JobFamily : 0;
        set |= _orgUnit is not null ? AgentFieldSet.OrgUnit : 0;
        set |= _manager is not null ? AgentFieldSet.Manager : 0;
        set |= _roles is not null ? AgentFieldSet.Roles : 0;
        set |= _status is not null || _endDate is not null ? AgentFieldSet.Status | AgentFieldSet.EndDate : 0;
        set |= _startDate is not null ? AgentFieldSet.StartDate : 0;
        MappedFields = set;
    }

    /// <summary>The fields the file sets; merge keeps the stored values of the others.</summary>
    public AgentFieldSet MappedFields { get; }

    /// <summary>Compiles a mapping against a file's header.</summary>
    /// <param name="mapping">The agents mapping.</param>
    /// <param name="context">What values are checked against.</param>
    /// <param name="header">The file's header (the reader's <see cref="HrCsvReader.Fields"/> before the first row).</param>
    /// <param name="errors">Header errors (a mapped column missing from the file); when any, the file cannot be imported.</param>
    /// <returns>The mapper.</returns>
    public static AgentRowMapper Create(HrMapping mapping, AgentMappingContext context, CsvFields header, out IReadOnlyList<CsvRowError> errors)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(header);
        if (mapping.Kind != HrMappingKind.Agents)
        {
            throw new ArgumentException("The mapping does not describe an agents file.", nameof(mapping));
        }

        var list = new List<CsvRowError>();
        var mapper = new AgentRowMapper(mapping, context, header, list);
        errors = list;
        return mapper;
    }

    /// <summary>The employee number of the current row, when it is readable and valid (also for a row that is otherwise rejected).</summary>
    /// <param name="row">The row.</param>
    /// <returns>The employee number, or <see langword="null"/>.</returns>
    public string? KeyOf(CsvFields row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var value = _employeeNumber?.Read(row);
        return value is not null && EmployeeNumbers.IsValid(value) ? value : null;
    }

    /// <summary>Maps the current row.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The agent, or why the row is rejected.</returns>
    public MappedRow<Agent> Map(CsvFields row)
    {
        ArgumentNullException.ThrowIfNull(row);
        List<CsvRowError>? warnings = null;
        var employeeNumber = _employeeNumber?.Read(row);
        if (employeeNumber is null)
        {
            return Reject(row, null, _employeeNumber, "Matricule obligatoire.", "The employee number is required.");
        }

        if (!EmployeeNumbers.IsValid(employeeNumber))
        {
            return Reject(row, null, _employeeNumber,
                $"Matricule invalide « {employeeNumber} » : 1 à 64 lettres, chiffres, « . », « - » ou « _ ».",
                $"Invalid employee number '{employeeNumber}': 1 to 64 letters, digits, '.', '-' or '_'.");
        }

        var displayName = _displayName?.Read(row);
        if (displayName is null && (_firstName is not null || _lastName is not null))
        {
            var first = _firstName?.Read(row);
            var last = _lastName?.Read(row);
            displayName = first is null ? last : last is null ? first : string.Concat(first, " ", last);
        }

        if (displayName is { Length: > 200 })
        {
            return Reject(row, employeeNumber, _displayName ?? _lastName, "Nom trop long (200 caractères au plus).", "Name too long (200 characters at most).");
        }

        var email = _email?.Read(row);
        if (email is not null && !IsValidEmail(email))
        {
            return Reject(row, employeeNumber, _email, $"Adresse e-mail invalide « {email} ».", $"Invalid e-mail address '{email}'.");
        }

        var upn = _upn?.Read(row);
        if (upn is { Length: > 254 })
        {
            return Reject(row, employeeNumber, _upn, "Identifiant Entra (UPN) trop long.", "User principal name too long.");
        }

        var objectId = _entraObjectId?.Read(row);
        if (objectId is not null && !Guid.TryParse(objectId, out _))
        {
            return Reject(row, employeeNumber, _entraObjectId, $"L'identifiant d'objet Entra « {objectId} » n'est pas un GUID.", $"The Entra object id '{objectId}' is not a GUID.");
        }

        string? jobFamily = null;
        if (_jobFamily is not null)
        {
            var raw = _jobFamily.Read(row);
            if (raw is not null)
            {
                switch (_jobFamily.Lookup(raw, out jobFamily))
                {
                    case LookupResult.Unknown:
                        return Reject(row, employeeNumber, _jobFamily,
                            $"Code « {raw} » absent de la table de correspondance des familles de métiers.",
                            $"Code '{raw}' is not in the job family code table.");
                    case LookupResult.Ignored:
                        (warnings ??= []).Add(row.Error(_jobFamily.Name,
                            $"Code « {raw} » absent de la table des familles de métiers : famille laissée vide.",
                            $"Code '{raw}' is not in the job family code table: job family left empty."));
                        break;
                }

                if (jobFamily is not null && _context.JobFamilyIds is { } known && !known.Contains(jobFamily))
                {
                    return Reject(row, employeeNumber, _jobFamily,
                        $"Famille de métiers « {jobFamily} » inconnue du référentiel.",
                        $"Unknown job family '{jobFamily}'.");
                }
            }
        }

        string? orgUnit = null;
        if (_orgUnit is not null)
        {
            var raw = _orgUnit.Read(row);
            if (raw is not null)
            {
                var lookup = _orgUnit.Lookup(raw, out var mapped);
                if (lookup == LookupResult.Unknown)
                {
                    return Reject(row, employeeNumber, _orgUnit,
                        $"« {raw} » absent de la table de correspondance des unités.",
                        $"'{raw}' is not in the org unit code table.");
                }

                if (lookup == LookupResult.Ignored)
                {
                    (warnings ??= []).Add(row.Error(_orgUnit.Name,
                        $"« {raw} » absent de la table des unités : unité laissée vide.",
                        $"'{raw}' is not in the org unit code table: org unit left empty."));
                }
                else if (lookup == LookupResult.Mapped && _orgUnits.IsEmpty)
                {
                    orgUnit = mapped;
                }
                else
                {
                    // A table hit is an id; a value kept as is may be an id, a name, or a path of ids or names.
                    var resolution = lookup == LookupResult.Mapped ? _orgUnits.ResolveId(mapped!) : _orgUnits.Resolve(raw, _orgUnit.Separator);
                    if (resolution.Id is null)
                    {
                        return Reject(row, employeeNumber, _orgUnit,
                            $"Unité « {raw} » absente de l'organigramme.",
                            $"Org unit '{raw}' is not in the organisation tree.");
                    }

                    orgUnit = resolution.Id;
                    if (resolution.Unmatched is { } rest)
                    {
                        (warnings ??= []).Add(row.Error(_orgUnit.Name,
                            $"« {rest} » absent de l'organigramme : agent rattaché à « {orgUnit} ».",
                            $"'{rest}' is not in the organisation tree: agent attached to '{orgUnit}'."));
                    }
                }

                if (orgUnit is { Length: > 64 })
                {
                    return Reject(row, employeeNumber, _orgUnit, "Identifiant d'unité trop long (64 caractères au plus).", "Org unit id too long (64 characters at most).");
                }
            }
        }

        var manager = _manager?.Read(row);
        if (manager is not null && !EmployeeNumbers.IsValid(manager))
        {
            return Reject(row, employeeNumber, _manager, $"Matricule du responsable invalide « {manager} ».", $"Invalid manager employee number '{manager}'.");
        }

        var roles = AgentRoles.Agent;
        if (_roles?.Read(row) is { } rolesText && !TryRoles(rolesText, out roles, out var unknownRole))
        {
            return Reject(row, employeeNumber, _roles,
                $"Rôle inconnu « {unknownRole} » (attendus : agent, encadrant, référent, élu).",
                $"Unknown role '{unknownRole}' (expected: agent, manager, referent, elected).");
        }

        var status = EmploymentStatus.Active;
        if (_status?.Read(row) is { } statusText && !TryStatus(statusText, out status))
        {
            return Reject(row, employeeNumber, _status,
                $"Statut inconnu « {statusText} » (attendus : actif, congé, sorti).",
                $"Unknown status '{statusText}' (expected: active, on-leave, left).");
        }

        DateOnly? start = null;
        if (_startDate?.Read(row) is { } startText)
        {
            if (!_mapping.TryParseDate(startText, _startDate.Spec, out var parsedStart))
            {
                return InvalidDate(row, employeeNumber, _startDate, startText);
            }

            start = parsedStart;
        }

        DateOnly? end = null;
        if (_endDate?.Read(row) is { } endText)
        {
            if (!_mapping.TryParseDate(endText, _endDate.Spec, out var parsedEnd))
            {
                return InvalidDate(row, employeeNumber, _endDate, endText);
            }

            end = parsedEnd;
        }

        if (start is { } s && end is { } e && e < s)
        {
            return Reject(row, employeeNumber, _endDate,
                $"La date de sortie ({FrenchHrVocabulary.FormatDate(e)}) précède la date d'entrée ({FrenchHrVocabulary.FormatDate(s)}).",
                $"The end date ({FrenchHrVocabulary.FormatDate(e)}) is before the start date ({FrenchHrVocabulary.FormatDate(s)}).");
        }

        if (end is { } leaving)
        {
            if (leaving <= _context.Today)
            {
                status = EmploymentStatus.Left;
            }
            else
            {
                if (status == EmploymentStatus.Left)
                {
                    status = EmploymentStatus.Active;
                }

                (warnings ??= []).Add(row.Error(_endDate!.Name,
                    $"Départ prévu le {FrenchHrVocabulary.FormatDate(leaving)} : l'agent reste actif jusqu'à cette date.",
                    $"Departure planned on {FrenchHrVocabulary.FormatDate(leaving)}: the agent stays active until then."));
            }
        }
        else if (status == EmploymentStatus.Left)
        {
            return Reject(row, employeeNumber, _endDate ?? _status,
                "Date de sortie obligatoire pour un agent sorti.",
                "An end date is required for an agent who left.");
        }

        var agent = new Agent
        {
            EmployeeNumber = employeeNumber,
            DisplayName = displayName,
            Email = email,
            UserPrincipalName = upn,
            EntraObjectId = objectId,
            JobFamilyId = jobFamily,
            OrgUnitId = orgUnit,
            ManagerEmployeeNumber = manager,
            Roles = roles,
            Status = status,
            StartDate = start,
            EndDate = end,
        };
        return new MappedRow<Agent>(row.Line, agent, employeeNumber, null, warnings);
    }

    /// <summary>
    /// The agent to store: the imported values for the fields the file sets, the stored values for the others (so an
    /// HR import never wipes the Entra object id a directory sync set).
    /// </summary>
    /// <param name="stored">The agent as stored.</param>
    /// <param name="imported">The agent as read from the file.</param>
    /// <returns>The merged agent.</returns>
    public Agent Merge(Agent stored, Agent imported)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(imported);
        var set = MappedFields;
        return new Agent
        {
            EmployeeNumber = imported.EmployeeNumber,
            DisplayName = set.HasFlag(AgentFieldSet.DisplayName) ? imported.DisplayName : stored.DisplayName,
            Email = set.HasFlag(AgentFieldSet.Email) ? imported.Email : stored.Email,
            UserPrincipalName = set.HasFlag(AgentFieldSet.UserPrincipalName) ? imported.UserPrincipalName : stored.UserPrincipalName,
            EntraObjectId = set.HasFlag(AgentFieldSet.EntraObjectId) ? imported.EntraObjectId : stored.EntraObjectId,
            JobFamilyId = set.HasFlag(AgentFieldSet.JobFamily) ? imported.JobFamilyId : stored.JobFamilyId,
            OrgUnitId = set.HasFlag(AgentFieldSet.OrgUnit) ? imported.OrgUnitId : stored.OrgUnitId,
            ManagerEmployeeNumber = set.HasFlag(AgentFieldSet.Manager) ? imported.ManagerEmployeeNumber : stored.ManagerEmployeeNumber,
            Roles = set.HasFlag(AgentFieldSet.Roles) ? imported.Roles : stored.Roles,
            Status = set.HasFlag(AgentFieldSet.Status) ? imported.Status : stored.Status,
            StartDate = set.HasFlag(AgentFieldSet.StartDate) ? imported.StartDate : stored.StartDate,
            EndDate = set.HasFlag(AgentFieldSet.EndDate) ? imported.EndDate : stored.EndDate,
        };
    }

    /// <summary>The agent API's e-mail rule (<see cref="MailAddress"/> parses it to itself), with a fast path for plain addresses.</summary>
    internal static bool IsValidEmail(string email)
    {
        if (email.Length > 254)
        {
            return false;
        }

        return IsPlainEmail(email) || (MailAddress.TryCreate(email, out var parsed) && parsed.Address == email);
    }

    /// <summary>Whether the address is a plain <c>local@domain</c> of letters, digits and <c>._%+'-</c> that <see cref="MailAddress"/> accepts as is.</summary>
    private static bool IsPlainEmail(ReadOnlySpan<char> email)
    {
        var at = email.IndexOf('@');
        if (at <= 0 || at == email.Length - 1 || email[(at + 1)..].Contains('@'))
        {
            return false;
        }

        var local = email[..at];
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '%' or '+' or '\'' or '-'))
            {
                return false;
            }
        }

        foreach (var label in email[(at + 1)..].Split('.'))
        {
            var part = email[(at + 1)..][label];
            if (part.Length is 0 or > 63 || part[0] == '-' || part[^1] == '-')
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static MappedRow<Agent> Reject(CsvFields row, string? key, MappedField? field, string fr, string en) =>
        new(row.Line, null, key, row.Error(field?.Name, fr, en), null);

    private MappedRow<Agent> InvalidDate(CsvFields row, string key, MappedField field, string text) =>
        Reject(row, key, field,
            $"Date invalide « {text} » (formats acceptés : {_mapping.FormatsOf(field.Spec)}).",
            $"Invalid date '{text}' (accepted formats: {_mapping.FormatsOf(field.Spec)}).");

    private bool TryStatus(string text, out EmploymentStatus status)
    {
        if (_status!.Spec.Values is { } table && table.TryGetValue(FrenchHrVocabulary.Fold(text), out var code))
        {
            text = code;
        }

        return FrenchHrVocabulary.TryParseStatus(text, out status);
    }

    private bool TryRoles(string text, out AgentRoles roles, out string? unknown)
    {
        var table = _roles!.Spec.Values;
        if (table is not null && table.TryGetValue(FrenchHrVocabulary.Fold(text), out var whole))
        {
            text = whole;
        }
        else if (table is not null)
        {
            var parts = text.Split(['|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            text = string.Join('|', parts.Select(p => table.TryGetValue(FrenchHrVocabulary.Fold(p), out var code) ? code : p));
        }

        return FrenchHrVocabulary.TryParseRoles(text, out roles, out unknown);
    }
}
