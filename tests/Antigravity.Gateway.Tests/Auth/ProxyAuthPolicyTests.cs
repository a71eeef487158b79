using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Auth;
using Microsoft.AspNetCore.Http;

namespace Antigravity.Gateway.Tests.Auth;

public sealed class ProxyAuthPolicyTests
{
    private const string Key = "sk-0123456789abcdef0123456789abcdef";

    // The request shapes of the brief, each with whether it carries the right key.
    public enum Shape
    {
        NoHeader,
        CorrectBearer,
        BearerWithoutSpace,
        RawKeyInAuthorization,
        CorrectXApiKey,
        CorrectXGoogApiKey,
        WrongAuthorizationThenCorrectXApiKey,
        Options,
        Healthz,
        Health,
    }

    public static TheoryData<ProxyAuthMode, bool, Shape, string> Matrix()
    {
        var data = new TheoryData<ProxyAuthMode, bool, Shape, string>();
        foreach (var (mode, lan) in new[]
        {
            (ProxyAuthMode.Off, false), (ProxyAuthMode.Off, true),
            (ProxyAuthMode.Strict, false), (ProxyAuthMode.AllExceptHealth, false),
            (ProxyAuthMode.Auto, false), (ProxyAuthMode.Auto, true),
        })
        {
            var effective = mode.Effective(lan);
            foreach (var shape in Enum.GetValues<Shape>())
            {
                data.Add(mode, lan, shape, Expected(effective, shape).ToString());
            }
        }
        return data;
    }

