namespace Antigravity.Dashboard.Tests.Auth;

public sealed class DashboardOptionsTests
{
    private static readonly ValidateDashboardOptions Validator = new();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eight-ch")]
    [InlineData("a much longer pass phrase with spaces")]
    public void Unset_or_long_enough_passwords_are_accepted(string? password) =>
        Assert.True(Validator.Validate(null, new DashboardOptions { AdminPassword = password }).Succeeded);

    [Theory]
    [InlineData("1234567", "at least 8 characters")]
    [InlineData("         ", "whitespace")]
    public void Unusable_passwords_are_refused_with_the_reason(string password, string reason)
    {
        var result = Validator.Validate(null, new DashboardOptions { AdminPassword = password });

        Assert.True(result.Failed);
        Assert.Contains("Dashboard:AdminPassword", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(reason, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_timeout_out_of_range_is_refused()
    {
        var result = Validator.Validate(null, new DashboardOptions { SessionIdleTimeout = TimeSpan.FromSeconds(5) });

        Assert.True(result.Failed);
        Assert.Contains("Dashboard:SessionIdleTimeout", result.FailureMessage, StringComparison.Ordinal);
    }
}
