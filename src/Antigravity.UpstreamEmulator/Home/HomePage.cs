using System.Text;
using Antigravity.UpstreamEmulator.Control;
using Antigravity.UpstreamEmulator.State;
using Microsoft.Extensions.Options;

namespace Antigravity.UpstreamEmulator.Home;

/// <summary><c>GET /</c>: a plain-text page with the credentials to use and the paths served.</summary>
internal static class HomePage
{
    public static IEndpointConventionBuilder MapHomePage(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/", Render).WithTags("Emulator control");

    private static IResult Render(HttpContext context, EmulatorState state, IOptions<EmulatorOptions> options)
    {
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        var text = new StringBuilder();
        text.AppendLine("Antigravity upstream emulator");
        text.AppendLine("=============================");
        text.AppendLine();
        text.AppendLine("Stands in for Google OAuth, Cloud Code v1internal, the Gemini API, and Anthropic- and OpenAI-compatible providers.");
        text.AppendLine();
        text.AppendLine("Gateway configuration:");
        text.AppendLine($"  Upstream__OAuth__AuthorizeUrl   = {baseUrl}/o/oauth2/v2/auth");
        text.AppendLine($"  Upstream__OAuth__TokenUrl       = {baseUrl}/token");
        text.AppendLine($"  Upstream__OAuth__UserInfoUrl    = {baseUrl}/oauth2/v2/userinfo");
        text.AppendLine($"  Upstream__OAuth__ClientId       = {options.Value.ClientId}");
        text.AppendLine($"  Upstream__OAuth__ClientSecret   = {options.Value.ClientSecret}");
        text.AppendLine($"  Upstream__CloudCode__BaseUrls__0 = {baseUrl}");
        text.AppendLine($"  Upstream__GeminiApi__BaseUrl    = {baseUrl}");
        text.AppendLine($"  Anthropic-compatible base URL   = {baseUrl}/anthropic");
        text.AppendLine($"  OpenAI-compatible base URL      = {baseUrl}/openai/v1");
        text.AppendLine();
        text.AppendLine("Google accounts (refresh token -> email, tier, project):");
        foreach (var account in state.Accounts)
        {
            text.AppendLine($"  {account.RefreshToken} -> {account.Email}, {account.Tier.Name()}, {account.ProjectId ?? "(no project)"}{(account.Revoked ? ", REVOKED" : "")}");
        }
        text.AppendLine();
        text.AppendLine("API keys:");
        foreach (var key in state.Keys)
        {
            text.AppendLine($"  {key.Kind.Name(),-10} {key.Key}  (id {key.Id})");
        }
        text.AppendLine();
        text.AppendLine("Paths:");
        foreach (var (name, path) in ControlViews.Paths)
        {
            text.AppendLine($"  {name,-15} {path}");
        }
        text.AppendLine();
        text.AppendLine("Behaviour of the emulated models: the reply is \"Emulated reply from <model> to: <first 60 chars of the last user text>\".");
        text.AppendLine("With function tools declared, a last user text containing \"tool\" or \"weather\" gets a function call; a tool result gets a text quoting it.");
        text.AppendLine("Thinking (includeThoughts / thinkingBudget / thinkingLevel, Anthropic thinking, reasoning_effort, or a model name with \"thinking\") comes first and is signed.");
        return Results.Text(text.ToString(), "text/plain; charset=utf-8");
    }
}
