using System.Globalization;
using AiLiteracy.Model;

namespace AiLiteracy.Demo;

/// <summary>
/// Builds the demo authority's training history from the curriculum: who followed which module when, with which
/// outcome, and who acknowledged the charter. Modules are taken in prerequisite order and a module is only
/// recorded once its prerequisites were passed, so the history is one a real LMS could have produced.
/// </summary>
internal sealed class DemoTrainingBuilder
{
    // Training waves, in days before the anchor: a pilot wave long enough ago that its common-core completions have
    // expired, then the main roll-out up to a few days before the anchor.
    private const int PilotWaveStartDays = 850;
    private const int PilotWaveEndDays = 760;
    private const int MainWaveStartDays = 700;
    private const int MainWaveEndDays = 5;
    private const double PilotWaveShare = 0.12;

    // Participation: the share of an audience that starts a track, then goes on to the track's next module.
    private const double OfficeCommonCoreRate = 0.93;
    private const double FieldCommonCoreRate = 0.78;
    private const double ElectedCommonCoreRate = 0.35;
    private const double ContinueRate = 0.93;
    private const double ElectedContinueRate = 0.6;
    private const double JobModuleRate = 0.75;
    private const double OptionalModuleRate = 0.15;
    private const double ReferentTrackRate = 0.9;
    private const double ManagerTrackRate = 0.7;
    private const double ElectedTrackRate = 0.7;

    // Days between a module and the next: within a track, and when moving to another track.
    private const int SameTrackMinGapDays = 3;
    private const int SameTrackMaxGapDays = 45;
    private const int OtherTrackMinGapDays = 14;
    private const int OtherTrackMaxGapDays = 120;

    // Assessments: some fail then pass a retake, a few fail and have not retaken yet.
    private const double FailThenPassShare = 0.06;
    private const double FailOnlyShare = 0.03;
    private const int RetakeMinDays = 7;
    private const int RetakeMaxDays = 45;
    private const int LowestScore = 20;
    private const int MaxFailMargin = 35;

    // Renewals: when a completion falls due, some agents retake the module, a little before it expires.
    private const double RenewalRate = 0.5;
    private const int RenewalMaxEarlyDays = 45;

    // Completions older than this were taken on the module's oldest accepted version.
    private const int PreviousVersionDays = 365;

    // Agents on leave stopped training when their leave began, between one month and about a year ago.
    private const int LeaveMinDaysAgo = 30;
    private const int LeaveMaxDaysAgo = 400;

    private const double FirstDeliveryModeShare = 0.6;
    private const double CsvSourceShare = 0.35;
    private const string LmsEvidenceBaseUrl = "https://lms.demo.val-de-brume.example/attestations/";

    // Charter acknowledgements: campaign after the charter took effect, or at the end of training.
    private const double TrainedAcknowledgementRate = 0.9;
    private const double ElectedAcknowledgementRate = 0.8;
    private const double UntrainedAcknowledgementRate = 0.25;
    private const int AcknowledgementMaxDelayDays = 30;

    private readonly Random random;
    private readonly DemoAuthorityOptions options;
    private readonly IReadOnlyList<Module> modules;
    private readonly List<Completion> completions = [];
    private readonly List<Acknowledgement> acknowledgements = [];
    private int externalIdSequence;

    /// <summary>Creates a builder.</summary>
    /// <param name="random">The seeded generator.</param>
    /// <param name="options">The options (anchor date, charter version).</param>
    /// <param name="modulesInPrerequisiteOrder">The curriculum's modules, each after its prerequisites.</param>
    public DemoTrainingBuilder(Random random, DemoAuthorityOptions options, IReadOnlyList<Module> modulesInPrerequisiteOrder)
    {
        this.random = random;
        this.options = options;
        modules = modulesInPrerequisiteOrder;
    }

    public IReadOnlyList<Completion> Completions => completions;

    public IReadOnlyList<Acknowledgement> Acknowledgements => acknowledgements;

    /// <summary>Adds the training history and the acknowledgement of one agent.</summary>
    /// <param name="agent">The agent.</param>
    public void AddAgent(Agent agent)
    {
        if (TrainingWindow(agent) is not { } window)
        {
            return;
        }

        var (start, end) = window;

        var passed = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var firstCompletion = (DateOnly?)null;
        foreach (var module in modules)
        {
            if (!WillFollow(agent, module, passed) || PlannedDate(module, passed, start, end) is not { } date)
            {
                continue;
            }

            firstCompletion = firstCompletion is { } first && first <= date ? first : date;
            if (RecordAttempts(agent, module, date, end) is { } passedOn)
            {
                passed[module.Id] = passedOn;
                RecordRenewals(agent, module, passedOn, end);
            }
        }

        AddAcknowledgement(agent, firstCompletion, end);
    }

