using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>
/// The unit costs and the horizon used to price and schedule a <see cref="TrainingPlan"/>. Every cost defaults to
/// <c>0</c> (not priced): an authority sets the rates it pays (its CNFPT or provider prices, its e-learning licences).
/// </summary>
public sealed record TrainingPlanCostOptions
{
    /// <summary>The options used when none are given: nothing priced, four quarters, euros.</summary>
    public static TrainingPlanCostOptions Default { get; } = new();

    /// <summary>Fixed cost of one session (room, travel, provider fee per session). Default: <c>0</c>.</summary>
    public decimal CostPerSession { get; init; }

    /// <summary>Cost of one trainer hour (sessions × module duration). Default: <c>0</c>.</summary>
    public decimal CostPerTrainerHour { get; init; }

    /// <summary>Cost of one learner hour (people × module duration), e.g. the time agents spend in training or a per-hour fee. Default: <c>0</c>.</summary>
    public decimal CostPerLearnerHour { get; init; }

    /// <summary>Cost per learner of an e-learning-only module (a licence or seat). Default: <c>0</c>.</summary>
    public decimal ELearningCostPerLearner { get; init; }

    /// <summary>The ISO 4217 currency of the costs. Default: <c>EUR</c>.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>Number of calendar quarters the needs are spread over, starting with the quarter of the plan's date. Default: <c>4</c>.</summary>
    public int Quarters { get; init; } = 4;

    /// <summary>Whether any rate is set (otherwise every cost is 0).</summary>
    public bool IsPriced => CostPerSession != 0 || CostPerTrainerHour != 0 || CostPerLearnerHour != 0 || ELearningCostPerLearner != 0;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A cost is negative, or <see cref="Quarters"/> is outside 1–12.</exception>
    /// <exception cref="ArgumentException"><see cref="Currency"/> is not three letters.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(CostPerSession, nameof(CostPerSession));
        ArgumentOutOfRangeException.ThrowIfNegative(CostPerTrainerHour, nameof(CostPerTrainerHour));
        ArgumentOutOfRangeException.ThrowIfNegative(CostPerLearnerHour, nameof(CostPerLearnerHour));
        ArgumentOutOfRangeException.ThrowIfNegative(ELearningCostPerLearner, nameof(ELearningCostPerLearner));
        ArgumentOutOfRangeException.ThrowIfLessThan(Quarters, 1, nameof(Quarters));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Quarters, 12, nameof(Quarters));
        if (Currency is null || Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("The currency must be an ISO 4217 code of three capital letters.", nameof(Currency));
        }
    }
}

/// <summary>The cost of one module of the plan, needs and refreshes together.</summary>
public sealed record ModuleBudget
{
    /// <summary>The module id.</summary>
    public required string ModuleId { get; init; }

    /// <summary>The module title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>The track of the module.</summary>
    public required TrackKind Track { get; init; }

    /// <summary>The delivery mode planned.</summary>
    public DeliveryMode? DeliveryMode { get; init; }

    /// <summary>Whether the module is e-learning only (priced per learner, no session).</summary>
    public required bool IsELearningOnly { get; init; }

    /// <summary>People to train plus refreshes.</summary>
    public required int Learners { get; init; }

    /// <summary>Sessions for the needs and the refreshes.</summary>
    public required int Sessions { get; init; }

    /// <summary>Learner hours for the needs and the refreshes.</summary>
    public required decimal PersonHours { get; init; }

    /// <summary>Trainer hours for the needs and the refreshes.</summary>
    public required decimal TrainerHours { get; init; }

    /// <summary>Session costs: sessions × cost per session + trainer hours × cost per trainer hour.</summary>
    public required decimal SessionCost { get; init; }

    /// <summary>Learner costs: learner hours × cost per learner hour, plus the e-learning cost per learner for e-learning-only modules.</summary>
    public required decimal LearnerCost { get; init; }

    /// <summary><see cref="SessionCost"/> + <see cref="LearnerCost"/>.</summary>
    public decimal Cost => SessionCost + LearnerCost;
}

