namespace Antigravity.Protocols.Models;

/// <summary><c>*</c> glob matching (case-insensitive) and specificity ordering for model patterns.</summary>
public static class WildcardPattern
{
    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/>, where <c>*</c> matches any run of characters.</summary>
    public static bool IsMatch(string pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        var segments = pattern.Split('*');
        if (segments.Length == 1)
        {
            return string.Equals(pattern, text, StringComparison.OrdinalIgnoreCase);
        }

        if (!text.StartsWith(segments[0], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var position = segments[0].Length;
        var last = segments[^1];
        for (var i = 1; i < segments.Length - 1; i++)
        {
            if (segments[i].Length == 0)
            {
                continue;
            }

            var found = text.IndexOf(segments[i], position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            position = found + segments[i].Length;
        }

        return text.Length - position >= last.Length && text.EndsWith(last, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Positive when <paramref name="a"/> is more specific than <paramref name="b"/>.</summary>
    public static int CompareSpecificity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var literal = Literal(a).CompareTo(Literal(b));
        if (literal != 0)
        {
            return literal;
        }

        var wildcards = Wildcards(b).CompareTo(Wildcards(a));
        return wildcards != 0 ? wildcards : string.CompareOrdinal(b, a);
    }

    private static int Wildcards(string pattern) => pattern.Count(c => c == '*');

    private static int Literal(string pattern) => pattern.Length - Wildcards(pattern);
}
