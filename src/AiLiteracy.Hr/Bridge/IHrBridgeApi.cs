using Refit;

namespace AiLiteracy.Hr.Bridge;

/// <summary>The HR bridge contract (<c>hr-bridge.openapi.json</c>) as a Refit interface.</summary>
public interface IHrBridgeApi
{
    /// <summary><c>GET /agents</c>: one page of agents.</summary>
    /// <param name="updatedSince">Only agents changed at or after this time.</param>
    /// <param name="cursor">The cursor of the page to read.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page.</returns>
    [Get("/agents")]
    Task<HrBridgeAgentPage> ListAgentsAsync([AliasAs("updatedSince")] string? updatedSince, [AliasAs("cursor")] string? cursor, [AliasAs("limit")] int? limit, CancellationToken cancellationToken = default);

    /// <summary><c>POST /training-records</c>: sends one training record, idempotently.</summary>
    /// <param name="idempotencyKey">The key identifying this record and status.</param>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response (201 created, 200 already received).</returns>
    [Post("/training-records")]
    Task<IApiResponse<HrTrainingRecordReceipt>> ReceiveTrainingRecordAsync([Header("Idempotency-Key")] string idempotencyKey, [Body] HrTrainingRecord record, CancellationToken cancellationToken = default);
}
