namespace Antigravity.Protocols;

/// <summary>
/// A client-input problem found while parsing or translating a request: which field, and what is wrong.
/// The gateway answers it with a 400 in the caller's protocol.
/// </summary>
/// <param name="Field">Path of the offending field, e.g. <c>messages[2].content[0].type</c>; <c>""</c> for the whole body.</param>
/// <param name="Message">What is wrong, in a sentence a client developer can act on.</param>
public sealed record ProtocolError(string Field, string Message)
{
    /// <summary>The field and the message as one line, e.g. <c>messages[0].role: must be "user" or "assistant"</c>.</summary>
    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}
