using System.Security.Cryptography;
using System.Text;

namespace Antigravity.Redis;

/// <summary>A Lua script and its SHA-1, for <c>EVALSHA</c>.</summary>
public sealed class LuaScript
{
    /// <summary>Creates a script from its source text.</summary>
    public LuaScript(string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        Source = source;
        Sha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(source)));
    }

    /// <summary>The Lua source.</summary>
    public string Source { get; }

    /// <summary>Lowercase hex SHA-1 of the UTF-8 source, as Redis computes it.</summary>
    public string Sha1 { get; }
}
