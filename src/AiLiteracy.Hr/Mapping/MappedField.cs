using AiLiteracy.Hr.Csv;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Mapping;

/// <summary>The outcome of a code-table lookup.</summary>
internal enum LookupResult
{
    /// <summary>No table: the value is used as is.</summary>
    Raw,
    /// <summary>Found in the table.</summary>
    Mapped,
    /// <summary>Absent from the table; the row is rejected.</summary>
    Unknown,
    /// <summary>Absent from the table; the field is left empty.</summary>
    Ignored,
}

/// <summary>A mapped field compiled against the header: column indexes resolved once.</summary>
internal sealed class MappedField
{
    private readonly int[] _indexes;

    private MappedField(string name, HrFieldMapping spec, int[] indexes)
    {
        Name = name;
        Spec = spec;
        _indexes = indexes;
    }

    public string Name { get; }

    public HrFieldMapping Spec { get; }

    public string Separator => Spec.Separator;

    public static MappedField? Compile(HrMapping mapping, string fieldName, CsvFields header, List<CsvRowError> errors)
    {
        if (mapping.Field(fieldName) is not { } spec)
        {
            return null;
        }

        var indexes = new int[spec.Columns.Count];
        var missing = new List<string>();
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            indexes[i] = header.IndexOf(spec.Columns[i]);
            if (indexes[i] < 0)
            {
                missing.Add(spec.Columns[i]);
            }
        }

        if (missing.Count > 0)
        {
            if (spec.Optional)
            {
                return null;
            }

            var shown = string.Join(", ", missing);
            errors.Add(new CsvRowError(header.FileName, 1, missing[0], new LocalizedText(
                $"Colonne « {shown} » absente de l'en-tête (champ {fieldName} du fichier de correspondance {mapping.Source}).",
                $"Column '{shown}' is missing from the header (field {fieldName} of mapping {mapping.Source}).")));
            return null;
        }

        return new MappedField(spec.DisplayName, spec, indexes);
    }

    /// <summary>The trimmed value (the columns of a path joined, empty parts skipped), or the default, or <see langword="null"/>.</summary>
    public string? Read(CsvFields row)
    {
        string? value;
        if (_indexes.Length == 1)
        {
            value = row.GetAt(_indexes[0]);
        }
        else if (_indexes.Length == 0)
        {
            value = null;
        }
        else
        {
            string? joined = null;
            foreach (var index in _indexes)
            {
                if (row.GetAt(index) is { } part)
                {
                    joined = joined is null ? part : string.Concat(joined, Spec.Separator, part);
                }
            }

            value = joined;
        }

        return value ?? (string.IsNullOrEmpty(Spec.Default) ? null : Spec.Default);
    }

    public LookupResult Lookup(string raw, out string? value)
    {
        if (Spec.Values is not { } table)
        {
            value = raw;
            return LookupResult.Raw;
        }

        if (table.TryGetValue(FrenchHrVocabulary.Fold(raw), out var mapped))
        {
            value = mapped.Length == 0 ? null : mapped;
            return LookupResult.Mapped;
        }

        switch (Spec.Unknown)
        {
            case UnknownValuePolicy.Keep:
                value = raw;
                return LookupResult.Raw;
            case UnknownValuePolicy.Ignore:
                value = null;
                return LookupResult.Ignored;
            default:
                value = null;
                return LookupResult.Unknown;
        }
    }
}
