using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Server.Endpoints;
using AiLiteracy.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiLiteracy.Server.Entra;

/// <summary>
/// The Entra ID group sync of the caller's authority: its last run and a trigger. Both answer 404 with a problem when
/// the sync is not enabled for the authority (nothing Entra-related runs then). Not part of the Power Platform
/// connector: an IT administration task.
/// </summary>
internal static class EntraSyncEndpoints
{
    private const string Tag = "Entra ID";

    public static void MapEntraSyncEndpoints(this RouteGroupBuilder api)
    {
        var sync = api.MapGroup("/entra/sync");

        sync.MapGet("/last-run", GetLastRunAsync)
            .WithTags(Tag)
            .WithName("GetEntraGroupSyncLastRun")
            .WithSummary("Get the last Entra ID group sync run")
            .WithDescription("Returns the last run of the Entra ID group sync of the authority, scheduled or triggered: when it ran, its mode (apply, dry run, force), the additions and removals planned and applied per group, whether the removal threshold stopped it, and the changes Microsoft Graph refused.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .ProducesProblem(StatusCodes.Status404NotFound);

        sync.MapPost(string.Empty, RunAsync)
            .WithTags(Tag)
            .WithName("RunEntraGroupSync")
            .WithSummary("Run the Entra ID group sync now")
            .WithDescription("Runs the Entra ID group sync of the authority now and answers with the report of the run, also kept as the last run. With dryRun=true the plan is computed and recorded but nothing is written to Entra ID; with force=true the plan is applied even beyond the removal threshold. Answers 409 while another run of the authority is in progress on any server instance.")
            .RequireAuthorization(AiLiteracyPolicies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<EntraSyncRunReport>, ProblemHttpResult>> GetLastRunAsync(
        HttpContext context, ITenantContext tenant, CancellationToken cancellationToken)
    {
        var runner = context.RequestServices.GetService<EntraSyncRunner>();
        if (runner is null || !runner.IsConfigured(tenant.TenantId))
        {
            return NotEnabled(context);
        }

        var report = await runner.GetLastRunAsync(tenant.TenantId!, cancellationToken).ConfigureAwait(false);
        return report is null
            ? Problem(context, StatusCodes.Status404NotFound, "entra-sync-no-run",
                "La synchronisation des groupes Entra ID n'a pas encore eu lieu pour cette collectivité.",
                "The Entra ID group sync has not run yet for this authority.")
            : TypedResults.Ok(report);
    }

    /// <param name="context">The request.</param>
    /// <param name="tenant">The caller's authority.</param>
    /// <param name="dryRun">Compute and record the plan without writing to Entra ID. Default: false.</param>
    /// <param name="force">Apply the plan even beyond the removal threshold. Default: false.</param>
    private static async Task<Results<Accepted<EntraSyncRunReport>, ProblemHttpResult>> RunAsync(
        HttpContext context, ITenantContext tenant, bool? dryRun, bool? force)
    {
        var runner = context.RequestServices.GetService<EntraSyncRunner>();
        if (runner is null || !runner.IsConfigured(tenant.TenantId))
        {
            return NotEnabled(context);
        }

        // The run is not tied to the caller's connection: a client that goes away does not stop a sync half-way.
        var outcome = await runner.RunAsync(
            tenant.TenantId!,
            new EntraSyncTrigger { Actor = context.Actor(), DryRun = dryRun ?? false, Force = force ?? false },
            CancellationToken.None).ConfigureAwait(false);
        return outcome switch
        {
            { Kind: EntraSyncOutcomeKind.Ran, Report: { } report } =>
                TypedResults.Accepted($"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/last-run", report),
            { Kind: EntraSyncOutcomeKind.Busy } => Problem(context, StatusCodes.Status409Conflict, "entra-sync-running",
                "Une synchronisation des groupes Entra ID de cette collectivité est déjà en cours : réessayez quand elle sera terminée.",
                "An Entra ID group sync of this authority is already running: try again once it has finished."),
            _ => NotEnabled(context),
        };
    }

    private static ProblemHttpResult NotEnabled(HttpContext context) => Problem(context, StatusCodes.Status404NotFound, "entra-sync-not-enabled",
        "La synchronisation des groupes Entra ID n'est pas activée pour cette collectivité (AiLiteracy:Server:EntraSync).",
        "The Entra ID group sync is not enabled for this authority (AiLiteracy:Server:EntraSync).");

    private static ProblemHttpResult Problem(HttpContext context, int status, string code, string fr, string en)
    {
        var problem = Problems.Problems.Create(context, status, ProblemLanguage.Text(context, fr, en));
        problem.Extensions["code"] = code;
        return TypedResults.Problem(problem);
    }
}
