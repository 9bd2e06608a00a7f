using System.ComponentModel.DataAnnotations;
using AiLiteracy.Engines;

namespace AiLiteracy.Reports;

/// <summary>
/// Options of the reports (configuration section <c>AiLiteracy:Reports</c>): how long a computed snapshot is served,
/// and the unit costs and horizon used to price the training plan. Validated at start-up.
/// </summary>
public sealed class AiLiteracyReportOptions
{
    /// <summary>The configuration section these options bind to: <c>AiLiteracy:Reports</c>.</summary>
    public const string SectionName = "AiLiteracy:Reports";

    /// <summary>
    /// How long a tenant's evaluated snapshot (every active agent judged by the engines) is served before it is
    /// rebuilt. Past this age the stale snapshot is still served while a fresh one is built in the background, when
    /// the host can open a tenant scope (<see cref="IReportScopeFactory"/>); otherwise the request rebuilds it.
    /// <see cref="TimeSpan.Zero"/> rebuilds on every request. Default: 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan SnapshotMaxAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Fixed cost of one training session. Default: 0 (not priced).</summary>
    [Range(0, 1_000_000_000)]
    public decimal CostPerSession { get; set; }

    /// <summary>Cost of one trainer hour. Default: 0 (not priced).</summary>
    [Range(0, 1_000_000_000)]
    public decimal CostPerTrainerHour { get; set; }

    /// <summary>Cost of one learner hour. Default: 0 (not priced).</summary>
    [Range(0, 1_000_000_000)]
    public decimal CostPerLearnerHour { get; set; }

    /// <summary>Cost per learner of an e-learning-only module (licence). Default: 0 (not priced).</summary>
    [Range(0, 1_000_000_000)]
    public decimal ELearningCostPerLearner { get; set; }

    /// <summary>The ISO 4217 currency of the costs. Default: <c>EUR</c>.</summary>
    [Required]
    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "Currency must be an ISO 4217 code such as EUR.")]
    public string Currency { get; set; } = "EUR";

    /// <summary>Number of calendar quarters the plan is spread over, starting with the current quarter. Default: 4.</summary>
    [Range(1, 12)]
    public int PlanQuarters { get; set; } = 4;

    /// <summary>The cost options these settings stand for.</summary>
    /// <returns>The cost options.</returns>
    public TrainingPlanCostOptions ToCostOptions() => new()
    {
        CostPerSession = CostPerSession,
        CostPerTrainerHour = CostPerTrainerHour,
        CostPerLearnerHour = CostPerLearnerHour,
        ELearningCostPerLearner = ELearningCostPerLearner,
        Currency = Currency,
        Quarters = PlanQuarters,
    };
}