    /// <summary>The dates between which the agent could train: from the later of arrival and the pilot wave, to the anchor, departure or leave.</summary>
    private (DateOnly Start, DateOnly End)? TrainingWindow(Agent agent)
    {
        var programmeStart = options.AnchorDate.AddDays(-PilotWaveStartDays);
        var start = agent.StartDate is { } joined && joined > programmeStart ? joined : programmeStart;
        var end = agent.Status switch
        {
            EmploymentStatus.Left when agent.EndDate is { } left => left,
            EmploymentStatus.OnLeave => options.AnchorDate.AddDays(-random.Next(LeaveMinDaysAgo, LeaveMaxDaysAgo + 1)),
            _ => options.AnchorDate,
        };
        return end > start ? (start, end) : null;
    }

    private bool WillFollow(Agent agent, Module module, IReadOnlyDictionary<string, DateOnly> passed)
    {
        if (!module.Prerequisites.All(passed.ContainsKey))
        {
            return false;
        }

        var rate = ParticipationRate(agent, module, passed);
        return rate > 0 && random.NextDouble() < rate;
    }

    private double ParticipationRate(Agent agent, Module module, IReadOnlyDictionary<string, DateOnly> passed)
    {
        var startedTrack = modules.Any(m => m.Track == module.Track && passed.ContainsKey(m.Id));
        var isElected = agent.HasRole(AgentRoles.Elected);
        var isReferent = agent.HasRole(AgentRoles.Referent);
        switch (module.Track)
        {
            case TrackKind.CommonCore:
                if (!InRoleAudience(agent, module))
                {
                    return 0;
                }

                if (isReferent)
                {
                    return 1;
                }

                if (isElected)
                {
                    return startedTrack ? ElectedContinueRate : ElectedCommonCoreRate;
                }

                return startedTrack ? ContinueRate
                    : DemoOrganizationPlan.FieldJobFamilies.Contains(agent.JobFamilyId ?? string.Empty) ? FieldCommonCoreRate
                    : OfficeCommonCoreRate;
            case TrackKind.Job:
                if (agent.JobFamilyId is null || !module.Audience.JobFamilies.Contains(agent.JobFamilyId) || !InRoleAudience(agent, module))
                {
                    return 0;
                }

                return !module.Required ? OptionalModuleRate : isReferent ? ReferentTrackRate : JobModuleRate;
            case TrackKind.Referent:
                return InTrackAudience(agent, module, AgentRoles.Referent) ? ReferentTrackRate : 0;
            case TrackKind.Manager:
                return InTrackAudience(agent, module, AgentRoles.Manager) ? ManagerTrackRate : 0;
            case TrackKind.Elected:
                return InTrackAudience(agent, module, AgentRoles.Elected) ? ElectedTrackRate : 0;
            default:
                return 0;
        }
    }

    private static bool InRoleAudience(Agent agent, Module module) =>
        module.Audience.Roles.Count == 0 || module.Audience.Roles.Any(agent.HasRole);

    private static bool InTrackAudience(Agent agent, Module module, AgentRoles trackRole) =>
        module.Audience.Roles.Count == 0 ? agent.HasRole(trackRole) : module.Audience.Roles.Any(agent.HasRole);

    /// <summary>
    /// The date of a first attempt: a while after the last prerequisite, or in the pilot or main wave for a module
    /// without prerequisites; <see langword="null"/> when that falls after the end of the window (not taken yet).
    /// </summary>
    private DateOnly? PlannedDate(Module module, IReadOnlyDictionary<string, DateOnly> passed, DateOnly start, DateOnly end)
    {
        DateOnly date;
        if (module.Prerequisites.Count == 0)
        {
            date = WaveDate(start, end);
        }
        else
        {
            var sameTrack = module.Prerequisites.All(p => modules.First(m => m.Id == p).Track == module.Track);
            var gap = sameTrack
                ? random.Next(SameTrackMinGapDays, SameTrackMaxGapDays + 1)
                : random.Next(OtherTrackMinGapDays, OtherTrackMaxGapDays + 1);
            date = module.Prerequisites.Max(p => passed[p]).AddDays(gap);
        }

        return date <= end ? date : null;
    }

    private DateOnly WaveDate(DateOnly start, DateOnly end)
    {
        var anchor = options.AnchorDate;
        var (fromDays, toDays) = random.NextDouble() < PilotWaveShare
            ? (PilotWaveStartDays, PilotWaveEndDays)
            : (MainWaveStartDays, MainWaveEndDays);
        var date = anchor.AddDays(-random.Next(toDays, fromDays + 1));
        if (date >= start && date <= end)
        {
            return date;
        }

        // The wave misses the agent's window (recent arrival, early departure): any day of the window instead.
        return start.AddDays(random.Next(end.DayNumber - start.DayNumber + 1));
    }

