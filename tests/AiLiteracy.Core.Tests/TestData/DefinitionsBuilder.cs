using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Core.Tests.TestData;

/// <summary>Rule ids of the standard test charter.</summary>
public static class Rules
{
    public const string ApprovedToolsOnly = "R-TOOLS";
    public const string DataClassLimit = "R-DATA";
    public const string SensitiveData = "R-SENSITIVE";
    public const string HumanReview = "R-REVIEW";
    public const string Labelling = "R-LABEL";
    public const string NoAutomatedDecision = "R-DECISION";
    public const string TrainingBeforeAccess = "R-TRAINING";
    public const string Acknowledgement = "R-ACK";
    public const string Anonymisation = "R-ANON";
    public const string Other = "R-OTHER";
}

public sealed class DefinitionsBuilder
{
    private readonly List<Module> modules = [];
    private readonly List<CharterRule> rules = [];
    private readonly List<AiTool> tools = [];
    private readonly List<Competency> competencies = [];
    private readonly List<RoleProfile> profiles = [];
    private int charterVersion = 1;
    private int proficientThreshold = 2;

    public static DefinitionsBuilder Empty() => new();

    /// <summary>A set with every standard charter rule and no module.</summary>
    public static DefinitionsBuilder WithStandardCharter() => new DefinitionsBuilder()
        .WithRule(Rules.Other, CharterRuleKind.Other)
        .WithRule(Rules.ApprovedToolsOnly, CharterRuleKind.ApprovedToolsOnly)
        .WithRule(Rules.DataClassLimit, CharterRuleKind.DataClassLimit)
        .WithRule(Rules.SensitiveData, CharterRuleKind.SensitiveData)
        .WithRule(Rules.HumanReview, CharterRuleKind.HumanReview)
        .WithRule(Rules.Labelling, CharterRuleKind.Labelling)
        .WithRule(Rules.NoAutomatedDecision, CharterRuleKind.NoAutomatedDecision)
        .WithRule(Rules.TrainingBeforeAccess, CharterRuleKind.TrainingBeforeAccess)
        .WithRule(Rules.Acknowledgement, CharterRuleKind.Acknowledgement)
        .WithRule(Rules.Anonymisation, CharterRuleKind.Anonymisation);

    public DefinitionsBuilder WithModules(params ModuleBuilder[] builders)
    {
        modules.AddRange(builders.Select(b => b.Build()));
        return this;
    }

    public DefinitionsBuilder WithRule(string id, CharterRuleKind kind)
    {
        rules.Add(new CharterRule { Id = id, Kind = kind, Title = LocalizedText.Invariant(id), Text = LocalizedText.Invariant(id) });
        return this;
    }

    public DefinitionsBuilder WithoutRule(CharterRuleKind kind)
    {
        rules.RemoveAll(r => r.Kind == kind);
        return this;
    }

    public DefinitionsBuilder WithCharterVersion(int version)
    {
        charterVersion = version;
        return this;
    }

    public DefinitionsBuilder WithTools(params ToolBuilder[] builders)
    {
        tools.AddRange(builders.Select(b => b.Build()));
        return this;
    }

    public DefinitionsBuilder WithCompetencies(params string[] ids)
    {
        competencies.AddRange(ids.Select(id => new Competency { Id = id, DomainId = "D1", Title = LocalizedText.Invariant(id) }));
        return this;
    }

    public DefinitionsBuilder WithProficientThreshold(int threshold)
    {
        proficientThreshold = threshold;
        return this;
    }

    public DefinitionsBuilder WithRoleProfile(string id, string? jobFamilyId, AgentRoles? role, params (string CompetencyId, int Level)[] requirements)
    {
        profiles.Add(new RoleProfile
        {
            Id = id,
            Title = LocalizedText.Invariant(id),
            JobFamilyId = jobFamilyId,
            Role = role,
            Requirements = [.. requirements.Select(r => new CompetencyRequirement(r.CompetencyId, r.Level))],
        });
        return this;
    }

    public DefinitionSet Build() => new()
    {
        Curriculum = new Curriculum
        {
            Id = "test-curriculum",
            Version = "2026.1",
            Title = LocalizedText.Invariant("Curriculum"),
            Modules = [.. modules],
        },
        CompetencyFramework = new CompetencyFramework
        {
            Id = "test-framework",
            Version = "1",
            Title = LocalizedText.Invariant("Framework"),
            Scale = new ProficiencyScale
            {
                ProficientThreshold = proficientThreshold,
                Levels =
                [
                    new ProficiencyLevel { Level = 1, Id = "aware", Title = LocalizedText.Invariant("aware") },
                    new ProficiencyLevel { Level = 2, Id = "user", Title = LocalizedText.Invariant("user") },
                    new ProficiencyLevel { Level = 3, Id = "advanced", Title = LocalizedText.Invariant("advanced") },
                    new ProficiencyLevel { Level = 4, Id = "referent", Title = LocalizedText.Invariant("referent") },
                ],
            },
            Competencies = [.. competencies],
            RoleProfiles = [.. profiles],
        },
        JobFamilies = new JobFamilyCatalog { Version = "1" },
        Charter = new Charter
        {
            Id = "charte-ia",
            Version = charterVersion,
            Title = LocalizedText.Invariant("Charte"),
            Rules = [.. rules],
            Tools = [.. tools],
        },
    };

    public CompiledDefinitions Compile() => CompiledDefinitions.Compile(Build());
}
