using System.ComponentModel.DataAnnotations;
using System.Net;
using AiLiteracy.Engines;
using AiLiteracy.Groups;
using AiLiteracy.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace AiLiteracy.Entra.Viva;

/// <summary>Viva Learning publication settings.</summary>
public sealed class VivaLearningOptions
{
    /// <summary>The learning provider's registration id (created once in Viva Learning for the authority).</summary>
    [Required]
    public string ProviderId { get; set; } = string.Empty;

    /// <summary>The language of the published contents. Default: <c>fr-FR</c>.</summary>
    [Required]
    public string LanguageTag { get; set; } = "fr-FR";

    /// <summary>The page a content opens when its module has no material link (the authority's training portal).</summary>
    [Required]
    [Url]
    public string DefaultContentUrl { get; set; } = string.Empty;
}

/// <summary>What a Viva Learning publication did.</summary>
public sealed record VivaLearningResult
{
    /// <summary>Learning contents created or updated.</summary>
    public int ContentsPublished { get; init; }

    /// <summary>Course activities created.</summary>
    public int ActivitiesCreated { get; init; }

    /// <summary>Course activities updated (assignment completed, new completion date).</summary>
    public int ActivitiesUpdated { get; init; }

    /// <summary>Course activities already as they should be (no request).</summary>
    public int ActivitiesUnchanged { get; init; }

    /// <summary>Requests Graph refused, with the reason.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}

/// <summary>The stored state of one learner's activity for one module.</summary>
public sealed record VivaActivityState
{
    /// <summary>The external course activity id.</summary>
    public required string ExternalId { get; init; }

    /// <summary>The Viva Learning activity id.</summary>
    public required string ActivityId { get; init; }

    /// <summary>The kind shown now.</summary>
    public required VivaActivityKind Kind { get; init; }

    /// <summary>The completion date shown, for completions.</summary>
    public DateOnly? CompletedOn { get; init; }
}

/// <summary>
/// Publishes the curriculum to Viva Learning (no peer offers this for AI literacy): modules as learning contents
/// (PATCH by external id = module id), required modules as assignments with their due dates and completions as
/// completed course activities for matched users. Idempotent by <c>externalcourseActivityId</c>: a stored state
/// avoids any request for activities already right, and an activity that exists without state (409) is fetched by its
/// external id and updated.
/// </summary>
public sealed class VivaLearningPublisher
{
    private readonly GraphServiceClient graph;
    private readonly VivaLearningOptions options;
    private readonly IVivaLearningStateStore stateStore;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    /// <summary>Creates the publisher.</summary>
    /// <param name="graph">The Graph client.</param>
    /// <param name="options">The options.</param>
    /// <param name="stateStore">Where activity ids and states are kept between runs.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public VivaLearningPublisher(GraphServiceClient graph, VivaLearningOptions options, IVivaLearningStateStore stateStore, TimeProvider timeProvider, ILogger<VivaLearningPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stateStore);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        this.graph = graph;
        this.options = options;
        this.stateStore = stateStore;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>Publishes the modules, then the activities of the matched agents.</summary>
    /// <param name="definitions">The definitions (curriculum).</param>
    /// <param name="data">The agents and their records.</param>
    /// <param name="users">The Entra ID users (as read by the group sync).</param>
    /// <param name="matching">How agents are matched to users.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>What was done.</returns>
    public async Task<VivaLearningResult> PublishAsync(
        DefinitionSet definitions, GroupSyncData data, IEnumerable<DirectoryUser> users, UserMatchingOptions? matching = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(users);
        using var activity = EntraTelemetry.ActivitySource.StartActivity("entra.viva_learning.publish");
        var errors = new List<string>();
        var contentIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var module in definitions.Curriculum.Modules)
        {
            var content = await graph.EmployeeExperience.LearningProviders[options.ProviderId]
                .LearningContentsWithExternalId(module.Id)
                .PatchAsync(Content(module), cancellationToken: cancellationToken).ConfigureAwait(false);
            contentIds[module.Id] = content?.Id ?? module.Id;
        }

