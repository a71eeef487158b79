using Antigravity.Dashboard.Endpoints;
using Antigravity.Dashboard.ProxyConfig;
using Microsoft.AspNetCore.Components;
using Antigravity.Contracts.Redis;

namespace Antigravity.Dashboard.Components.Shared;

/// <summary>
/// Base of the API Proxy page's cards that post a change: it applies a change built by
/// <see cref="ProxyConfigRules"/> (the same rules as <c>PATCH /api/proxy/config</c>) through
/// <see cref="ProxyConfigService"/>, then redirects (post/redirect/get) or shows why it could not.
/// </summary>
public abstract class ProxyConfigForm : ComponentBase
{
    /// <summary>The configuration shown.</summary>
    [Parameter, EditorRequired]
    public ProxyConfigResponse Config { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private ProxyConfigService Service { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Why the last submission was refused, shown next to its form.</summary>
    protected string? Error { get; private set; }

    /// <summary>Applies <paramref name="change"/> unless <paramref name="invalid"/> says why not; redirects to <paramref name="notice"/> on success.</summary>
    internal async Task SubmitAsync(FieldError? invalid, ProxyConfigChange change, string notice)
    {
        if (invalid is not null || change.IsEmpty)
        {
            Refuse(StatusCodes.Status400BadRequest, invalid?.Message ?? "Nothing to change.");
            return;
        }
        if (await TryAsync(() => Service.ApplyAsync(change, HttpContext.RequestAborted)))
        {
            Navigation.NavigateTo(Pages.ProxyNotices.Url(notice));
        }
    }

    /// <summary>Generates a new API key; redirects to <paramref name="notice"/> on success.</summary>
    internal async Task RegenerateAsync(string notice)
    {
        if (await TryAsync(() => Service.RegenerateApiKeyAsync(HttpContext.RequestAborted)))
        {
            Navigation.NavigateTo(Pages.ProxyNotices.Url(notice));
        }
    }

    private async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (Exception ex) when (ex.IsRedisOutage())
        {
            Refuse(StatusCodes.Status503ServiceUnavailable, "Not saved: " + DashboardExceptionHandler.RedisHint);
        }
        catch (HttpRequestException)
        {
            Refuse(StatusCodes.Status503ServiceUnavailable, "Not saved: the account pool service is not reachable; try again in a moment.");
        }
        catch (InvalidOperationException ex)
        {
            Refuse(StatusCodes.Status409Conflict, "Not saved: " + ex.Message);
        }
        return false;
    }

    private void Refuse(int status, string message)
    {
        HttpContext.Response.StatusCode = status;
        Error = message;
    }
}
