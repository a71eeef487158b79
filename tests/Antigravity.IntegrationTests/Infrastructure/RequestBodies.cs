using System.Text;

namespace Antigravity.IntegrationTests.Infrastructure;

/// <summary>Request bodies the tests send as raw text, imported everywhere (<c>using static</c> in the project file).</summary>
internal static class RequestBodies
{
    /// <summary>A JSON body, <c>application/json; charset=utf-8</c>, sent exactly as written.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
