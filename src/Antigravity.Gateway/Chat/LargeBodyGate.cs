using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace Antigravity.Gateway.Chat;

/// <summary>
/// Caps how many large request bodies are held at once (<see cref="GatewayLimitsOptions.MaxConcurrentLargeBodies"/>
/// bodies of <see cref="GatewayLimitsOptions.LargeBodyBytes"/> or more), so memory stays bounded by the cap times
/// the body limit whatever arrives; one more is refused at once with a 503 and <c>Retry-After</c>.
/// </summary>
internal sealed class LargeBodyGate(IOptions<GatewayLimitsOptions> options)
{
    private const int RetryAfterSeconds = 2;

    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentLargeBodies, options.Value.MaxConcurrentLargeBodies);

    /// <summary>Bodies at least this large need a slot.</summary>
    public long Threshold { get; } = options.Value.LargeBodyBytes;

    /// <summary>The answer when every slot is taken.</summary>
    public ApiError Busy { get; } = new(StatusCodes.Status503ServiceUnavailable, ApiErrorKind.Overloaded,
        $"The gateway is already reading {options.Value.MaxConcurrentLargeBodies} large request bodies (setting Proxy:Limits:MaxConcurrentLargeBodies); retry in a moment.",
        "too_many_large_bodies", RetryAfterSeconds);

    /// <summary>Takes a slot for the rest of the request (released when the response is done), or false when none is free.</summary>
    public bool TryEnter(HttpContext context)
    {
        if (!_slots.Wait(0))
        {
            return false;
        }
        context.Response.RegisterForDispose(new Slot(_slots));
        return true;
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