    /// <summary>Records the attempts at a module and returns the date it was passed, if it was.</summary>
    private DateOnly? RecordAttempts(Agent agent, Module module, DateOnly date, DateOnly end)
    {
        if (module.Assessment is not { } assessment)
        {
            Record(agent, module, date, CompletionOutcome.Completed, score: null);
            return date;
        }

        var roll = random.NextDouble();
        if (roll < FailThenPassShare + FailOnlyShare)
        {
            Record(agent, module, date, CompletionOutcome.Failed, FailingScore(assessment.PassMark));
            var retake = date.AddDays(random.Next(RetakeMinDays, RetakeMaxDays + 1));
            if (roll >= FailThenPassShare || retake > end)
            {
                return null;
            }

            date = retake;
        }

        Record(agent, module, date, CompletionOutcome.Passed, PassingScore(assessment.PassMark));
        return date;
    }

    /// <summary>Retakes a module each time it falls due, for as long as the agent keeps renewing it.</summary>
    private void RecordRenewals(Agent agent, Module module, DateOnly passedOn, DateOnly end)
    {
        if (module.ValidityMonths is not { } months)
        {
            return;
        }

        var last = passedOn;
        while (true)
        {
            var due = last.AddMonths(months).AddDays(-random.Next(RenewalMaxEarlyDays + 1));
            if (due > end || random.NextDouble() >= RenewalRate || RecordAttempts(agent, module, due, end) is not { } renewed)
            {
                return;
            }

            last = renewed;
        }
    }

    private decimal PassingScore(decimal passMark)
    {
        var lowest = (int)Math.Ceiling(passMark);
        return Math.Min(100, random.Next(lowest, 101));
    }

    private decimal FailingScore(decimal passMark)
    {
        var highest = (int)Math.Ceiling(passMark) - 1;
        return Math.Max(LowestScore, highest - random.Next(MaxFailMargin + 1));
    }

    private void Record(Agent agent, Module module, DateOnly date, CompletionOutcome outcome, decimal? score)
    {
        var deliveryMode = PickDeliveryMode(module);
        var source = deliveryMode == DeliveryMode.ELearning || random.NextDouble() >= CsvSourceShare ? CompletionSource.Lms : CompletionSource.Csv;
        var externalId = $"{(source == CompletionSource.Lms ? "LMS" : "CSV")}-{(++externalIdSequence).ToString("D6", CultureInfo.InvariantCulture)}";
        completions.Add(new Completion
        {
            EmployeeNumber = agent.EmployeeNumber,
            ModuleId = module.Id,
            ModuleVersion = VersionFollowed(module, date),
            Date = date,
            Outcome = outcome,
            Score = score,
            DeliveryMode = deliveryMode,
            Source = source,
            EvidenceUrl = source == CompletionSource.Lms ? LmsEvidenceBaseUrl + externalId : null,
            ExternalId = externalId,
        });
    }

    private DeliveryMode? PickDeliveryMode(Module module)
    {
        var modes = module.DeliveryModes;
        if (modes.Count == 0)
        {
            return null;
        }

        return random.NextDouble() < FirstDeliveryModeShare ? modes[0] : modes[random.Next(modes.Count)];
    }

    private int VersionFollowed(Module module, DateOnly date) =>
        module.MinimumVersion < module.Version && date < options.AnchorDate.AddDays(-PreviousVersionDays)
            ? module.MinimumVersion
            : module.Version;

    /// <summary>Most agents acknowledge the charter after it takes effect: at the end of their training, or in the campaign that followed.</summary>
    private void AddAcknowledgement(Agent agent, DateOnly? firstCompletion, DateOnly end)
    {
        var effective = options.CharterEffectiveDate;
        if (end < effective)
        {
            return;
        }

        var rate = firstCompletion is null ? UntrainedAcknowledgementRate
            : agent.HasRole(AgentRoles.Elected) ? ElectedAcknowledgementRate
            : TrainedAcknowledgementRate;
        if (random.NextDouble() >= rate)
        {
            return;
        }

        var from = new[] { effective, firstCompletion ?? effective, agent.StartDate ?? effective }.Max();
        var date = from.AddDays(random.Next(AcknowledgementMaxDelayDays + 1));
        if (date > end)
        {
            date = end;
        }

        if (date >= from)
        {
            acknowledgements.Add(new Acknowledgement { EmployeeNumber = agent.EmployeeNumber, CharterVersion = options.CharterVersion, Date = date });
        }
    }
}
