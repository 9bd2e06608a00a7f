using System.Net.Mail;
using System.Text.RegularExpressions;
using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Services;

/// <summary>An agent as a caller sends it (every field optional in JSON; validation lists every problem).</summary>
public sealed record AgentInput
{
    /// <summary>Display name (« Prénom Nom »).</summary>
    public string? DisplayName { get; init; }

    /// <summary>Professional e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Entra ID object id (GUID).</summary>
    public string? EntraObjectId { get; init; }

    /// <summary>Entra ID user principal name.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>Job family id (from the job families in force).</summary>
    public string? JobFamilyId { get; init; }

    /// <summary>Org unit id (from the organisation's org units).</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>Employee number of the line manager.</summary>
    public string? ManagerEmployeeNumber { get; init; }

    /// <summary>Roles: <c>agent</c> (default), <c>manager</c>, <c>referent</c>, <c>elected</c>.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>Employment status: <c>active</c> (default), <c>on-leave</c>, <c>left</c>.</summary>
    public EmploymentStatus? Status { get; init; }

    /// <summary>Start date.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>End date (required when the status is <c>left</c>).</summary>
    public DateOnly? EndDate { get; init; }
}

/// <summary>Filters of the agent list.</summary>
public sealed record AgentQuery
{
    /// <summary>Only agents of this org unit.</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>Only agents of this job family.</summary>
    public string? JobFamilyId { get; init; }

    /// <summary>Only agents holding this role (<c>agent</c>, <c>manager</c>, <c>referent</c>, <c>elected</c>).</summary>
    public string? Role { get; init; }

    /// <summary>Only agents with this employment status.</summary>
    public EmploymentStatus? Status { get; init; }

    /// <summary>Only cleared (<see langword="true"/>) or not cleared (<see langword="false"/>) agents.</summary>
    public bool? Cleared { get; init; }

    /// <summary>Page size (1 to 1000, default 100).</summary>
    public int PageSize { get; init; } = PageRequest.DefaultPageSize;

    /// <summary>Token of the page to read.</summary>
    public string? ContinuationToken { get; init; }
}

/// <summary>What an upsert did, with the agent as stored.</summary>
/// <param name="Agent">The stored agent.</param>
/// <param name="Outcome">Created, updated or unchanged.</param>
public sealed record AgentUpsertResult(AgentView Agent, UpsertOutcome Outcome);

/// <summary>The agents of the current tenant: list, get, upsert by employee number, deactivate.</summary>
public partial class AgentService
{
    /// <summary>The largest number of agents examined to fill one page filtered on clearance.</summary>
    public const int MaxClearanceScan = 5000;

    private readonly IAgentRepository agents;
    private readonly IOrganizationRepository organizations;
    private readonly AgentStatusService status;
    private readonly EventPublisher events;
    private readonly IUnitOfWork unitOfWork;
    private readonly IAuditLog audit;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the service.</summary>
    /// <param name="agents">Agents.</param>
    /// <param name="organizations">Organisation (org units).</param>
    /// <param name="status">Status evaluation.</param>
    /// <param name="events">Webhook events.</param>
    /// <param name="unitOfWork">Transactions.</param>
    /// <param name="audit">Audit log.</param>
    /// <param name="timeProvider">The clock.</param>
    public AgentService(IAgentRepository agents, IOrganizationRepository organizations, AgentStatusService status, EventPublisher events, IUnitOfWork unitOfWork, IAuditLog audit, TimeProvider timeProvider)
    {
        this.agents = agents;
        this.organizations = organizations;
        this.status = status;
        this.events = events;
        this.unitOfWork = unitOfWork;
        this.audit = audit;
        this.timeProvider = timeProvider;
    }

    /// <summary>Checks an employee number: 1 to 64 letters, digits, dot, dash or underscore.</summary>
    /// <param name="employeeNumber">The value.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValidEmployeeNumber(string? employeeNumber) =>
        employeeNumber is not null && EmployeeNumberPattern().IsMatch(employeeNumber);

