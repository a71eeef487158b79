using Antigravity.UpstreamEmulator.Generation;

namespace Antigravity.UpstreamEmulator.Control;

/// <summary><c>/_emulator/script</c>: queue model turns that make a real client run one of its tools.</summary>
internal static class ScriptEndpoints
{
    public static RouteGroupBuilder MapScriptEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/script", List);
        group.MapPost("/script", EnqueueAsync);
        group.MapDelete("/script", Clear);
        return group;
    }

    private static IResult List(ReplyScript script) =>
        Results.Json(View(script), ControlJsonContext.Default.ScriptView);

    private static async Task<IResult> EnqueueAsync(HttpContext context, ReplyScript script)
    {
        var (request, error) = await ControlApi.ReadAsync(context, ControlJsonContext.Default.ScriptRequest);
        if (request is null)
        {
            return error!;
        }
        if (Check(request) is { } problem)
        {
            return ControlApi.Error(400, problem);
        }
        script.Enqueue(request.Turns!.Select(t => new ScriptedTurn(
            t.Model ?? "*",
            t.WhenText,
            t.AfterTool,
            t.Call is { } call ? new ScriptedCall(call.Name!, call.Arguments ?? []) : null,
            t.Text)));
        return Results.Json(View(script), ControlJsonContext.Default.ScriptView, statusCode: StatusCodes.Status201Created);
    }

    private static IResult Clear(ReplyScript script) =>
        Results.Json(new ControlOk(true, script.Clear()), ControlJsonContext.Default.ControlOk);

    private static string? Check(ScriptRequest request)
    {
        if (request.Turns is not { Count: > 0 } turns)
        {
            return "'turns' must list at least one turn.";
        }
        for (var i = 0; i < turns.Count; i++)
        {
            var turn = turns[i];
            if ((turn.Call is null) == (turn.Text is null))
            {
                return $"turns[{i}] must have exactly one of 'call' or 'text'.";
            }
            if (turn.Call is { Name: null or "" })
            {
                return $"turns[{i}].call.name must name a function the client declares.";
            }
        }
        return null;
    }

    private static ScriptView View(ReplyScript script) =>
        new([.. script.Pending.Select(t => new ScriptTurnRequest(
            t.Model,
            t.WhenText,
            t.AfterTool,
            t.Call is { } call ? new ScriptCallRequest(call.Name, call.Arguments) : null,
            t.Text))]);
}
