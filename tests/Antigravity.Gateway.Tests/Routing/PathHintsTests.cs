using Antigravity.Gateway.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Antigravity.Gateway.Tests.Routing;

public sealed class PathHintsTests
{
    private static readonly RouteCatalog Catalog = new(new DefaultEndpointDataSource(
        Route("/v1/models", "GET"),
        Route("/v1/models/{model}", "GET"),
        Route("/healthz", "GET", "HEAD"),
        Route("/health", "GET")));

    [Theory]
    [InlineData("/v1/v1/models", "/v1/models")]
    [InlineData("/v1/v1/v1/chat/completions", "/v1/chat/completions")]
    [InlineData("/V1/v1/models", "/v1/models")]
    [InlineData("/v1/v1", "/v1")]
    public void A_doubled_v1_prefix_is_collapsed(string sent, string served)
    {
        var collapsed = DuplicateV1Prefix.Collapse(sent);

        Assert.Equal(served, collapsed?.Value);
    }

    [Theory]
    [InlineData("/v1/models")]
    [InlineData("/v1/v1beta/models")]
    [InlineData("/v1/v1x/models")]
    [InlineData("/api/v1/v1/models")]
    public void Other_paths_are_left_alone(string sent) => Assert.Null(DuplicateV1Prefix.Collapse(sent));

    [Fact]
    public void A_path_with_v1_v1_inside_says_the_base_url_already_ends_in_v1()
    {
        var request = Request("GET", "/api/v1/v1/models");

        var error = PathHints.Diagnose(request, request.Path, Catalog, out _);

        Assert.Equal(404, error.Status);
        Assert.Contains("your base URL already ends in /v1; set it to http://127.0.0.1:8045/v1 without the extra /v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rewritten_v1_v1_path_that_still_matches_nothing_explains_the_doubled_prefix()
    {
        var request = Request("POST", "/v1/unknown");

        var error = PathHints.Diagnose(request, "/v1/v1/unknown", Catalog, out _);

        Assert.Contains("/v1/v1/unknown", error.Message, StringComparison.Ordinal);
        Assert.Contains("your base URL already ends in /v1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/chat/completions/responses", "/v1/chat/completions", "/responses")]
    [InlineData("/v1/messages/v1/messages", "/v1/messages", "/v1/messages")]
    [InlineData("/v1/responses/chat/completions", "/v1/responses", "/chat/completions")]
    public void A_client_that_appends_its_path_to_a_full_endpoint_url_is_told_to_fix_its_base_url(string path, string endpoint, string appended)
    {
        var request = Request("POST", path);

        var error = PathHints.Diagnose(request, request.Path, Catalog, out _);

        Assert.Equal(404, error.Status);
        Assert.Contains("appended its own path", error.Message, StringComparison.Ordinal);
        Assert.Contains($"({appended})", error.Message, StringComparison.Ordinal);
        Assert.Contains($"({endpoint})", error.Message, StringComparison.Ordinal);
        Assert.Contains("base URL to http://127.0.0.1:8045/v1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Gemini protocol", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_tokens_under_messages_is_a_known_endpoint_not_a_nested_path()
    {
        var request = Request("POST", "/v1/messages/count_tokens");

        var error = PathHints.Diagnose(request, request.Path, Catalog, out _);

        Assert.DoesNotContain("appended its own path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_v1_prefix_suggests_the_v1_path()
    {
        var request = Request("GET", "/models");

        var error = PathHints.Diagnose(request, request.Path, Catalog, out _);

        Assert.Contains("did you mean /v1/models?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_path_lists_the_routes_served()
    {
        var request = Request("GET", "/nothing/here");

        var error = PathHints.Diagnose(request, request.Path, Catalog, out _);

        Assert.Equal(404, error.Status);
        Assert.Contains("GET /v1/models", error.Message, StringComparison.Ordinal);
        Assert.Contains("GET|HEAD /healthz", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/health,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_method_on_a_known_path_is_a_405_naming_the_allowed_methods()
    {
        var request = Request("DELETE", "/v1/models/gemini-2.5-flash");

        var error = PathHints.Diagnose(request, request.Path, Catalog, out var allow);

        Assert.Equal(405, error.Status);
        Assert.Equal(["GET"], allow);
        Assert.Contains("accepts GET", error.Message, StringComparison.Ordinal);
    }

    private static HttpRequest Request(string method, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1:8045");
        return context.Request;
    }

    private static RouteEndpoint Route(string pattern, params string[] methods) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, new EndpointMetadataCollection(new HttpMethodMetadata(methods)), pattern);
}
