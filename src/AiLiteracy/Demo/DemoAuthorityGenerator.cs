using AiLiteracy.Model;

namespace AiLiteracy.Demo;

/// <summary>
/// Generates a fictional but realistic authority, the « Communauté d'agglomération du Val de Brume » (an EPCI of
/// about 1,200 staff in 16 org units and 40 elected officials), with a training history that follows the given
/// curriculum: most agents hold the common core, many their job module, some completions have expired, some
/// assessments were failed then passed, a few failed only; referents follow their track; most agents acknowledged
/// the charter.
/// </summary>
/// <remarks>
/// Generation is pure and deterministic: it reads no file and no clock, draws from a <see cref="Random"/> seeded with
/// <see cref="DemoAuthorityOptions.Seed"/>, and computes every date relative to
/// <see cref="DemoAuthorityOptions.AnchorDate"/>, so the same curriculum and options always give the same authority.
/// Module ids, versions, prerequisites, delivery modes, assessments and audiences are read from the curriculum, so the
/// demo follows the reference content or an authority's own.
/// </remarks>
public sealed class DemoAuthorityGenerator
{
    private readonly IReadOnlyList<Module> modulesInPrerequisiteOrder;

    /// <summary>Creates a generator whose completions follow <paramref name="curriculum"/>.</summary>
    /// <param name="curriculum">The curriculum, e.g. the reference one loaded by <c>ReferenceContent.LoadAsync()</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="curriculum"/> is <see langword="null"/>.</exception>
    public DemoAuthorityGenerator(Curriculum curriculum)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        modulesInPrerequisiteOrder = OrderByPrerequisites(curriculum.Modules);
    }

    /// <summary>Generates the demo authority.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults (seed, anchor date 2026-11-01, 1,200 staff, 40 elected officials).</param>
    /// <returns>The organisation, agents, completions and acknowledgements.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The staff count is smaller than the number of org units, or the elected count or charter version is invalid.</exception>
    /// <exception cref="ArgumentException">The organisation id is empty.</exception>
    public DemoAuthority Generate(DemoAuthorityOptions? options = null)
    {
        options ??= new DemoAuthorityOptions();
        Validate(options);

        var random = new Random(options.Seed);
        var people = new DemoPeopleBuilder(random, options.AnchorDate);
        var agents = people.BuildStaff(DemoOrganizationPlan.Headcounts(options.StaffCount));
        agents.AddRange(people.BuildElected(options.ElectedCount));

        var training = new DemoTrainingBuilder(random, options, modulesInPrerequisiteOrder);
        foreach (var agent in agents)
        {
            training.AddAgent(agent);
        }

        return new DemoAuthority
        {
            Organization = BuildOrganization(options),
            Agents = agents,
            Completions = training.Completions,
            Acknowledgements = training.Acknowledgements,
        };
    }

    private static void Validate(DemoAuthorityOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OrganizationId, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.StaffCount, DemoOrganizationPlan.StaffUnits.Count, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.ElectedCount, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CharterVersion, 1, nameof(options));
    }

    private static Organization BuildOrganization(DemoAuthorityOptions options) => new()
    {
        Id = options.OrganizationId,
        Siren = DemoOrganizationPlan.Siren,
        Name = DemoOrganizationPlan.Name,
        Kind = OrganizationKind.Epci,
        OrgUnits = [.. DemoOrganizationPlan.StaffUnits.Select(u => u.Unit), DemoOrganizationPlan.ElectedUnit],
    };

    /// <summary>
    /// Orders modules so that each comes after its prerequisites, keeping the curriculum's order otherwise. Modules
    /// caught in a prerequisite cycle come last; no one can complete them, as their prerequisites are never passed.
    /// </summary>
    private static List<Module> OrderByPrerequisites(IReadOnlyList<Module> modules)
    {
        var ordered = new List<Module>(modules.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var known = modules.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var pending = modules.ToList();
        bool progress;
        do
        {
            progress = false;
            foreach (var module in pending.ToList())
            {
                if (module.Prerequisites.Where(known.Contains).All(placed.Contains))
                {
                    ordered.Add(module);
                    placed.Add(module.Id);
                    pending.Remove(module);
                    progress = true;
                }
            }
        }
        while (progress && pending.Count > 0);

        ordered.AddRange(pending);
        return ordered;
    }
}
