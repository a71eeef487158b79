using System.Text.Encodings.Web;
using System.Text.Json;

namespace Antigravity.UpstreamEmulator;

/// <summary>
/// Serializer settings for upstream answers: characters such as <c>'</c>, <c>&lt;</c> and <c>&amp;</c> are written
/// as themselves, as Google, Anthropic and OpenAI do, rather than as <c>\u0027</c> escapes.
/// </summary>
internal static class EmulatorJson
{
    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
}
