namespace AiLiteracy.Model;

/// <summary>The kind of local authority (<i>collectivité territoriale</i>).</summary>
public enum OrganizationKind
{
    /// <summary>A commune (municipality).</summary>
    Commune,
    /// <summary>An EPCI (<i>intercommunalité</i>: communauté de communes, d'agglomération, métropole…).</summary>
    Epci,
    /// <summary>A département.</summary>
    Departement,
    /// <summary>A région.</summary>
    Region,
    /// <summary>Any other public body (syndicat mixte, CCAS, centre de gestion…).</summary>
    Other,
}

/// <summary>The level of an org unit in the organisation tree (<i>direction / pôle / service</i>).</summary>
public enum OrgUnitKind
{
    /// <summary>A general directorate (<i>direction générale</i>), the root of the tree.</summary>
    General,
    /// <summary>A directorate (<i>direction</i>).</summary>
    Directorate,
    /// <summary>A division grouping directorates or services (<i>pôle</i>).</summary>
    Division,
    /// <summary>A service (<i>service</i>).</summary>
    Service,
}

/// <summary>A node of the organisation tree: a <i>direction</i>, <i>pôle</i> or <i>service</i>.</summary>
public sealed record OrgUnit
{
    /// <summary>Stable identifier chosen by the authority, e.g. <c>DRH</c> or <c>DRH-PAIE</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Display name, e.g. « Direction des ressources humaines ».</summary>
    public required string Name { get; init; }

    /// <summary>The level of this unit in the tree.</summary>
    public OrgUnitKind Kind { get; init; } = OrgUnitKind.Service;

    /// <summary>The parent unit id, or <see langword="null"/> for a root.</summary>
    public string? ParentId { get; init; }
}

/// <summary>A local authority: the tenant of every other record.</summary>
public sealed record Organization
{
    /// <summary>Stable identifier of the tenant, e.g. <c>val-de-brume</c>.</summary>
    public required string Id { get; init; }

    /// <summary>SIREN number (9 digits) of the authority.</summary>
    public string? Siren { get; init; }

    /// <summary>Official name, e.g. « Communauté d'agglomération du Val de Brume ».</summary>
    public required string Name { get; init; }

    /// <summary>The kind of authority.</summary>
    public OrganizationKind Kind { get; init; } = OrganizationKind.Commune;

    /// <summary>The organisation tree, as a flat list with parent links.</summary>
    public IReadOnlyList<OrgUnit> OrgUnits { get; init; } = [];
}