/// <summary>The share of the plan scheduled in one calendar quarter.</summary>
public sealed record QuarterBudget
{
    /// <summary>The calendar year.</summary>
    public required int Year { get; init; }

    /// <summary>The quarter, 1 to 4.</summary>
    public required int Quarter { get; init; }

    /// <summary>First day of the quarter.</summary>
    public required DateOnly Start { get; init; }

    /// <summary>Last day of the quarter.</summary>
    public required DateOnly End { get; init; }

    /// <summary>The label, e.g. <c>T1 2026</c> / <c>Q1 2026</c>.</summary>
    public LocalizedText Label => new($"T{Quarter} {Year}", $"Q{Quarter} {Year}");

    /// <summary>Learners scheduled (needs and refreshes).</summary>
    public required int Learners { get; init; }

    /// <summary>Sessions scheduled.</summary>
    public required int Sessions { get; init; }

    /// <summary>Learner hours scheduled.</summary>
    public required decimal PersonHours { get; init; }

    /// <summary>Trainer hours scheduled.</summary>
    public required decimal TrainerHours { get; init; }

    /// <summary>Cost of what is scheduled.</summary>
    public required decimal Cost { get; init; }
}

/// <summary>
/// The estimated cost of a <see cref="TrainingPlan"/> and its spread over calendar quarters. Refreshes are due within
/// the expiring-soon window, so they are scheduled in the first quarter; the needs of each module are spread evenly
/// over the quarters (sessions first, earlier quarters taking the remainder, each session filled up to the group
/// size; e-learning learners evenly). Totals over the quarters equal the totals of the plan.
/// </summary>
public sealed record TrainingPlanBudget
{
    /// <summary>The rates and horizon used.</summary>
    public required TrainingPlanCostOptions Options { get; init; }

    /// <summary>The ISO 4217 currency.</summary>
    public string Currency => Options.Currency;

    /// <summary>Whether any rate was set (otherwise every cost is 0).</summary>
    public bool IsPriced => Options.IsPriced;

    /// <summary>Learners, needs and refreshes.</summary>
    public required int Learners { get; init; }

    /// <summary>Sessions, needs and refreshes.</summary>
    public required int Sessions { get; init; }

    /// <summary>Learner hours, needs and refreshes.</summary>
    public required decimal PersonHours { get; init; }

    /// <summary>Trainer hours, needs and refreshes.</summary>
    public required decimal TrainerHours { get; init; }

    /// <summary>The total cost.</summary>
    public required decimal TotalCost { get; init; }

    /// <summary>Cost per module, in the plan's module order.</summary>
    public required IReadOnlyList<ModuleBudget> Modules { get; init; }

    /// <summary>The quarters, in order, starting with the quarter of the plan's date.</summary>
    public required IReadOnlyList<QuarterBudget> Quarters { get; init; }

    /// <summary>Prices and schedules a plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="options">The rates and horizon; <see cref="TrainingPlanCostOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The budget.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static TrainingPlanBudget Estimate(TrainingPlan plan, TrainingPlanCostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        options ??= TrainingPlanCostOptions.Default;
        options.Validate();
        var quarterCount = options.Quarters;
        var learners = new int[quarterCount];
        var sessions = new int[quarterCount];
        var personHours = new decimal[quarterCount];
        var trainerHours = new decimal[quarterCount];
        var costs = new decimal[quarterCount];
        var modules = new List<ModuleBudget>(plan.Modules.Count);

