namespace AiLiteracy.Connector.Tests.Generation;

/// <summary>How an operation shows in the connector.</summary>
public enum OperationKind
{
    /// <summary>An action a maker adds to a flow.</summary>
    Action,

    /// <summary>An internal operation (drop-down lookups, webhook deletion): never shown.</summary>
    Internal,

    /// <summary>A webhook trigger (subscribe; Power Automate deletes through the Location URL).</summary>
    WebhookTrigger,

    /// <summary>A polling trigger (the <c>pollingtrigger</c> policy template fills <c>since</c>).</summary>
    PollingTrigger,
}

/// <summary>A drop-down: the lookup operation and the paths in its response.</summary>
/// <param name="OperationId">The lookup operation.</param>
/// <param name="Collection">Path of the item array in the response.</param>
/// <param name="ValuePath">Path of the value in an item.</param>
/// <param name="TitlePath">Path of the title in an item.</param>
public sealed record DropDown(string OperationId, string Collection = "items", string ValuePath = "id", string TitlePath = "name");

/// <summary>How a parameter or a body property shows in the connector.</summary>
/// <param name="Summary">The <c>x-ms-summary</c> (Title Case).</param>
/// <param name="Description">The description (a full sentence).</param>
/// <param name="Visibility"><c>important</c>, <c>advanced</c> or <c>internal</c>; <see langword="null"/>: none.</param>
public sealed record FieldSpec(string Summary, string? Description = null, string? Visibility = null)
{
    /// <summary>The drop-down of values.</summary>
    public DropDown? DropDown { get; init; }

    /// <summary>Whether the field is required (overrides the server's document).</summary>
    public bool? Required { get; init; }

    /// <summary>The default value (an internal required parameter needs one).</summary>
    public object? Default { get; init; }

    /// <summary>Whether the field is the webhook notification URL.</summary>
    public bool NotificationUrl { get; init; }
}

/// <summary>One connector operation, taken from the server's document by operation id.</summary>
/// <param name="ServerOperationId">The operation id in the server's Swagger.</param>
/// <param name="Kind">Action, internal, webhook or polling trigger.</param>
/// <param name="Summary">The summary (sentence case, at most 80 characters, no punctuation).</param>
/// <param name="Description">The description (full sentences, different from the summary).</param>
public sealed record OperationSpec(string ServerOperationId, OperationKind Kind, string Summary, string Description)
{
    /// <summary>The connector's operation id, when it differs from the server's.</summary>
    public string? ConnectorOperationId { get; init; }

    /// <summary>The operation id in the connector.</summary>
    public string OperationId => ConnectorOperationId ?? ServerOperationId;

    /// <summary><c>important</c> for the few operations makers look for first.</summary>
    public string? Visibility { get; init; }

    /// <summary>Parameters (query, path, header) by name; the body parameter by <c>body</c>.</summary>
    public IReadOnlyDictionary<string, FieldSpec> Parameters { get; init; } = new Dictionary<string, FieldSpec>();

    /// <summary>Body properties (top level) by name.</summary>
    public IReadOnlyDictionary<string, FieldSpec> BodyProperties { get; init; } = new Dictionary<string, FieldSpec>();

    /// <summary>Whether the response is paged with <c>nextLink</c>.</summary>
    public bool Pageable { get; init; }

    /// <summary>For webhook triggers: the Swagger definition of the notification body.</summary>
    public string? NotificationDefinition { get; init; }

    /// <summary>For triggers: the hint shown while the flow waits for its first event.</summary>
    public string? TriggerHint { get; init; }
}

/// <summary>
/// What the connector exposes of the server API, and how: the one place a maker-facing word is written. Schemas,
/// paths and property descriptions come from the server's Swagger (built from the code and its XML docs).
/// </summary>
public static class ConnectorCatalog
{
    public const string Title = "AI Literacy";

    public const string Description =
        "Track AI training and AI charter governance for French local authorities: check whether an agent is cleared to use AI tools, " +
        "list the modules they must take, record completions and charter acknowledgements, check a proposed AI tool use, " +
        "import agents from HR files and follow coverage and the training plan.";

    public const string PlaceholderHost = "ailiteracy.example.org";

    public const string Website = "https://github.com/ai-literacy-sdk/ai-literacy-sdk";

    public const string PrivacyPolicy = "https://github.com/ai-literacy-sdk/ai-literacy-sdk/blob/main/connector/readme.md#privacy";

    public const string Categories = "Human Resources;AI";

    public const string ContactName = "AI Literacy SDK contributors";

    public const string ContactUrl = "https://github.com/ai-literacy-sdk/ai-literacy-sdk/issues";

    public const string ContactEmail = "contact@ai-literacy-sdk.org";

