namespace Antigravity.Contracts.Settings;

/// <summary>The request monitor: what the gateway records for every proxied request (part of <see cref="ProxySettings"/>).</summary>
public sealed record MonitorSettings
{
    /// <summary>Fewest and most records kept.</summary>
    public const int MinRecords = 100, MaxRecordsLimit = 1_000_000;

    /// <summary>Record requests at all (default on).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Keep request and response bodies too (default off; keys and tokens are redacted either way).</summary>
    public bool LogBodies { get; init; }

    /// <summary>How many records are kept, newest first (default 10,000).</summary>
    public int MaxRecords { get; init; } = 10_000;

    /// <summary>Null when usable, else which field is wrong and why.</summary>
    public string? Validate() =>
        MaxRecords is < MinRecords or > MaxRecordsLimit
            ? $"monitor.maxRecords must be between {MinRecords} and {MaxRecordsLimit} (got {MaxRecords})."
            : null;
}
