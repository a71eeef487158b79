namespace Antigravity.UpstreamEmulator.Generation;

/// <summary>Splits an answer into the pieces a stream sends: 3 to 6 pieces on word boundaries, joined back exactly.</summary>
internal static class TextChunker
{
    public static IReadOnlyList<string> Split(string text, int minPieces = 3, int maxPieces = 6)
    {
        if (text.Length == 0)
        {
            return [];
        }
        var boundaries = new List<int>();
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == ' ')
            {
                boundaries.Add(i);
            }
        }
        var pieces = Math.Clamp((text.Length + 19) / 20, minPieces, maxPieces);
        pieces = Math.Min(pieces, boundaries.Count + 1);
        var result = new List<string>(pieces);
        var start = 0;
        for (var p = 1; p < pieces; p++)
        {
            var ideal = text.Length * p / pieces;
            var cut = boundaries.Where(b => b > start).OrderBy(b => Math.Abs(b - ideal)).FirstOrDefault();
            if (cut <= start)
            {
                break;
            }
            result.Add(text[start..cut]);
            start = cut;
        }
        result.Add(text[start..]);
        return result;
    }

    /// <summary>Cuts a string into <paramref name="pieces"/> nearly equal parts (for JSON argument deltas).</summary>
    public static IReadOnlyList<string> SplitEvenly(string text, int pieces)
    {
        pieces = Math.Clamp(pieces, 1, Math.Max(1, text.Length));
        var result = new List<string>(pieces);
        for (var p = 0; p < pieces; p++)
        {
            result.Add(text[(text.Length * p / pieces)..(text.Length * (p + 1) / pieces)]);
        }
        return result;
    }
}
