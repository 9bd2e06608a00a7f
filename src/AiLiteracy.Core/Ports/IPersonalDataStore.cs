using System.Security.Cryptography;

namespace AiLiteracy.Ports;

/// <summary>
/// The pseudonyms that replace the employee number of an agent whose personal data were erased: <c>ANON-</c> followed by
/// 24 random hexadecimal digits (96 bits). They are random, not derived from the employee number: nobody, not even
/// the operator, can compute one back from a <i>matricule</i>, so the remaining training records are anonymous.
/// </summary>
public static class Pseudonyms
{
    /// <summary>The reserved prefix: no HR employee number may start with it.</summary>
    public const string Prefix = "ANON-";

    /// <summary>Draws a new pseudonym from a cryptographic random generator.</summary>
    /// <returns>The pseudonym, e.g. <c>ANON-3F09C2A17B5D4E6F80A1B2C3</c>.</returns>
    public static string New() => Prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    /// <summary>Whether <paramref name="employeeNumber"/> is a pseudonym (starts with <see cref="Prefix"/>, in any case).</summary>
    /// <param name="employeeNumber">The employee number.</param>
    /// <returns><see langword="true"/> for a pseudonym.</returns>
    public static bool IsPseudonym(string? employeeNumber) =>
        employeeNumber is not null && employeeNumber.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);
}

/// <summary>What an erasure changed, row counts by kind.</summary>
/// <param name="Pseudonym">The pseudonym that now stands for the agent.</param>
/// <param name="Completions">Completions moved to the pseudonym (their evidence links removed).</param>
/// <param name="Acknowledgements">Charter acknowledgements moved to the pseudonym.</param>
/// <param name="Evidence">Competency evidence entries moved to the pseudonym.</param>
/// <param name="AuditEntries">Audit log entries whose target now reads the pseudonym.</param>
/// <param name="OutboxEvents">Webhook events whose payload now reads the pseudonym.</param>
/// <param name="ManagedAgents">Agents who had this agent as manager and now have none.</param>
public sealed record ErasureResult(string Pseudonym, int Completions, int Acknowledgements, int Evidence, int AuditEntries, int OutboxEvents, int ManagedAgents);

/// <summary>
/// Erasure of the current tenant's personal data (GDPR art. 17, and storage limitation, art. 5(1)(e)): the
/// identifying fields of an agent are removed and the employee number is replaced by a pseudonym in every row that
/// carries it, so that the training records stay for the AI Act register's counts without naming anyone.
/// </summary>
public interface IPersonalDataStore
{
    /// <summary>
    /// In one transaction (joining the current unit of work if any): clears the agent's name, e-mail, Entra object id,
    /// user principal name and manager, marks them as left (on <paramref name="endDate"/> unless an end date is
    /// stored), and replaces <paramref name="employeeNumber"/> by <paramref name="pseudonym"/> on the agent, their
    /// completions (whose evidence links are removed), charter acknowledgements, competency evidence, the targets of
    /// the audit log and the <c>"employeeNumber"</c> members of webhook event payloads; agents managed by them lose
    /// their manager link.
    /// </summary>
    /// <param name="employeeNumber">The employee number to erase.</param>
    /// <param name="pseudonym">The pseudonym (see <see cref="Pseudonyms.New"/>); must not be in use.</param>
    /// <param name="endDate">The end date to record when the agent has none.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What changed, or <see langword="null"/> when no agent has <paramref name="employeeNumber"/>.</returns>
    Task<ErasureResult?> PseudonymizeAsync(string employeeNumber, string pseudonym, DateOnly endDate, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists, by employee number, agents who left before <paramref name="leftBefore"/> and are not erased yet (their
    /// employee number is not a pseudonym): those the retention policy erases.
    /// </summary>
    /// <param name="leftBefore">Agents whose end date is before this date are due.</param>
    /// <param name="maxCount">Most employee numbers returned.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The employee numbers, in order.</returns>
    Task<IReadOnlyList<string>> ListRetentionDueAsync(DateOnly leftBefore, int maxCount, CancellationToken cancellationToken = default);
}