        var compliance = new ComplianceEngine(CompiledDefinitions.Compile(definitions), timeProvider);
        var clearances = compliance.EvaluateAll(data.Agents, TrainingRecords.Create(data.Completions, data.Acknowledgements));
        var planned = VivaLearningPlanner.Plan(clearances, AgentUserMatcher.Match(data.Agents, users, matching));
        var state = await stateStore.LoadAsync(cancellationToken).ConfigureAwait(false);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var wanted in planned)
        {
            state.TryGetValue(wanted.PairKey, out var known);
            try
            {
                switch (Decide(known, wanted))
                {
                    case Decision.Unchanged:
                        unchanged++;
                        break;
                    case Decision.Update:
                        await UpdateAsync(known!.ActivityId, wanted, cancellationToken).ConfigureAwait(false);
                        state[wanted.PairKey] = known with { Kind = wanted.Kind, CompletedOn = wanted.CompletedOn };
                        updated++;
                        break;
                    default:
                        var (id, isNew) = await CreateAsync(wanted, contentIds[wanted.ModuleId], cancellationToken).ConfigureAwait(false);
                        state[wanted.PairKey] = new VivaActivityState { ExternalId = wanted.ExternalId, ActivityId = id, Kind = wanted.Kind, CompletedOn = wanted.CompletedOn };
                        if (isNew)
                        {
                            created++;
                        }
                        else
                        {
                            updated++;
                        }

                        break;
                }
            }
            catch (ODataError ex) when (ex.ResponseStatusCode is >= 400 and < 500 and not 401 and not 429)
            {
                errors.Add($"{wanted.ModuleId} {wanted.UserId}: {ex.ResponseStatusCode} {ex.Error?.Code} {ex.Error?.Message}");
                logger.LogWarning("Viva Learning refused the activity of module {ModuleId} for user {UserId}: {Status} {Message}", wanted.ModuleId, wanted.UserId, ex.ResponseStatusCode, ex.Error?.Message);
            }
        }