    public const string ServerUrlParameter = "serverUrl";

    public const string BrandColor = "#3B2F8F";

    public const string Publisher = "AI Literacy SDK contributors";

    private static readonly DropDown Modules = new("ListModules");
    private static readonly DropDown JobFamilies = new("ListJobFamilies");
    private static readonly DropDown Tools = new("ListTools");
    private static readonly DropDown DataClasses = new("ListDataClasses");
    private static readonly DropDown OrgUnits = new("ListOrgUnits");

    private static readonly Dictionary<string, FieldSpec> ReportFilters = new()
    {
        ["orgUnitId"] = new("Org Unit", "Only agents of this org unit and of the units below it.", "advanced") { DropDown = OrgUnits },
        ["jobFamilyId"] = new("Job Family", "Only agents of this job family.", "advanced") { DropDown = JobFamilies },
    };

    private static FieldSpec EmployeeNumberPath(string description = "The HR employee number (matricule) of the agent.") =>
        new("Employee Number", description, "important");

    /// <summary>Property summaries that Title Case of the property name would get wrong, by property name.</summary>
    public static IReadOnlyDictionary<string, string> PropertySummaries { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["id"] = "ID",
        ["isCleared"] = "Cleared",
        ["isProficient"] = "Proficient",
        ["fr"] = "French",
        ["en"] = "English",
        ["entraObjectId"] = "Entra Object ID",
        ["userPrincipalName"] = "User Principal Name",
        ["nextLink"] = "Next Page Link",
        ["asOf"] = "As Of",
        ["url"] = "URL",
        ["evidenceUrl"] = "Evidence URL",
        ["notificationUrl"] = "Notification URL",
        ["dpoReviewed"] = "DPO Reviewed",
        ["gdprAgreement"] = "GDPR Agreement",
    };

