using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Antigravity.Dashboard.Endpoints;

/// <summary>Describes the admin API's credential (<c>Authorization: Bearer &lt;admin password&gt;</c>) in the OpenAPI document.</summary>
internal sealed class AdminApiDocumentTransformer : IOpenApiDocumentTransformer
{
    private const string SchemeName = "AdminPassword";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Antigravity Gateway admin API";
        document.Info.Description = "Manages the API proxy. Every route needs 'Authorization: Bearer <admin password>' or a dashboard session cookie.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The dashboard admin password (Dashboard__AdminPassword, or the one the AppHost printed at its first start).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
