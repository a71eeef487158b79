using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.Generation;

/// <summary>A function call a scripted turn makes: the name must be one the request declares.</summary>
internal sealed record ScriptedCall(string Name, JsonObject Arguments);

/// <summary>
/// One scripted model turn: either a call of a declared function or a text answer, played for the first request
/// that meets every condition the turn names.
/// </summary>
internal sealed record ScriptedTurn(string Model, string? WhenText, string? AfterTool, ScriptedCall? Call, string? Text)
{
    public bool Matches(PromptSummary prompt)
    {
        if (!ModelPattern.Matches(Model, prompt.Model))
        {
            return false;
        }
        if (WhenText is not null && !prompt.LastUserText.Contains(WhenText, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (AfterTool is not null)
        {
            return string.Equals(prompt.LastToolResult?.Name, AfterTool, StringComparison.Ordinal) && CallIsDeclared(prompt);
        }
        // A call answers a user turn, never a tool result: a client that runs the tool and comes back must not be
        // sent the same call again.
        return Call is null || (prompt.LastToolResult is null && CallIsDeclared(prompt));
    }

    private bool CallIsDeclared(PromptSummary prompt) =>
        Call is null || prompt.Tools.Any(t => string.Equals(t.Name, Call.Name, StringComparison.Ordinal));
}

/// <summary>
/// The turns a test queued with <c>POST /_emulator/script</c> so that a real client (Codex, Claude Code, Gemini CLI)
/// runs one of its own tools with chosen arguments and then reads a chosen answer. Each turn is played once, by the
/// first generation request it matches (in the order queued); requests no turn matches get the planner's usual
/// answer, so a client's side requests (titles, quota probes) do not consume the script.
/// </summary>
internal sealed class ReplyScript
{
    private readonly Lock _gate = new();
    private readonly List<ScriptedTurn> _turns = [];

    public void Enqueue(IEnumerable<ScriptedTurn> turns)
    {
        lock (_gate)
        {
            _turns.AddRange(turns);
        }
    }

    public IReadOnlyList<ScriptedTurn> Pending
    {
        get
        {
            lock (_gate)
            {
                return [.. _turns];
            }
        }
    }

    public int Clear()
    {
        lock (_gate)
        {
            var count = _turns.Count;
            _turns.Clear();
            return count;
        }
    }

    /// <summary>Removes and returns the first queued turn <paramref name="prompt"/> matches, if any.</summary>
    public ScriptedTurn? Take(PromptSummary prompt)
    {
        lock (_gate)
        {
            var index = _turns.FindIndex(t => t.Matches(prompt));
            if (index < 0)
            {
                return null;
            }
            var turn = _turns[index];
            _turns.RemoveAt(index);
            return turn;
        }
    }
}

/// <summary>The emulator's model patterns: <c>*</c>, an exact name, or a prefix ending in <c>*</c> (case-insensitive).</summary>
internal static class ModelPattern
{
    public static bool Matches(string pattern, string? model)
    {
        if (pattern == "*")
        {
            return true;
        }
        if (model is null)
        {
            return false;
        }
        var bare = model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
        return pattern.EndsWith('*')
            ? bare.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(bare, pattern, StringComparison.OrdinalIgnoreCase);
    }
}
