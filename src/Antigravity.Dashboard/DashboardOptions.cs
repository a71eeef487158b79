using Microsoft.Extensions.Options;

namespace Antigravity.Dashboard;

/// <summary>Options of the dashboard (section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Dashboard";

    /// <summary>Shortest admin password accepted from configuration.</summary>
    public const int MinimumPasswordLength = 8;

    /// <summary>
    /// The admin password (<c>Dashboard:AdminPassword</c>, e.g. <c>Dashboard__AdminPassword</c>). Wins over the
    /// stored one; only its hash goes to Redis. When unset, the stored one counts.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>
    /// The password to store (as a hash) when Redis holds none yet (<c>Dashboard:InitialAdminPassword</c>). The
    /// AppHost passes a fresh one at every start and prints it when the dashboard took it. Unset: one is generated
    /// that nobody can read, so set <see cref="AdminPassword"/> when running the dashboard alone.
    /// </summary>
    public string? InitialAdminPassword { get; set; }

    /// <summary>
    /// The Aspire dashboard's address (<c>Dashboard:AspireDashboardUrl</c>, set by the AppHost when it runs one):
    /// a request's detail links to its trace there. Unset: no link.
    /// </summary>
    public Uri? AspireDashboardUrl { get; set; }

    /// <summary>How long a UI sign-in lasts without activity (<c>Dashboard:SessionIdleTimeout</c>, default 12 h).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>Says which <see cref="DashboardOptions"/> value is wrong.</summary>
public sealed class ValidateDashboardOptions : IValidateOptions<DashboardOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.AdminPassword is { } password)
        {
            if (password.Length > 0 && password.Length < DashboardOptions.MinimumPasswordLength)
            {
                failures.Add($"Dashboard:AdminPassword must be at least {DashboardOptions.MinimumPasswordLength} characters long (got {password.Length}); leave it unset to have one generated.");
            }
            else if (password.Length > 0 && string.IsNullOrWhiteSpace(password))
            {
                failures.Add("Dashboard:AdminPassword must not be only whitespace; leave it unset to have one generated.");
            }
        }
        if (options.InitialAdminPassword is { Length: > 0 } initial && initial.Length < DashboardOptions.MinimumPasswordLength)
        {
            failures.Add($"Dashboard:InitialAdminPassword must be at least {DashboardOptions.MinimumPasswordLength} characters long (got {initial.Length}).");
        }
        if (options.SessionIdleTimeout < TimeSpan.FromMinutes(1) || options.SessionIdleTimeout > TimeSpan.FromDays(30))
        {
            failures.Add($"Dashboard:SessionIdleTimeout must be between 00:01:00 and 30.00:00:00 (got {options.SessionIdleTimeout}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
