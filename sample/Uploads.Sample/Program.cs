using System.Text.Json;
using Uploads.Sample.OpenAI;

// OpenAI's documented "Cancel upload" response, read and written by the generated, reflection-free serialization.
const string cancelResponse = """
    {
      "id": "upload_abc123",
      "object": "upload",
      "bytes": 2147483648,
      "created_at": 1719184911,
      "filename": "training_examples.jsonl",
      "purpose": "fine-tune",
      "status": "cancelled",
      "expires_at": 1719127296
    }
    """;

var json = OpenAIApiJsonContext.Default;
Upload upload = JsonSerializer.Deserialize(cancelResponse, json.Upload)
    ?? throw new InvalidOperationException("The example response is empty.");

Console.WriteLine($"Upload {upload.Id}: {upload.Filename}, {upload.Bytes:N0} bytes, status {upload.Status} (wire \"{upload.Status.ToWireValue()}\")");
Console.WriteLine($"Created {upload.CreatedAt:u}, expires {upload.ExpiresAt:u}");

// A completed upload carries the created File; its purpose is an exact-wire enum ("fine-tune" <-> FineTune).
var completed = upload with
{
    Status = UploadStatus.Completed,
    File = new OpenAIFile
    {
        Id = "file-xyz321",
        Bytes = upload.Bytes,
        CreatedAt = upload.CreatedAt.AddMinutes(33),
        Filename = upload.Filename,
        Purpose = OpenAIFilePurpose.FineTune,
    },
};
Console.WriteLine(JsonSerializer.Serialize(completed, json.Upload));

// Unknown wire values are errors, never silent defaults.
try
{
    JsonSerializer.Deserialize(cancelResponse.Replace("\"cancelled\"", "\"paused\""), json.Upload);
}
catch (JsonException ex)
{
    Console.WriteLine("Rejected: " + ex.Message);
}
