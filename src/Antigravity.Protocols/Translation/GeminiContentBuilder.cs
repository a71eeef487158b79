using Antigravity.Protocols.Gemini;

namespace Antigravity.Protocols.Translation;

/// <summary>
/// Collects Gemini contents turn by turn: consecutive parts of the same role join one content (Gemini wants
/// alternating turns, and parallel function responses in one turn), and empty turns are dropped.
/// </summary>
internal sealed class GeminiContentBuilder
{
    private readonly List<GeminiContent?> _contents = [];
    private string? _role;
    private List<GeminiPart> _parts = [];

    public void Add(string role, GeminiPart part)
    {
        if (part.Text is { Length: 0 } && part.ThoughtSignature is null && part.Thought is null)
        {
            return;
        }

        if (_role != role)
        {
            Flush();
            _role = role;
        }

        _parts.Add(part);
    }

    public IReadOnlyList<GeminiContent?> Build()
    {
        Flush();
        return _contents;
    }

    private void Flush()
    {
        if (_role is not null && _parts.Count > 0)
        {
            _contents.Add(new GeminiContent { Role = _role, Parts = _parts });
            _parts = [];
        }

        _role = null;
    }
}
