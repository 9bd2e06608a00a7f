using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>
/// The organisation tree indexed for roll-ups: a unit's directorate is its ancestor just below a root (a root with
/// no child unit is its own directorate; agents attached to a root directly count under the root).
/// </summary>
public sealed class OrgTree
{
    private readonly Dictionary<string, OrgUnit> units;
    private readonly Dictionary<string, string> directorateOf;
    private readonly Dictionary<string, int> order;

    /// <summary>Indexes the org units of <paramref name="organization"/>.</summary>
    /// <param name="organization">The organisation and its tree.</param>
    public OrgTree(Organization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        units = new Dictionary<string, OrgUnit>(StringComparer.Ordinal);
        order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var unit in organization.OrgUnits)
        {
            if (units.TryAdd(unit.Id, unit))
            {
                order[unit.Id] = order.Count;
            }
        }

        var hasChildren = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in units.Values)
        {
            if (unit.ParentId is { } parent && units.ContainsKey(parent))
            {
                hasChildren.Add(parent);
            }
        }

        directorateOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var directorates = new List<OrgUnit>();
        foreach (var unit in organization.OrgUnits)
        {
            if (directorateOf.ContainsKey(unit.Id))
            {
                continue;
            }

            var directorate = FindDirectorate(unit);
            directorateOf[unit.Id] = directorate.Id;
        }

        foreach (var unit in units.Values)
        {
            var isRoot = IsRoot(unit);
            if ((!isRoot && IsRoot(units[unit.ParentId!])) || (isRoot && !hasChildren.Contains(unit.Id)))
            {
                directorates.Add(unit);
            }
        }

        Directorates = directorates;
    }

    /// <summary>The directorates in tree order (children of the roots, and roots without children).</summary>
    public IReadOnlyList<OrgUnit> Directorates { get; }

    /// <summary>The unit with this id, or <see langword="null"/>.</summary>
    /// <param name="unitId">The unit id.</param>
    /// <returns>The unit.</returns>
    public OrgUnit? Find(string? unitId) => unitId is not null && units.TryGetValue(unitId, out var unit) ? unit : null;

    /// <summary>The directorate of a unit, or <see langword="null"/> for a unit unknown to the tree.</summary>
    /// <param name="unitId">The unit id.</param>
    /// <returns>The directorate id.</returns>
    public string? DirectorateOf(string? unitId) => unitId is not null && directorateOf.TryGetValue(unitId, out var id) ? id : null;

    /// <summary>The position of a unit in the organisation's list (unknown units last).</summary>
    /// <param name="unitId">The unit id.</param>
    /// <returns>The position.</returns>
    public int OrderOf(string? unitId) => unitId is not null && order.TryGetValue(unitId, out var index) ? index : int.MaxValue;

    private bool IsRoot(OrgUnit unit) => unit.ParentId is not { } parent || !units.ContainsKey(parent);

    private OrgUnit FindDirectorate(OrgUnit unit)
    {
        var current = unit;
        for (var depth = 0; depth <= units.Count; depth++)
        {
            if (IsRoot(current))
            {
                return current;
            }

            var parent = units[current.ParentId!];
            if (IsRoot(parent))
            {
                return current;
            }

            current = parent;
        }

        return unit; // A cycle in the tree: the unit stands for itself.
    }
}
