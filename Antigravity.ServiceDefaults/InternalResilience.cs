using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Antigravity.ServiceDefaults;

/// <summary>
/// The resilience pipeline for calls between our own services: a per-attempt timeout and a few quick
/// retries on transient failures, applied only to idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS)
/// so a retried call can never apply a change twice. Upstream LLM calls do not use it: the gateway's
/// failover decides there.
/// </summary>
public static class InternalResilience
{
    /// <summary>Builds the pipeline; exposed for tests and for services that call it directly.</summary>
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(TimeSpan? attemptTimeout = null) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => IsTransient(response.StatusCode)),
            })
            .AddTimeout(attemptTimeout ?? TimeSpan.FromSeconds(10))
            .Build();

    /// <summary>Adds the internal pipeline to this client.</summary>
    public static IHttpClientBuilder AddInternalResilience(this IHttpClientBuilder builder, TimeSpan? attemptTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var pipeline = CreatePipeline(attemptTimeout);
        return builder.AddHttpMessageHandler(() => new InternalResilienceHandler(pipeline));
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || (int)status >= 500;
}

internal sealed class InternalResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!IsIdempotent(request.Method) || request.Content is not null && request.Method != HttpMethod.Put)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return await pipeline.ExecuteAsync(
            async token =>
            {
                var response = await base.SendAsync(request, token).ConfigureAwait(false);
                return response;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put
        || method == HttpMethod.Delete || method == HttpMethod.Options;
}
