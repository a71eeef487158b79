namespace Antigravity.UpstreamEmulator.CloudCode;

/// <summary>Cloud Code's private <c>v1internal</c> API, as Antigravity uses it.</summary>
internal static class CloudCodeApi
{
    public static RouteGroupBuilder MapCloudCodeApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Cloud Code v1internal");
        group.MapPost("/v1internal:loadCodeAssist", LoadCodeAssistEndpoint.HandleAsync);
        group.MapPost("/v1internal:onboardUser", OnboardUserEndpoint.HandleAsync);
        group.MapPost("/v1internal:fetchAvailableModels", FetchAvailableModelsEndpoint.HandleAsync);
        group.MapPost("/v1internal:generateContent", CloudCodeGenerateEndpoint.GenerateAsync);
        group.MapPost("/v1internal:streamGenerateContent", CloudCodeGenerateEndpoint.StreamAsync);
        group.MapPost("/v1internal:countTokens", CloudCodeCountTokensEndpoint.HandleAsync);
        return group;
    }

    public const string MethodPrefix = "google.internal.cloud.code.v1internal.CloudCode.";
}