        await stateStore.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Viva Learning: {Contents} content(s), {Created} activity(ies) created, {Updated} updated, {Unchanged} unchanged, {Errors} refused.",
            contentIds.Count, created, updated, unchanged, errors.Count);
        return new VivaLearningResult
        {
            ContentsPublished = contentIds.Count,
            ActivitiesCreated = created,
            ActivitiesUpdated = updated,
            ActivitiesUnchanged = unchanged,
            Errors = errors,
        };
    }

    private static Decision Decide(VivaActivityState? known, VivaActivity wanted)
    {
        if (known is null)
        {
            return Decision.Create;
        }

        return (known.Kind, wanted.Kind) switch
        {
            (VivaActivityKind.Assignment, VivaActivityKind.Assignment) => Decision.Unchanged,
            (VivaActivityKind.Assignment, VivaActivityKind.Completion) => Decision.Update,
            (VivaActivityKind.Completion, VivaActivityKind.Completion) => known.CompletedOn == wanted.CompletedOn ? Decision.Unchanged : Decision.Update,
            _ => Decision.Create, // expired: a new cycle, a new assignment
        };
    }

    private async Task<(string Id, bool IsNew)> CreateAsync(VivaActivity wanted, string contentId, CancellationToken cancellationToken)
    {
        var body = Activity(wanted, contentId);
        try
        {
            var created = await graph.EmployeeExperience.LearningProviders[options.ProviderId].LearningCourseActivities
                .PostAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (created?.Id ?? wanted.ExternalId, true);
        }
        catch (ODataError ex) when (ex.ResponseStatusCode == (int)HttpStatusCode.Conflict)
        {
            // Created by an earlier run whose state was lost: find it by its external id and bring it up to date.
            var existing = await graph.EmployeeExperience.LearningCourseActivitiesWithExternalcourseActivityId(wanted.ExternalId)
                .GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var id = existing?.Id ?? throw new InvalidOperationException($"Viva Learning activity '{wanted.ExternalId}' exists but cannot be read.");
            if (existing.Status != body.Status || existing.CompletedDateTime != body.CompletedDateTime)
            {
                await UpdateAsync(id, wanted, cancellationToken).ConfigureAwait(false);
            }

            return (id, false);
        }
    }

    private Task UpdateAsync(string activityId, VivaActivity wanted, CancellationToken cancellationToken) =>
        graph.EmployeeExperience.LearningProviders[options.ProviderId].LearningCourseActivities[activityId].PatchAsync(
            new LearningCourseActivity
            {
                OdataType = null,
                Status = wanted.Kind == VivaActivityKind.Completion ? CourseStatus.Completed : CourseStatus.NotStarted,
                CompletedDateTime = CompletedAt(wanted),
                CompletionPercentage = wanted.Kind == VivaActivityKind.Completion ? 100 : 0,
            },
            cancellationToken: cancellationToken);

    private LearningCourseActivity Activity(VivaActivity wanted, string contentId)
    {
        LearningCourseActivity activity = wanted.Kind == VivaActivityKind.Assignment
            ? new LearningAssignment
            {
                OdataType = "#microsoft.graph.learningAssignment",
                AssignmentType = AssignmentType.Required,
                AssignedDateTime = timeProvider.GetUtcNow(),
                DueDateTime = wanted.DueDate is { } due ? new DateTimeTimeZone { DateTime = due.ToString("yyyy-MM-dd'T23:59:59'", System.Globalization.CultureInfo.InvariantCulture), TimeZone = "Romance Standard Time" } : null,
                Status = CourseStatus.NotStarted,
            }
            : new LearningSelfInitiatedCourse
            {
                OdataType = "#microsoft.graph.learningSelfInitiatedCourse",
                StartedDateTime = CompletedAt(wanted),
                Status = CourseStatus.Completed,
                CompletedDateTime = CompletedAt(wanted),
                CompletionPercentage = 100,
            };
        activity.ExternalcourseActivityId = wanted.ExternalId;
        activity.LearnerUserId = wanted.UserId;
        activity.LearningContentId = contentId;
        activity.LearningProviderId = options.ProviderId;
        return activity;
    }

    private static DateTimeOffset? CompletedAt(VivaActivity wanted) =>
        wanted.CompletedOn is { } date ? new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) : null;

    private LearningContent Content(Module module) => new()
    {
        ExternalId = module.Id,
        Title = module.Title.Get(options.LanguageTag),
        Description = module.Summary?.Get(options.LanguageTag),
        ContentWebUrl = module.Materials.Count > 0 ? module.Materials[0].Url : options.DefaultContentUrl,
        LanguageTag = options.LanguageTag,
        Duration = module.DurationHours > 0 ? TimeSpan.FromHours((double)module.DurationHours) : null,
        Format = "Course",
        IsActive = true,
        IsSearchable = true,
        SourceName = "AI Literacy",
        SkillTags = [.. module.Competencies.Select(c => c.CompetencyId)],
    };

    private enum Decision
    {
        Create,
        Update,
        Unchanged,
    }
}

/// <summary>Stores the Viva Learning activity states by pair key.</summary>
public interface IVivaLearningStateStore
{
    /// <summary>Loads the states.</summary>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A mutable copy of the states.</returns>
    Task<Dictionary<string, VivaActivityState>> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves the states.</summary>
    /// <param name="states">The states.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    Task SaveAsync(Dictionary<string, VivaActivityState> states, CancellationToken cancellationToken = default);
}

/// <summary>Keeps the Viva Learning states in memory.</summary>
public sealed class InMemoryVivaLearningStateStore : IVivaLearningStateStore
{
    private Dictionary<string, VivaActivityState> states = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<Dictionary<string, VivaActivityState>> LoadAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new Dictionary<string, VivaActivityState>(states, StringComparer.Ordinal));

    /// <inheritdoc />
    public Task SaveAsync(Dictionary<string, VivaActivityState> states, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        this.states = new Dictionary<string, VivaActivityState>(states, StringComparer.Ordinal);
        return Task.CompletedTask;
    }
}
