using AiLiteracy.Hr.Mapping;
using AiLiteracy.Model;

namespace AiLiteracy.Hr.Tests;

/// <summary>A small organisation tree and job families the corpus is checked against.</summary>
internal static class TestOrganization
{
    public static readonly DateOnly Today = new(2026, 11, 15);

    public static IReadOnlyList<OrgUnit> OrgUnits { get; } =
    [
        new() { Id = "DGS", Name = "Direction générale des services", Kind = OrgUnitKind.General },
        new() { Id = "DRH", Name = "Direction des ressources humaines", Kind = OrgUnitKind.Directorate, ParentId = "DGS" },
        new() { Id = "DRH-PAIE", Name = "Paie et carrière", Kind = OrgUnitKind.Service, ParentId = "DRH" },
        new() { Id = "DRH-FORM", Name = "Formation", Kind = OrgUnitKind.Service, ParentId = "DRH" },
        new() { Id = "DCOM", Name = "Direction de la communication", Kind = OrgUnitKind.Directorate, ParentId = "DGS" },
        new() { Id = "DFIN", Name = "Direction des finances", Kind = OrgUnitKind.Directorate, ParentId = "DGS" },
        new() { Id = "DST", Name = "Direction des services techniques", Kind = OrgUnitKind.Directorate, ParentId = "DGS" },
        new() { Id = "DST-VOIRIE", Name = "Voirie", Kind = OrgUnitKind.Service, ParentId = "DST" },
    ];

    public static AgentMappingContext Context { get; } = new()
    {
        JobFamilyIds = new HashSet<string>(["direction", "rh", "finances", "communication", "technique"], StringComparer.Ordinal),
        OrgUnits = OrgUnits,
        Today = Today,
    };
}
