using Antigravity.Gateway.Upstream;

namespace Antigravity.Gateway.Tests.Upstream;

public sealed class UpstreamOptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new ValidateUpstreamOptions().Validate(null, new UpstreamOptions()).Succeeded);

    [Theory]
    [InlineData(0, 3, 15, "Proxy:MaxRequestBodyBytes")]
    [InlineData(1_000_000, 0, 15, "Proxy:MaxUpstreamAttempts")]
    [InlineData(1_000_000, 3, 0, "Proxy:KeepAliveSeconds")]
    public void A_bad_value_is_refused_with_its_key(long maxBody, int attempts, double keepAlive, string key)
    {
        var result = new ValidateUpstreamOptions().Validate(null, new UpstreamOptions
        {
            MaxRequestBodyBytes = maxBody,
            MaxUpstreamAttempts = attempts,
            KeepAliveSeconds = keepAlive,
        });

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }
}
