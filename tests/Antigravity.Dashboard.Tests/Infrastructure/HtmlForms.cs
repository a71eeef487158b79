using System.Net;
using System.Text.RegularExpressions;

namespace Antigravity.Dashboard.Tests.Infrastructure;

/// <summary>Submits the server-rendered forms the way a browser does: with the antiforgery token and the form's handler name.</summary>
public static partial class HtmlForms
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string formName, IReadOnlyDictionary<string, string> fields, string? clientIp = null)
    {
        using var page = await client.GetAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{formName}\"", html, StringComparison.Ordinal);
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, "The page has no antiforgery token.");

        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, pageUrl) { Content = new FormUrlEncodedContent(form) };
        if (clientIp is not null)
        {
            request.Headers.Add(DashboardFactory.ClientIpHeader, clientIp);
        }
        return await client.SendAsync(request);
    }

    /// <summary>The antiforgery token a page's forms carry, for posts built by hand (multipart, or after the page changed).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>Signs in through the <c>/login</c> form.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string password, string pageUrl = "/login", string? clientIp = null) =>
        SubmitAsync(client, pageUrl, "login", new Dictionary<string, string> { ["Input.Password"] = password }, clientIp);

    /// <summary>Where a redirect goes, as path and query; fails when it leaves this site.</summary>
    public static string LocalRedirectTarget(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }
        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
