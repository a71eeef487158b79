namespace Antigravity.Gateway.Requests;

/// <summary>Gives the request its id and puts it on the response before anything else runs.</summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var sent = context.Request.Headers[RequestIds.HeaderName].ToString();
        var id = RequestIds.IsAcceptable(sent) ? sent : RequestIds.Create();
        context.TraceIdentifier = id;
        context.Response.Headers[RequestIds.HeaderName] = id;
        return next(context);
    }
}
