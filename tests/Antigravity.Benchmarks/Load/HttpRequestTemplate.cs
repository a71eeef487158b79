using System.Net;
using System.Text;

namespace Antigravity.Benchmarks.Load;

/// <summary>
/// One HTTP/1.1 POST, encoded once: the load generator writes the same bytes for every request, so the cost of
/// building a request is never part of what is measured.
/// </summary>
public sealed class HttpRequestTemplate
{
    private HttpRequestTemplate(IPEndPoint endPoint, byte[] bytes, string description)
    {
        EndPoint = endPoint;
        Bytes = bytes;
        Description = description;
    }

    /// <summary>Where the request goes.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Request line, headers and body.</summary>
    public byte[] Bytes { get; }

    /// <summary><c>POST http://host:port/path</c>, for error messages.</summary>
    public string Description { get; }

    /// <summary>A JSON POST to <paramref name="baseAddress"/> (loopback) + <paramref name="path"/> with extra headers.</summary>
    public static HttpRequestTemplate JsonPost(Uri baseAddress, string path, string body, IReadOnlyDictionary<string, string> headers)
    {
        var host = IPAddress.Parse(baseAddress.Host == "localhost" ? "127.0.0.1" : baseAddress.Host);
        var content = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append("POST ").Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(baseAddress.Authority).Append("\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Accept: */*\r\n")
            .Append("Content-Length: ").Append(content.Length).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        head.Append("\r\n");
        var bytes = new byte[Encoding.ASCII.GetByteCount(head.ToString()) + content.Length];
        var written = Encoding.ASCII.GetBytes(head.ToString(), bytes);
        content.CopyTo(bytes, written);
        return new HttpRequestTemplate(new IPEndPoint(host, baseAddress.Port), bytes, $"POST {baseAddress.GetLeftPart(UriPartial.Authority)}{path}");
    }
}
