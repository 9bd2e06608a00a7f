using AiLiteracy.Engines;
using AiLiteracy.Reports;
using AiLiteracy.Reports.Export;
using AiLiteracy.Server.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace AiLiteracy.Server.Endpoints;

/// <summary>
/// Reports over the report use cases (<see cref="AuthorityReportService"/>), for the whole authority or filtered by org
/// unit (with the units below it) and job family: JSON, CSV with <c>Accept: text/csv</c>, an Excel workbook with
/// <c>Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet</c>, and for the register a printable
/// HTML document with <c>Accept: text/html</c>. Labels in French, English with <c>Accept-Language: en</c>.
/// </summary>
internal static class ReportEndpoints
{
    private const string Xlsx = XlsxReportWriter.ContentType;

    public static void MapReportEndpoints(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");

        reports.MapGet("/coverage", async (HttpContext context, AuthorityReportService service, [FromQuery] string? orgUnitId, [FromQuery] string? jobFamilyId, CancellationToken ct) =>
            {
                var report = await service.GetCoverageAsync(ReportFilter.Of(orgUnitId, jobFamilyId), context.Language(), ct).ConfigureAwait(false);
                return await RespondAsync(context, report, () => ReportDocuments.Coverage(report, context.Language()), null, ct).ConfigureAwait(false);
            })
            .WithName("GetCoverageReport")
            .WithSummary("Get the coverage report")
            .WithDescription("Returns how many active agents are cleared (up to date or with a refresh due), trained but without the charter acknowledged, or with training incomplete, for the whole authority and by org unit, directorate and job family; optionally for one org unit (with the units below it) and/or one job family. As CSV with Accept: text/csv, as an Excel workbook with the spreadsheet media type.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .Produces<CoverageSummary>(StatusCodes.Status200OK, "application/json", "text/csv", Xlsx)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        reports.MapGet("/training-plan", async (HttpContext context, AuthorityReportService service, [FromQuery] string? orgUnitId, [FromQuery] string? jobFamilyId, CancellationToken ct) =>
            {
                var report = await service.GetTrainingPlanAsync(ReportFilter.Of(orgUnitId, jobFamilyId), ct).ConfigureAwait(false);
                return await RespondAsync(context, report.Plan, () => ReportDocuments.TrainingPlan(report, context.Language()), null, ct).ConfigureAwait(false);
            })
            .WithName("GetTrainingPlan")
            .WithSummary("Get the training plan")
            .WithDescription("Returns the training needs by org unit, job family and module, with sessions, hours, the estimated cost and its spread over quarters, AI referent coverage per directorate and elected and manager coverage; optionally for one org unit (with the units below it) and/or one job family. As CSV (the needs) with Accept: text/csv, as an Excel workbook (every table) with the spreadsheet media type.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .Produces<TrainingPlan>(StatusCodes.Status200OK, "application/json", "text/csv", Xlsx)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        reports.MapGet("/expiring-modules", async (HttpContext context, AuthorityReportService service, [FromQuery] string? orgUnitId, [FromQuery] string? jobFamilyId, CancellationToken ct) =>
            {
                var snapshot = await service.GetSnapshotAsync(SnapshotStaleness.Aged, ct).ConfigureAwait(false);
                var report = snapshot.ExpiringModules(ReportFilter.Of(orgUnitId, jobFamilyId));
                return await RespondAsync(context, report, () => ReportDocuments.ExpiringModules(report, snapshot.Organization.Name, snapshot.Labels, context.Language()), snapshot.Organization.Id, ct).ConfigureAwait(false);
            })
            .WithName("GetExpiringModules")
            .WithSummary("Get the modules expiring soon")
            .WithDescription("Returns the required modules of active agents whose validity ends within the expiring-soon window (60 days by default), per module and per agent; optionally for one org unit (with the units below it) and/or one job family. As CSV with Accept: text/csv, as an Excel workbook with the spreadsheet media type.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .Produces<ExpiringModulesReport>(StatusCodes.Status200OK, "application/json", "text/csv", Xlsx)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        reports.MapGet("/literacy-register", async (HttpContext context, AuthorityReportService service, [FromQuery] string? orgUnitId, [FromQuery] string? jobFamilyId, CancellationToken ct) =>
            {
                var report = await service.GetLiteracyRegisterAsync(ReportFilter.Of(orgUnitId, jobFamilyId), ct).ConfigureAwait(false);
                return await RespondAsync(context, report.Register, () => ReportDocuments.LiteracyRegister(report, context.Language()), report.Register.OrganizationId, ct, report).ConfigureAwait(false);
            })
            .WithName("GetLiteracyRegister")
            .WithSummary("Get the AI literacy register")
            .WithDescription("Returns the AI Act article 4 record: AI systems in use, measures delivered per person, coverage and gaps; optionally for one org unit (with the units below it) and/or one job family. As CSV (one row per measure) with Accept: text/csv, as an Excel workbook with the spreadsheet media type, as a dated printable HTML document (save as PDF from a browser) with Accept: text/html.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .Produces<LiteracyRegister>(StatusCodes.Status200OK, "application/json", "text/csv", Xlsx, "text/html")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>The format the Accept header prefers among those the report offers (JSON when none is named).</summary>
    private static ReportFormat Negotiate(HttpContext context, bool html)
    {
        foreach (var accept in context.Request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (ReportExporter.FromMediaType(accept.MediaType.Value) is { } format && (format != ReportFormat.Html || html))
            {
                return format;
            }
        }

        return ReportFormat.Json;
    }

    private static Task<IResult> RespondAsync<T>(
        HttpContext context, T json, Func<ReportDocument> document, string? organizationId, CancellationToken cancellationToken, LiteracyRegisterReport? register = null)
        where T : notnull
    {
        var format = Negotiate(context, html: register is not null);
        if (format == ReportFormat.Json)
        {
            return Task.FromResult<IResult>(TypedResults.Ok(json));
        }

        // Streamed to the client as it is written (CSV, HTML, and XLSX through a bounded pipe): never held whole in memory.
        var laidOut = document();
        var payload = (object?)register ?? json;
        var language = context.Language();
        return Task.FromResult(Results.Stream(
            body => ReportExporter.WriteAsync(laidOut, payload, format, body, language, cancellationToken: cancellationToken),
            ReportExporter.ContentType(format),
            laidOut.FileName(ReportExporter.Extension(format), organizationId)));
    }
}
