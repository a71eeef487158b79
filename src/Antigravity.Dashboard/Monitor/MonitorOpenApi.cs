using Antigravity.Dashboard.Auth;
using Antigravity.Dashboard.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Antigravity.Dashboard.Monitor;

/// <summary>The route groups of the monitor and statistics API, and their query parameters in the OpenAPI document.</summary>
internal static class MonitorOpenApi
{
    /// <summary>A query parameter: name, description, allowed values (null = free text).</summary>
    internal sealed record QueryParameter(string Name, string Description, IReadOnlyList<string>? Values = null, bool Integer = false);

    public static readonly QueryParameter[] FilterParameters =
    [
        new("errorsOnly", "true: only failed requests (status ≥ 400 or a stream that broke).", ["true", "false"]),
        new("protocol", "Only this client protocol.", MonitorQuery.Protocols),
        new("model", "Part of the client or upstream model name (any case)."),
        new("account", "An account id, or part of an account's label or e-mail."),
        new("q", "Free text in the id, path, models, account, error, method or status."),
    ];

    public static readonly QueryParameter[] PageParameters =
    [
        new("before", "A nextCursor from the previous page: only records older than it.", Integer: true),
        new("limit", $"Records per page, 1–{MonitorQuery.MaxLimit} (default {MonitorQuery.DefaultLimit}).", Integer: true),
    ];

    public static readonly QueryParameter[] StatsParameters =
    [
        new("range", "hour: last 60 minutes by minute; day (default): last 24 hours by hour; week: last 7 UTC days by day.", MonitorQuery.Ranges),
        new("by", "model (default): one series per upstream model; account: one per account.", MonitorQuery.Groupings),
    ];

    /// <summary>A group under <paramref name="prefix"/> with the admin API's policy, no caching and its error answers.</summary>
    public static RouteGroupBuilder AdminGroup(IEndpointRouteBuilder app, string prefix, string tag)
    {
        var group = app.MapGroup(prefix)
            .RequireAuthorization(AdminAuthentication.ApiPolicy)
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            })
            .WithTags(tag)
            .WithMetadata(
                new ProducesResponseTypeAttribute<ApiErrorResponse>(StatusCodes.Status401Unauthorized, "application/json"),
                new ProducesResponseTypeAttribute<ApiErrorResponse>(StatusCodes.Status429TooManyRequests, "application/json"),
                new ProducesResponseTypeAttribute<ApiErrorResponse>(StatusCodes.Status503ServiceUnavailable, "application/json"));
        return group;
    }

    /// <summary>Documents query parameters the handler reads itself (so a bad value gets the API's own 400).</summary>
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> Query(params QueryParameter[][] groups) =>
        (operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var group in groups)
            {
                foreach (var parameter in group)
                {
                    var schema = new OpenApiSchema { Type = parameter.Integer ? JsonSchemaType.Integer : JsonSchemaType.String };
                    if (parameter.Values is { } values)
                    {
                        schema.Enum = [.. values.Select(value => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(value))];
                    }
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = parameter.Name,
                        In = ParameterLocation.Query,
                        Required = false,
                        Description = parameter.Description,
                        Schema = schema,
                    });
                }
            }
            return Task.CompletedTask;
        };
}
