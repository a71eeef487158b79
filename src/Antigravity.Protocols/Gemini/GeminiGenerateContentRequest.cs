using System.Text.Json;
using System.Text.Json.Serialization;

namespace Antigravity.Protocols.Gemini;

/// <summary>A Gemini <c>generateContent</c> / <c>streamGenerateContent</c> request body.</summary>
public sealed record GeminiGenerateContentRequest
{
    /// <summary>The conversation (required).</summary>
    [JsonPropertyName("contents")] public IReadOnlyList<GeminiContent?>? Contents { get; init; }

    /// <summary>System prompt.</summary>
    [JsonPropertyName("systemInstruction")] public GeminiContent? SystemInstruction { get; init; }

    /// <summary>Tools.</summary>
    [JsonPropertyName("tools")] public IReadOnlyList<GeminiTool>? Tools { get; init; }

    /// <summary>Tool-calling mode.</summary>
    [JsonPropertyName("toolConfig")] public GeminiToolConfig? ToolConfig { get; init; }

    /// <summary>Sampling and output settings.</summary>
    [JsonPropertyName("generationConfig")] public GeminiGenerationConfig? GenerationConfig { get; init; }

    /// <summary>Safety settings, passed through.</summary>
    [JsonPropertyName("safetySettings")] public JsonElement? SafetySettings { get; init; }

    /// <summary>Cached content name, passed through.</summary>
    [JsonPropertyName("cachedContent")] public string? CachedContent { get; init; }

    /// <summary>Cloud Code session id (inside the <c>v1internal</c> envelope).</summary>
    [JsonPropertyName("sessionId")] public string? SessionId { get; init; }

    /// <summary>Fields this model does not name, kept for pass-through.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>
    /// Not sent: what the translation from the client's protocol had to leave out or ignore (a built-in tool with
    /// no Gemini counterpart, a search option Google Search grounding has no field for), for the response to say.
    /// </summary>
    [JsonIgnore] public IReadOnlyList<string>? ToolNotices { get; init; }

    /// <summary>
    /// Not sent: the built-in tool the client's <c>tool_choice</c> forces (e.g. <c>web_search</c>), as the client
    /// named it; an account that cannot run it must refuse the request rather than answer without it.
    /// </summary>
    [JsonIgnore] public string? RequiredBuiltInTool { get; init; }
}

/// <summary>One turn: a role and its parts.</summary>
public sealed record GeminiContent
{
    /// <summary><c>user</c> or <c>model</c> (absent in <c>systemInstruction</c>).</summary>
    [JsonPropertyName("role")] public string? Role { get; init; }

    /// <summary>The parts.</summary>
    [JsonPropertyName("parts")] public IReadOnlyList<GeminiPart>? Parts { get; init; }
}

/// <summary>One part; exactly one of the data fields is set.</summary>
public sealed record GeminiPart
{
    /// <summary>Text (a thought when <see cref="Thought"/> is true).</summary>
    [JsonPropertyName("text")] public string? Text { get; init; }

    /// <summary>True for thought (reasoning) text.</summary>
    [JsonPropertyName("thought")] public bool? Thought { get; init; }

    /// <summary>Opaque signature of the model's reasoning; must come back byte-exact.</summary>
    [JsonPropertyName("thoughtSignature")] public string? ThoughtSignature { get; init; }

    /// <summary>Inline bytes.</summary>
    [JsonPropertyName("inlineData")] public GeminiBlob? InlineData { get; init; }

    /// <summary>A URI reference.</summary>
    [JsonPropertyName("fileData")] public GeminiFileData? FileData { get; init; }

    /// <summary>A function call made by the model.</summary>
    [JsonPropertyName("functionCall")] public GeminiFunctionCall? FunctionCall { get; init; }

    /// <summary>The result of a function call.</summary>
    [JsonPropertyName("functionResponse")] public GeminiFunctionResponse? FunctionResponse { get; init; }

    /// <summary>Code produced by the code-execution tool, passed through.</summary>
    [JsonPropertyName("executableCode")] public JsonElement? ExecutableCode { get; init; }

    /// <summary>Result of code execution, passed through.</summary>
    [JsonPropertyName("codeExecutionResult")] public JsonElement? CodeExecutionResult { get; init; }
}

/// <summary>Inline bytes (<c>inlineData</c>).</summary>
public sealed record GeminiBlob
{
    /// <summary>MIME type.</summary>
    [JsonPropertyName("mimeType")] public string? MimeType { get; init; }

    /// <summary>Base64 data.</summary>
    [JsonPropertyName("data")] public string? Data { get; init; }
}

/// <summary>A file by URI (<c>fileData</c>).</summary>
public sealed record GeminiFileData
{
    /// <summary>MIME type, when known.</summary>
    [JsonPropertyName("mimeType")] public string? MimeType { get; init; }

    /// <summary>The URI.</summary>
    [JsonPropertyName("fileUri")] public string? FileUri { get; init; }
}

