using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.State;

namespace Antigravity.UpstreamEmulator.CloudCode;

/// <summary>The <c>{project, model, request, userAgent, requestType, requestId}</c> envelope of v1internal generation calls.</summary>
internal sealed record CloudCodeEnvelope(string Project, CloudCodeModel Model, JsonObject Request)
{
    private static readonly HashSet<string> s_fields = new(StringComparer.Ordinal)
    {
        "project", "model", "request", "userAgent", "user_agent", "requestType", "request_type", "requestId", "request_id",
        "userPromptId", "user_prompt_id", "enabledCreditTypes", "enabled_credit_types",
    };

    public static CloudCodeEnvelope? Parse(JsonObject body, GoogleAccount account, out ErrorReply? error)
    {
        foreach (var (name, _) in body)
        {
            if (!s_fields.Contains(name))
            {
                error = GoogleErrors.UnknownField(name, null);
                return null;
            }
        }
        var project = JsonBody.String(body["project"]);
        if (string.IsNullOrEmpty(project))
        {
            error = GoogleErrors.InvalidArgument("Request contains an invalid argument: field 'project' is required.");
            return null;
        }
        var modelName = JsonBody.String(body["model"]);
        if (string.IsNullOrEmpty(modelName))
        {
            error = GoogleErrors.InvalidArgument("Request contains an invalid argument: field 'model' is required.");
            return null;
        }
        if (body["request"] is not JsonObject request)
        {
            error = GoogleErrors.InvalidArgument(body["request"] is null
                ? "Request contains an invalid argument: field 'request' is required."
                : "Invalid JSON payload received. Invalid value at 'request', expected an object.");
            return null;
        }
        if (ProjectDenied(project, account) is { } denied)
        {
            error = denied;
            return null;
        }
        var model = CloudCodeModels.Find(modelName);
        if (model is null || (model.MinimumTierPro && account.Tier == AccountTier.Free))
        {
            error = GoogleErrors.NotFound("Requested entity was not found.");
            return null;
        }
        error = null;
        return new CloudCodeEnvelope(project, model, request);
    }

    /// <summary>403 when the project is not the account's own companion project, as IAM answers.</summary>
    public static ErrorReply? ProjectDenied(string project, GoogleAccount account)
    {
        if (project == account.ProjectId)
        {
            return null;
        }
        const string permission = "cloudaicompanion.companions.generateChat";
        var resource = $"//cloudaicompanion.googleapis.com/projects/{project}/locations/global";
        return GoogleErrors.PermissionDenied($"Permission '{permission}' denied on resource '{resource}' (or it may not exist).",
        [
            GoogleErrors.ErrorInfo("IAM_PERMISSION_DENIED", "cloudaicompanion.googleapis.com", new JsonObject
            {
                ["permission"] = permission,
                ["resource"] = $"projects/{project}/locations/global",
            }),
        ]);
    }
}
