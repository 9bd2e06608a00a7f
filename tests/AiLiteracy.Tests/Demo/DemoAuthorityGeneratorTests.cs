using System.Text.Json;
using AiLiteracy.Demo;
using AiLiteracy.Model;
using AiLiteracy.Schemas;

namespace AiLiteracy.Tests.Demo;

/// <summary>Generates the reference demo authority once from the embedded reference curriculum.</summary>
public sealed class ReferenceDemoFixture : IAsyncLifetime
{
    public Curriculum Curriculum { get; private set; } = null!;

    public DemoAuthority Demo { get; private set; } = null!;

    public DemoAuthorityOptions Options { get; } = new();

    public async Task InitializeAsync()
    {
        Curriculum = (await ReferenceContent.LoadAsync()).Curriculum;
        Demo = new DemoAuthorityGenerator(Curriculum).Generate(Options);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed class DemoAuthorityGeneratorTests(ReferenceDemoFixture fixture) : IClassFixture<ReferenceDemoFixture>
{
    private DemoAuthority Demo => fixture.Demo;

    private DateOnly Anchor => fixture.Options.AnchorDate;

    private Module ModuleOf(Completion completion) => fixture.Curriculum.Modules.Single(m => m.Id == completion.ModuleId);

    private static string Serialize(DemoAuthority demo) => JsonSerializer.Serialize(demo, AiLiteracyJson.Compact);

    [Fact]
    public void Generate_GivesTheSameAuthority_WhenRunTwiceWithTheSameOptions()
    {
        var again = new DemoAuthorityGenerator(fixture.Curriculum).Generate();

        Assert.Equal(Serialize(Demo), Serialize(again));
    }

    [Fact]
    public void Generate_GivesAnotherAuthority_WhenTheSeedChanges()
    {
        var other = new DemoAuthorityGenerator(fixture.Curriculum).Generate(new DemoAuthorityOptions { Seed = 7 });

        Assert.NotEqual(Serialize(Demo), Serialize(other));
        Assert.Equal(Demo.Agents.Count, other.Agents.Count);
    }

    [Fact]
    public void Generate_DescribesTheValDeBrumeIntercommunality()
    {
        var organization = Demo.Organization;

        Assert.Equal("val-de-brume", organization.Id);
        Assert.Equal("Communauté d'agglomération du Val de Brume", organization.Name);
        Assert.Equal(OrganizationKind.Epci, organization.Kind);
        Assert.Matches("^2[0-9]{8}$", organization.Siren);
    }

    [Fact]
    public void Generate_BuildsAboutFifteenOrgUnits_InATreeUnderTheGeneralDirectorate()
    {
        var units = Demo.Organization.OrgUnits;
        var ids = units.Select(u => u.Id).ToHashSet();

        Assert.InRange(units.Count, 14, 20);
        Assert.Equal(units.Count, ids.Count);
        var root = Assert.Single(units, u => u.Kind == OrgUnitKind.General);
        Assert.Equal("DGS", root.Id);
        Assert.Null(root.ParentId);
        Assert.All(units.Where(u => u.ParentId is not null), u => Assert.Contains(u.ParentId!, ids));
        Assert.Contains(units, u => u.Id == "ELUS" && u.ParentId is null);
        foreach (var directorate in new[] { "DRH", "DCOM", "DAUH", "DAG", "DFIN", "DSI", "DST", "DEJ", "DSOL", "DCS", "POLICE", "ACCUEIL" })
        {
            Assert.Contains(units, u => u.Id == directorate && u.Kind == OrgUnitKind.Directorate && u.ParentId == "DGS");
        }
    }

    [Fact]
    public void Generate_CreatesAboutTwelveHundredStaffAndFortySittingElectedOfficials()
    {
        var staff = Demo.Agents.Where(a => !a.HasRole(AgentRoles.Elected)).ToList();
        var sittingElected = Demo.Agents.Where(a => a.HasRole(AgentRoles.Elected) && a.Status == EmploymentStatus.Active).ToList();

        Assert.Equal(1200, staff.Count);
        Assert.Equal(40, sittingElected.Count);
    }

    [Fact]
    public void Generate_PlacesEveryAgentInAnExistingOrgUnit()
    {
        var ids = Demo.Organization.OrgUnits.Select(u => u.Id).ToHashSet();

        Assert.All(Demo.Agents, a => Assert.Contains(a.OrgUnitId!, ids));
    }

    [Fact]
    public void Generate_GivesUniqueEmployeeNumbersAndEmails()
    {
        Assert.Equal(Demo.Agents.Count, Demo.Agents.Select(a => a.EmployeeNumber).Distinct().Count());
        Assert.Equal(Demo.Agents.Count, Demo.Agents.Select(a => a.Email).Distinct().Count());
        Assert.All(Demo.Agents, a => Assert.Matches("^[AE][0-9]{6}$", a.EmployeeNumber));
        Assert.All(Demo.Agents, a => Assert.Matches(@"^[a-z-]+\.[a-z-]+[0-9]*@demo\.val-de-brume\.example$", a.Email));
    }

    [Fact]
    public void Generate_GivesElectedOfficialsNoJobFamilyNorManager_InTheCouncil()
    {
        var elected = Demo.Agents.Where(a => a.HasRole(AgentRoles.Elected)).ToList();

        Assert.NotEmpty(elected);
        Assert.All(elected, a =>
        {
            Assert.Null(a.JobFamilyId);
            Assert.Null(a.ManagerEmployeeNumber);
            Assert.Equal("ELUS", a.OrgUnitId);
            Assert.Equal(AgentRoles.Elected, a.Roles);
        });
    }

    [Fact]
    public void Generate_GivesEveryStaffMemberAJobFamilyOfTheirUnit()
    {
        var expected = new Dictionary<string, string>
        {
            ["DRH"] = "rh", ["DCOM"] = "communication", ["DFIN"] = "finances", ["DSI"] = "numerique",
            ["POLICE"] = "police-municipale", ["ACCUEIL"] = "accueil", ["DAG-JUR"] = "juridique-commande-publique",
        };
        var staff = Demo.Agents.Where(a => !a.HasRole(AgentRoles.Elected)).ToList();

        Assert.All(staff, a => Assert.False(string.IsNullOrEmpty(a.JobFamilyId)));
        Assert.All(staff.Where(a => expected.ContainsKey(a.OrgUnitId!)), a => Assert.Equal(expected[a.OrgUnitId!], a.JobFamilyId));
        var biggest = staff.GroupBy(a => a.JobFamilyId).OrderByDescending(g => g.Count()).Take(2).Select(g => g.Key).ToHashSet();
        Assert.Equal(new HashSet<string?> { "education-enfance", "technique" }, biggest);
    }

    [Fact]
    public void Generate_GivesAboutEightPercentManagers_WithAChainUpToTheGeneralDirector()
    {
        var byNumber = Demo.Agents.ToDictionary(a => a.EmployeeNumber);
        var staff = Demo.Agents.Where(a => !a.HasRole(AgentRoles.Elected)).ToList();
        var managerShare = staff.Count(a => a.HasRole(AgentRoles.Manager)) / (double)staff.Count;

        Assert.InRange(managerShare, 0.06, 0.11);
        var director = Assert.Single(staff, a => a.ManagerEmployeeNumber is null);
        Assert.Equal("DGS", director.OrgUnitId);
        foreach (var agent in staff)
        {
            var current = agent;
            for (var depth = 0; current.ManagerEmployeeNumber is { } manager; depth++)
            {
                Assert.True(depth < 10, $"manager chain of {agent.EmployeeNumber} is too long or cyclic");
                current = byNumber[manager];
                Assert.True(current.HasRole(AgentRoles.Manager), $"{current.EmployeeNumber} manages {agent.EmployeeNumber} without the manager role");
            }

            Assert.Equal(director.EmployeeNumber, current.EmployeeNumber);
        }
    }

    [Fact]
    public void Generate_AppointsReferentsInSomeDirectoratesOnly()
    {
        var units = Demo.Organization.OrgUnits.ToDictionary(u => u.Id);
        string DirectorateOf(string unitId) => units[unitId].Kind == OrgUnitKind.Directorate ? unitId : DirectorateOf(units[unitId].ParentId!);
        var directorates = units.Values.Where(u => u.Kind == OrgUnitKind.Directorate).Select(u => u.Id).ToList();
        var referentsPerDirectorate = directorates.ToDictionary(
            d => d,
            d => Demo.Agents.Count(a => a.HasRole(AgentRoles.Referent) && a.OrgUnitId != "DGS" && DirectorateOf(a.OrgUnitId!) == d));

        Assert.Contains(referentsPerDirectorate.Values, count => count >= 2);
        Assert.Contains(referentsPerDirectorate.Values, count => count < 2);
        Assert.All(referentsPerDirectorate.Values, count => Assert.InRange(count, 0, 3));
    }

    [Fact]
    public void Generate_IncludesAgentsOnLeaveAndAgentsWhoLeft_WithConsistentDates()
    {
        var left = Demo.Agents.Where(a => a.Status == EmploymentStatus.Left).ToList();

        Assert.Contains(Demo.Agents, a => a.Status == EmploymentStatus.OnLeave);
        Assert.NotEmpty(left);
        Assert.All(left, a => Assert.True(a.EndDate is { } end && end <= Anchor && end > a.StartDate));
        Assert.All(Demo.Agents.Where(a => a.Status != EmploymentStatus.Left), a => Assert.Null(a.EndDate));
        Assert.All(Demo.Agents, a => Assert.True(a.StartDate <= Anchor));
    }

    [Fact]
    public void Generate_RecordsCompletionsOfCurriculumModules_WithTheirVersionsModesAndScores()
    {
        Assert.NotEmpty(Demo.Completions);
        Assert.All(Demo.Completions, c =>
        {
            var module = ModuleOf(c);
            Assert.InRange(c.ModuleVersion, module.MinimumVersion, module.Version);
            Assert.Contains(c.DeliveryMode!.Value, module.DeliveryModes);
            Assert.Contains(c.Source, new[] { CompletionSource.Lms, CompletionSource.Csv });
            if (module.Assessment is { } assessment)
            {
                Assert.NotNull(c.Score);
                Assert.Equal(c.Score >= assessment.PassMark ? CompletionOutcome.Passed : CompletionOutcome.Failed, c.Outcome);
            }
            else
            {
                Assert.Null(c.Score);
                Assert.Equal(CompletionOutcome.Completed, c.Outcome);
            }
        });
    }

    [Fact]
    public void Generate_GivesUniqueStableExternalIds()
    {
        Assert.All(Demo.Completions, c => Assert.Matches("^(LMS|CSV)-[0-9]{6}$", c.ExternalId));
        Assert.Equal(Demo.Completions.Count, Demo.Completions.Select(c => c.ExternalId).Distinct().Count());
    }

    [Fact]
    public void Generate_DatesCompletionsWithinTheAgentsTime_AndNeverAfterTheAnchor()
    {
        var agents = Demo.Agents.ToDictionary(a => a.EmployeeNumber);

        Assert.All(Demo.Completions, c =>
        {
            var agent = agents[c.EmployeeNumber];
            Assert.True(c.Date <= Anchor);
            Assert.True(c.Date >= agent.StartDate, $"{c.ExternalId} is before {agent.EmployeeNumber} arrived");
            Assert.True(agent.EndDate is null || c.Date <= agent.EndDate, $"{c.ExternalId} is after {agent.EmployeeNumber} left");
        });
    }

    [Fact]
    public void Generate_OnlyRecordsAModuleOnceItsPrerequisitesWerePassed()
    {
        var passed = Demo.Completions
            .Where(c => c.Outcome != CompletionOutcome.Failed)
            .ToLookup(c => (c.EmployeeNumber, c.ModuleId), c => c.Date);

        Assert.All(Demo.Completions, c =>
        {
            foreach (var prerequisite in ModuleOf(c).Prerequisites)
            {
                Assert.Contains(passed[(c.EmployeeNumber, prerequisite)], date => date <= c.Date);
            }
        });
    }

    [Fact]
    public void Generate_GivesMostStaffTheCommonCore_AndManyTheirJobModule()
    {
        var activeStaff = Demo.Agents.Where(a => a.Status == EmploymentStatus.Active && !a.HasRole(AgentRoles.Elected)).ToList();
        var commonCore = fixture.Curriculum.Modules.Where(m => m.Track == TrackKind.CommonCore).Select(m => m.Id).ToList();
        var done = Demo.Completions.Where(c => c.Outcome != CompletionOutcome.Failed).Select(c => (c.EmployeeNumber, c.ModuleId)).ToHashSet();
        var withCommonCore = activeStaff.Count(a => commonCore.All(m => done.Contains((a.EmployeeNumber, m))));
        var jobModuleHolders = Demo.Completions.Where(c => ModuleOf(c).Track == TrackKind.Job).Select(c => c.EmployeeNumber).Distinct().Count();

        Assert.InRange(withCommonCore / (double)activeStaff.Count, 0.5, 0.95);
        Assert.InRange(jobModuleHolders / (double)activeStaff.Count, 0.25, 0.75);
    }

    [Fact]
    public void Generate_IncludesModulesWhoseLatestCompletionHasExpired()
    {
        var latest = Demo.Completions
            .Where(c => c.Outcome != CompletionOutcome.Failed)
            .GroupBy(c => (c.EmployeeNumber, c.ModuleId))
            .Select(g => g.MaxBy(c => c.Date)!)
            .ToList();
        var expired = latest.Where(c => ModuleOf(c).ValidityMonths is { } months && c.Date.AddMonths(months) < Anchor).ToList();

        Assert.NotEmpty(expired);
        Assert.Contains(expired, c => ModuleOf(c).Track == TrackKind.CommonCore);
        Assert.True(expired.Count < latest.Count / 4, $"{expired.Count} of {latest.Count} modules expired");
    }

    [Fact]
    public void Generate_IncludesRenewals_DatedAroundTheExpiryOfThePreviousCompletion()
    {
        var renewals = Demo.Completions
            .Where(c => c.Outcome != CompletionOutcome.Failed)
            .GroupBy(c => (c.EmployeeNumber, c.ModuleId))
            .Where(g => g.Count() > 1)
            .ToList();

        Assert.NotEmpty(renewals);
        Assert.All(renewals, g =>
        {
            var dates = g.Select(c => c.Date).Order().ToList();
            var months = ModuleOf(g.First()).ValidityMonths!.Value;
            // Retaken up to 45 days before expiry; a failed renewal is retaken up to 45 days later, so possibly after expiry.
            Assert.All(dates.Skip(1).Zip(dates), pair =>
                Assert.InRange(pair.First, pair.Second.AddMonths(months).AddDays(-45), pair.Second.AddMonths(months).AddDays(45)));
        });
    }

    [Fact]
    public void Generate_IncludesFailuresFollowedByAPass_AndFailuresOnly()
    {
        var attempts = Demo.Completions.GroupBy(c => (c.EmployeeNumber, c.ModuleId)).ToList();
        var failedThenPassed = attempts.Count(g => g.Any(c => c.Outcome == CompletionOutcome.Failed)
            && g.Any(c => c.Outcome == CompletionOutcome.Passed && c.Date > g.First(f => f.Outcome == CompletionOutcome.Failed).Date));
        var failedOnly = attempts.Count(g => g.All(c => c.Outcome == CompletionOutcome.Failed));

        Assert.True(failedThenPassed > 0);
        Assert.True(failedOnly > 0);
    }

    [Fact]
    public void Generate_TrainsReferentsOnTheReferentTrack_AndElectedOfficialsOnTheirs()
    {
        var tracksByAgent = Demo.Completions.ToLookup(c => c.EmployeeNumber, c => ModuleOf(c).Track);
        var referents = Demo.Agents.Where(a => a.HasRole(AgentRoles.Referent)).ToList();
        var nonReferents = Demo.Agents.Where(a => !a.HasRole(AgentRoles.Referent)).ToList();

        Assert.Contains(referents, a => tracksByAgent[a.EmployeeNumber].Contains(TrackKind.Referent));
        Assert.DoesNotContain(nonReferents, a => tracksByAgent[a.EmployeeNumber].Contains(TrackKind.Referent));
        Assert.Contains(Demo.Agents, a => a.HasRole(AgentRoles.Elected) && tracksByAgent[a.EmployeeNumber].Contains(TrackKind.Elected));
        Assert.DoesNotContain(Demo.Agents, a => !a.HasRole(AgentRoles.Elected) && tracksByAgent[a.EmployeeNumber].Contains(TrackKind.Elected));
    }

    [Fact]
    public void Generate_HasMostButNotAllAgentsAcknowledgeTheCharter_AfterItTookEffect()
    {
        var active = Demo.Agents.Where(a => a.Status == EmploymentStatus.Active).Select(a => a.EmployeeNumber).ToHashSet();
        var acknowledged = Demo.Acknowledgements.Select(a => a.EmployeeNumber).ToList();

        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
        Assert.InRange(acknowledged.Count(active.Contains) / (double)active.Count, 0.6, 0.97);
        Assert.All(Demo.Acknowledgements, a =>
        {
            Assert.Equal(1, a.CharterVersion);
            Assert.InRange(a.Date, fixture.Options.CharterEffectiveDate, Anchor);
        });
    }

    [Fact]
    public void Generate_FollowsTheCurriculumItIsGiven()
    {
        var curriculum = new Curriculum
        {
            Id = "maison",
            Version = "1",
            Title = new LocalizedText("Parcours maison", "In-house curriculum"),
            Modules =
            [
                new Module
                {
                    Id = "SOCLE",
                    Version = 3,
                    MinimumVersion = 2,
                    Track = TrackKind.CommonCore,
                    Title = new LocalizedText("Socle", "Foundation"),
                    DeliveryModes = [DeliveryMode.Remote],
                },
            ],
        };

        var demo = new DemoAuthorityGenerator(curriculum).Generate();

        Assert.NotEmpty(demo.Completions);
        Assert.All(demo.Completions, c =>
        {
            Assert.Equal("SOCLE", c.ModuleId);
            Assert.Equal(DeliveryMode.Remote, c.DeliveryMode);
        });
    }

    [Fact]
    public void Generate_RecordsTheCurrentVersionForRecentCompletions_AndTheOldestAcceptedOneForOlderCompletions()
    {
        var curriculum = new Curriculum
        {
            Id = "maison",
            Version = "1",
            Title = new LocalizedText("Parcours maison", "In-house curriculum"),
            Modules =
            [
                new Module { Id = "SOCLE", Version = 3, MinimumVersion = 2, Track = TrackKind.CommonCore, Title = new LocalizedText("Socle", "Foundation") },
            ],
        };

        var completions = new DemoAuthorityGenerator(curriculum).Generate().Completions;
        var yearBeforeAnchor = Anchor.AddDays(-365);

        Assert.Contains(completions, c => c.Date < yearBeforeAnchor);
        Assert.Contains(completions, c => c.Date >= yearBeforeAnchor);
        Assert.All(completions, c => Assert.Equal(c.Date < yearBeforeAnchor ? 2 : 3, c.ModuleVersion));
    }

    [Fact]
    public void Generate_ScalesToTheRequestedStaffCount()
    {
        var demo = new DemoAuthorityGenerator(fixture.Curriculum).Generate(new DemoAuthorityOptions { StaffCount = 5000, ElectedCount = 60 });

        Assert.Equal(5000, demo.Agents.Count(a => !a.HasRole(AgentRoles.Elected)));
        Assert.Equal(60, demo.Agents.Count(a => a.HasRole(AgentRoles.Elected) && a.Status == EmploymentStatus.Active));
    }

    [Fact]
    public void Generate_Throws_WhenThereAreFewerStaffThanOrgUnits()
    {
        var generator = new DemoAuthorityGenerator(fixture.Curriculum);

        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(new DemoAuthorityOptions { StaffCount = 3 }));
    }
}
