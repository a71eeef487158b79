using System.Text;
using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.Faults;

/// <summary>An error answer in an upstream's own shape: status, JSON body and extra headers.</summary>
internal sealed class ErrorReply(int status, JsonObject body, string contentType = "application/json; charset=UTF-8") : IResult
{
    public int Status { get; } = status;
    public JsonObject Body { get; } = body;
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Google APIs pretty-print their error bodies; the others answer compact JSON.</summary>
    public bool Indented { get; init; }

    public ErrorReply WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    public string BodyText => Body.ToJsonString(Indented ? EmulatorJson.Indented : EmulatorJson.Compact);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = contentType;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }
        await response.WriteAsync(BodyText + (Indented ? "\n" : ""), Encoding.UTF8, httpContext.RequestAborted);
    }
}
