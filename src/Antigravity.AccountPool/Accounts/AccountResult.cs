using Antigravity.Contracts.Accounts;

namespace Antigravity.AccountPool.Accounts;

/// <summary>An admin operation's answer: a value with its status, or an error naming the field.</summary>
internal sealed record AccountResult<T>(int Status, T? Value, FieldError? Error)
{
    public static AccountResult<T> Ok(T value, int status = 200) => new(status, value, null);

    public static AccountResult<T> Fail(int status, string error, string? field = null) => new(status, default, new FieldError { Error = error, Field = field });
}
