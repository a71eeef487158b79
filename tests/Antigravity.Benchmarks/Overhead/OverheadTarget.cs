using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Antigravity.Benchmarks.Overhead;

/// <summary>One way to ask for the same answer: a URL, its credentials and a body.</summary>
/// <param name="Name">What the table calls it.</param>
/// <param name="Client">A client with pooled connections to the target.</param>
/// <param name="Path">Path and query of the request.</param>
/// <param name="Body">JSON body.</param>
/// <param name="Headers">Credentials and protocol headers.</param>
public sealed record OverheadTarget(string Name, HttpClient Client, string Path, string Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Sends the request once and times the first body byte and the end of the body.</summary>
    /// <exception cref="InvalidOperationException">The target did not answer 200 with an emulated reply.</exception>
    public async Task<LatencySample> MeasureAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var buffer = new byte[16 * 1024];
        var body = new MemoryStream();
        var clock = Stopwatch.StartNew();
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        double firstByte = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length == 0)
            {
                firstByte = clock.Elapsed.TotalMilliseconds;
            }
            body.Write(buffer, 0, read);
        }
        var total = clock.Elapsed.TotalMilliseconds;

        var text = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
        if (!response.IsSuccessStatusCode || !text.Contains("Emulated reply", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Name}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 400)]}");
        }
        return new LatencySample(firstByte, total);
    }

    /// <summary>A client with one pooled connection set, as an SDK would hold.</summary>
    public static HttpClient CreateClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestHeaders = { Accept = { new MediaTypeWithQualityHeaderValue("*/*") } },
        };
}
