namespace Antigravity.Redis;

/// <summary>The server is unreachable, the connection dropped, or a command timed out.</summary>
public class RedisConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisConnectionException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>A command did not get its reply within the command timeout.</summary>
public sealed class RedisTimeoutException : RedisConnectionException
{
    /// <summary>Creates the exception.</summary>
    public RedisTimeoutException(string message) : base(message)
    {
    }
}

/// <summary>The server answered with an error reply (<c>-ERR …</c>, <c>-WRONGTYPE …</c>).</summary>
public sealed class RedisServerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisServerException(string message) : base(message)
    {
    }

    /// <summary>The error prefix, e.g. <c>ERR</c>, <c>WRONGTYPE</c>, <c>NOSCRIPT</c>.</summary>
    public string Prefix => Message.Split(' ', 2)[0];
}
