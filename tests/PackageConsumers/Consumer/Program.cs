// Uses the types that Uploads.Generators generated from openapi/*.yaml. Every check prints one line; any failure
// throws, so the exit code is not 0. The package tests run this after `dotnet build` and after a Native AOT (or
// trimmed) publish, where reflection-based serialization is off: everything goes through the generated context.
using System.Text.Json;
using Consumer.OpenAI;
using Extensible = Consumer.Extensible;

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

Upload upload = JsonSerializer.Deserialize(cancelResponse, json.Upload) ?? throw new InvalidOperationException("null upload");
Check(upload.Id == "upload_abc123" && upload.Bytes == 2147483648L && upload.Status == UploadStatus.Cancelled, "read");
Check(upload.CreatedAt == DateTimeOffset.FromUnixTimeSeconds(1719184911), "unix time");
Console.WriteLine($"read: {upload.Id} {upload.Filename} {upload.Bytes} {upload.Status} \"{upload.Status.ToWireValue()}\"");

string written = JsonSerializer.Serialize(upload, json.Upload);
Upload again = JsonSerializer.Deserialize(written, json.Upload)!;
Check(again == upload, "round trip");
Console.WriteLine("round trip: equal");

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
string completedJson = JsonSerializer.Serialize(completed, json.Upload);
Check(JsonSerializer.Deserialize(completedJson, json.Upload) == completed, "nested round trip");
Check(completedJson.Contains("\"purpose\":\"fine-tune\"", StringComparison.Ordinal), "exact wire value");
Console.WriteLine("completed: " + completedJson);

try
{
    JsonSerializer.Deserialize(cancelResponse.Replace("\"cancelled\"", "\"paused\""), json.Upload);
    throw new InvalidOperationException("an unknown status was accepted");
}
catch (JsonException ex)
{
    Console.WriteLine("rejected: " + ex.Message);
}

// The second document: extensible enums keep unknown values.
var extensible = Extensible.OpenAIApiJsonContext.Default;
var paused = JsonSerializer.Deserialize(cancelResponse.Replace("\"cancelled\"", "\"paused\""), extensible.Upload)!;
Check(!paused.Status.IsKnown && paused.Status.Value == "paused", "unknown extensible value");
Check(JsonSerializer.Serialize(paused, extensible.Upload).Contains("\"status\":\"paused\"", StringComparison.Ordinal), "unknown value written back");
Check(JsonSerializer.Deserialize(cancelResponse, extensible.Upload)!.Status == Extensible.UploadStatus.Cancelled, "known extensible value");
Console.WriteLine($"extensible: {paused.Status} known={paused.Status.IsKnown}");

// The generated client, over a stub handler (no network): request shape, credentials, response and error mapping.
using (var http = new HttpClient(new StubHandler(cancelResponse)))
{
    var client = new UploadsClient(http, new OpenAIApiClientOptions { ApiKeyAuth = "sk-test" });
    Upload cancelled = await client.CancelUploadAsync("upload_abc123");
    Check(cancelled == upload, "client response");
    try
    {
        await client.CancelUploadAsync("missing");
        throw new InvalidOperationException("a 404 was not an error");
    }
    catch (ApiException ex)
    {
        Check(ex.StatusCode == 404, "client error status");
    }
    Console.WriteLine($"client: {cancelled.Id} {cancelled.Status}, 404 -> {nameof(ApiException)}");
}

Console.WriteLine("ALL CHECKS PASSED");
return 0;

static void Check(bool condition, string what)
{
    if (!condition) throw new InvalidOperationException("check failed: " + what);
}

sealed class StubHandler(string cancelResponse) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post) throw new InvalidOperationException("method " + request.Method);
        if (request.Headers.Authorization?.ToString() != "Bearer sk-test") throw new InvalidOperationException("no bearer token");
        string path = request.RequestUri!.AbsolutePath;
        var response = path.EndsWith("/uploads/upload_abc123/cancel", StringComparison.Ordinal)
            ? new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(cancelResponse, System.Text.Encoding.UTF8, "application/json") }
            : new HttpResponseMessage(System.Net.HttpStatusCode.NotFound)
            {
                Content = new StringContent("""{"error":{"message":"No such upload","type":"invalid_request_error","param":null,"code":null}}""", System.Text.Encoding.UTF8, "application/json"),
            };
        return Task.FromResult(response);
    }
}
