using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;

namespace AiLiteracy.Storage.Repositories;

/// <summary>The rows of an agent and their records, as the provider read them.</summary>
internal sealed record AgentRecordRows(
    AgentEntity Agent,
    List<CompletionEntity> Completions,
    List<AcknowledgementEntity> Acknowledgements,
    List<EvidenceEntity> Evidence);

/// <summary>EF Core implementation of <see cref="IAgentRecordsReader"/> over the provider's own read (one batch on PostgreSQL).</summary>
internal sealed class AgentRecordsReader(AiLiteracyDbContext db) : IAgentRecordsReader
{
    public async Task<AgentRecords?> GetAsync(string employeeNumber, CancellationToken cancellationToken = default)
    {
        Internal.Required(employeeNumber, nameof(employeeNumber));
        var rows = await db.ReadAgentRecordsAsync(employeeNumber, cancellationToken).ConfigureAwait(false);
        return rows is null
            ? null
            : new AgentRecords(
                rows.Agent.ToModel(),
                rows.Completions.ConvertAll(Mapping.ToRecord),
                rows.Acknowledgements.ConvertAll(Mapping.ToModel),
                rows.Evidence.ConvertAll(Mapping.ToModel));
    }
}
