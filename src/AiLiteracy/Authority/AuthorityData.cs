using AiLiteracy.Hr.Csv;
using AiLiteracy.Model;

namespace AiLiteracy.Authority;

/// <summary>
/// What an authority holds about its people, loaded together: the organisation tree, agents, completions and
/// charter acknowledgements.
/// </summary>
public sealed record AuthorityData
{
    /// <summary>The organisation (tenant) with its org units.</summary>
    public required Organization Organization { get; init; }

    /// <summary>The agents.</summary>
    public IReadOnlyList<Agent> Agents { get; init; } = [];

    /// <summary>The completions.</summary>
    public IReadOnlyList<Completion> Completions { get; init; } = [];

    /// <summary>The charter acknowledgements.</summary>
    public IReadOnlyList<Acknowledgement> Acknowledgements { get; init; } = [];

    /// <summary>The evidence log.</summary>
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];
}

/// <summary>The result of loading an authority's data files: what was read and every row rejected.</summary>
/// <param name="Data">The data read (rejected rows left out).</param>
/// <param name="Errors">The rejected rows, with file, line and column.</param>
public sealed record AuthorityDataLoadResult(AuthorityData Data, IReadOnlyList<CsvRowError> Errors);