        foreach (var module in plan.Modules)
        {
            var duration = module.Module.DurationHours;
            var budget = Price(module, options);
            modules.Add(budget);

            // Refreshes are due within the expiring-soon window: first quarter.
            Schedule(0, module.Refreshes, module.RefreshSessions);

            // Needs: sessions spread evenly (earlier quarters take the remainder), people fill the sessions in order.
            var remainingPeople = module.PeopleToTrain;
            for (var q = 0; q < quarterCount; q++)
            {
                int quarterSessions, quarterPeople;
                if (module.IsELearningOnly || module.Sessions == 0)
                {
                    quarterSessions = 0;
                    quarterPeople = Share(module.PeopleToTrain, quarterCount, q);
                }
                else
                {
                    quarterSessions = Share(module.Sessions, quarterCount, q);
                    quarterPeople = q == quarterCount - 1 ? remainingPeople : Math.Min(remainingPeople, quarterSessions * module.GroupSize);
                }

                remainingPeople -= quarterPeople;
                Schedule(q, quarterPeople, quarterSessions);
            }

            void Schedule(int quarter, int people, int quarterSessions)
            {
                if (people == 0 && quarterSessions == 0)
                {
                    return;
                }

                learners[quarter] += people;
                sessions[quarter] += quarterSessions;
                personHours[quarter] += people * duration;
                trainerHours[quarter] += quarterSessions * duration;
                costs[quarter] += Cost(module.IsELearningOnly, people, quarterSessions, duration, options);
            }
        }

        var first = FirstDayOfQuarter(plan.AsOf);
        var quarters = new QuarterBudget[quarterCount];
        for (var q = 0; q < quarterCount; q++)
        {
            var start = first.AddMonths(3 * q);
            quarters[q] = new QuarterBudget
            {
                Year = start.Year,
                Quarter = ((start.Month - 1) / 3) + 1,
                Start = start,
                End = start.AddMonths(3).AddDays(-1),
                Learners = learners[q],
                Sessions = sessions[q],
                PersonHours = personHours[q],
                TrainerHours = trainerHours[q],
                Cost = costs[q],
            };
        }

        return new TrainingPlanBudget
        {
            Options = options,
            Learners = modules.Sum(m => m.Learners),
            Sessions = modules.Sum(m => m.Sessions),
            PersonHours = modules.Sum(m => m.PersonHours),
            TrainerHours = modules.Sum(m => m.TrainerHours),
            TotalCost = modules.Sum(m => m.Cost),
            Modules = modules,
            Quarters = quarters,
        };
    }

    private static ModuleBudget Price(ModulePlan module, TrainingPlanCostOptions options)
    {
        var duration = module.Module.DurationHours;
        var learners = module.PeopleToTrain + module.Refreshes;
        var sessions = module.Sessions + module.RefreshSessions;
        var personHours = module.PersonHours + module.RefreshPersonHours;
        var trainerHours = module.TrainerHours + module.RefreshTrainerHours;
        return new ModuleBudget
        {
            ModuleId = module.ModuleId,
            Title = module.Module.Title,
            Track = module.Module.Track,
            DeliveryMode = module.DeliveryMode,
            IsELearningOnly = module.IsELearningOnly,
            Learners = learners,
            Sessions = sessions,
            PersonHours = personHours,
            TrainerHours = trainerHours,
            SessionCost = SessionCost(sessions, sessions * duration, options),
            LearnerCost = LearnerCost(module.IsELearningOnly, learners, learners * duration, options),
        };
    }

    private static decimal Cost(bool eLearningOnly, int people, int sessions, decimal duration, TrainingPlanCostOptions options) =>
        SessionCost(sessions, sessions * duration, options) + LearnerCost(eLearningOnly, people, people * duration, options);

    private static decimal SessionCost(int sessions, decimal trainerHours, TrainingPlanCostOptions options) =>
        (sessions * options.CostPerSession) + (trainerHours * options.CostPerTrainerHour);

    private static decimal LearnerCost(bool eLearningOnly, int learners, decimal personHours, TrainingPlanCostOptions options) =>
        (personHours * options.CostPerLearnerHour) + (eLearningOnly ? learners * options.ELearningCostPerLearner : 0);

    /// <summary>The share of <paramref name="total"/> falling in part <paramref name="index"/> of <paramref name="parts"/>, earlier parts taking the remainder.</summary>
    private static int Share(int total, int parts, int index) => (total / parts) + (index < total % parts ? 1 : 0);

    private static DateOnly FirstDayOfQuarter(DateOnly date) => new(date.Year, (((date.Month - 1) / 3) * 3) + 1, 1);
}
