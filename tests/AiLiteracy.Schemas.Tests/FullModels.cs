using AiLiteracy.Model;

namespace AiLiteracy.Schemas.Tests;

/// <summary>Model records with every property set, to check that the schemas accept exactly what the model writes.</summary>
internal static class FullModels
{
    private static LocalizedText T(string fr) => new(fr, fr + " (en)");

    public static AiTool Tool(string id, ToolStatus status = ToolStatus.Approved) => new()
    {
        Id = id,
        Name = "Outil " + id,
        Vendor = "Éditeur",
        Hosting = Hosting.OutsideEu,
        GdprAgreement = true,
        TrainsOnInputs = true,
        Status = status,
        MaxDataClass = DataClass.Sensitive,
        RequiredModules = ["M-1"],
        Description = T("Description"),
        IsExample = true,
    };

    public static Curriculum Curriculum() => new()
    {
        Id = "cur",
        Version = "2026.1",
        Title = T("Référentiel"),
        Tracks = [new Track { Id = TrackKind.CommonCore, Title = T("Tronc commun"), Description = T("Pour tous") }, new Track { Id = TrackKind.Job, Title = T("Métiers") }],
        Modules =
        [
            new Module
            {
                Id = "M-1",
                Version = 3,
                MinimumVersion = 2,
                Track = TrackKind.CommonCore,
                Title = T("Module"),
                Summary = T("Résumé"),
                Objectives = [T("Objectif 1"), T("Objectif 2")],
                Competencies = [new ModuleCompetency("C-1", 2)],
                DurationHours = 1.5m,
                DeliveryModes = [DeliveryMode.InPerson, DeliveryMode.Remote, DeliveryMode.ELearning, DeliveryMode.Workshop],
                Audience = new ModuleAudience { JobFamilies = ["rh"], Roles = [AgentRoles.Agent, AgentRoles.Manager, AgentRoles.Referent, AgentRoles.Elected] },
                ValidityMonths = 24,
                Assessment = new Assessment { PassMark = 80 },
                Materials = [new Material { Title = T("Support"), Url = "https://intranet.example/support.pdf" }],
                ToolsDemonstrated = ["tool-a"],
                Required = false,
            },
            new Module { Id = "M-2", Track = TrackKind.Job, Title = T("Module 2"), DurationHours = 2, Prerequisites = ["M-1"] },
        ],
    };

    public static CompetencyFramework Framework() => new()
    {
        Id = "fw",
        Version = "1",
        Title = T("Compétences"),
        Scale = new ProficiencyScale
        {
            Levels =
            [
                new ProficiencyLevel { Level = 1, Id = "aware", Title = T("Sensibilisé"), Description = T("Connaît") },
                new ProficiencyLevel { Level = 2, Id = "user", Title = T("Utilisateur") },
            ],
            ProficientThreshold = 2,
        },
        Domains = [new CompetencyDomain { Id = "D-1", Title = T("Domaine") }],
        Competencies = [new Competency { Id = "C-1", DomainId = "D-1", Title = T("Compétence"), Description = T("Description"), Alignments = ["DigComp 2.2: 1.1"] }],
        RoleProfiles =
        [
            new RoleProfile { Id = "P-1", Title = T("Profil"), JobFamilyId = "rh", Role = AgentRoles.Manager, Requirements = [new CompetencyRequirement("C-1", 2)] },
        ],
    };

    public static JobFamilyCatalog JobFamilies() => new()
    {
        Version = "1",
        JobFamilies = [new JobFamily { Id = "rh", Title = T("RH"), CnfptFamily = "Ressources humaines", Description = T("Gestionnaires") }],
    };

    public static Charter Charter() => new()
    {
        Id = "charte",
        Version = 2,
        Title = T("Charte"),
        EffectiveDate = new DateOnly(2026, 3, 1),
        Rules = Enum.GetValues<CharterRuleKind>().Select((k, i) => new CharterRule { Id = "R-" + i, Kind = k, Title = T("Règle"), Text = T("Texte") }).ToList(),
        DataClasses = Enum.GetValues<DataClass>().Select(c => new DataClassDefinition { Id = c, Title = T(c.ToString()), Examples = T("Exemples") }).ToList(),
        Tools = [Tool("tool-a")],
    };

    public static ToolRegistry Registry() => new()
    {
        Version = "1",
        Tools = [Tool("tool-b", ToolStatus.Tolerated) with { Hosting = Hosting.France, MaxDataClass = DataClass.Internal }, Tool("tool-c", ToolStatus.Forbidden) with { Hosting = Hosting.Eu }],
    };

    public static object For(DefinitionKind kind) => kind switch
    {
        DefinitionKind.Curriculum => Curriculum(),
        DefinitionKind.CompetencyFramework => Framework(),
        DefinitionKind.JobFamilies => JobFamilies(),
        DefinitionKind.Charter => Charter(),
        DefinitionKind.ToolRegistry => Registry(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
