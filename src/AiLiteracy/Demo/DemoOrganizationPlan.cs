using AiLiteracy.Model;

namespace AiLiteracy.Demo;

/// <summary>A job family and its share, in percent, of a unit's staff.</summary>
/// <param name="JobFamilyId">A reference job family id.</param>
/// <param name="Percent">Share of the unit's staff (the shares of a unit add up to 100).</param>
internal readonly record struct JobShare(string JobFamilyId, int Percent);

/// <summary>An org unit of the demo authority with its relative size and job mix.</summary>
/// <param name="Unit">The org unit.</param>
/// <param name="Weight">Relative headcount (the weights of the reference plan add up to 1,200).</param>
/// <param name="Jobs">Job mix; the first family is the unit's own (its managers belong to it).</param>
internal sealed record DemoUnit(OrgUnit Unit, int Weight, IReadOnlyList<JobShare> Jobs)
{
    public string Id => Unit.Id;

    public string PrimaryJobFamilyId => Jobs[0].JobFamilyId;
}

/// <summary>
/// The organisation of the fictional « Communauté d'agglomération du Val de Brume »: a general directorate, twelve
/// directorates and three services, with a realistic job mix (many technical and education staff, few in HR or
/// communication), plus the community council for elected officials.
/// </summary>
internal static class DemoOrganizationPlan
{
    public const string Name = "Communauté d'agglomération du Val de Brume";

    /// <summary>A fictional SIREN (EPCI numbers start with 2).</summary>
    public const string Siren = "200000000";

    public const string ElectedUnitId = "ELUS";

    private const string Direction = "direction";
    private const string Hr = "rh";
    private const string Communication = "communication";
    private const string UrbanPlanning = "urbanisme";
    private const string GeneralAffairs = "services-generaux";
    private const string Finance = "finances";
    private const string LegalProcurement = "juridique-commande-publique";
    private const string Reception = "accueil";
    private const string SocialAction = "action-sociale";
    private const string InformationSystems = "numerique";
    private const string Technical = "technique";
    private const string Education = "education-enfance";
    private const string CultureSport = "culture-sport";
    private const string Police = "police-municipale";

    /// <summary>Staff units, parents before children.</summary>
    public static IReadOnlyList<DemoUnit> StaffUnits { get; } =
    [
        Unit("DGS", "Direction générale des services", OrgUnitKind.General, null, 14, (Direction, 80), (GeneralAffairs, 20)),
        Unit("DRH", "Direction des ressources humaines", OrgUnitKind.Directorate, "DGS", 38, (Hr, 100)),
        Unit("DCOM", "Direction de la communication", OrgUnitKind.Directorate, "DGS", 16, (Communication, 100)),
        Unit("DAUH", "Direction de l'aménagement, de l'urbanisme et de l'habitat", OrgUnitKind.Directorate, "DGS", 42, (UrbanPlanning, 93), (GeneralAffairs, 7)),
        Unit("DAG", "Direction des affaires générales et des assemblées", OrgUnitKind.Directorate, "DGS", 28, (GeneralAffairs, 100)),
        Unit("DAG-JUR", "Service juridique et commande publique", OrgUnitKind.Service, "DAG", 18, (LegalProcurement, 100)),
        Unit("DFIN", "Direction des finances", OrgUnitKind.Directorate, "DGS", 30, (Finance, 100)),
        Unit("DSI", "Direction des systèmes d'information", OrgUnitKind.Directorate, "DGS", 32, (InformationSystems, 100)),
        Unit("DST", "Direction des services techniques", OrgUnitKind.Directorate, "DGS", 60, (Technical, 85), (LegalProcurement, 5), (GeneralAffairs, 10)),
        Unit("DST-VOIRIE", "Service voirie, propreté et réseaux", OrgUnitKind.Service, "DST", 140, (Technical, 97), (GeneralAffairs, 3)),
        Unit("DST-BAT", "Service patrimoine bâti et logistique", OrgUnitKind.Service, "DST", 110, (Technical, 97), (GeneralAffairs, 3)),
        Unit("DEJ", "Direction de l'éducation, de l'enfance et de la jeunesse", OrgUnitKind.Directorate, "DGS", 320, (Education, 95), (GeneralAffairs, 5)),
        Unit("DSOL", "Direction des solidarités (CIAS)", OrgUnitKind.Directorate, "DGS", 150, (SocialAction, 90), (Reception, 6), (GeneralAffairs, 4)),
        Unit("DCS", "Direction de la culture et des sports", OrgUnitKind.Directorate, "DGS", 116, (CultureSport, 95), (GeneralAffairs, 5)),
        Unit("POLICE", "Police municipale intercommunale", OrgUnitKind.Directorate, "DGS", 36, (Police, 100)),
        Unit("ACCUEIL", "Direction de l'accueil et de la relation usagers", OrgUnitKind.Directorate, "DGS", 50, (Reception, 100)),
    ];

    /// <summary>The community council: a root of its own, outside the administration's tree.</summary>
    public static OrgUnit ElectedUnit { get; } = new()
    {
        Id = ElectedUnitId,
        Name = "Assemblée communautaire",
        Kind = OrgUnitKind.Division,
    };

    /// <summary>Job families whose staff mostly work in the field, with less access to a computer.</summary>
    public static IReadOnlySet<string> FieldJobFamilies { get; } = new HashSet<string>(StringComparer.Ordinal) { Technical, Education, CultureSport };

    /// <summary>Splits <paramref name="staffCount"/> across <see cref="StaffUnits"/> in proportion to their weights (largest remainder), at least one per unit.</summary>
    /// <param name="staffCount">Total staff; at least the number of units.</param>
    /// <returns>Headcounts, in <see cref="StaffUnits"/> order, adding up to <paramref name="staffCount"/>.</returns>
    public static int[] Headcounts(int staffCount)
    {
        var units = StaffUnits;
        var totalWeight = units.Sum(u => u.Weight);
        var distributable = staffCount - units.Count;
        var counts = new int[units.Count];
        var remainders = new (double Remainder, int Index)[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            var exact = (double)distributable * units[i].Weight / totalWeight;
            counts[i] = 1 + (int)Math.Floor(exact);
            remainders[i] = (exact - Math.Floor(exact), i);
        }

        var missing = staffCount - counts.Sum();
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(missing))
        {
            counts[index]++;
        }

        return counts;
    }

    /// <summary>Returns the directorate a unit belongs to (itself for a directorate), or <see langword="null"/> for the general directorate.</summary>
    /// <param name="unitId">The unit id.</param>
    /// <returns>The directorate id.</returns>
    public static string? DirectorateOf(string unitId)
    {
        var unit = StaffUnits.FirstOrDefault(u => u.Id == unitId)?.Unit;
        while (unit is not null && unit.Kind != OrgUnitKind.Directorate)
        {
            unit = StaffUnits.FirstOrDefault(u => u.Id == unit.ParentId)?.Unit;
        }

        return unit?.Id;
    }

    private static DemoUnit Unit(string id, string name, OrgUnitKind kind, string? parentId, int weight, params (string Family, int Percent)[] jobs) =>
        new(new OrgUnit { Id = id, Name = name, Kind = kind, ParentId = parentId }, weight, jobs.Select(j => new JobShare(j.Family, j.Percent)).ToArray());
}
