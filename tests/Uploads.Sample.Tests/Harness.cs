using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Uploads.Sample.OpenAI;
using Uploads.Sample.Service;

namespace Uploads.Sample.Tests;

/// <summary>The real service on 127.0.0.1 (a free port) with its own data directory, and clients for it.</summary>
public sealed class Harness : IAsyncDisposable
{
    private readonly bool _ownsDataDirectory;

    private Harness(SampleHost host, string dataDirectory, bool ownsDataDirectory)
    {
        Host = host;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        Http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        Client = new UploadsClient(Http);
    }

    public SampleHost Host { get; }

    public string DataDirectory { get; }

    /// <summary>Raw HTTP, with the API's base address (<c>http://127.0.0.1:port/v1/</c>).</summary>
    public HttpClient Http { get; }

    /// <summary>The generated client.</summary>
    public UploadsClient Client { get; }

    public UploadStore Store => Host.Store;

    /// <param name="configure">Changes the host's options.</param>
    /// <param name="dataDirectory">A data directory the caller owns; by default a new one, deleted on dispose.</param>
    public static async Task<Harness> StartAsync(Action<SampleHostOptions>? configure = null, string? dataDirectory = null)
    {
        bool owns = dataDirectory is null;
        dataDirectory ??= NewDataDirectory();
        var options = new SampleHostOptions { Store = new UploadStoreOptions { DataDirectory = dataDirectory } };
        configure?.Invoke(options);
        options.Store.DataDirectory = dataDirectory;
        return new Harness(await SampleHost.StartAsync(options), dataDirectory, owns);
    }

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "uploads-sample-tests", Guid.NewGuid().ToString("N"));

    public Task<Upload> CreateAsync(long bytes, string filename = "data.bin") =>
        Client.CreateUploadAsync(new CreateUploadRequest
        {
            Filename = filename,
            Purpose = CreateUploadRequestPurpose.Assistants,
            Bytes = bytes,
            MimeType = "application/octet-stream",
        });

    public Task<UploadPart> AddPartAsync(string uploadId, byte[] bytes) =>
        Client.AddUploadPartAsync(uploadId, new FilePart(new MemoryStream(bytes), "part.bin"));

    /// <summary>Files under tmp/: writes in flight, or left behind by a failed one.</summary>
    public string[] TempFiles() => Directory.GetFiles(Path.Combine(DataDirectory, "tmp"));

    public string PartsDirectory(string uploadId) => Path.Combine(DataDirectory, "uploads", uploadId, "parts");

    /// <summary>Waits until the requests in flight have cleaned up after themselves.</summary>
    public async Task WaitForNoTempFilesAsync()
    {
        for (int i = 0; i < 100 && TempFiles().Length > 0; i++) await Task.Delay(50);
        Assert.Empty(TempFiles());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        if (_ownsDataDirectory && Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A multipart body written by hand, so it can be anything (truncated, without a part…).</summary>
    public static ByteArrayContent Multipart(string body, string boundary = "sample-boundary")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ReplaceLineEndings("\r\n")));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return content;
    }

    /// <summary>Asserts the response is the spec's ErrorResponse with an OpenAI-style error, and returns it.</summary>
    public static async Task<Error> AssertErrorAsync(HttpResponseMessage response, int status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected HTTP {status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        using var document = JsonDocument.Parse(body);
        var error = document.RootElement.GetProperty("error");
        Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.True(error.TryGetProperty("param", out _), "The error has no 'param'.");
        return JsonSerializer.Deserialize(body, OpenAIApiJsonContext.Default.ErrorResponse)!.Error;
    }

    public static async Task<ApiException<ErrorResponse>> AssertApiErrorAsync(int status, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<ApiException<ErrorResponse>>(call);
        Assert.Equal(status, exception.StatusCode);
        Assert.Equal("invalid_request_error", exception.Error.Error.Type);
        Assert.Null(exception.Error.Error.Code);
        return exception;
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