/// <summary>A function call.</summary>
public sealed record GeminiFunctionCall
{
    /// <summary>Call id (may be absent upstream).</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Function name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Arguments object.</summary>
    [JsonPropertyName("args")] public JsonElement? Args { get; init; }
}

/// <summary>A function result.</summary>
public sealed record GeminiFunctionResponse
{
    /// <summary>The call answered.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Function name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Result object (<c>{"output": …}</c> or <c>{"error": …}</c>).</summary>
    [JsonPropertyName("response")] public JsonElement? Response { get; init; }
}

/// <summary>A tool: function declarations or a built-in tool.</summary>
public sealed record GeminiTool
{
    /// <summary>Functions the model may call.</summary>
    [JsonPropertyName("functionDeclarations")] public IReadOnlyList<GeminiFunctionDeclaration>? FunctionDeclarations { get; init; }

    /// <summary>Google Search grounding (<c>{}</c>).</summary>
    [JsonPropertyName("googleSearch")] public JsonElement? GoogleSearch { get; init; }

    /// <summary>Code execution (<c>{}</c>).</summary>
    [JsonPropertyName("codeExecution")] public JsonElement? CodeExecution { get; init; }

    /// <summary>Other tool kinds, passed through.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A function declaration.</summary>
public sealed record GeminiFunctionDeclaration
{
    /// <summary>Function name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>What it does.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>Parameters in Gemini's schema subset.</summary>
    [JsonPropertyName("parameters")] public JsonElement? Parameters { get; init; }

    /// <summary>Parameters as full JSON Schema (Gemini clients may send it).</summary>
    [JsonPropertyName("parametersJsonSchema")] public JsonElement? ParametersJsonSchema { get; init; }
}

/// <summary><c>toolConfig</c>.</summary>
public sealed record GeminiToolConfig
{
    /// <summary>Function-calling mode.</summary>
    [JsonPropertyName("functionCallingConfig")] public GeminiFunctionCallingConfig? FunctionCallingConfig { get; init; }
}

/// <summary><c>functionCallingConfig</c>.</summary>
public sealed record GeminiFunctionCallingConfig
{
    /// <summary><c>AUTO</c>, <c>ANY</c>, <c>NONE</c> or <c>VALIDATED</c>.</summary>
    [JsonPropertyName("mode")] public string? Mode { get; init; }

    /// <summary>Restricts <c>ANY</c> to these functions.</summary>
    [JsonPropertyName("allowedFunctionNames")] public IReadOnlyList<string>? AllowedFunctionNames { get; init; }
}

/// <summary><c>generationConfig</c>.</summary>
public sealed record GeminiGenerationConfig
{
    /// <summary>Temperature.</summary>
    [JsonPropertyName("temperature")] public double? Temperature { get; init; }

    /// <summary>Nucleus sampling.</summary>
    [JsonPropertyName("topP")] public double? TopP { get; init; }

    /// <summary>Top-k.</summary>
    [JsonPropertyName("topK")] public int? TopK { get; init; }

    /// <summary>Number of candidates.</summary>
    [JsonPropertyName("candidateCount")] public int? CandidateCount { get; init; }

    /// <summary>Output limit.</summary>
    [JsonPropertyName("maxOutputTokens")] public int? MaxOutputTokens { get; init; }

    /// <summary>Stop sequences.</summary>
    [JsonPropertyName("stopSequences")] public IReadOnlyList<string>? StopSequences { get; init; }

    /// <summary>Presence penalty.</summary>
    [JsonPropertyName("presencePenalty")] public double? PresencePenalty { get; init; }

    /// <summary>Frequency penalty.</summary>
    [JsonPropertyName("frequencyPenalty")] public double? FrequencyPenalty { get; init; }

    /// <summary>Seed.</summary>
    [JsonPropertyName("seed")] public long? Seed { get; init; }

    /// <summary>Output MIME type (<c>application/json</c> for JSON mode).</summary>
    [JsonPropertyName("responseMimeType")] public string? ResponseMimeType { get; init; }

    /// <summary>Output schema (Gemini subset).</summary>
    [JsonPropertyName("responseSchema")] public JsonElement? ResponseSchema { get; init; }

    /// <summary>Thinking settings.</summary>
    [JsonPropertyName("thinkingConfig")] public GeminiThinkingConfig? ThinkingConfig { get; init; }

    /// <summary>Other settings, passed through.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>thinkingConfig</c>.</summary>
public sealed record GeminiThinkingConfig
{
    /// <summary>Return thought summaries as <c>thought</c> parts.</summary>
    [JsonPropertyName("includeThoughts")] public bool? IncludeThoughts { get; init; }

    /// <summary>Thinking token budget (Gemini 2.5, Claude).</summary>
    [JsonPropertyName("thinkingBudget")] public int? ThinkingBudget { get; init; }

    /// <summary><c>low</c> / <c>high</c> (Gemini 3).</summary>
    [JsonPropertyName("thinkingLevel")] public string? ThinkingLevel { get; init; }
}
