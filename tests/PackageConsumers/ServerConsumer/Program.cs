// The generated server stubs (IUploadsApi + MapUploadsApi) hosted by a slim minimal-API app on 127.0.0.1:0, called
// by the generated UploadsClient over real HTTP. Every check prints one line; the exit code is 0 only if all passed.
// The package tests publish this with Native AOT, where reflection-based serialization is off.
using System.Net;
using System.Text;
using System.Text.Json;
using ServerConsumer.OpenAI;

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
    EnvironmentName = Environments.Production,
});
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
builder.Services.AddSingleton<IUploadsApi, TinyUploadsApi>();

await using var app = builder.Build();
app.MapGroup("/v1").MapUploadsApi();
await app.StartAsync();

string address = app.Urls.First();
Console.WriteLine("listening: " + address);
int failures = 0;

using var http = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/v1/"), Timeout = TimeSpan.FromMinutes(1) };
var client = new UploadsClient(http);

await Run("cancel", async () =>
{
    Upload cancelled = await client.CancelUploadAsync("upload_abc123");
    Check(cancelled.Id == "upload_abc123" && cancelled.Status == UploadStatus.Cancelled, "cancelled upload");
    return $"{cancelled.Id} {cancelled.Status}";
});

await Run("create", async () =>
{
    Upload created = await client.CreateUploadAsync(new CreateUploadRequest
    {
        Filename = "data.jsonl",
        Purpose = CreateUploadRequestPurpose.FineTune,
        Bytes = 1048576,
        MimeType = "text/jsonl",
    });
    Check(created.Status == UploadStatus.Pending && created.Filename == "data.jsonl" && created.Bytes == 1048576, "pending upload");
    return $"{created.Id} {created.Status} {created.Filename} {created.Bytes}";
});

await Run("add part", async () =>
{
    var bytes = new byte[1024 * 1024];
    new Random(42).NextBytes(bytes);
    UploadPart part = await client.AddUploadPartAsync("upload_abc123", new FilePart(new MemoryStream(bytes), "part.bin"));
    Check(part.Id == "part_1048576" && part.UploadId == "upload_abc123", "part of 1048576 bytes, got " + part.Id);
    return $"{part.Id} {part.UploadId}";
});

await Run("complete", async () =>
{
    try
    {
        await client.CompleteUploadAsync("upload_abc123", new CompleteUploadRequest { PartIds = ["part_1048576"] });
    }
    catch (ApiException<ErrorResponse> ex)
    {
        Check(ex.StatusCode == 409, "status 409, got " + ex.StatusCode);
        Check(ex.Error.Error.Message == "Upload upload_abc123 is already completed", "error message: " + ex.Error.Error.Message);
        return $"{ex.StatusCode} {ex.Error.Error.Type}: {ex.Error.Error.Message}";
    }
    throw new InvalidOperationException("no ApiException<ErrorResponse> was thrown");
});

await Run("malformed json", async () =>
{
    using var content = new StringContent("{\"filename\": \"a.jsonl\", \"purpose\": ", Encoding.UTF8, "application/json");
    using var response = await http.PostAsync("uploads", content);
    string body = await response.Content.ReadAsStringAsync();
    Check(response.StatusCode == HttpStatusCode.BadRequest, $"status 400, got {(int)response.StatusCode}: {body}");
    ErrorResponse? error = JsonSerializer.Deserialize(body, OpenAIApiJsonContext.Default.ErrorResponse);
    Check(error?.Error is { Message.Length: > 0 }, "an ErrorResponse body: " + body);
    return $"{(int)response.StatusCode} {body}";
});

await app.StopAsync();
Console.WriteLine(failures == 0 ? "SERVER CHECKS PASSED" : $"SERVER CHECKS FAILED: {failures}");
return failures == 0 ? 0 : 1;

async Task Run(string name, Func<Task<string>> check)
{
    try
    {
        Console.WriteLine($"{name}: {await check()}");
    }
    catch (Exception ex)
    {
        failures++;
        Console.WriteLine($"{name}: FAILED {ex}");
    }
}

static void Check(bool condition, string what)
{
    if (!condition) throw new InvalidOperationException("check failed: " + what);
}

/// <summary>A tiny IUploadsApi: no storage, fixed answers.</summary>
sealed class TinyUploadsApi : IUploadsApi
{
    public Task<Upload> CancelUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        Task.FromResult(NewUpload(uploadId, "training_examples.jsonl", 2147483648L, "fine-tune", UploadStatus.Cancelled));

    public Task<Upload> CreateUploadAsync(CreateUploadRequest body, CancellationToken cancellationToken) =>
        Task.FromResult(NewUpload("upload_new", body.Filename, body.Bytes, body.Purpose.ToWireValue(), UploadStatus.Pending));

    public async Task<UploadPart> AddUploadPartAsync(string uploadId, FilePart data, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await data.Content.ReadAsync(buffer, cancellationToken)) > 0) total += read;
        return new UploadPart { Id = "part_" + total, CreatedAt = DateTimeOffset.UtcNow, UploadId = uploadId };
    }

    public Task<Upload> CompleteUploadAsync(string uploadId, CompleteUploadRequest body, CancellationToken cancellationToken) =>
        throw new ApiException<ErrorResponse>(
            StatusCodes.Status409Conflict,
            new ErrorResponse { Error = new Error { Message = $"Upload {uploadId} is already completed", Type = "invalid_request_error", Param = null, Code = null } },
            "conflict");

    private static Upload NewUpload(string id, string filename, long bytes, string purpose, UploadStatus status) => new()
    {
        Id = id,
        CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1719184911),
        Filename = filename,
        Bytes = bytes,
        Purpose = purpose,
        Status = status,
        ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(1719188511),
    };
}
