using AiLiteracy.Hr.Csv;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Mapping;

/// <summary>
/// Resolves what an HR export says about an agent's org unit — an id (<c>DRH-PAIE</c>), a name (« Service paie »)
/// or a path of ids or names (<c>Direction des ressources humaines / Paie</c>) — to an org unit id of the tree.
/// </summary>
public sealed class OrgUnitResolver
{
    private readonly Dictionary<string, OrgUnit> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrgUnit> _byFoldedId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OrgUnit>> _byFoldedName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? Id, string? Unmatched)> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a resolver over an organisation tree.</summary>
    /// <param name="units">The org units (flat list with parent links).</param>
    public OrgUnitResolver(IReadOnlyList<OrgUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        foreach (var unit in units)
        {
            _byId[unit.Id] = unit;
            _byFoldedId.TryAdd(FrenchHrVocabulary.Fold(unit.Id), unit);
            var name = FrenchHrVocabulary.Fold(unit.Name);
            if (!_byFoldedName.TryGetValue(name, out var list))
            {
                _byFoldedName[name] = list = [];
            }

            list.Add(unit);
        }
    }

    /// <summary>Whether the tree is empty (any id is then accepted).</summary>
    public bool IsEmpty => _byId.Count == 0;

    /// <summary>The id when it is in the tree (any id when the tree is empty).</summary>
    /// <param name="id">An org unit id.</param>
    /// <returns>The id, or <see langword="null"/> when unknown; never an unmatched rest.</returns>
    public (string? Id, string? Unmatched) ResolveId(string id) => IsEmpty || _byId.ContainsKey(id) ? (id, null) : (null, null);

    /// <summary>Resolves an id, a name or a path; with a path only partly known, the deepest known unit and the unknown rest.</summary>
    /// <param name="raw">An id (<c>DRH-PAIE</c>), a name (« Paie et carrière ») or a path of ids or names (<c>DRH/Paie et carrière</c>).</param>
    /// <param name="separator">The path separator.</param>
    /// <returns>The deepest unit matched (or <see langword="null"/>) and the part of the path that matched nothing.</returns>
    public (string? Id, string? Unmatched) Resolve(string raw, string separator)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(separator);
        if (IsEmpty)
        {
            if (!raw.Contains(separator, StringComparison.Ordinal))
            {
                return (raw, null);
            }

            var parts = raw.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return (parts.Length == 0 ? null : parts[^1], null);
        }

        if (_byId.ContainsKey(raw))
        {
            return (raw, null);
        }

        if (_cache.TryGetValue(raw, out var cached))
        {
            return cached;
        }

        var result = Walk(raw, separator);
        if (_cache.Count < 10_000)
        {
            _cache[raw] = result;
        }

        return result;
    }

    private (string? Id, string? Unmatched) Walk(string raw, string separator)
    {
        if (Match(raw, parent: null) is { } whole)
        {
            return (whole.Id, null);
        }

        var parts = raw.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        OrgUnit? current = null;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Match(parts[i], current);
            if (next is null)
            {
                return current is null ? (null, null) : (current.Id, string.Join(separator, parts[i..]));
            }

            current = next;
        }

        return (current?.Id, null);
    }

    private OrgUnit? Match(string part, OrgUnit? parent)
    {
        var folded = FrenchHrVocabulary.Fold(part);
        if (_byFoldedId.TryGetValue(folded, out var byId) && (parent is null || byId.ParentId == parent.Id))
        {
            return byId;
        }

        if (_byFoldedName.TryGetValue(folded, out var named))
        {
            return parent is null
                ? named.OrderBy(u => u.Kind == OrgUnitKind.Directorate ? 0 : 1).First()
                : named.FirstOrDefault(u => u.ParentId == parent.Id);
        }

        return null;
    }
}