    /// <summary>The operations of the connector, in the order of the definition.</summary>
    public static IReadOnlyList<OperationSpec> Operations { get; } =
    [
        new("GetAgentStatus", OperationKind.Action,
            "Get the training status of an agent",
            "Returns whether the agent is cleared to use the approved AI tools and why not, the state of each required module, competency levels and gaps.")
        {
            Visibility = "important",
            Parameters = new Dictionary<string, FieldSpec> { ["employeeNumber"] = EmployeeNumberPath() },
        },
        new("ListRequiredModules", OperationKind.Action,
            "List the modules an agent must take",
            "Returns the modules the agent still has to take (missing, expired, failed, blocked or expiring soon) in curriculum order, or every required module when asked.")
        {
            Visibility = "important",
            Parameters = new Dictionary<string, FieldSpec>
            {
                ["employeeNumber"] = EmployeeNumberPath(),
                ["includeDone"] = new("Include Done Modules", "Whether to list the modules already done as well.", "advanced"),
            },
        },
        new("FindAgent", OperationKind.Action,
            "Find an agent by employee number or email",
            "Returns the agent with the given employee number, or else the agent whose professional e-mail address or user principal name is the given e-mail; fails with 404 when none matches.")
        {
            Visibility = "important",
            Parameters = new Dictionary<string, FieldSpec>
            {
                ["employeeNumber"] = new("Employee Number", "The HR employee number (matricule) to look for.", "important"),
                ["email"] = new("Email", "The professional e-mail address or user principal name to look for when no agent has the employee number.", "important"),
            },
        },
        new("ListAgents", OperationKind.Action,
            "List agents",
            "Lists the agents of the authority by employee number, filtered by org unit, job family, role, employment status or clearance, following pages automatically.")
        {
            Pageable = true,
            Parameters = new Dictionary<string, FieldSpec>
            {
                ["orgUnitId"] = new("Org Unit", "Only agents of this org unit.", "important") { DropDown = OrgUnits },
                ["jobFamilyId"] = new("Job Family", "Only agents of this job family.", "important") { DropDown = JobFamilies },
                ["role"] = new("Role", "Only agents holding this role: agent, manager, referent or elected.", "advanced"),
                ["status"] = new("Employment Status", "Only agents with this employment status: active, on-leave or left.", "advanced"),
                ["cleared"] = new("Cleared", "Only agents cleared (true) or not cleared (false) to use the approved AI tools.", "advanced"),
                ["pageSize"] = new("Page Size", "How many agents each page holds, from 1 to 1000.", "advanced"),
                ["continuationToken"] = new("Continuation Token", "The token of the page to read, taken from the previous page's next link.", "internal"),
            },
        },
        new("UpsertAgent", OperationKind.Action,
            "Create or update an agent",
            "Creates the agent with the given employee number, or replaces the stored values of that agent with the values sent.")
        {
            Parameters = new Dictionary<string, FieldSpec>
            {
                ["employeeNumber"] = EmployeeNumberPath("The HR employee number (matricule) of the agent to create or update."),
                ["body"] = new("Agent", "The agent as HR knows them now."),
            },
            BodyProperties = new Dictionary<string, FieldSpec>
            {
                ["displayName"] = new("Display Name", "The agent's first and last name.", "important"),
                ["email"] = new("Email", "The agent's professional e-mail address.", "important"),
                ["jobFamilyId"] = new("Job Family", "The agent's job family, which decides the job modules required.", "important") { DropDown = JobFamilies },
                ["orgUnitId"] = new("Org Unit", "The directorate, division or service the agent works in.", "important") { DropDown = OrgUnits },
            },
        },
        new("RecordCompletion", OperationKind.Action,
            "Record a completion",
            "Records that an agent followed a module, with its outcome and score; sending the same completion again returns the stored record instead of a duplicate.")
        {
            Visibility = "important",
            Parameters = new Dictionary<string, FieldSpec> { ["body"] = new("Completion", "The completion to record.") },
            BodyProperties = new Dictionary<string, FieldSpec>
            {
                ["employeeNumber"] = new("Employee Number", "The HR employee number (matricule) of the agent who followed the module.", "important") { Required = true },
                ["moduleId"] = new("Module", "The module followed.", "important") { DropDown = Modules, Required = true },
                ["date"] = new("Completion Date", "The date the module was completed, as YYYY-MM-DD.", "important") { Required = true },
                ["outcome"] = new("Outcome", "The outcome: completed, passed or failed.", "important") { Required = true },
                ["score"] = new("Score", "The score out of 100, when the module was assessed.", "important"),
                ["source"] = new("Source", "Where the completion comes from: lms, csv, xapi, api or manual.", "advanced"),
                ["externalId"] = new("External ID", "The id of the completion in the source system; a second submission with the same id is ignored.", "advanced"),
            },
        },
        new("RecordAcknowledgement", OperationKind.Action,
            "Acknowledge the charter",
            "Records that an agent accepted a version of the AI charter, the version in force when none is given; acknowledging the same version again changes nothing.")
        {
            Visibility = "important",
            Parameters = new Dictionary<string, FieldSpec> { ["body"] = new("Acknowledgement", "The acknowledgement to record.") },
            BodyProperties = new Dictionary<string, FieldSpec>
            {
                ["employeeNumber"] = new("Employee Number", "The HR employee number (matricule) of the agent who accepted the charter.", "important") { Required = true },
            },
        },
        new("CheckUsage", OperationKind.Action,
            "Check an AI tool use against the charter",
            "Checks whether an agent may use an AI tool with a class of data for a purpose, and returns allowed, allowed with conditions or refused with the charter rules cited.")
        {
            Visibility = "important",
            Parameters = new Dictionary<string, FieldSpec> { ["body"] = new("Proposed Use", "The proposed use of an AI tool.") },
            BodyProperties = new Dictionary<string, FieldSpec>
            {
                ["employeeNumber"] = new("Employee Number", "The HR employee number (matricule) of the agent who wants to use the tool.", "important") { Required = true },
                ["toolId"] = new("AI Tool", "The AI tool from the registry.", "important") { DropDown = Tools, Required = true },
                ["dataClass"] = new("Data Class", "The most sensitive class of data the use involves.", "important") { DropDown = DataClasses, Required = true },
                ["purpose"] = new("Purpose", "What the tool is used for, in a few words.", "important"),
            },
        },
        new("GetCoverageReport", OperationKind.Action,
            "Get the coverage report",
            "Returns how many active agents are cleared to use the approved AI tools, for the whole authority and by org unit, directorate and job family.")
        {
            Visibility = "important",
            Parameters = ReportFilters,
        },
        new("GetTrainingPlan", OperationKind.Action,
            "Get the training plan",
            "Returns the training needs of the authority by org unit, job family and module, with the number of people to train, sessions and hours.")
        {
            Parameters = ReportFilters,
        },
        new("ImportAgentsCsvContent", OperationKind.Action,
            "Import agents from CSV file content",
            "Creates, updates and deactivates agents from the content of a French HR CSV export, such as the output of a Get file content action, and returns the rejected lines.")
        {
            ConnectorOperationId = "ImportAgentsFromCsv",
            Parameters = new Dictionary<string, FieldSpec>
            {
                ["body"] = new("Import", "The HR CSV file to import."),
                ["force"] = new("Force", "Apply a full export even when it would deactivate more than 10 % of the active agents (otherwise the import stops and applies nothing).", "advanced"),
            },
            BodyProperties = new Dictionary<string, FieldSpec>
            {
                ["content"] = new("File Content", "The content of the CSV file, as a Get file content action returns it.", "important") { Required = true },
                ["fileName"] = new("File Name", "The name of the file, kept in the audit log.", "advanced"),
                ["full"] = new("Full Export", "Whether the file lists every agent: active agents absent from it are then deactivated, unless more than 10 % of them would be (see Force).", "advanced"),
            },
        },
        new("ListModules", OperationKind.Internal,
            "List modules",
            "Lists the modules of the curriculum in force, for drop-down lists.")
        {
            Parameters = new Dictionary<string, FieldSpec>
            {
                ["track"] = new("Track", "Only modules of this track: common-core, job, referent, elected or manager.", "advanced"),
            },
        },
        new("ListJobFamilies", OperationKind.Internal,
            "List job families",
            "Lists the job families in force, for drop-down lists."),
        new("ListTools", OperationKind.Internal,
            "List AI tools",
            "Lists the AI tools of the registry in force with their status, for drop-down lists."),
        new("ListDataClasses", OperationKind.Internal,
            "List data classes",
            "Lists the data classes of the AI charter in force, least sensitive first, for drop-down lists."),
        new("ListOrgUnits", OperationKind.Internal,
            "List org units",
            "Lists the org units of the authority (directorates, divisions and services), for drop-down lists."),
        new("CreateCompletionRecordedSubscription", OperationKind.WebhookTrigger,
            "When a completion is recorded",
            "Starts the flow each time a new completion is recorded, by the API, an HR import, an LMS or a form.")
        {
            ConnectorOperationId = "WhenCompletionRecorded",
            NotificationDefinition = "CompletionRecordedNotification",
            TriggerHint = "To see it work, record a completion for an agent.",
            Parameters = new Dictionary<string, FieldSpec> { ["body"] = new("Subscription", "The subscription Power Automate creates.", "internal") },
            BodyProperties = new Dictionary<string, FieldSpec>
            {
                ["notificationUrl"] = new("Notification URL", "The URL Power Automate receives the notifications on.", "internal") { Required = true, NotificationUrl = true },
            },
        },
        new("CreateClearanceChangedSubscription", OperationKind.WebhookTrigger,
            "When the clearance of an agent changes",
            "Starts the flow each time an agent becomes cleared to use the approved AI tools, or stops being cleared, with the reasons.")
        {
            ConnectorOperationId = "WhenClearanceChanged",
            NotificationDefinition = "ClearanceChangedNotification",
            TriggerHint = "To see it work, record the last missing completion or charter acknowledgement of an agent.",
            Parameters = new Dictionary<string, FieldSpec> { ["body"] = new("Subscription", "The subscription Power Automate creates.", "internal") },
            BodyProperties = new Dictionary<string, FieldSpec>
            {
                ["notificationUrl"] = new("Notification URL", "The URL Power Automate receives the notifications on.", "internal") { Required = true, NotificationUrl = true },
            },
        },
        new("CreateAgentCreatedSubscription", OperationKind.WebhookTrigger,
            "When an agent is added",
            "Starts the flow each time an agent is created, by the API or an HR import.")
        {
            ConnectorOperationId = "WhenAgentAdded",
            NotificationDefinition = "AgentCreatedNotification",
            TriggerHint = "To see it work, create an agent or import an HR file with a new agent.",
            Parameters = new Dictionary<string, FieldSpec> { ["body"] = new("Subscription", "The subscription Power Automate creates.", "internal") },
            BodyProperties = new Dictionary<string, FieldSpec>
            {
                ["notificationUrl"] = new("Notification URL", "The URL Power Automate receives the notifications on.", "internal") { Required = true, NotificationUrl = true },
            },
        },
        new("DeleteSubscription", OperationKind.Internal,
            "Delete a webhook subscription",
            "Stops the notifications of a trigger; Power Automate calls it when the flow is turned off or deleted.")
        {
            Parameters = new Dictionary<string, FieldSpec>
            {
                ["subscriptionId"] = new("Subscription ID", "The id of the subscription to delete."),
            },
        },
        new("GetCompletionFeed", OperationKind.PollingTrigger,
            "When a completion is recorded (polling)",
            "Checks for new completions at the flow's interval and starts the flow for them, for networks that cannot receive webhooks.")
        {
            ConnectorOperationId = "WhenCompletionRecordedPolling",
            TriggerHint = "To see it work, record a completion for an agent and wait for the next check.",
            Parameters = new Dictionary<string, FieldSpec>
            {
                ["since"] = new("Since", "The recording time after which completions are returned; filled by the trigger.", "internal"),
                ["pageSize"] = new("Batch Size", "The largest number of completions one check returns, from 1 to 1000.", "advanced"),
            },
        },
    ];
}
