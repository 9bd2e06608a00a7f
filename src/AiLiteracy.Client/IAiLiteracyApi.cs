using AiLiteracy.Client.Models;
using Refit;

namespace AiLiteracy.Client;

/// <summary>
/// The AI Literacy server API (<c>/api/v1</c>) as a Refit interface. Register it with
/// <see cref="AiLiteracyClientServiceCollectionExtensions.AddAiLiteracyClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{AiLiteracyClientOptions})"/>
/// or create one with <see cref="AiLiteracyClient.Create(AiLiteracyClientOptions, HttpMessageHandler?)"/>. Every method
/// throws <see cref="AiLiteracyApiException"/> when the server answers with an error (RFC 7807 problem details);
/// enumerate whole lists with <see cref="AiLiteracyApiPagingExtensions"/>. Being an interface, it can be faked in tests.
/// </summary>
public interface IAiLiteracyApi
{
    /// <summary>The underlying HTTP client, with the authentication and resilience handlers (used to follow <c>nextLink</c>).</summary>
    HttpClient Client { get; }

    // Organisation and agents

    /// <summary>Gets the authority: name, kind and org units.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The organisation.</returns>
    [Get("/api/v1/organization")]
    Task<Organization> GetOrganizationAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists one page of agents, filtered; see <see cref="AiLiteracyApiPagingExtensions.ListAllAgentsAsync"/> for every page.</summary>
    /// <param name="query">Filters and paging; every member optional.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page.</returns>
    [Get("/api/v1/agents")]
    Task<PagedResponse<AgentView>> ListAgentsAsync([Query] AgentListQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets an agent by employee number (404 as <see cref="AiLiteracyApiException"/> when unknown).</summary>
    /// <param name="employeeNumber">The employee number.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The agent.</returns>
    [Get("/api/v1/agents/{employeeNumber}")]
    Task<AgentView> GetAgentAsync(string employeeNumber, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces an agent.</summary>
    /// <param name="employeeNumber">The employee number.</param>
    /// <param name="agent">The agent's fields.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The stored agent.</returns>
    [Put("/api/v1/agents/{employeeNumber}")]
    Task<AgentView> UpsertAgentAsync(string employeeNumber, [Body] AgentInput agent, CancellationToken cancellationToken = default);

    /// <summary>Deactivates an agent who left (kept for the register; no longer required to train).</summary>
    /// <param name="employeeNumber">The employee number.</param>
    /// <param name="deactivation">The end date; today when absent.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The agent.</returns>
    [Post("/api/v1/agents/{employeeNumber}/deactivate")]
    Task<AgentView> DeactivateAgentAsync(string employeeNumber, [Body] DeactivationInput deactivation, CancellationToken cancellationToken = default);

    /// <summary>Finds an agent by employee number or e-mail address (404 when none matches).</summary>
    /// <param name="employeeNumber">The employee number.</param>
    /// <param name="email">The e-mail address.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The agent.</returns>
    [Get("/api/v1/agent-lookup")]
    Task<AgentView> FindAgentAsync([AliasAs("employeeNumber")] string? employeeNumber = null, [AliasAs("email")] string? email = null, CancellationToken cancellationToken = default);

    /// <summary>Gets an agent's training status: clearance, required modules and competencies.</summary>
    /// <param name="employeeNumber">The employee number.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status.</returns>
    [Get("/api/v1/agents/{employeeNumber}/status")]
    Task<AgentStatusView> GetAgentStatusAsync(string employeeNumber, CancellationToken cancellationToken = default);

    /// <summary>Lists the modules an agent must take (only those still to do, unless <paramref name="includeDone"/>).</summary>
    /// <param name="employeeNumber">The employee number.</param>
    /// <param name="includeDone">Also list the modules already done.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The modules.</returns>
    [Get("/api/v1/agents/{employeeNumber}/required-modules")]
    Task<RequiredModuleList> ListRequiredModulesAsync(string employeeNumber, [AliasAs("includeDone")] bool? includeDone = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Imports an HR agents export (CSV with the default mapping) sent as file content. A full import that would
    /// deactivate more than the server's safety threshold of active agents (10 % by default) applies nothing and throws
    /// <see cref="AiLiteracyApiException"/> with status 409 and <see cref="AiLiteracyApiException.Code"/>
    /// <c>import-deactivation-safety-stop</c>; send it again with <paramref name="force"/> to apply it anyway.
    /// </summary>
    /// <param name="import">The file content and mode.</param>
    /// <param name="force">Apply a full import even when it deactivates more than the safety threshold; <see langword="false"/> when absent.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The import report.</returns>
    [Post("/api/v1/imports/agents/csv-content")]
    Task<ImportReport> ImportAgentsCsvContentAsync([Body] CsvContentImportInput import, [AliasAs("force")] bool? force = null, CancellationToken cancellationToken = default);

    // Completions

    /// <summary>Records a completion; idempotent on <see cref="CompletionInput.ExternalId"/>.</summary>
    /// <param name="completion">The completion.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The recorded completion (the first one when the external id was already recorded).</returns>
    [Post("/api/v1/completions")]
    Task<CompletionView> RecordCompletionAsync([Body] CompletionInput completion, CancellationToken cancellationToken = default);

    /// <summary>Records up to 1,000 completions; every item is judged on its own.</summary>
    /// <param name="completions">The completions.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One result per item.</returns>
    [Post("/api/v1/completions/batch")]
    Task<BatchResult> RecordCompletionBatchAsync([Body] IReadOnlyList<CompletionInput> completions, CancellationToken cancellationToken = default);

    /// <summary>Lists one page of completions in recording order; see <see cref="AiLiteracyApiPagingExtensions.ListAllCompletionsAsync"/> for every page.</summary>
    /// <param name="query">Filters and paging; every member optional.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page.</returns>
    [Get("/api/v1/completions")]
    Task<PagedResponse<CompletionView>> ListCompletionsAsync([Query] CompletionListQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a completion by its id.</summary>
    /// <param name="completionId">The completion id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The completion.</returns>
    [Get("/api/v1/completions/{completionId}")]
    Task<CompletionView> GetCompletionAsync(string completionId, CancellationToken cancellationToken = default);

    /// <summary>Gets the completions recorded after a watermark (polling).</summary>
    /// <param name="since">The watermark of the previous call; the latest completions when absent.</param>
    /// <param name="pageSize">The most completions returned.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The completions and the next watermark.</returns>
    [Get("/api/v1/completion-feed")]
    Task<CompletionFeed> GetCompletionFeedAsync([AliasAs("since")] DateTimeOffset? since = null, [AliasAs("pageSize")] int? pageSize = null, CancellationToken cancellationToken = default);

    // Charter

    /// <summary>Records an agent's acknowledgement of the AI charter.</summary>
    /// <param name="acknowledgement">The acknowledgement.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The recorded acknowledgement.</returns>
    [Post("/api/v1/acknowledgements")]
    Task<AcknowledgementResult> RecordAcknowledgementAsync([Body] AcknowledgementInput acknowledgement, CancellationToken cancellationToken = default);

    /// <summary>Checks a proposed use of an AI tool against the charter.</summary>
    /// <param name="usage">The proposed use.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The decision, citing charter rules.</returns>
    [Post("/api/v1/usage-checks")]
    Task<UsageDecisionView> CheckUsageAsync([Body] UsageCheckInput usage, CancellationToken cancellationToken = default);

    // Reports

    /// <summary>Gets the clearance coverage report.</summary>
    /// <param name="query">Optional org unit and job family filter.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The report.</returns>
    [Get("/api/v1/reports/coverage")]
    Task<CoverageSummary> GetCoverageReportAsync([Query] ReportQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets the training plan (needs by module, org unit and job family, with its budget).</summary>
    /// <param name="query">Optional org unit and job family filter.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The plan.</returns>
    [Get("/api/v1/reports/training-plan")]
    Task<TrainingPlan> GetTrainingPlanAsync([Query] ReportQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets the required modules expiring soon (refreshes to plan).</summary>
    /// <param name="query">Optional org unit and job family filter.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The report.</returns>
    [Get("/api/v1/reports/expiring-modules")]
    Task<ExpiringModulesReport> GetExpiringModulesAsync([Query] ReportQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets the AI Act article 4 literacy register.</summary>
    /// <param name="query">Optional org unit and job family filter.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The register.</returns>
    [Get("/api/v1/reports/literacy-register")]
    Task<LiteracyRegister> GetLiteracyRegisterAsync([Query] ReportQuery? query = null, CancellationToken cancellationToken = default);

    // Definitions

    /// <summary>Gets the curriculum in force.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The curriculum.</returns>
    [Get("/api/v1/definitions/curriculum")]
    Task<Curriculum> GetCurriculumAsync(CancellationToken cancellationToken = default);

    /// <summary>Publishes a new curriculum version (validated by the server; 422 lists every error with its JSON path).</summary>
    /// <param name="curriculum">The curriculum.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The stored version.</returns>
    [Put("/api/v1/definitions/curriculum")]
    Task<DefinitionSaved> PutCurriculumAsync([Body] Curriculum curriculum, CancellationToken cancellationToken = default);

    /// <summary>Gets the competency framework in force.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The framework.</returns>
    [Get("/api/v1/definitions/competency-framework")]
    Task<CompetencyFramework> GetCompetencyFrameworkAsync(CancellationToken cancellationToken = default);

    /// <summary>Publishes a new competency framework version.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The stored version.</returns>
    [Put("/api/v1/definitions/competency-framework")]
    Task<DefinitionSaved> PutCompetencyFrameworkAsync([Body] CompetencyFramework framework, CancellationToken cancellationToken = default);

    /// <summary>Gets the job families in force.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The catalogue.</returns>
    [Get("/api/v1/definitions/job-families")]
    Task<JobFamilyCatalog> GetJobFamiliesAsync(CancellationToken cancellationToken = default);

    /// <summary>Publishes a new job families version.</summary>
    /// <param name="jobFamilies">The catalogue.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The stored version.</returns>
    [Put("/api/v1/definitions/job-families")]
    Task<DefinitionSaved> PutJobFamiliesAsync([Body] JobFamilyCatalog jobFamilies, CancellationToken cancellationToken = default);

    /// <summary>Gets the AI charter in force (with its tool registry).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The charter.</returns>
    [Get("/api/v1/definitions/charter")]
    Task<Charter> GetCharterAsync(CancellationToken cancellationToken = default);

    /// <summary>Publishes a new charter version (agents must acknowledge it again).</summary>
    /// <param name="charter">The charter.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The stored version.</returns>
    [Put("/api/v1/definitions/charter")]
    Task<DefinitionSaved> PutCharterAsync([Body] Charter charter, CancellationToken cancellationToken = default);

    /// <summary>Gets the tool registry in force.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The registry.</returns>
    [Get("/api/v1/definitions/tool-registry")]
    Task<ToolRegistry> GetToolRegistryAsync(CancellationToken cancellationToken = default);

    /// <summary>Publishes a new tool registry version.</summary>
    /// <param name="toolRegistry">The registry.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The stored version.</returns>
    [Put("/api/v1/definitions/tool-registry")]
    Task<DefinitionSaved> PutToolRegistryAsync([Body] ToolRegistry toolRegistry, CancellationToken cancellationToken = default);

    // Lookups (drop-downs, names in the Accept-Language)

    /// <summary>Lists the modules, optionally of one track.</summary>
    /// <param name="track">The track.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The items.</returns>
    [Get("/api/v1/modules")]
    Task<LookupList> ListModulesAsync([AliasAs("track")] TrackKind? track = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the tracks.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The items.</returns>
    [Get("/api/v1/tracks")]
    Task<LookupList> ListTracksAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the job families.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The items.</returns>
    [Get("/api/v1/job-families")]
    Task<LookupList> ListJobFamiliesAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the competencies.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The items.</returns>
    [Get("/api/v1/competencies")]
    Task<LookupList> ListCompetenciesAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the AI tools of the registry.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The items.</returns>
    [Get("/api/v1/tools")]
    Task<LookupList> ListToolsAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the org units.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The items.</returns>
    [Get("/api/v1/org-units")]
    Task<LookupList> ListOrgUnitsAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the data classes of the charter.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The items.</returns>
    [Get("/api/v1/data-classes")]
    Task<LookupList> ListDataClassesAsync(CancellationToken cancellationToken = default);

    // Webhook subscriptions

    /// <summary>Subscribes a URL to an event; the response holds the signing secret, returned only once.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The subscription with its secret.</returns>
    [Post("/api/v1/subscriptions")]
    Task<SubscriptionView> CreateSubscriptionAsync([Body] SubscriptionInput subscription, CancellationToken cancellationToken = default);

    /// <summary>Lists the webhook subscriptions.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The subscriptions.</returns>
    [Get("/api/v1/subscriptions")]
    Task<SubscriptionList> ListSubscriptionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes a webhook subscription.</summary>
    /// <param name="subscriptionId">The subscription id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task.</returns>
    [Delete("/api/v1/subscriptions/{subscriptionId}")]
    Task DeleteSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default);

    // API keys (administrators of the authority)

    /// <summary>Lists the authority's API keys, active and revoked, without their secrets (needs <c>AiLiteracy.Admin</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The keys.</returns>
    [Get("/api/v1/api-keys")]
    Task<ApiKeyList> ListApiKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates an API key; the response holds the key itself, returned only once (needs <c>AiLiteracy.Admin</c>).</summary>
    /// <param name="apiKey">The key's name and roles.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The key with its secret value.</returns>
    [Post("/api/v1/api-keys")]
    Task<CreatedApiKey> CreateApiKeyAsync([Body] ApiKeyInput apiKey, CancellationToken cancellationToken = default);

    /// <summary>Revokes an API key (needs <c>AiLiteracy.Admin</c>); revoking a revoked key does nothing.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task.</returns>
    [Delete("/api/v1/api-keys/{keyId}")]
    Task RevokeApiKeyAsync(string keyId, CancellationToken cancellationToken = default);
}
