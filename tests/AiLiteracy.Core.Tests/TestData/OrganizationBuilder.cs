using AiLiteracy.Model;

namespace AiLiteracy.Core.Tests.TestData;

public sealed class OrganizationBuilder
{
    private readonly List<OrgUnit> units = [];

    public static OrganizationBuilder WithGeneralDirectorate(string id = "DG") => new OrganizationBuilder().Unit(id, null, OrgUnitKind.General);

    /// <summary>DG with directorates DRH (services DRH-PAIE, DRH-FORM), DCOM (service DCOM-WEB) and DST.</summary>
    public static OrganizationBuilder Standard() => WithGeneralDirectorate()
        .Unit("DRH", "DG", OrgUnitKind.Directorate)
        .Unit("DRH-PAIE", "DRH")
        .Unit("DRH-FORM", "DRH")
        .Unit("DCOM", "DG", OrgUnitKind.Directorate)
        .Unit("DCOM-WEB", "DCOM")
        .Unit("DST", "DG", OrgUnitKind.Directorate);

    public OrganizationBuilder Unit(string id, string? parentId, OrgUnitKind kind = OrgUnitKind.Service)
    {
        units.Add(new OrgUnit { Id = id, Name = $"Unité {id}", ParentId = parentId, Kind = kind });
        return this;
    }

    public Organization Build() => new()
    {
        Id = "val-de-brume",
        Name = "Communauté d'agglomération du Val de Brume",
        Kind = OrganizationKind.Epci,
        OrgUnits = [.. units],
    };

    public static implicit operator Organization(OrganizationBuilder builder) => builder.Build();
}
