using System.Globalization;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Mapping;

/// <summary>What the completions mapping checks values against.</summary>
public sealed record CompletionMappingContext
{
    /// <summary>The module ids of the curriculum in force; <see langword="null"/> to accept any.</summary>
    public IReadOnlySet<string>? ModuleIds { get; init; }

    /// <summary>Today: a completion dated after tomorrow is rejected.</summary>
    public required DateOnly Today { get; init; }
}

/// <summary>
/// Turns the rows of an LMS export or of CNFPT attestations into <see cref="Completion"/>s through a
/// <see cref="HrMapping"/> of kind <c>completions</c>: module codes through a code table, French or mapped outcomes and
/// delivery modes, scores with a decimal comma. Every rejected row names its line, column and reason.
/// </summary>
public sealed class CompletionRowMapper
{
    private readonly HrMapping _mapping;
    private readonly CompletionMappingContext _context;
    private readonly MappedField? _employeeNumber;
    private readonly MappedField? _module;
    private readonly MappedField? _moduleVersion;
    private readonly MappedField? _date;
    private readonly MappedField? _startDate;
    private readonly MappedField? _outcome;
    private readonly MappedField? _score;
    private readonly MappedField? _deliveryMode;
    private readonly MappedField? _source;
    private readonly MappedField? _externalId;
    private readonly MappedField? _evidenceUrl;

    private CompletionRowMapper(HrMapping mapping, CompletionMappingContext context, CsvFields header, List<CsvRowError> errors)
    {
        _mapping = mapping;
        _context = context;
        MappedField? Compile(string name) => MappedField.Compile(mapping, name, header, errors);
        _employeeNumber = Compile(HrFieldNames.EmployeeNumber);
        _module = Compile(HrFieldNames.Module);
        _moduleVersion = Compile(HrFieldNames.ModuleVersion);
        _date = Compile(HrFieldNames.Date);
        _startDate = Compile(HrFieldNames.StartDate);
        _outcome = Compile(HrFieldNames.Outcome);
        _score = Compile(HrFieldNames.Score);
        _deliveryMode = Compile(HrFieldNames.DeliveryMode);
        _source = Compile(HrFieldNames.Source);
        _externalId = Compile(HrFieldNames.ExternalId);
        _evidenceUrl = Compile(HrFieldNames.EvidenceUrl);
    }

    /// <summary>The column holding the employee number, for messages.</summary>
    public string? EmployeeNumberColumn => _employeeNumber?.Name;

    /// <summary>The column holding the module, for messages.</summary>
    public string? ModuleColumn => _module?.Name;

    /// <summary>Compiles a completions mapping against a file's header.</summary>
    /// <param name="mapping">The completions mapping.</param>
    /// <param name="context">What values are checked against.</param>
    /// <param name="header">The file's header.</param>
    /// <param name="errors">Header errors; when any, the file cannot be imported.</param>
    /// <returns>The mapper.</returns>
    public static CompletionRowMapper Create(HrMapping mapping, CompletionMappingContext context, CsvFields header, out IReadOnlyList<CsvRowError> errors)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(header);
        if (mapping.Kind != HrMappingKind.Completions)
        {
            throw new ArgumentException("The mapping does not describe a completions file.", nameof(mapping));
        }

