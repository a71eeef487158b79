namespace Antigravity.Redis.Protocol;

/// <summary>The server sent bytes that are not valid RESP; the connection cannot be trusted any more.</summary>
internal sealed class RedisProtocolException(string message) : Exception(message);
