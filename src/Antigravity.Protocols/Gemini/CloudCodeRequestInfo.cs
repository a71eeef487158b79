namespace Antigravity.Protocols.Gemini;

/// <summary>What the Cloud Code <c>v1internal</c> envelope carries besides the request.</summary>
/// <param name="Project">The account's Cloud Code project id.</param>
/// <param name="Model">The upstream model name (after mapping).</param>
/// <param name="RequestId">A unique id for this request.</param>
/// <param name="UserAgent">Client identity inside the envelope.</param>
/// <param name="RequestType">Request kind inside the envelope.</param>
public sealed record CloudCodeRequestInfo(
    string Project,
    string Model,
    string RequestId,
    string UserAgent = "antigravity",
    string RequestType = "agent");
