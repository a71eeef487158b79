using System.Diagnostics;
using System.Diagnostics.Metrics;
using Antigravity.Contracts.Accounts;

namespace Antigravity.Gateway.Monitor;

/// <summary>
/// The gateway's own spans and meters (source and meter <c>Antigravity.Gateway</c>, exported by ServiceDefaults):
/// a span per lease and per upstream attempt under the request's server span, the OpenTelemetry GenAI
/// attributes on that server span, and meters for requests, tokens, time to first token, lease wait and held leases.
/// </summary>
internal static class GatewayTelemetry
{
    /// <summary>The source and meter name.</summary>
    public const string Name = "Antigravity.Gateway";

    /// <summary>Spans of the gateway's own work.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("antigravity.gateway.requests", "{request}", "Proxied requests, by protocol and status code.");
    private static readonly Histogram<long> Tokens = Meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}", "Tokens per request, by gen_ai.token.type (input or output).");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s", "Whole request duration.");
    private static readonly Histogram<double> FirstToken = Meter.CreateHistogram<double>("gen_ai.server.time_to_first_token", "s", "Time until the answer's first byte reached the client.");
    private static readonly Histogram<double> LeaseWait = Meter.CreateHistogram<double>("antigravity.gateway.lease.duration", "s", "Time to lease an account from the pool.");
    private static readonly Counter<long> HeldLeaseUses = Meter.CreateCounter<long>("antigravity.gateway.lease.held", "{request}", "Attempts served by a lease held for the conversation, without a call to the pool.");

    /// <summary>Records how long a lease took and whether it gave an account.</summary>
    public static void RecordLease(TimeSpan elapsed, bool granted) =>
        LeaseWait.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("antigravity.lease.granted", granted));

    /// <summary>Counts an attempt served by a held lease.</summary>
    public static void RecordHeldLease() => HeldLeaseUses.Add(1);

    /// <summary>Puts the GenAI attributes on the request's server span and records the request's meters.</summary>
    public static void RecordRequest(Activity? server, RequestRecord record, string system, int status, TimeSpan duration, TimeSpan? firstByte)
    {
        var usage = record.Usage;
        var output = usage.OutputTokens + usage.ReasoningTokens;
        if (server is not null)
        {
            server.SetTag("gen_ai.operation.name", "chat");
            server.SetTag("gen_ai.system", system);
            server.SetTag("gen_ai.request.model", record.ClientModel);
            server.SetTag("gen_ai.response.model", record.UpstreamModel);
            server.SetTag("gen_ai.usage.input_tokens", usage.InputTokens);
            server.SetTag("gen_ai.usage.output_tokens", output);
            server.SetTag("antigravity.account.id", record.AccountId);
            server.SetTag("antigravity.attempts", record.Attempts);
            if (firstByte is { } first)
            {
                server.SetTag("antigravity.time_to_first_token_ms", (long)first.TotalMilliseconds);
            }
        }
        var protocol = new KeyValuePair<string, object?>("antigravity.protocol", record.Protocol);
        Requests.Add(1, protocol, new("http.response.status_code", status));
        if (record.ClientModel is null)
        {
            return; // Not a model call (a model list, a count of tokens…): no GenAI meters.
        }
        var model = new KeyValuePair<string, object?>("gen_ai.request.model", record.ClientModel);
        var genAiSystem = new KeyValuePair<string, object?>("gen_ai.system", system);
        Duration.Record(duration.TotalSeconds, genAiSystem, model, new("http.response.status_code", status));
        if (firstByte is { } ttft && status < 400)
        {
            FirstToken.Record(ttft.TotalSeconds, genAiSystem, model);
        }
        if (usage.InputTokens > 0 || output > 0)
        {
            Tokens.Record(usage.InputTokens, genAiSystem, model, new("gen_ai.token.type", "input"));
            Tokens.Record(output, genAiSystem, model, new("gen_ai.token.type", "output"));
        }
    }
}
