using System.ComponentModel.DataAnnotations;

namespace AiLiteracy.Import;

/// <summary>
/// The HR agents export an authority drops for import (a French HR system's CSV export with its mapping file), read by
/// <see cref="HrCsvImporter"/>. Validated when the host starts.
/// </summary>
public sealed class HrCsvOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to: <c>AiLiteracy:Hr:Csv</c>.</summary>
    public const string SectionName = "AiLiteracy:Hr:Csv";

    /// <summary>The agents file to import, e.g. <c>/srv/sirh/export/agents.csv</c>. Required.</summary>
    [Required]
    public string AgentsFile { get; set; } = "";

    /// <summary>
    /// The mapping file describing the export's columns (see <c>ailiteracy hr mapping</c>); <see langword="null"/>
    /// (default) reads the SDK's own layout (<c>Matricule;Nom;Prénom;…</c>).
    /// </summary>
    public string? MappingFile { get; set; }

    /// <summary>Full (default: the file is the whole population, missing agents are deactivated) or incremental.</summary>
    public AgentImportMode Mode { get; set; } = AgentImportMode.Full;

    /// <summary>The largest share of active agents a full import may deactivate; a truncated export above it stops the import. Default: 0.10.</summary>
    [Range(0.0, 1.0)]
    public double MaxDeactivationShare { get; set; } = 0.10;

    /// <summary>Who imports, for the audit log. Default: <c>hr-csv</c>.</summary>
    [Required]
    public string Actor { get; set; } = "hr-csv";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MappingFile is { Length: > 0 } mapping && !File.Exists(mapping))
        {
            yield return new ValidationResult($"AiLiteracy:Hr:Csv:MappingFile '{mapping}' does not exist.", [nameof(MappingFile)]);
        }
    }
}
