using System.Globalization;
using System.Text;

namespace Antigravity.Redis.Commands;

/// <summary>
/// Streams for servers without them (Garnet 2.2 answers <c>XADD</c>, <c>XRANGE</c>, <c>XLEN</c> with
/// "unknown command"). A stream is kept as a sorted set whose members all score 0 and sort by text:
/// <c>&lt;20-digit ms&gt;-&lt;20-digit seq&gt;\n&lt;fields&gt;</c>, so <c>ZRANGEBYLEX</c> reads it in id order.
/// Ids look like real stream ids (<c>1732259999123-0</c>) and grow monotonically, even across clients with
/// skewed clocks, because a Lua script assigns them. Fields are written as <c>length:text</c> pairs.
/// </summary>
internal static class SortedSetStream
{
    private const int Digits = 20;

    /// <summary>ARGV: padded client ms, encoded fields, max length (-1 = no cap). Returns the padded id.</summary>
    public static readonly LuaScript Add = new("""
        local key = KEYS[1]
        local ms = ARGV[1]
        local seq = 0
        local last = redis.call('ZREVRANGE', key, 0, 0)
        if #last > 0 then
          local lastMs = string.sub(last[1], 1, 20)
          if lastMs >= ms then
            ms = lastMs
            seq = tonumber(string.sub(last[1], 22, 41)) + 1
          end
        end
        local id = ms .. '-' .. string.format('%020d', seq)
        redis.call('ZADD', key, 0, id .. '\n' .. ARGV[2])
        local cap = tonumber(ARGV[3])
        if cap >= 0 then
          local n = redis.call('ZCARD', key)
          if n > cap then
            redis.call('ZREMRANGEBYRANK', key, 0, n - cap - 1)
          end
        end
        return id
        """);

    public static string Now() => Pad(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    public static string Encode(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var text = new StringBuilder();
        foreach (var (field, value) in fields)
        {
            Append(text, field);
            Append(text, value);
        }
        return text.ToString();
    }

    /// <summary>Turns a stored member back into an entry.</summary>
    public static StreamEntry Decode(string member)
    {
        var newline = member.IndexOf('\n', StringComparison.Ordinal);
        var fields = new List<KeyValuePair<string, string>>();
        var position = newline + 1;
        while (position < member.Length)
        {
            var field = Read(member, ref position);
            var value = Read(member, ref position);
            fields.Add(new(field, value));
        }
        return new StreamEntry(Unpad(member[..newline]), fields);
    }

    /// <summary>The text of a padded id <c>ms-seq</c> as a stream id.</summary>
    public static string Unpad(string paddedId)
    {
        var dash = paddedId.IndexOf('-', StringComparison.Ordinal);
        return $"{long.Parse(paddedId[..dash], CultureInfo.InvariantCulture)}-{long.Parse(paddedId[(dash + 1)..], CultureInfo.InvariantCulture)}";
    }

    /// <summary>The <c>ZRANGEBYLEX</c> bound for an <c>XRANGE</c> start (<c>-</c>, <c>ms</c> or <c>ms-seq</c>).</summary>
    public static string LowerBound(string id) =>
        id == "-" ? "-" : "[" + PadId(id, missingSequence: 0);

    /// <summary>The <c>ZRANGEBYLEX</c> bound for an <c>XRANGE</c> end; members are <c>id\n…</c>, so the bound sits just past <c>\n</c>.</summary>
    public static string UpperBound(string id) =>
        id == "+" ? "+" : "(" + PadId(id, missingSequence: long.MaxValue) + "\u000b";

    private static string PadId(string id, long missingSequence)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        var ms = dash < 0 ? id : id[..dash];
        var seq = dash < 0 ? missingSequence : ParseId(id, id[(dash + 1)..]);
        return Pad(ParseId(id, ms)) + "-" + Pad(seq);
    }

    private static long ParseId(string id, string part) =>
        long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"'{id}' is not a stream id (ms or ms-seq, or - / +).", nameof(id));

    private static string Pad(long value) => value.ToString(CultureInfo.InvariantCulture).PadLeft(Digits, '0');

    private static void Append(StringBuilder text, string value) =>
        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);

    private static string Read(string member, ref int position)
    {
        var colon = member.IndexOf(':', position);
        var length = int.Parse(member.AsSpan(position, colon - position), CultureInfo.InvariantCulture);
        var value = member.Substring(colon + 1, length);
        position = colon + 1 + length;
        return value;
    }
}
