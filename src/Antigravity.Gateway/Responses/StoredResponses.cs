using System.Buffers;
using System.Text.Json;
using Antigravity.Contracts;
using Antigravity.Gateway.Upstream;
using Antigravity.Protocols.Responses;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Antigravity.Gateway.Responses;

/// <summary>A stored response and the input it answered.</summary>
/// <param name="Response">The response object as JSON.</param>
/// <param name="History">Its input items followed by its output items: what a continuation starts from.</param>
internal sealed record StoredResponse(JsonElement Response, IReadOnlyList<ResponsesInputItem> History);

/// <summary>
/// Responses kept in Redis (<c>ag:responses:{id}</c>, TTL <c>Proxy:StoredResponseHours</c>) so that a request
/// with <c>previous_response_id</c> continues the conversation on any gateway replica.
/// </summary>
internal sealed class StoredResponses(IConnectionMultiplexer redis, IOptions<UpstreamOptions> options)
{
    /// <summary>Stores <paramref name="response"/> with the full input it answered.</summary>
    public async Task SaveAsync(ResponsesResponse response, IEnumerable<ResponsesInputItem> input, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("response");
            JsonSerializer.Serialize(writer, response, ResponsesJsonContext.Default.ResponsesResponse);
            writer.WritePropertyName("input");
            ResponsesItemsWriter.Write(writer, input);
            writer.WriteEndObject();
        }

        cancellationToken.ThrowIfCancellationRequested();
        await redis.GetDatabase().StringSetAsync(RedisKeys.StoredResponse(response.Id), buffer.WrittenMemory,
            TimeSpan.FromHours(options.Value.StoredResponseHours), When.Always).ConfigureAwait(false);
    }

    /// <summary>The stored response <paramref name="id"/>, or null when unknown or expired.</summary>
    public async Task<StoredResponse?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsWellFormedId(id))
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var json = await redis.GetDatabase().StringGetLeaseAsync(RedisKeys.StoredResponse(id)).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json.Memory);
        var root = document.RootElement;
        var input = ResponsesRequestParser.ParseItems(root.GetProperty("input"), "input");
        var output = ResponsesRequestParser.ParseItems(root.GetProperty("response").GetProperty("output"), "output");
        if (!input.IsSuccess || !output.IsSuccess)
        {
            return null;
        }

        return new StoredResponse(root.GetProperty("response").Clone(), [.. input.Value!, .. output.Value!]);
    }

    /// <summary>Deletes <paramref name="id"/>; false when there was nothing to delete.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        IsWellFormedId(id) && await redis.GetDatabase().KeyDeleteAsync(RedisKeys.StoredResponse(id)).WaitAsync(cancellationToken).ConfigureAwait(false);

    // Ids are ours (resp_ + 32 hex): anything else cannot be stored, and never reaches a Redis key name.
    private static bool IsWellFormedId(string id) =>
        id.Length == 37 && id.StartsWith("resp_", StringComparison.Ordinal) && id.AsSpan(5).IndexOfAnyExcept("0123456789abcdef") < 0;
}
