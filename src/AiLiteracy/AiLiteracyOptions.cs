using System.ComponentModel.DataAnnotations;
using AiLiteracy.Engines;

namespace AiLiteracy;

/// <summary>Options of the AI Literacy use cases, validated at start-up.</summary>
public sealed class AiLiteracyOptions
{
    /// <summary>The configuration section these options bind to: <c>AiLiteracy</c>.</summary>
    public const string SectionName = "AiLiteracy";

    /// <summary>
    /// Folder holding the authority's definition files (curriculum, competency framework, job families, charter,
    /// tool registry). Default: <see langword="null"/>, which uses the embedded reference content.
    /// </summary>
    public string? DefinitionsPath { get; set; }

    /// <summary>Default language of user-facing text: <c>fr</c> (default) or <c>en</c>.</summary>
    [Required]
    [RegularExpression("^(fr|en)$", ErrorMessage = "Language must be 'fr' or 'en'.")]
    public string Language { get; set; } = "fr";

    /// <summary>Days before expiry when a module counts as expiring soon. Default: 60.</summary>
    [Range(0, 366)]
    public int ExpiringSoonDays { get; set; } = 60;

    /// <summary>Group size used to count the sessions a training plan needs. Default: 12.</summary>
    [Range(1, 500)]
    public int GroupSize { get; set; } = 12;

    /// <summary>The engine options these settings stand for.</summary>
    /// <returns>The engine options.</returns>
    public EngineOptions ToEngineOptions() => new() { ExpiringSoonDays = ExpiringSoonDays, DefaultGroupSize = GroupSize };
}
