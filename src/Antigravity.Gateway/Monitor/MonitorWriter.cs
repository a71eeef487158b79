using Antigravity.Contracts.Monitor;
using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Hosting;

namespace Antigravity.Gateway.Monitor;

/// <summary>
/// Drains the <see cref="MonitorQueue"/> in batches: redacts what body logging kept, shortens and redacts the
/// error, and stores the batch through <see cref="MonitorStore"/> (one script for the whole batch: whatever finished
/// within <see cref="Linger"/> of the first record, or while the previous batch was written). A batch that cannot be stored (Redis down) is dropped and logged,
/// never retried into an ever-growing backlog.
/// </summary>
internal sealed partial class MonitorWriter(MonitorQueue queue, MonitorStore store, ProxySettingsMonitor settings, TimeProvider time, ILogger<MonitorWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 256;

    /// <summary>
    /// How long a batch waits for more records after its first. A record costs Redis a script and a dozen increments
    /// when it goes alone; in a batch, the script and the summed increments are shared, and Redis wakes once per batch
    /// instead of competing with every request for the CPU. The live monitor shows a request at most this much later.
    /// </summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(100);

    /// <summary>A full queue is reported at most this often (a line per batch would flood the log under overload).</summary>
    private static readonly TimeSpan DropReportInterval = TimeSpan.FromSeconds(10);

    private long _lastDropReport;

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // What is queued is still written; the host's shutdown timeout bounds the wait.
        queue.Complete();
        return base.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var entries = new List<MonitorEntry>(MaxBatch);
        var batch = new List<MonitorAppend>(MaxBatch);
        while (await queue.Reader.ReadBatchAsync(entries, MaxBatch, Linger, time, stoppingToken).ConfigureAwait(false))
        {
            foreach (var entry in entries)
            {
                try
                {
                    // The gateway holds only the API key's hash; the key a client sent is in its own headers.
                    var (record, bodies) = Prepare(entry, PresentedKeys(entry));
                    batch.Add(new MonitorAppend(record, bodies));
                }
                catch (Exception exception)
                {
                    // A body the redactor chokes on loses that record, never the writer.
                    Log.WriteFailed(logger, entry.Record.Id, exception.Message);
                }
            }
            var maxRecords = settings.Current?.Monitor.MaxRecords ?? new MonitorSettings().MaxRecords;
            try
            {
                await store.AppendAsync(batch, maxRecords, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Recording is best effort: a batch Redis cannot take (down, timing out) is lost, never retried
                // into an ever-growing backlog — and an escaping exception would stop the gateway.
                Log.BatchFailed(logger, batch.Count, exception.Message);
            }
            entries.Clear();
            batch.Clear();
            ReportDropped();
        }
    }

    /// <summary>Says how many records a full queue dropped, at most once per <see cref="DropReportInterval"/>.</summary>
    private void ReportDropped()
    {
        var now = time.GetTimestamp();
        if (_lastDropReport != 0 && time.GetElapsedTime(_lastDropReport, now) < DropReportInterval)
        {
            return;
        }
        if (queue.TakeDropped() is > 0 and var dropped)
        {
            Log.Dropped(logger, dropped, MonitorQueue.Capacity);
            _lastDropReport = now;
        }
    }

    /// <summary>The record and bodies as stored: error shortened and redacted, bodies redacted and truncated.</summary>
    public static (MonitorRecord Record, MonitorBodies? Bodies) Prepare(MonitorEntry entry, IReadOnlyCollection<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var record = entry.Record;
        // Whatever a client sent (a path, a model name) is stored bounded: records and statistics stay small.
        record = record with
        {
            Path = MonitorLimits.Bound(record.Path)!,
            ClientModel = MonitorLimits.Bound(record.ClientModel),
            UpstreamModel = MonitorLimits.Bound(record.UpstreamModel),
            AccountLabel = MonitorLimits.Bound(record.AccountLabel),
        };
        if (record.Error is { } error)
        {
            error = SecretRedactor.RedactText(error, secrets);
            record = record with { Error = MonitorLimits.Bound(error, MonitorLimits.MaxErrorChars) };
        }
        if (entry.RequestHeaders is null && entry.RequestBody is null && entry.ResponseBody is null)
        {
            return (record, null);
        }

        Dictionary<string, string>? headers = null;
        if (entry.RequestHeaders is { } requestHeaders)
        {
            headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in requestHeaders)
            {
                headers[name] = SecretRedactor.IsSensitiveName(name) ? SecretRedactor.Mask : SecretRedactor.RedactText(value, secrets);
            }
        }
        string? requestBody = null, responseBody = null;
        bool requestTruncated = false, responseTruncated = false;
        if (entry.RequestBody is { Length: > 0 } request)
        {
            requestBody = SecretRedactor.RedactBody(request.Span, IsJson(entry.RequestContentType), MonitorLimits.MaxBodyChars, secrets, out requestTruncated);
        }
        if (entry.ResponseBody is { Length: > 0 } response)
        {
            responseBody = SecretRedactor.RedactBody(response.Span, !entry.ResponseTruncated && IsJson(entry.ResponseContentType),
                MonitorLimits.MaxBodyChars, secrets, out responseTruncated);
            responseTruncated |= entry.ResponseTruncated;
        }
        return (record, new MonitorBodies
        {
            RequestHeaders = headers,
            RequestBody = requestBody,
            RequestBodyTruncated = requestTruncated,
            ResponseBody = responseBody,
            ResponseBodyTruncated = responseTruncated,
        });
    }

    /// <summary>The credentials the client sent (the proxy's key when it was accepted), to redact by value wherever they recur.</summary>
    internal static IReadOnlyCollection<string> PresentedKeys(MonitorEntry entry)
    {
        if (entry.RequestHeaders is not { } headers)
        {
            return [];
        }
        List<string>? keys = null;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-goog-api-key", StringComparison.OrdinalIgnoreCase))
            {
                var key = value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..] : value;
                if (key.Length > 0)
                {
                    (keys ??= []).Add(key);
                }
            }
        }
        return keys ?? (IReadOnlyCollection<string>)[];
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Monitor: {Count} request records were dropped because the queue ({Capacity}) was full.")]
        public static partial void Dropped(ILogger logger, long count, int capacity);

        [LoggerMessage(2, LogLevel.Warning, "Monitor: the record of request {RequestId} could not be stored: {Reason}")]
        public static partial void WriteFailed(ILogger logger, string requestId, string reason);

        [LoggerMessage(3, LogLevel.Warning, "Monitor: {Count} request records could not be stored: {Reason}")]
        public static partial void BatchFailed(ILogger logger, int count, string reason);
    }
}
