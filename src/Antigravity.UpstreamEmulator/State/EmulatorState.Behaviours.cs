namespace Antigravity.UpstreamEmulator.State;

/// <summary>Where a request is being served, for rule matching.</summary>
internal enum CallKind
{
    /// <summary>A generation call (generateContent, streamGenerateContent, messages, chat completions).</summary>
    Generation,

    /// <summary>Any other authenticated upstream call.</summary>
    Other,

    /// <summary>The OAuth token endpoint.</summary>
    OAuthToken,
}

internal sealed partial class EmulatorState
{
    public BehaviourRule AddRule(Func<string, BehaviourRule> create)
    {
        lock (_gate)
        {
            var rule = create($"rule-{_nextRuleNumber++}");
            _rules.Add(rule);
            return rule;
        }
    }

    public bool RemoveRule(string id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(rule => rule.Id == id) > 0;
        }
    }

    public int ClearRules()
    {
        lock (_gate)
        {
            var count = _rules.Count;
            _rules.Clear();
            return count;
        }
    }

    public IReadOnlyList<BehaviourRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    /// <summary>
    /// Picks, in the order rules were added, the first matching failure, delay and cut for this call, and
    /// consumes one use of each rule picked.
    /// </summary>
    public ScriptedOutcome Evaluate(CallerIdentity caller, string? model, CallKind kind)
    {
        lock (_gate)
        {
            BehaviourRule? failure = null, delay = null, cut = null, stall = null;
            foreach (var rule in _rules)
            {
                if (!Applies(rule, caller, model, kind))
                {
                    continue;
                }
                if (rule.Action == BehaviourActions.SlowFirstByte)
                {
                    delay ??= rule;
                }
                else if (rule.Action == BehaviourActions.CutStream)
                {
                    cut ??= rule;
                }
                else if (rule.Action == BehaviourActions.StallStream)
                {
                    stall ??= rule;
                }
                else
                {
                    failure ??= rule;
                }
            }
            foreach (var picked in new[] { failure, delay, cut, stall })
            {
                if (picked is null)
                {
                    continue;
                }
                picked.Hits++;
                if (picked.Times is int times)
                {
                    picked.Times = times - 1;
                    if (picked.Times <= 0)
                    {
                        _rules.Remove(picked);
                    }
                }
            }
            return failure is null && delay is null && cut is null && stall is null ? ScriptedOutcome.None : new ScriptedOutcome(failure, delay, cut, stall);
        }
    }

    private static bool Applies(BehaviourRule rule, CallerIdentity caller, string? model, CallKind kind)
    {
        if (!caller.Matches(rule.Target) || !rule.MatchesModel(model))
        {
            return false;
        }
        if (rule.Action == BehaviourActions.InvalidGrant)
        {
            return kind == CallKind.OAuthToken;
        }
        return kind switch
        {
            CallKind.Generation => true,
            CallKind.Other => rule.Scope == BehaviourScopes.Any,
            // The token endpoint only plays rules meant for it explicitly: any-scoped server errors and delays.
            CallKind.OAuthToken => rule.Scope == BehaviourScopes.Any
                && rule.Action is BehaviourActions.ServerError or BehaviourActions.SlowFirstByte,
            _ => false,
        };
    }
}
