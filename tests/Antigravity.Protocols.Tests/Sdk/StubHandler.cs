using System.Net;
using System.Net.Http.Headers;

namespace Antigravity.Protocols.Tests.Sdk;

/// <summary>Answers every request with a fixed body: the official SDKs parse our output with no network.</summary>
internal sealed class StubHandler(byte[] body, string mediaType) : HttpMessageHandler
{
    public int Requests { get; private set; }

    /// <summary>The body of the last request, as the SDK serialized it.</summary>
    public byte[] LastRequestBody { get; private set; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        LastRequestBody = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
