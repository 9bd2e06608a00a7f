using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiLiteracy.Server.Endpoints;

/// <summary>The caller's organisation.</summary>
internal static class OrganizationEndpoints
{
    public static void MapOrganizationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/organization", GetOrganizationAsync)
            .WithName("GetOrganization")
            .WithTags("Organization")
            .WithSummary("Get the organization")
            .WithDescription("Returns the authority the caller acts for, with its tree of org units.")
            .RequireAuthorization(AiLiteracyPolicies.Read)
            .Produces<Organization>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<Organization>> GetOrganizationAsync(IOrganizationRepository organizations, ITenantContext tenant, CancellationToken cancellationToken)
    {
        var organization = await organizations.GetAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new ResourceNotFoundException("organization", tenant.TenantId ?? "?");
        return TypedResults.Ok(organization);
    }
}