    // The rules, stated once: off lets all through; OPTIONS and the orchestrator probe /health always pass;
    // all_except_health exempts /healthz too; the first key header present decides and "Bearer<key>" is not stripped.
    private static AuthVerdict Expected(ProxyAuthMode effective, Shape shape)
    {
        if (effective == ProxyAuthMode.Off || shape == Shape.Options)
        {
            return AuthVerdict.Allow;
        }
        if (shape == Shape.Health)
        {
            return AuthVerdict.Allow;
        }
        if (shape == Shape.Healthz)
        {
            return effective == ProxyAuthMode.AllExceptHealth ? AuthVerdict.Allow : AuthVerdict.MissingKey;
        }
        return shape switch
        {
            Shape.NoHeader => AuthVerdict.MissingKey,
            Shape.BearerWithoutSpace or Shape.WrongAuthorizationThenCorrectXApiKey => AuthVerdict.WrongKey,
            _ => AuthVerdict.Allow,
        };
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Every_mode_and_request_shape_gets_the_documented_verdict(ProxyAuthMode mode, bool allowLan, Shape shape, string expected)
    {
        var (method, path, headers) = Build(shape);
        var settings = new ProxySettings { AuthMode = mode, ApiKey = ProxyApiKey.FromPlaintext(Key) };

        var decision = ProxyAuthPolicy.Decide(settings, allowLan, method, path, headers, null);

        Assert.Equal(expected, decision.Verdict.ToString());
        Assert.Equal(mode.Effective(allowLan), decision.EffectiveMode);
    }

    [Theory]
    [InlineData(ProxyAuthMode.Strict, false)]
    [InlineData(ProxyAuthMode.AllExceptHealth, false)]
    [InlineData(ProxyAuthMode.Auto, true)]
    public void An_empty_api_key_with_auth_on_refuses_even_a_request_that_sends_a_key(ProxyAuthMode mode, bool allowLan)
    {
        var settings = new ProxySettings { AuthMode = mode, ApiKey = ProxyApiKey.FromPlaintext("") };
        var headers = new HeaderDictionary { ["Authorization"] = "Bearer " + Key };

        var decision = ProxyAuthPolicy.Decide(settings, allowLan, "GET", "/v1/models", headers, null);

        Assert.Equal(AuthVerdict.KeyNotConfigured, decision.Verdict);
        Assert.Contains("none is configured", decision.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_api_key_with_auth_off_lets_requests_through()
    {
        var settings = new ProxySettings { AuthMode = ProxyAuthMode.Auto, ApiKey = ProxyApiKey.FromPlaintext("") };

        var decision = ProxyAuthPolicy.Decide(settings, false, "POST", "/v1/chat/completions", new HeaderDictionary(), null);

        Assert.True(decision.IsAllowed);
    }

    // Seed 001, "Common Pitfalls", one test per row.
    [Fact]
    public void Pitfall_auto_with_lan_access_guards_localhost_calls_too()
    {
        var settings = new ProxySettings { AuthMode = ProxyAuthMode.Auto, ApiKey = ProxyApiKey.FromPlaintext(Key) };

        var withLan = ProxyAuthPolicy.Decide(settings, true, "GET", "/v1/models", new HeaderDictionary(), null);
        var withoutLan = ProxyAuthPolicy.Decide(settings, false, "GET", "/v1/models", new HeaderDictionary(), null);

        Assert.Equal(AuthVerdict.MissingKey, withLan.Verdict);
        Assert.Equal(ProxyAuthMode.AllExceptHealth, withLan.EffectiveMode);
        Assert.True(withoutLan.IsAllowed);
    }

    [Fact]
    public void Pitfall_a_wrong_authorization_header_wins_over_a_correct_x_api_key()
    {
        var settings = new ProxySettings { AuthMode = ProxyAuthMode.Strict, ApiKey = ProxyApiKey.FromPlaintext(Key) };
        var headers = new HeaderDictionary { ["Authorization"] = "Bearer sk-someotherkey123", ["x-api-key"] = Key };

        var decision = ProxyAuthPolicy.Decide(settings, false, "POST", "/v1/messages", headers, null);

        Assert.Equal(AuthVerdict.WrongKey, decision.Verdict);
        Assert.Equal(ApiKeySource.Authorization, decision.Key!.Source);
        Assert.Contains("the Authorization header", decision.RefusalMessage, StringComparison.Ordinal);
        Assert.Contains("first one present decides", decision.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Pitfall_bearer_without_a_space_is_refused_and_the_message_says_why()
    {
        var settings = new ProxySettings { AuthMode = ProxyAuthMode.Strict, ApiKey = ProxyApiKey.FromPlaintext(Key) };
        var headers = new HeaderDictionary { ["Authorization"] = "Bearer" + Key };

        var decision = ProxyAuthPolicy.Decide(settings, false, "GET", "/v1/models", headers, null);

        Assert.Equal(AuthVerdict.WrongKey, decision.Verdict);
        Assert.Contains("without a space", decision.RefusalMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, decision.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Pitfall_an_empty_api_key_refuses_everything_guarded()
    {
        var settings = new ProxySettings { AuthMode = ProxyAuthMode.AllExceptHealth, ApiKey = ProxyApiKey.FromPlaintext("") };

        var guarded = ProxyAuthPolicy.Decide(settings, false, "GET", "/v1/models", new HeaderDictionary(), null);
        var probe = ProxyAuthPolicy.Decide(settings, false, "GET", "/healthz", new HeaderDictionary(), null);

        Assert.Equal(AuthVerdict.KeyNotConfigured, guarded.Verdict);
        Assert.True(probe.IsAllowed);
    }

    [Theory]
    [InlineData("bearer ")]
    [InlineData("BEARER ")]
    [InlineData("Bearer ")]
    public void The_bearer_prefix_is_case_insensitive(string prefix)
    {
        var read = PresentedApiKey.Read(new HeaderDictionary { ["Authorization"] = prefix + Key }, "/v1/models", null);

        Assert.Equal(Key, read!.Value);
    }

    [Fact]
    public void Only_one_space_after_bearer_is_stripped()
    {
        var read = PresentedApiKey.Read(new HeaderDictionary { ["Authorization"] = "Bearer  " + Key }, "/v1/models", null);

        Assert.Equal(" " + Key, read!.Value);
        Assert.False(ProxyApiKey.FromPlaintext(Key).Matches(read.Value));
    }

    [Fact]
    public void Headers_are_read_in_order_authorization_then_x_api_key_then_x_goog_api_key()
    {
        var all = new HeaderDictionary { ["x-goog-api-key"] = "c", ["x-api-key"] = "b", ["Authorization"] = "a" };
        var noAuthorization = new HeaderDictionary { ["x-goog-api-key"] = "c", ["x-api-key"] = "b" };
        var onlyGoogle = new HeaderDictionary { ["x-goog-api-key"] = "c" };

        Assert.Equal((ApiKeySource.Authorization, "a"), Pair(PresentedApiKey.Read(all, "/v1/models", null)));
        Assert.Equal((ApiKeySource.XApiKey, "b"), Pair(PresentedApiKey.Read(noAuthorization, "/v1/models", null)));
        Assert.Equal((ApiKeySource.XGoogApiKey, "c"), Pair(PresentedApiKey.Read(onlyGoogle, "/v1/models", null)));
    }

    [Fact]
    public void The_key_query_parameter_counts_only_under_v1beta_and_after_the_headers()
    {
        var query = new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["key"] = Key });

        var gemini = PresentedApiKey.Read(new HeaderDictionary(), "/v1beta/models", query);
        var openAi = PresentedApiKey.Read(new HeaderDictionary(), "/v1/models", query);
        var headerFirst = PresentedApiKey.Read(new HeaderDictionary { ["x-goog-api-key"] = "wrong" }, "/v1beta/models", query);

        Assert.Equal(ApiKeySource.KeyQueryParameter, gemini!.Source);
        Assert.Null(openAi);
        Assert.Equal(ApiKeySource.XGoogApiKey, headerFirst!.Source);
    }

    [Fact]
    public void A_correct_key_query_parameter_lets_a_gemini_client_through()
    {
        var settings = new ProxySettings { AuthMode = ProxyAuthMode.Strict, ApiKey = ProxyApiKey.FromPlaintext(Key) };
        var query = new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["key"] = Key });

        var decision = ProxyAuthPolicy.Decide(settings, false, "GET", "/v1beta/models", new HeaderDictionary(), query);

        Assert.True(decision.IsAllowed);
    }

    [Fact]
    public void A_missing_key_message_says_how_to_send_one()
    {
        var settings = new ProxySettings { AuthMode = ProxyAuthMode.Strict, ApiKey = ProxyApiKey.FromPlaintext(Key) };

        var decision = ProxyAuthPolicy.Decide(settings, false, "GET", "/v1/models", new HeaderDictionary(), null);

        Assert.Contains("Authorization: Bearer <key>", decision.RefusalMessage, StringComparison.Ordinal);
        Assert.Contains("x-api-key", decision.RefusalMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sk-abc", "sk-abc", true)]
    [InlineData("sk-abc", "sk-abd", false)]
    [InlineData("sk-ab", "sk-abc", false)]
    [InlineData("", "sk-abc", false)]
    [InlineData("sk-é", "sk-é", true)]
    public void Keys_match_only_when_identical(string presented, string expected, bool match) =>
        Assert.Equal(match, ProxyApiKey.FromPlaintext(expected).Matches(presented));

    [Fact]
    public void The_gateway_checks_a_key_against_its_stored_hash_alone()
    {
        // What the gateway reads from Redis: the hash and an encrypted copy it cannot (and need not) read.
        var stored = new ProxyApiKey { Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key))), Protected = "opaque" };
        var settings = new ProxySettings { AuthMode = ProxyAuthMode.Strict, ApiKey = stored };

        var right = ProxyAuthPolicy.Decide(settings, false, "GET", "/v1/models", new HeaderDictionary { ["x-api-key"] = Key }, null);
        var wrong = ProxyAuthPolicy.Decide(settings, false, "GET", "/v1/models", new HeaderDictionary { ["x-api-key"] = Key + "x" }, null);
        var longKey = ProxyAuthPolicy.Decide(settings, false, "GET", "/v1/models", new HeaderDictionary { ["x-api-key"] = new string('k', 5_000) }, null);

        Assert.Null(stored.PendingPlaintext);
        Assert.True(right.IsAllowed);
        Assert.Equal(AuthVerdict.WrongKey, wrong.Verdict);
        Assert.Equal(AuthVerdict.WrongKey, longKey.Verdict);
    }

    [Theory]
    [InlineData("/HEALTHZ")]
    [InlineData("/healthz/")]
    [InlineData("/alive")]
    public void Probe_paths_are_recognised_as_routing_matches_them(string path)
    {
        var settings = new ProxySettings { AuthMode = ProxyAuthMode.AllExceptHealth, ApiKey = ProxyApiKey.FromPlaintext(Key) };

        Assert.True(ProxyAuthPolicy.Decide(settings, false, "GET", path, new HeaderDictionary(), null).IsAllowed);
    }

    [Fact]
    public void Strict_guards_healthz_but_not_the_orchestrator_probes()
    {
        var settings = new ProxySettings { AuthMode = ProxyAuthMode.Strict, ApiKey = ProxyApiKey.FromPlaintext(Key) };

        Assert.Equal(AuthVerdict.MissingKey, ProxyAuthPolicy.Decide(settings, false, "GET", "/healthz", new HeaderDictionary(), null).Verdict);
        Assert.True(ProxyAuthPolicy.Decide(settings, false, "GET", "/health", new HeaderDictionary(), null).IsAllowed);
        Assert.True(ProxyAuthPolicy.Decide(settings, false, "GET", "/alive", new HeaderDictionary(), null).IsAllowed);
    }

    [Theory]
    [InlineData("/healthzz")]
    [InlineData("/healthz/v1/models")]
    [InlineData("/v1/healthz")]
    public void Paths_that_only_look_like_probes_are_guarded(string path)
    {
        var settings = new ProxySettings { AuthMode = ProxyAuthMode.AllExceptHealth, ApiKey = ProxyApiKey.FromPlaintext(Key) };

        Assert.Equal(AuthVerdict.MissingKey, ProxyAuthPolicy.Decide(settings, false, "GET", path, new HeaderDictionary(), null).Verdict);
    }

    private static (ApiKeySource, string) Pair(PresentedApiKey? key) => (key!.Source, key.Value);

    private static (string Method, PathString Path, HeaderDictionary Headers) Build(Shape shape) => shape switch
    {
        Shape.NoHeader => ("GET", "/v1/models", new HeaderDictionary()),
        Shape.CorrectBearer => ("POST", "/v1/chat/completions", new HeaderDictionary { ["Authorization"] = "Bearer " + Key }),
        Shape.BearerWithoutSpace => ("POST", "/v1/chat/completions", new HeaderDictionary { ["Authorization"] = "Bearer" + Key }),
        Shape.RawKeyInAuthorization => ("POST", "/v1/chat/completions", new HeaderDictionary { ["Authorization"] = Key }),
        Shape.CorrectXApiKey => ("POST", "/v1/messages", new HeaderDictionary { ["x-api-key"] = Key }),
        Shape.CorrectXGoogApiKey => ("POST", "/v1beta/models/gemini-2.5-flash:generateContent", new HeaderDictionary { ["x-goog-api-key"] = Key }),
        Shape.WrongAuthorizationThenCorrectXApiKey => ("POST", "/v1/messages", new HeaderDictionary { ["Authorization"] = "Bearer sk-wrongwrongwrong", ["x-api-key"] = Key }),
        Shape.Options => ("OPTIONS", "/v1/chat/completions", new HeaderDictionary()),
        Shape.Healthz => ("GET", "/healthz", new HeaderDictionary()),
        Shape.Health => ("GET", "/health", new HeaderDictionary()),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };
}
