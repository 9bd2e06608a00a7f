using AiLiteracy.Hr.Csv;
using AiLiteracy.Import;
using AiLiteracy.Model;
using AiLiteracy.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiLiteracy.Server.Endpoints;

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

    /// <summary>Agents deactivated because they are absent from a full export.</summary>
    public required int Deactivated { get; init; }

    /// <summary>Rows rejected, with their line numbers (and the errors that prevent reading the file at all).</summary>
    public required IReadOnlyList<ImportRejection> Rejected { get; init; }
}

/// <summary>
/// Runs an HR CSV agents import for the HTTP endpoints through <see cref="AgentImportService"/> (the service the CLI
/// uses too), with the SDK's default French HR layout (<see cref="Hr.Mapping.HrMapping.DefaultAgents"/>).
/// </summary>
internal static class AgentCsvImport
{
    /// <summary>The problem <c>code</c> of a full import stopped by the deactivation safety threshold.</summary>
    public const string SafetyStopCode = "import-deactivation-safety-stop";

    /// <summary>Imports the file and answers the report, or a 409 problem when the full-import safety stop applied nothing.</summary>
    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> RunAsync(
        HttpContext context, AgentImportService service, Stream content, string fileName, bool full, bool force, CancellationToken cancellationToken)
    {
        var options = new AgentImportOptions
        {
            Mode = full ? AgentImportMode.Full : AgentImportMode.Incremental,
            Force = force,
            Actor = context.Actor(),
        };
        var report = await service.ImportAsync(content, fileName, options, progress: null, cancellationToken).ConfigureAwait(false);
        if (report.SafetyStop is { } stop)
        {
            var problem = Problems.Problems.Create(context, StatusCodes.Status409Conflict, ProblemLanguage.Text(context, stop.Message.Fr
                .Replace("relancez avec --force", "relancez avec force=true", StringComparison.Ordinal), stop.Message.En
                .Replace("run again with --force", "send again with force=true", StringComparison.Ordinal)));
            problem.Extensions["code"] = SafetyStopCode;
            problem.Extensions["wouldDeactivate"] = stop.WouldDeactivate;
            problem.Extensions["activeAgents"] = stop.ActiveAgents;
            problem.Extensions["threshold"] = stop.Threshold;
            return TypedResults.Problem(problem);
        }

        return TypedResults.Ok(new ImportReport
        {
            Created = report.Created,
            Updated = report.Updated,
            Unchanged = report.Unchanged,
            Deactivated = report.Deactivated,
            Rejected = [.. report.FileErrors.Concat(report.Rejected).Select(ToRejection)],
        });
    }

    private static ImportRejection ToRejection(CsvRowError error) => new(error.Line, error.Column, error.Message);
}
