using System.Net;
using Antigravity.Dashboard.Auth;
using Antigravity.Dashboard.Tests.Infrastructure;

namespace Antigravity.Dashboard.Tests.Auth;

public sealed class SignInThrottleTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Four_failures_cost_nothing_and_the_fifth_locks_the_address_for_ten_seconds()
    {
        var throttle = new SignInThrottle(_time);
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(throttle.RecordFailure(Client));
            Assert.Null(throttle.RetryAfter(Client));
        }

        Assert.Equal(TimeSpan.FromSeconds(10), throttle.RecordFailure(Client));
        Assert.Equal(TimeSpan.FromSeconds(10), throttle.RetryAfter(Client));
        Assert.Null(throttle.RetryAfter(IPAddress.Parse("192.0.2.11")));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(throttle.RetryAfter(Client));
    }

    [Fact]
    public void Each_further_failure_doubles_the_lockout_up_to_fifteen_minutes()
    {
        var throttle = new SignInThrottle(_time);
        for (var i = 0; i < 4; i++)
        {
            throttle.RecordFailure(Client);
        }

        List<TimeSpan> lockouts = [];
        for (var i = 0; i < 10; i++)
        {
            var lockout = throttle.RecordFailure(Client)!.Value;
            lockouts.Add(lockout);
            _time.Advance(lockout);
        }

        Assert.Equal([10, 20, 40, 80, 160, 320, 640, 900, 900, 900], lockouts.Select(l => (int)l.TotalSeconds));
    }

    [Fact]
    public void A_quiet_minute_after_the_lockout_forgets_the_address()
    {
        var throttle = new SignInThrottle(_time);
        for (var i = 0; i < 5; i++)
        {
            throttle.RecordFailure(Client);
        }

        _time.Advance(TimeSpan.FromSeconds(10) + SignInThrottle.Window);

        Assert.Null(throttle.RecordFailure(Client));
    }

    [Fact]
    public void Failures_spread_wider_than_the_window_never_lock()
    {
        var throttle = new SignInThrottle(_time);
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(throttle.RecordFailure(Client));
            _time.Advance(SignInThrottle.Window);
        }
    }

    [Fact]
    public void A_correct_password_forgets_earlier_failures()
    {
        var throttle = new SignInThrottle(_time);
        for (var i = 0; i < 4; i++)
        {
            throttle.RecordFailure(Client);
        }

        throttle.RecordSuccess(Client);

        Assert.Null(throttle.RecordFailure(Client));
    }

    [Fact]
    public void An_ipv4_client_seen_over_ipv6_counts_as_the_same_address()
    {
        var throttle = new SignInThrottle(_time);
        for (var i = 0; i < 5; i++)
        {
            throttle.RecordFailure(Client);
        }

        Assert.NotNull(throttle.RetryAfter(Client.MapToIPv6()));
    }
}
