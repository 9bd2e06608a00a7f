using AiLiteracy.Hr.Csv;
using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Services;

/// <summary>A rejected row of an import.</summary>
/// <param name="Line">1-based line in the file (the header is line 1).</param>
/// <param name="Column">The column at fault, when one is.</param>
/// <param name="Message">Why the row was rejected.</param>
public sealed record ImportRejection(int Line, string? Column, LocalizedText Message);

/// <summary>What an HR import did. Accepted rows were stored; rejected rows stored nothing.</summary>
public sealed record ImportReport
{
    /// <summary>Agents created.</summary>
    public required int Created { get; init; }

    /// <summary>Agents updated.</summary>
    public required int Updated { get; init; }

    /// <summary>Agents already up to date.</summary>
    public required int Unchanged { get; init; }

    /// <summary>Agents deactivated (status left in the file, or absent from a full export).</summary>
    public required int Deactivated { get; init; }

    /// <summary>Rows rejected, with their line numbers.</summary>
    public required IReadOnlyList<ImportRejection> Rejected { get; init; }
}

/// <summary>Imports agents from a French HR CSV export (<see cref="AgentCsv"/>): creates, updates, deactivates.</summary>
public class AgentImportService
{
    private readonly IAgentRepository agents;
    private readonly IOrganizationRepository organizations;
    private readonly AgentStatusService status;
    private readonly EventPublisher events;
    private readonly IUnitOfWork unitOfWork;
    private readonly IAuditLog audit;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the service.</summary>
    /// <param name="agents">Agents.</param>
    /// <param name="organizations">Organisation.</param>
    /// <param name="status">Status (definitions).</param>
    /// <param name="events">Webhook events.</param>
    /// <param name="unitOfWork">Transactions.</param>
    /// <param name="audit">Audit log.</param>
    /// <param name="timeProvider">The clock.</param>
    public AgentImportService(IAgentRepository agents, IOrganizationRepository organizations, AgentStatusService status, EventPublisher events, IUnitOfWork unitOfWork, IAuditLog audit, TimeProvider timeProvider)
    {
        this.agents = agents;
        this.organizations = organizations;
        this.status = status;
        this.events = events;
        this.unitOfWork = unitOfWork;
        this.audit = audit;
        this.timeProvider = timeProvider;
    }

    /// <summary>
    /// Imports an agents file. Rows that parse and reference known job families and org units are stored (in one
    /// transaction); the others are reported with their line. With <paramref name="fullExport"/>, active agents absent
    /// from the file are deactivated (the file is the whole staff) — unless a row was rejected, so that a broken file
    /// never deactivates anyone.
    /// </summary>
    /// <param name="content">The CSV content.</param>
    /// <param name="fileName">The file name (messages).</param>
    /// <param name="fullExport">Whether the file lists every agent.</param>
    /// <param name="actor">Who acts.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    public virtual async Task<ImportReport> ImportAsync(Stream content, string fileName, bool fullExport, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var definitions = await status.LoadDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        var orgUnits = (await organizations.ListOrgUnitsAsync(cancellationToken).ConfigureAwait(false)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var rejected = new List<ImportRejection>();
        var accepted = new List<Agent>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in HrCsvFile.ReadAsync(content, fileName, AgentCsv.Parse, cancellationToken).ConfigureAwait(false))
        {
            if (row.Error is { } error)
            {
                rejected.Add(new ImportRejection(error.Line, error.Column, error.Message));
                continue;
            }

            var agent = row.Record!;
            if (!seen.Add(agent.EmployeeNumber))
            {
                rejected.Add(new ImportRejection(row.Line, "matricule", new LocalizedText($"Matricule « {agent.EmployeeNumber} » en double dans le fichier.", $"Employee number '{agent.EmployeeNumber}' appears twice in the file.")));
                continue;
            }

            try
            {
                accepted.Add(AgentService.Validate(agent.EmployeeNumber, ToInput(agent), "$", definitions.Set, orgUnits));
            }
            catch (InputValidationException ex)
            {
                rejected.AddRange(ex.Errors.Select(e => new ImportRejection(row.Line, e.Path.TrimStart('$', '.'), e.Message)));
            }
        }

        var (created, updated, unchanged, deactivated) = await unitOfWork.ExecuteAsync(async ct =>
        {
            int c = 0, u = 0, same = 0, d = 0;
            foreach (var agent in accepted)
            {
                var before = await agents.GetAsync(agent.EmployeeNumber, ct).ConfigureAwait(false);
                switch (await agents.UpsertAsync(agent, ct).ConfigureAwait(false))
                {
                    case UpsertOutcome.Created:
                        c++;
                        await events.PublishAsync(WebhookEvents.AgentCreated, new AgentCreatedEvent(agent.EmployeeNumber, agent.OrgUnitId, agent.JobFamilyId, RoleNames.Of(agent.Roles)), ct).ConfigureAwait(false);
                        break;
                    case UpsertOutcome.Updated:
                        u++;
                        if (agent.Status == EmploymentStatus.Left && before?.Status != EmploymentStatus.Left)
                        {
                            d++;
                        }

                        break;
                    default:
                        same++;
                        break;
                }
            }

            if (fullExport && rejected.Count == 0)
            {
                var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
                var missing = new List<string>();
                await foreach (var existing in agents.StreamAsync(new AgentFilter(), ct).ConfigureAwait(false))
                {
                    if (existing.Status != EmploymentStatus.Left && !seen.Contains(existing.EmployeeNumber))
                    {
                        missing.Add(existing.EmployeeNumber);
                    }
                }

                foreach (var employeeNumber in missing)
                {
                    if (await agents.DeactivateAsync(employeeNumber, today, ct).ConfigureAwait(false))
                    {
                        d++;
                    }
                }
            }

            await audit.WriteAsync(actor, "agents.import", fileName, $"created={c};updated={u};unchanged={same};deactivated={d};rejected={rejected.Count}", ct).ConfigureAwait(false);
            return (c, u, same, d);
        }, cancellationToken).ConfigureAwait(false);

        return new ImportReport { Created = created, Updated = updated, Unchanged = unchanged, Deactivated = deactivated, Rejected = rejected };
    }

    private static AgentInput ToInput(Agent agent) => new()
    {
        DisplayName = agent.DisplayName,
        Email = agent.Email,
        EntraObjectId = agent.EntraObjectId,
        UserPrincipalName = agent.UserPrincipalName,
        JobFamilyId = agent.JobFamilyId,
        OrgUnitId = agent.OrgUnitId,
        ManagerEmployeeNumber = agent.ManagerEmployeeNumber,
        Roles = RoleNames.Of(agent.Roles),
        Status = agent.Status,
        StartDate = agent.StartDate,
        EndDate = agent.EndDate,
    };
}
