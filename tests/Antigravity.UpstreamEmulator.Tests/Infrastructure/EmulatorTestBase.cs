using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.Tests.Infrastructure;

/// <summary>Starts every test from the seeded state and offers the calls most tests make.</summary>
public abstract class EmulatorTestBase : IClassFixture<EmulatorFactory>
{
    protected const string Ultra = "emulator-refresh-1";
    protected const string Pro = "emulator-refresh-2";
    protected const string Free = "emulator-refresh-3";
    protected const string GeminiKey = "emulator-gemini-key";
    protected const string AnthropicKey = "emulator-anthropic-key";
    protected const string OpenAiKey = "emulator-openai-key";

    protected EmulatorTestBase(EmulatorFactory factory)
    {
        Client = factory.CreateSocketClient();
        using var reset = Client.PostAsync("/_emulator/reset", null).GetAwaiter().GetResult();
        reset.EnsureSuccessStatusCode();
    }

    protected HttpClient Client { get; }

    protected static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    protected static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    protected async Task<HttpResponseMessage> RefreshAsync(string refreshToken, string clientId = "emulator-client-id", string clientSecret = "emulator-client-secret")
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        });
        return await Client.PostAsync("/token", form);
    }

    protected async Task<string> AccessTokenAsync(string refreshToken = Ultra)
    {
        using var response = await RefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response))["access_token"]!.GetValue<string>();
    }

    protected async Task<HttpResponseMessage> CloudCodeAsync(string method, JsonNode body, string? accessToken, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1internal:{method}{query}") { Content = Json(body) };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        return await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    protected static JsonObject Envelope(string model, JsonObject request, string project = "emulator-project-1") => new()
    {
        ["project"] = project,
        ["model"] = model,
        ["request"] = request,
        ["userAgent"] = "antigravity",
        ["requestType"] = "agent",
        ["requestId"] = "agent-test-1",
    };

    protected static JsonObject UserText(string text) => new()
    {
        ["role"] = "user",
        ["parts"] = new JsonArray(new JsonObject { ["text"] = text }),
    };

    protected static JsonObject GeminiRequest(params JsonObject[] contents) => new() { ["contents"] = new JsonArray(contents) };

    protected async Task<HttpResponseMessage> BehaviourAsync(JsonObject rule)
    {
        var response = await Client.PostAsync("/_emulator/behaviours", Json(rule));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response;
    }

    protected static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    protected static async Task<JsonObject> ErrorAsync(HttpResponseMessage response, int status)
    {
        var body = await ReadJsonAsync(response);
        Assert.Equal(status, (int)response.StatusCode);
        return body;
    }

    /// <summary>The Google error object (<c>body.error</c>) after checking code and status agree with the HTTP status.</summary>
    protected static async Task<JsonObject> GoogleErrorAsync(HttpResponseMessage response, int status, string grpcStatus)
    {
        var error = (await ErrorAsync(response, status))["error"]!.AsObject();
        Assert.Equal(status, error["code"]!.GetValue<int>());
        Assert.Equal(grpcStatus, error["status"]!.GetValue<string>());
        return error;
    }

    protected static JsonObject Detail(JsonObject error, string type) =>
        error["details"]!.AsArray().Single(d => d!["@type"]!.GetValue<string>() == type)!.AsObject();
}
