using System.Net;
using System.Net.Http.Headers;

namespace Antigravity.Protocols.Tests.Sdk;

/// <summary>Answers every request with a fixed body: the official SDKs parse our output with no network.</summary>
internal sealed class StubHandler(byte[] body, string mediaType) : HttpMessageHandler
{
    public int Requests { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