    /// <summary>Lists agents, one page at a time.</summary>
    /// <param name="query">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    /// <exception cref="InputValidationException">A filter or the page size is invalid.</exception>
    public virtual async Task<PageView<AgentView>> ListAsync(AgentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new InputErrors();
        AgentRoles? role = null;
        if (query.Role is not null)
        {
            if (RoleNames.TryParse(query.Role, out var parsed))
            {
                role = parsed;
            }
            else
            {
                errors.Add("role", "unknown-role", "Rôle inconnu : agent, manager, referent ou elected.", "Unknown role: agent, manager, referent or elected.");
            }
        }

        if (query.PageSize is < 1 or > PageRequest.MaxPageSize)
        {
            errors.Add("pageSize", "out-of-range", $"La taille de page doit être comprise entre 1 et {PageRequest.MaxPageSize}.", $"The page size must be between 1 and {PageRequest.MaxPageSize}.");
        }

        errors.ThrowIfAny();
        var filter = new AgentFilter { OrgUnitId = query.OrgUnitId, JobFamilyId = query.JobFamilyId, Role = role, Status = query.Status };
        Page<Agent> page;
        try
        {
            if (query.Cleared is not { } wanted)
            {
                page = await agents.ListAsync(filter, new PageRequest(query.PageSize, query.ContinuationToken), cancellationToken).ConfigureAwait(false);
                return new PageView<AgentView>(page.Items.Select(AgentView.From).ToArray(), page.ContinuationToken);
            }

            // Clearance is computed, not stored: read pages and keep matching agents until the page is full. Each page
            // read is consumed whole, so the continuation token stays exact.
            var items = new List<AgentView>();
            var token = query.ContinuationToken;
            var scanned = 0;
            do
            {
                page = await agents.ListAsync(filter, new PageRequest(Math.Max(1, query.PageSize - items.Count), token), cancellationToken).ConfigureAwait(false);
                foreach (var agent in page.Items)
                {
                    var evaluation = await status.LoadAsync(agent, cancellationToken).ConfigureAwait(false);
                    if (evaluation.Clearance().IsCleared == wanted)
                    {
                        items.Add(AgentView.From(agent));
                    }
                }

                scanned += page.Items.Count;
                token = page.ContinuationToken;
            }
            while (token is not null && items.Count < query.PageSize && scanned < MaxClearanceScan);

            return new PageView<AgentView>(items, token);
        }
        catch (ArgumentException)
        {
            throw new InputValidationException([new InputError("continuationToken", "invalid-token", new LocalizedText("Jeton de pagination invalide.", "Invalid continuation token."))]);
        }
    }

    /// <summary>Gets an agent.</summary>
    /// <param name="employeeNumber">Employee number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The agent.</returns>
    /// <exception cref="ResourceNotFoundException">Unknown agent.</exception>
    public virtual async Task<AgentView> GetAsync(string employeeNumber, CancellationToken cancellationToken = default)
    {
        var agent = await agents.GetAsync(employeeNumber, cancellationToken).ConfigureAwait(false)
            ?? throw new ResourceNotFoundException("agent", employeeNumber);
        return AgentView.From(agent);
    }

