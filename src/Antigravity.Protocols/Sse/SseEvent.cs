namespace Antigravity.Protocols.Sse;

/// <summary>One dispatched server-sent event.</summary>
/// <param name="EventType">The <c>event:</c> field, or null when absent (the default <c>message</c> type).</param>
/// <param name="Data">The <c>data:</c> lines joined with <c>\n</c>, as UTF-8 bytes owned by this event.</param>
/// <param name="Id">The <c>id:</c> field of this event, if any.</param>
public readonly record struct SseEvent(string? EventType, ReadOnlyMemory<byte> Data, string? Id)
{
    /// <summary>True for OpenAI's end-of-stream sentinel <c>data: [DONE]</c>.</summary>
    public bool IsDone => Data.Span.SequenceEqual("[DONE]"u8);
}
