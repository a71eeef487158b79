using System.Globalization;
using System.Text;

namespace Antigravity.IntegrationTests.Faults;

/// <summary>
/// One fault under load, as the clients saw it: the answers, when the fault began (<see cref="Injected"/>), when it
/// ended (<see cref="Released"/>: the kill itself, after which the AppHost restarts what died, or the SIGCONT), and
/// the first complete 2xx answer to a request sent after that (<see cref="FirstSuccess"/>).
/// </summary>
public sealed class FaultRun(string fault, IReadOnlyList<LoadAnswer> answers, TimeSpan injected, TimeSpan released, LoadAnswer firstSuccess)
{
    /// <summary>What was done, e.g. "kill -9 of Redis".</summary>
    public string Fault { get; } = fault;

    /// <summary>Every answer of the run (before, during and after the fault).</summary>
    public IReadOnlyList<LoadAnswer> Answers { get; } = answers;

    /// <summary>When the fault began, on the load's clock.</summary>
    public TimeSpan Injected { get; } = injected;

    /// <summary>When the fault ended (the kill, or the SIGCONT).</summary>
    public TimeSpan Released { get; } = released;

    /// <summary>The first complete 2xx answer to a request sent at or after <see cref="Released"/>.</summary>
    public LoadAnswer FirstSuccess { get; } = firstSuccess;

    /// <summary>From the end of the fault to that first 2xx answer.</summary>
    public TimeSpan RecoveryTime => FirstSuccess.AnsweredAt - Released;

    /// <summary>The answers to requests in flight or sent between the fault's start and the first 2xx after it.</summary>
    public IReadOnlyList<LoadAnswer> During =>
        [.. Answers.Where(answer => answer.AnsweredAt >= Injected && answer.SentAt <= FirstSuccess.AnsweredAt)];

    /// <summary>The longest a client waited for an answer during the fault.</summary>
    public TimeSpan LongestWait => During.Count == 0 ? TimeSpan.Zero : During.Max(answer => answer.Duration);

    /// <summary>What the clients saw during the fault, grouped: e.g. <c>2xx ×40 (≤0.3 s); 503 pool_unavailable Retry-After 5 ×12 (≤0.1 s)</c>.</summary>
    public string WhatClientsSaw() => string.Join("; ", During
        .GroupBy(answer => answer.IsSuccess ? "2xx" : Describe(answer))
        .OrderBy(group => group.Key == "2xx" ? 0 : 1).ThenBy(group => group.Key, StringComparer.Ordinal)
        .Select(group => string.Create(CultureInfo.InvariantCulture,
            $"{group.Key} ×{group.Count()} (≤{group.Max(answer => answer.Duration).TotalSeconds:0.0} s)")));

    /// <summary>The figures, one block, as the test prints them (and docs/reliability.md keeps them).</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"FAULT {Fault}: {Answers.Count} answers in the run, {During.Count} during the fault ");
        text.Append(CultureInfo.InvariantCulture, $"({Injected.TotalSeconds:F1}–{FirstSuccess.AnsweredAt.TotalSeconds:F1} s; released at {Released.TotalSeconds:F1} s)\n");
        text.Append(CultureInfo.InvariantCulture, $"  clients saw: {WhatClientsSaw()}\n");
        text.Append(CultureInfo.InvariantCulture, $"  longest wait {LongestWait.TotalSeconds:F1} s; first 2xx {RecoveryTime.TotalSeconds:F1} s after the fault ended");
        return text.ToString();
    }

    private static string Describe(LoadAnswer answer) =>
        (answer.Status == 0 ? "no answer" : answer.Status.ToString(CultureInfo.InvariantCulture))
        + (answer.Shape is BodyShape.StreamCut or BodyShape.StreamErrorEvent or BodyShape.Other ? " " + answer.Shape : "")
        + (answer.ErrorCode is null ? "" : " " + answer.ErrorCode)
        + (answer.RetryAfter is null ? "" : " Retry-After " + answer.RetryAfter)
        + (answer.Status == 0 && answer.Failure is not null ? $" ({answer.Failure.Split(':')[0]})" : "");
}
