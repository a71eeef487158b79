using System.Globalization;

namespace Antigravity.Redis;

/// <summary>The RESP reply kinds.</summary>
public enum RedisResultType
{
    /// <summary><c>+OK</c>.</summary>
    SimpleString,

    /// <summary><c>-ERR …</c>.</summary>
    Error,

    /// <summary><c>:1</c>.</summary>
    Integer,

    /// <summary><c>$3\r\nfoo</c>.</summary>
    BulkString,

    /// <summary><c>*2 …</c>.</summary>
    Array,

    /// <summary><c>$-1</c> or <c>*-1</c>.</summary>
    Null,
}

/// <summary>A RESP reply.</summary>
public sealed class RedisResult
{
    private readonly string? _text;
    private readonly long _integer;
    private readonly IReadOnlyList<RedisResult>? _items;

    private RedisResult(RedisResultType type, string? text, long integer, IReadOnlyList<RedisResult>? items)
    {
        Type = type;
        _text = text;
        _integer = integer;
        _items = items;
    }

    /// <summary>The null reply.</summary>
    public static RedisResult Null { get; } = new(RedisResultType.Null, null, 0, null);

    /// <summary>The reply kind.</summary>
    public RedisResultType Type { get; }

    /// <summary>True for a null bulk string or null array.</summary>
    public bool IsNull => Type == RedisResultType.Null;

    /// <summary>Creates a simple-string reply.</summary>
    public static RedisResult SimpleString(string text) => new(RedisResultType.SimpleString, text, 0, null);

    /// <summary>Creates an error reply.</summary>
    public static RedisResult Error(string message) => new(RedisResultType.Error, message, 0, null);

    /// <summary>Creates an integer reply.</summary>
    public static RedisResult Integer(long value) => new(RedisResultType.Integer, null, value, null);

    /// <summary>Creates a bulk-string reply.</summary>
    public static RedisResult BulkString(string value) => new(RedisResultType.BulkString, value, 0, null);

    /// <summary>Creates an array reply.</summary>
    public static RedisResult Array(IReadOnlyList<RedisResult> items) => new(RedisResultType.Array, null, 0, items);

    /// <summary>The text of a string or error reply, the decimal text of an integer, null for null.</summary>
    public string? AsString() => Type switch
    {
        RedisResultType.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        RedisResultType.Array => throw new InvalidCastException("An array reply has no string value."),
        _ => _text,
    };

    /// <summary>The value of an integer reply, or a string reply parsed as an integer.</summary>
    public long AsInt64() => Type switch
    {
        RedisResultType.Integer => _integer,
        RedisResultType.BulkString or RedisResultType.SimpleString when long.TryParse(_text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new InvalidCastException($"A {Type} reply is not an integer."),
    };

    /// <summary>The value of a reply parsed as a double (Redis spells infinities <c>inf</c>/<c>-inf</c>).</summary>
    public double AsDouble() => Type switch
    {
        RedisResultType.Integer => _integer,
        RedisResultType.BulkString or RedisResultType.SimpleString => ParseDouble(_text!),
        _ => throw new InvalidCastException($"A {Type} reply is not a number."),
    };

    /// <summary>The items of an array reply (empty for a null array).</summary>
    public IReadOnlyList<RedisResult> AsArray() => Type switch
    {
        RedisResultType.Array => _items!,
        RedisResultType.Null => [],
        _ => throw new InvalidCastException($"A {Type} reply is not an array."),
    };

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        RedisResultType.Array => $"[{string.Join(", ", _items!)}]",
        RedisResultType.Null => "(nil)",
        _ => AsString() ?? string.Empty,
    };

    internal static double ParseDouble(string text) => text switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