        var list = new List<CsvRowError>();
        var mapper = new CompletionRowMapper(mapping, context, header, list);
        errors = list;
        return mapper;
    }

    /// <summary>Maps the current row.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The completion, or why the row is rejected.</returns>
    public MappedRow<Completion> Map(CsvFields row)
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
            return Reject(row, null, _employeeNumber, $"Matricule invalide « {employeeNumber} ».", $"Invalid employee number '{employeeNumber}'.");
        }

        var rawModule = _module?.Read(row);
        if (rawModule is null)
        {
            return Reject(row, employeeNumber, _module, "Code module obligatoire.", "The module code is required.");
        }

        string? moduleId;
        switch (_module!.Lookup(rawModule, out moduleId))
        {
            case LookupResult.Unknown:
                return Reject(row, employeeNumber, _module,
                    $"Code « {rawModule} » absent de la table de correspondance des modules.", $"Code '{rawModule}' is not in the module code table.");
            case LookupResult.Ignored:
            case LookupResult.Mapped when moduleId is null:
                // Absent from the table with "unknown": "ignore", or mapped to "" on purpose: a training outside the AI curriculum.
                (warnings ??= []).Add(row.Error(_module.Name,
                    $"Formation « {rawModule} » hors référentiel IA : ligne ignorée.", $"Training '{rawModule}' is outside the AI curriculum: row ignored."));
                return new MappedRow<Completion>(row.Line, null, employeeNumber, null, warnings);
        }

        if (moduleId is null || (_context.ModuleIds is { } modules && !modules.Contains(moduleId)))
        {
            return Reject(row, employeeNumber, _module,
                $"Module « {moduleId ?? rawModule} » absent du référentiel de formation.", $"Module '{moduleId ?? rawModule}' is not in the curriculum.");
        }

        int? version = null;
        if (_moduleVersion?.Read(row) is { } versionText)
        {
            if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return Reject(row, employeeNumber, _moduleVersion, $"Version invalide « {versionText} » (entier ≥ 1 attendu).", $"Invalid version '{versionText}' (integer ≥ 1 expected).");
            }

            version = parsed;
        }

        var dateText = _date?.Read(row);
        if (dateText is null)
        {
            return Reject(row, employeeNumber, _date, "Date de formation obligatoire.", "The completion date is required.");
        }

        if (!_mapping.TryParseDate(dateText, _date!.Spec, out var date))
        {
            return Reject(row, employeeNumber, _date, $"Date invalide « {dateText} » (formats acceptés : {_mapping.FormatsOf(_date.Spec)}).",
                $"Invalid date '{dateText}' (accepted formats: {_mapping.FormatsOf(_date.Spec)}).");
        }

        if (date > _context.Today.AddDays(1))
        {
            return Reject(row, employeeNumber, _date, $"La date de formation ({FrenchHrVocabulary.FormatDate(date)}) est dans le futur.",
                $"The completion date ({FrenchHrVocabulary.FormatDate(date)}) is in the future.");
        }

        if (_startDate?.Read(row) is { } startText)
        {
            if (!_mapping.TryParseDate(startText, _startDate.Spec, out var start))
            {
                return Reject(row, employeeNumber, _startDate, $"Date invalide « {startText} ».", $"Invalid date '{startText}'.");
            }

            if (start > date)
            {
                return Reject(row, employeeNumber, _startDate, "La date de début est postérieure à la date de fin.", "The start date is after the end date.");
            }
        }

        CompletionOutcome? outcome = null;
        if (_outcome?.Read(row) is { } outcomeText)
        {
            var text = _outcome.Spec.Values is { } table && table.TryGetValue(FrenchHrVocabulary.Fold(outcomeText), out var code) ? code : outcomeText;
            if (!FrenchHrVocabulary.TryParseOutcome(text, out var parsed))
            {
                return Reject(row, employeeNumber, _outcome, $"Résultat inconnu « {outcomeText} » (attendus : terminé, réussi, échoué).",
                    $"Unknown outcome '{outcomeText}' (expected: completed, passed, failed).");
            }

            outcome = parsed;
        }

        decimal? score = null;
        if (_score?.Read(row) is { } scoreText)
        {
            if (!FrenchHrVocabulary.TryParseDecimal(scoreText, out var parsed) || parsed < 0 || parsed > 100)
            {
                return Reject(row, employeeNumber, _score, $"Score invalide « {scoreText} » (nombre entre 0 et 100 attendu).",
                    $"Invalid score '{scoreText}' (number between 0 and 100 expected).");
            }

            score = parsed;
        }

        DeliveryMode? mode = null;
        if (_deliveryMode?.Read(row) is { } modeText)
        {
            var text = _deliveryMode.Spec.Values is { } table && table.TryGetValue(FrenchHrVocabulary.Fold(modeText), out var code) ? code : modeText;
            if (!FrenchHrVocabulary.TryParseDeliveryMode(text, out var parsed))
            {
                return Reject(row, employeeNumber, _deliveryMode,
                    $"Modalité inconnue « {modeText} » (attendues : présentiel, distanciel, e-learning, atelier).",
                    $"Unknown delivery mode '{modeText}' (expected: in-person, remote, e-learning, workshop).");
            }

            mode = parsed;
        }

        var source = CompletionSource.Csv;
        if (_source?.Read(row) is { } sourceText)
        {
            var text = _source.Spec.Values is { } table && table.TryGetValue(FrenchHrVocabulary.Fold(sourceText), out var code) ? code : sourceText;
            if (!FrenchHrVocabulary.TryParseSource(text, out source))
            {
                return Reject(row, employeeNumber, _source, $"Source inconnue « {sourceText} » (attendues : lms, csv, xapi, api, manuel).",
                    $"Unknown source '{sourceText}' (expected: lms, csv, xapi, api, manual).");
            }
        }

        var externalId = _externalId?.Read(row);
        if (externalId is { Length: > 200 })
        {
            return Reject(row, employeeNumber, _externalId, "Identifiant externe trop long (200 caractères au plus).", "External id too long (200 characters at most).");
        }

        var evidence = _evidenceUrl?.Read(row);
        if (evidence is not null && (!Uri.TryCreate(evidence, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            return Reject(row, employeeNumber, _evidenceUrl, $"Lien de preuve invalide « {evidence} » (URL http ou https).", $"Invalid evidence link '{evidence}' (http or https URL).");
        }

        var completion = new Completion
        {
            EmployeeNumber = employeeNumber,
            ModuleId = moduleId,
            ModuleVersion = version ?? 0,
            Date = date,
            Outcome = outcome ?? CompletionOutcome.Completed,
            Score = score,
            DeliveryMode = mode,
            Source = source,
            ExternalId = externalId,
            EvidenceUrl = evidence,
        };
        return new MappedRow<Completion>(row.Line, completion, employeeNumber, null, warnings) { };
    }

    /// <summary>Whether the row gave its outcome (otherwise it is derived from the score and the pass mark).</summary>
    /// <param name="row">The row.</param>
    /// <returns><see langword="true"/> when the outcome column is mapped and filled.</returns>
    public bool HasOutcome(CsvFields row) => _outcome?.Read(row) is not null;

    private static MappedRow<Completion> Reject(CsvFields row, string? key, MappedField? field, string fr, string en) =>
        new(row.Line, null, key, row.Error(field?.Name, fr, en), null);
}
