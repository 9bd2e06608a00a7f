using Microsoft.AspNetCore.Http.Metadata;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace AiLiteracy.Server.OpenApi;

/// <summary>
/// Gives every operation of the Swagger document the stable PascalCase id set with <c>WithName</c>, the summary and
/// description set with <c>WithSummary</c>/<c>WithDescription</c>, the tags of <c>WithTags</c>, and the security
/// requirements of its authorization policy (none for anonymous endpoints).
/// </summary>
internal sealed class EndpointMetadataOperationProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext aspNet)
        {
            return true;
        }

        var metadata = aspNet.ApiDescription.ActionDescriptor.EndpointMetadata;
        var operation = context.OperationDescription.Operation;
        if (metadata.OfType<IEndpointNameMetadata>().LastOrDefault() is { } name)
        {
            operation.OperationId = name.EndpointName;
        }

        if (metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault() is { } summary)
        {
            operation.Summary = summary.Summary;
        }

        if (metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault() is { } description)
        {
            operation.Description = description.Description;
        }

        var tags = metadata.OfType<ITagsMetadata>().SelectMany(t => t.Tags).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > 0)
        {
            operation.Tags = tags;
        }

        var anonymous = metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
        operation.Security = anonymous
            ? []
            :
            [
                new OpenApiSecurityRequirement { [OpenApiDocumentSetup.OAuth2Scheme] = [] },
                new OpenApiSecurityRequirement { [OpenApiDocumentSetup.ApiKeyScheme] = [] },
            ];
        return true;
    }
}
