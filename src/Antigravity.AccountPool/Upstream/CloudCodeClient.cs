using System.Net;
using System.Text;
using System.Text.Json;
using Antigravity.AccountPool.Quota;
using Microsoft.Extensions.Options;

namespace Antigravity.AccountPool.Upstream;

/// <summary>A Cloud Code call failed on every base URL; <see cref="Status"/> is the last answer (0: network).</summary>
internal sealed class CloudCodeException(int status, string? body, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string? Body { get; } = body;
}

/// <summary>The account's project and tier from <c>loadCodeAssist</c>.</summary>
internal sealed record CodeAssistInfo(string? ProjectId, string? Tier);

/// <summary>
/// Calls the Cloud Code <c>v1internal</c> methods the pool needs (<c>loadCodeAssist</c>, <c>fetchAvailableModels</c>),
/// trying the configured base URLs in order on 404, 408, 5xx or a network error.
/// </summary>
internal sealed class CloudCodeClient(HttpClient http, IOptionsMonitor<CloudCodeOptions> options)
{
    public async Task<CodeAssistInfo> LoadCodeAssistAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var document = await PostAsync("loadCodeAssist", accessToken, """{"metadata":{"ideType":"ANTIGRAVITY"}}""", cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        string? project = null;
        if (root.TryGetProperty("cloudaicompanionProject", out var p))
        {
            project = p.ValueKind switch
            {
                JsonValueKind.String => p.GetString(),
                JsonValueKind.Object when p.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
                _ => null,
            };
        }
        var tier = TierId(root, "paidTier") ?? TierId(root, "currentTier");
        if (tier is null && root.TryGetProperty("allowedTiers", out var allowed) && allowed.ValueKind == JsonValueKind.Array)
        {
            foreach (var candidate in allowed.EnumerateArray())
            {
                var id = candidate.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                tier ??= id;
                if (candidate.TryGetProperty("isDefault", out var isDefault) && isDefault.ValueKind == JsonValueKind.True && id is not null)
                {
                    tier = id;
                    break;
                }
            }
        }
        return new CodeAssistInfo(string.IsNullOrEmpty(project) ? null : project, tier);
    }

    public async Task<IReadOnlyList<ModelQuota>> FetchAvailableModelsAsync(string accessToken, string? projectId, CancellationToken cancellationToken)
    {
        var body = projectId is null ? "{}" : "{\"project\":" + JsonSerializer.Serialize(projectId, PoolUpstreamJsonContext.Default.String) + "}";
        using var document = await PostAsync("fetchAvailableModels", accessToken, body, cancellationToken).ConfigureAwait(false);
        List<ModelQuota> models = [];
        if (document.RootElement.TryGetProperty("models", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in map.EnumerateObject())
            {
                var value = entry.Value;
                double? fraction = null;
                DateTimeOffset? reset = null;
                if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("quotaInfo", out var quota) && quota.ValueKind == JsonValueKind.Object)
                {
                    if (quota.TryGetProperty("remainingFraction", out var f) && f.ValueKind == JsonValueKind.Number)
                    {
                        fraction = f.GetDouble();
                    }
                    else
                    {
                        fraction = 0; // Google omits remainingFraction when nothing is left
                    }
                    if (quota.TryGetProperty("resetTime", out var r) && r.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(r.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
                    {
                        reset = at;
                    }
                }
                var displayName = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("displayName", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                models.Add(new ModelQuota { Model = entry.Name, DisplayName = displayName, RemainingFraction = fraction, ResetTime = reset });
            }
        }
        return models;
    }

    private static string? TierId(JsonElement root, string name) =>
        root.TryGetProperty(name, out var tier) && tier.ValueKind == JsonValueKind.Object && tier.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    private async Task<JsonDocument> PostAsync(string method, string accessToken, string body, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var lastStatus = 0;
        string? lastBody = null;
        foreach (var baseUrl in settings.EffectiveBaseUrls)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl.TrimEnd('/') + "/v1internal:" + method)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", accessToken);
            request.Headers.TryAddWithoutValidation("User-Agent", settings.UserAgent);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                lastStatus = 0;
                continue;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastStatus = 0;
                continue;
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    try
                    {
                        return JsonDocument.Parse(text);
                    }
                    catch (JsonException)
                    {
                        throw new CloudCodeException((int)response.StatusCode, null, $"{method} answered something that is not JSON.");
                    }
                }
                lastStatus = (int)response.StatusCode;
                lastBody = text;
                if (!(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.RequestTimeout || lastStatus >= 500))
                {
                    break;
                }
            }
        }
        throw new CloudCodeException(lastStatus, lastBody, lastStatus == 0 ? $"{method}: no Cloud Code base URL could be reached." : $"{method} answered {lastStatus}.");
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class PoolUpstreamJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
