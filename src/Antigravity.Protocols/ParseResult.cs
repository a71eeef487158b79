using System.Diagnostics.CodeAnalysis;

namespace Antigravity.Protocols;

/// <summary>Either a parsed, validated value or the first <see cref="ProtocolError"/> found in the input.</summary>
/// <typeparam name="T">The parsed model.</typeparam>
public readonly struct ParseResult<T>
    where T : class
{
    private ParseResult(T? value, ProtocolError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The parsed value; set when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>The problem; set when parsing failed.</summary>
    public ProtocolError? Error { get; }

    /// <summary>True when <see cref="Value"/> holds a valid model.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Value is not null;

    /// <summary>A successful result.</summary>
    public static ParseResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failed result.</summary>
    public static ParseResult<T> Failure(ProtocolError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>A failed result for <paramref name="field"/>.</summary>
    public static ParseResult<T> Failure(string field, string message) => new(null, new ProtocolError(field, message));

    /// <summary>Converts a <see cref="ProtocolError"/> into a failed result.</summary>
    public static implicit operator ParseResult<T>(ProtocolError error) => Failure(error);

    /// <summary>A successful result holding <paramref name="value"/>.</summary>
    public static implicit operator ParseResult<T>(T value) => Success(value);
}
