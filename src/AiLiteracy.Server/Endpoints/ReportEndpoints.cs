using System.Text;
using AiLiteracy.Engines;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Mvc;

namespace AiLiteracy.Server.Endpoints;

/// <summary>Reports as JSON, or CSV with <c>Accept: text/csv</c>.</summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");

        reports.MapGet("/coverage", async (HttpContext context, ReportService service, CancellationToken ct) =>
            {
                var report = await service.GetCoverageAsync(context.Language(), ct).ConfigureAwait(false);
                return WantsCsv(context) ? Csv(ReportService.ToCsv(report), "couverture.csv") : TypedResults.Ok(report);
            })
            .WithName("GetCoverageReport")
            .WithSummary("Get the coverage report")
            .WithDescription("Returns how many active agents are cleared, by org unit, directorate and job family; as CSV with Accept: text/csv.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .Produces<CoverageReport>(StatusCodes.Status200OK, "application/json", "text/csv");

        reports.MapGet("/training-plan", async (HttpContext context, ReportService service, CancellationToken ct) =>
            {
                var plan = await service.GetTrainingPlanAsync(ct).ConfigureAwait(false);
                return WantsCsv(context) ? Csv(ReportService.ToCsv(plan), "plan-de-formation.csv") : TypedResults.Ok(plan);
            })
            .WithName("GetTrainingPlan")
            .WithSummary("Get the training plan")
            .WithDescription("Returns the training needs by org unit, job family and module, with sessions and hours; as CSV with Accept: text/csv.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .Produces<TrainingPlan>(StatusCodes.Status200OK, "application/json", "text/csv");

        reports.MapGet("/literacy-register", async (HttpContext context, ReportService service, CancellationToken ct) =>
            {
                var register = await service.GetLiteracyRegisterAsync(ct).ConfigureAwait(false);
                return WantsCsv(context) ? Csv(ReportService.ToCsv(register), "registre-litteratie-ia.csv") : TypedResults.Ok(register);
            })
            .WithName("GetLiteracyRegister")
            .WithSummary("Get the AI literacy register")
            .WithDescription("Returns the AI Act article 4 record: AI systems in use, measures delivered per person, coverage and gaps; as CSV with Accept: text/csv.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .Produces<LiteracyRegister>(StatusCodes.Status200OK, "application/json", "text/csv");
    }

    private static bool WantsCsv(HttpContext context) =>
        context.Request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1).FirstOrDefault() is { } first
        && first.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase);

    private static IResult Csv(string text, string fileName)
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        return Results.File(bytes, "text/csv; charset=utf-8", fileName);
    }
}
