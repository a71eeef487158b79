using Antigravity.Protocols.Gemini;

namespace Antigravity.Protocols.Tests.Gemini;

public sealed class RemoteMediaTests
{
    [Fact]
    public void Http_file_parts_are_listed_once_and_replaced_by_downloaded_bytes()
    {
        var request = new GeminiGenerateContentRequest
        {
            Contents =
            [
                new GeminiContent
                {
                    Role = "user",
                    Parts =
                    [
                        new GeminiPart { Text = "look" },
                        new GeminiPart { FileData = new GeminiFileData { FileUri = "https://example.com/a.png", MimeType = "image/png" } },
                        new GeminiPart { FileData = new GeminiFileData { FileUri = "gs://bucket/b.png" } },
                        new GeminiPart { FileData = new GeminiFileData { FileUri = "https://example.com/a.png" } },
                    ],
                },
            ],
        };

        var uris = RemoteMedia.FindHttpFiles(request);
        var inlined = RemoteMedia.Inline(request, new Dictionary<string, GeminiBlob>
        {
            ["https://example.com/a.png"] = new() { MimeType = "image/png", Data = "iVBORw0KGgo=" },
        });

        Assert.Equal(["https://example.com/a.png"], uris);
        var parts = inlined.Contents![0]!.Parts!;
        Assert.Equal("iVBORw0KGgo=", parts[1].InlineData!.Data);
        Assert.Null(parts[1].FileData);
        Assert.Equal("gs://bucket/b.png", parts[2].FileData!.FileUri);
        Assert.Equal("iVBORw0KGgo=", parts[3].InlineData!.Data);
        Assert.Equal("https://example.com/a.png", request.Contents[0]!.Parts![1].FileData!.FileUri);
    }
}