    /// <summary>
    /// Creates or replaces the agent with <paramref name="employeeNumber"/>, in one transaction with its webhook events
    /// (<c>agent.created</c>; <c>clearance.changed</c> when the change clears or un-clears the agent).
    /// </summary>
    /// <param name="employeeNumber">Employee number.</param>
    /// <param name="input">The agent's values.</param>
    /// <param name="actor">Who acts (audit log).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored agent and what was done.</returns>
    /// <exception cref="InputValidationException">The values are invalid; every error is listed.</exception>
    public virtual async Task<AgentUpsertResult> UpsertAsync(string employeeNumber, AgentInput input, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var definitions = await status.LoadDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        var orgUnits = (await organizations.ListOrgUnitsAsync(cancellationToken).ConfigureAwait(false)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var agent = Validate(employeeNumber, input, "$", definitions.Set, orgUnits);

        var result = await unitOfWork.ExecuteAsync(async ct =>
        {
            var before = await status.LoadAsync(employeeNumber, ct).ConfigureAwait(false);
            var wasCleared = before?.Clearance().IsCleared;
            var outcome = await agents.UpsertAsync(agent, ct).ConfigureAwait(false);
            if (outcome == UpsertOutcome.Created)
            {
                await events.PublishAsync(WebhookEvents.AgentCreated, new AgentCreatedEvent(agent.EmployeeNumber, agent.OrgUnitId, agent.JobFamilyId, RoleNames.Of(agent.Roles)), ct).ConfigureAwait(false);
            }

            if (outcome != UpsertOutcome.Unchanged)
            {
                var after = await status.LoadAsync(agent, ct).ConfigureAwait(false);
                var clearance = after.Clearance();
                if (wasCleared is { } previous && previous != clearance.IsCleared)
                {
                    await events.PublishAsync(WebhookEvents.ClearanceChanged, new ClearanceChangedEvent(agent.EmployeeNumber, clearance.IsCleared, clearance.AsOf, AgentStatusService.Reasons(clearance)), ct).ConfigureAwait(false);
                }

                await audit.WriteAsync(actor, outcome == UpsertOutcome.Created ? "agents.create" : "agents.update", agent.EmployeeNumber, null, ct).ConfigureAwait(false);
            }

            return outcome;
        }, cancellationToken).ConfigureAwait(false);

        var stored = await agents.GetAsync(employeeNumber, cancellationToken).ConfigureAwait(false) ?? agent;
        return new AgentUpsertResult(AgentView.From(stored), result);
    }

    /// <summary>Marks an agent as having left; their records stay for the register.</summary>
    /// <param name="employeeNumber">Employee number.</param>
    /// <param name="endDate">Date the agent left; today when <see langword="null"/>.</param>
    /// <param name="actor">Who acts (audit log).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The agent after the change and whether anything changed.</returns>
    /// <exception cref="ResourceNotFoundException">Unknown agent.</exception>
    public virtual async Task<(AgentView Agent, bool Changed)> DeactivateAsync(string employeeNumber, DateOnly? endDate, string actor, CancellationToken cancellationToken = default)
    {
        var date = endDate ?? DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var changed = await unitOfWork.ExecuteAsync(async ct =>
        {
            var before = await status.LoadAsync(employeeNumber, ct).ConfigureAwait(false)
                ?? throw new ResourceNotFoundException("agent", employeeNumber);
            var wasCleared = before.Clearance().IsCleared;
            var done = await agents.DeactivateAsync(employeeNumber, date, ct).ConfigureAwait(false);
            if (done)
            {
                var after = await status.LoadAsync(employeeNumber, ct).ConfigureAwait(false);
                var clearance = after!.Clearance();
                if (wasCleared != clearance.IsCleared)
                {
                    await events.PublishAsync(WebhookEvents.ClearanceChanged, new ClearanceChangedEvent(employeeNumber, clearance.IsCleared, clearance.AsOf, AgentStatusService.Reasons(clearance)), ct).ConfigureAwait(false);
                }

                await audit.WriteAsync(actor, "agents.deactivate", employeeNumber, null, ct).ConfigureAwait(false);
            }

            return done;
        }, cancellationToken).ConfigureAwait(false);
        return (await GetAsync(employeeNumber, cancellationToken).ConfigureAwait(false), changed);
    }

    /// <summary>Validates an agent input against the definitions and org units in force.</summary>
    /// <param name="employeeNumber">Employee number.</param>
    /// <param name="input">The values.</param>
    /// <param name="path">JSON path of the input (<c>$</c>, or <c>$[3]</c> in a batch).</param>
    /// <param name="definitions">Definitions in force.</param>
    /// <param name="orgUnitIds">Known org unit ids; when empty, org units are not checked (the organisation has no tree).</param>
    /// <returns>The agent.</returns>
    /// <exception cref="InputValidationException">The values are invalid.</exception>
    public static Agent Validate(string employeeNumber, AgentInput input, string path, DefinitionSet definitions, IReadOnlySet<string> orgUnitIds)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(orgUnitIds);
        var errors = new InputErrors();
        if (!IsValidEmployeeNumber(employeeNumber))
        {
            errors.Add("employeeNumber", "invalid-employee-number", "Matricule invalide : 1 à 64 lettres, chiffres, « . », « - » ou « _ ».", "Invalid employee number: 1 to 64 letters, digits, '.', '-' or '_'.");
        }
        else if (Pseudonyms.IsPseudonym(employeeNumber))
        {
            errors.Add("employeeNumber", "reserved-employee-number", $"Matricule réservé : « {Pseudonyms.Prefix} » désigne un agent dont les données personnelles ont été effacées.", $"Reserved employee number: '{Pseudonyms.Prefix}' marks an agent whose personal data were erased.");
        }

        errors.MaxLength(path + ".displayName", input.DisplayName, 200);
        if (input.Email is { Length: > 0 } email && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            errors.Add(path + ".email", "invalid-email", "Adresse e-mail invalide.", "Invalid e-mail address.");
        }

        if (input.EntraObjectId is { Length: > 0 } oid && !Guid.TryParse(oid, out _))
        {
            errors.Add(path + ".entraObjectId", "invalid-guid", "L'identifiant d'objet Entra doit être un GUID.", "The Entra object id must be a GUID.");
        }

        errors.MaxLength(path + ".userPrincipalName", input.UserPrincipalName, 254);
        if (input.JobFamilyId is { Length: > 0 } family && definitions.JobFamilies.JobFamilies.All(f => f.Id != family))
        {
            errors.Add(path + ".jobFamilyId", "unknown-job-family", $"Famille de métiers « {family} » inconnue.", $"Unknown job family '{family}'.");
        }

        if (input.OrgUnitId is { Length: > 0 } unit && orgUnitIds.Count > 0 && !orgUnitIds.Contains(unit))
        {
            errors.Add(path + ".orgUnitId", "unknown-org-unit", $"Unité « {unit} » inconnue de l'organigramme.", $"Org unit '{unit}' is not in the organisation tree.");
        }

        errors.MaxLength(path + ".orgUnitId", input.OrgUnitId, 64);
        if (input.ManagerEmployeeNumber is { Length: > 0 } manager && !IsValidEmployeeNumber(manager))
        {
            errors.Add(path + ".managerEmployeeNumber", "invalid-employee-number", "Matricule du responsable invalide.", "Invalid manager employee number.");
        }

        var roles = AgentRoles.None;
        if (input.Roles is { } names)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (RoleNames.TryParse(names[i], out var role))
                {
                    roles |= role;
                }
                else
                {
                    errors.Add($"{path}.roles[{i}]", "unknown-role", "Rôle inconnu : agent, manager, referent ou elected.", "Unknown role: agent, manager, referent or elected.");
                }
            }
        }

        var status = input.Status ?? EmploymentStatus.Active;
        if (status == EmploymentStatus.Left && input.EndDate is null)
        {
            errors.Add(path + ".endDate", "required", "Date de départ obligatoire pour un agent parti.", "An end date is required for an agent who left.");
        }

        if (input.StartDate is { } start && input.EndDate is { } end && end < start)
        {
            errors.Add(path + ".endDate", "before-start", "La date de départ précède la date d'arrivée.", "The end date is before the start date.");
        }

        errors.ThrowIfAny();
        return new Agent
        {
            EmployeeNumber = employeeNumber,
            DisplayName = Blank(input.DisplayName),
            Email = Blank(input.Email),
            EntraObjectId = Blank(input.EntraObjectId),
            UserPrincipalName = Blank(input.UserPrincipalName),
            JobFamilyId = Blank(input.JobFamilyId),
            OrgUnitId = Blank(input.OrgUnitId),
            ManagerEmployeeNumber = Blank(input.ManagerEmployeeNumber),
            Roles = input.Roles is null ? AgentRoles.Agent : roles,
            Status = status,
            StartDate = input.StartDate,
            EndDate = input.EndDate,
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmployeeNumberPattern();
}
