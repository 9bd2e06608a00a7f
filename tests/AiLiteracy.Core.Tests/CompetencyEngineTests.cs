using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using static AiLiteracy.Core.Tests.TestData.ModuleBuilder;

namespace AiLiteracy.Core.Tests;

public sealed class CompetencyEngineTests
{
    private const string Number = "A001";

    private static DefinitionsBuilder Definitions() => DefinitionsBuilder.Empty()
        .WithCompetencies("C-UNDERSTAND", "C-PROMPT", "C-DATA")
        .WithModules(
            CommonCore("TC-01").Develops("C-UNDERSTAND", 1).Develops("C-DATA", 1),
            CommonCore("TC-02").WithPassMark(70).WithVersion(2, minimum: 2).Develops("C-PROMPT", 2),
            Referent("REF-01").Develops("C-PROMPT", 4))
        .WithRoleProfile("ALL", null, null, ("C-UNDERSTAND", 1), ("C-DATA", 2))
        .WithRoleProfile("RH", "rh", null, ("C-DATA", 3))
        .WithRoleProfile("REF", null, AgentRoles.Referent, ("C-PROMPT", 4));

    private static CompetencyProfile Evaluate(Agent agent, HistoryBuilder history) =>
        new Scenario(Definitions()).Competencies.Evaluate(agent, history);

    [Fact]
    public void Level_IsTheHighestEvidenced()
    {
        var profile = Evaluate(AgentBuilder.Agent(Number), HistoryBuilder.For(Number)
            .Evidenced("C-DATA", 3, EvidenceKind.Assessment)
            .Evidenced("C-DATA", 2, EvidenceKind.ReferentValidation));

        Assert.Equal(3, profile.LevelOf("C-DATA"));
        Assert.Equal(EvidenceKind.Assessment, profile.Levels.Single(l => l.CompetencyId == "C-DATA").Source!.Kind);
    }

    [Fact]
    public void CountingCompletion_EvidencesTheModulesCompetenciesAtTheModulesLevel()
    {
        var profile = Evaluate(AgentBuilder.Agent(Number), HistoryBuilder.For(Number).Completed("TC-01"));

        Assert.Equal(1, profile.LevelOf("C-UNDERSTAND"));
        Assert.Equal(1, profile.LevelOf("C-DATA"));
        var source = profile.Levels.Single(l => l.CompetencyId == "C-UNDERSTAND").Source!;
        Assert.Equal(EvidenceKind.Completion, source.Kind);
        Assert.Equal("TC-01", source.Reference);
    }

    [Fact]
    public void FailedOrOutdatedCompletions_EvidenceNothing()
    {
        var profile = Evaluate(AgentBuilder.Agent(Number), HistoryBuilder.For(Number)
            .Completed("TC-02", c => c.OfVersion(2).Scored(50))
            .Completed("TC-02", c => c.OfVersion(1).Passed(90)));

        Assert.Equal(0, profile.LevelOf("C-PROMPT"));
    }

    [Fact]
    public void EvidenceAndCompletions_Combine_KeepingTheHighest()
    {
        var profile = Evaluate(AgentBuilder.Agent(Number), HistoryBuilder.For(Number)
            .Completed("REF-01")
            .Evidenced("C-PROMPT", 2));

        Assert.Equal(4, profile.LevelOf("C-PROMPT"));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void Proficient_FollowsTheScaleThreshold(int level, bool proficient)
    {
        var profile = Evaluate(AgentBuilder.Agent(Number), HistoryBuilder.For(Number).Evidenced("C-PROMPT", level));

        Assert.Equal(proficient, profile.Levels.Single(l => l.CompetencyId == "C-PROMPT").IsProficient);
    }

    [Fact]
    public void Gaps_UseTheHighestLevelRequiredAcrossTheApplicableProfiles()
    {
        var profile = Evaluate(AgentBuilder.Agent(Number).InJobFamily("rh"), HistoryBuilder.For(Number).Completed("TC-01"));

        Assert.Equal(["ALL", "RH"], profile.RoleProfileIds);
        var gap = Assert.Single(profile.Gaps);
        Assert.Equal(new CompetencyGap("C-DATA", 1, 3, gap.RoleProfileIds), gap);
        Assert.Equal(["RH"], gap.RoleProfileIds);
        Assert.False(profile.MeetsProfiles);
    }

    [Fact]
    public void Gaps_AreEmpty_WhenEveryRequiredLevelIsReached()
    {
        var profile = Evaluate(AgentBuilder.Agent(Number), HistoryBuilder.For(Number).Completed("TC-01").Evidenced("C-DATA", 2));

        Assert.Empty(profile.Gaps);
        Assert.True(profile.MeetsProfiles);
    }

    [Fact]
    public void RoleProfiles_ApplyByRole()
    {
        var referent = Evaluate(AgentBuilder.Agent(Number).AlsoReferent(), HistoryBuilder.For(Number).Completed("TC-01").Evidenced("C-DATA", 2));

        var gap = Assert.Single(referent.Gaps);
        Assert.Equal(("C-PROMPT", 0, 4), (gap.CompetencyId, gap.CurrentLevel, gap.RequiredLevel));
    }

    [Fact]
    public void Levels_ListEvidencedAndRequiredCompetencies_InFrameworkOrder()
    {
        var profile = Evaluate(AgentBuilder.Agent(Number), HistoryBuilder.For(Number).Evidenced("C-PROMPT", 1).Evidenced("C-EXTRA", 2));

        Assert.Equal(["C-UNDERSTAND", "C-PROMPT", "C-DATA", "C-EXTRA"], profile.Levels.Select(l => l.CompetencyId).ToArray());
        Assert.Null(profile.Levels[^1].Competency);
        Assert.Equal(2, profile.Levels.Single(l => l.CompetencyId == "C-DATA").RequiredLevel);
    }
}
