using System.Text.Json;

namespace Antigravity.Protocols.Responses;

/// <summary>Writes input items back in their wire shape, so stored history parses like a client's input.</summary>
public static class ResponsesItemsWriter
{
    /// <summary>Writes <paramref name="items"/> as a JSON array.</summary>
    public static void Write(Utf8JsonWriter writer, IEnumerable<ResponsesInputItem> items)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writer.WriteStartObject();
            writer.WriteString("type", item.Type);
            switch (item.Type)
            {
                case "message":
                    writer.WriteString("role", item.Role);
                    writer.WriteStartArray("content");
                    foreach (var part in item.Content)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("type", part.Type == "text" ? "input_text" : part.Type);
                        if (part.Type == "input_image")
                        {
                            writer.WriteString("image_url", part.ImageUrl);
                        }
                        else
                        {
                            writer.WriteString(part.Type == "refusal" ? "refusal" : "text", part.Text);
                        }

                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    break;
                case "function_call":
                    writer.WriteString("call_id", item.CallId);
                    writer.WriteString("name", item.Name);
                    writer.WriteString("arguments", item.Arguments);
                    break;
                case "function_call_output":
                    writer.WriteString("call_id", item.CallId);
                    writer.WriteString("output", item.Output);
                    break;
                case "reasoning":
                    if (item.EncryptedContent is not null)
                    {
                        writer.WriteString("encrypted_content", item.EncryptedContent);
                    }

                    writer.WriteStartArray("summary");
                    if (!string.IsNullOrEmpty(item.SummaryText))
                    {
                        writer.WriteStartObject();
                        writer.WriteString("type", "summary_text");
                        writer.WriteString("text", item.SummaryText);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
