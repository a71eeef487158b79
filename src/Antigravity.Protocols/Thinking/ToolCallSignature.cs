namespace Antigravity.Protocols.Thinking;

/// <summary>A signature captured from an upstream answer, to be stored in an <see cref="ISignatureCache"/>.</summary>
/// <param name="ToolCallId">The tool-call id the client sees (<c>toolu_…</c> / <c>call_…</c>).</param>
/// <param name="Signature">The Gemini <c>thoughtSignature</c>, byte-exact.</param>
public readonly record struct ToolCallSignature(string ToolCallId, string Signature);
