using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Integration;

/// <summary>
/// addUploadPart's multipart/form-data body against a real Kestrel server: the part's bytes (checked by SHA-256), its
/// file name and media type arrive intact, and a part from a non-seekable stream is streamed, not buffered: the
/// client's stream hands out at most <see cref="GateAt"/> bytes until the server signals that the part's first bytes
/// have arrived, so a client that read (buffered) the part before sending it would stall and fail.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class MultipartUploadIntegrationTests(IntegrationFixture fixture)
{
    private const long FiveMegabytes = 5 * 1024 * 1024 + 12345;

    /// <summary>The gated client stream hands out this much before the server must have seen part of it.</summary>
    private const long GateAt = 1024 * 1024;

    /// <summary>The server opens the gate once it has received this much of the part.</summary>
    private const long ServerSignalAt = 64 * 1024;

    private const string PartResponse = """{"id":"part_def456","object":"upload.part","created_at":1719185911,"upload_id":"upload_abc123"}""";

    private IntegrationServer Server => fixture.Server;

    private RuntimeCompilation Api => fixture.Uploads;

    private string V1 => Server.BaseUrl + "/v1";

    [Theory]
    [InlineData(FiveMegabytes)]
    [InlineData(64L * 1024 * 1024)]
    public async Task APartFromANonSeekableStreamIsStreamedWhileReadAndArrivesIntact(long length)
    {
        const ulong Seed = 7;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long clientBytesReadWhenServerSawPart = -1;
        var stream = new GeneratedStream(length, Seed, GateAt, gate.Task, TimeSpan.FromSeconds(20));
        IReadOnlyList<ReceivedPart>? parts = null;
        var scenario = Server.NewScenario(async (context, _) =>
        {
            parts = await IntegrationMultipart.ReadAsync(context, received =>
            {
                if (received >= ServerSignalAt && !gate.Task.IsCompleted)
                {
                    Interlocked.Exchange(ref clientBytesReadWhenServerSawPart, stream.BytesRead);
                    gate.TrySetResult();
                }
            });
            await IntegrationServer.Json(context, PartResponse);
        }, bufferBody: false);

        dynamic part = (await Api.CallAsync("AddUploadPart", V1, scenario.Id, "upload_abc123", stream, "chunk-001.bin", "application/x-chunk", CancellationToken.None).Within(120))!;

        var request = scenario.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/uploads/upload_abc123/parts", request.RawTarget);
        Assert.StartsWith("multipart/form-data", request.Header("Content-Type"), StringComparison.Ordinal);
        var file = Assert.Single(parts!);
        Assert.Equal("data", file.Name);
        Assert.Equal("chunk-001.bin", file.FileName);
        Assert.Equal("application/x-chunk", file.ContentType);
        Assert.Equal(length, file.Length);
        Assert.Equal(GeneratedStream.Sha256Hex(length, Seed), file.Sha256);
        Assert.Equal(length, stream.BytesRead);
        Assert.Equal("part_def456", (string)part.Id);
        Assert.Equal("upload_abc123", (string)part.UploadId);

        // The streaming proof: the server held the part's first bytes while the client had read no more than GateAt
        // of its stream (the gate let no more out before that), so the part was sent as it was read.
        Assert.True(gate.Task.IsCompleted);
        Assert.InRange(Interlocked.Read(ref clientBytesReadWhenServerSawPart), ServerSignalAt, GateAt);
        // A non-seekable part has no length in advance: the body is chunked rather than measured by buffering it.
        Assert.Null(request.Header("Content-Length"));
        Assert.Equal("chunked", request.Header("Transfer-Encoding"));
    }

    [Fact]
    public async Task APartFromAMemoryStreamArrivesIntactWithItsFileNameAndTheStreamIsNotDisposed()
    {
        const ulong Seed = 11;
        const string FileName = "résumé 2024 (final).pdf";
        var bytes = GeneratedStream.Bytes(FiveMegabytes, Seed);
        var memory = new MemoryStream(bytes, writable: false);
        IReadOnlyList<ReceivedPart>? parts = null;
        var scenario = Server.NewScenario(async (context, _) =>
        {
            parts = await IntegrationMultipart.ReadAsync(context);
            await IntegrationServer.Json(context, PartResponse);
        }, bufferBody: false);

        await Api.CallAsync("AddUploadPart", V1, scenario.Id, "upload_abc123", memory, FileName, "application/pdf", CancellationToken.None).Within(60);

        var request = scenario.Single();
        var file = Assert.Single(parts!);
        Assert.Equal("data", file.Name);
        Assert.Equal(FileName, file.FileNameStar ?? file.FileName);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal(bytes.Length, file.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), file.Sha256);
        // A seekable part has a known length, so the whole body is sent with a Content-Length (no chunking).
        Assert.True(long.Parse(request.Header("Content-Length")!, System.Globalization.CultureInfo.InvariantCulture) > bytes.Length);
        // FilePart: "not disposed by the client".
        Assert.True(memory.CanRead, "the client disposed the caller's stream");
        Assert.Equal(bytes.Length, memory.Position);
    }

    [Fact]
    public async Task APartWithoutAContentTypeIsSentAsOctetStream()
    {
        IReadOnlyList<ReceivedPart>? parts = null;
        var scenario = Server.NewScenario(async (context, _) =>
        {
            parts = await IntegrationMultipart.ReadAsync(context);
            await IntegrationServer.Json(context, PartResponse);
        }, bufferBody: false);

        await Api.CallAsync("AddUploadPart", V1, scenario.Id, "upload_abc123", new MemoryStream(new byte[] { 0, 1, 2, 255 }), "tiny.bin", null, CancellationToken.None).Within();

        var file = Assert.Single(parts!);
        Assert.Equal("application/octet-stream", file.ContentType);
        Assert.Equal(4, file.Length);
    }

    [Fact]
    public async Task CancellingDuringAnUploadStopsReadingThePartAndThrowsOperationCanceledException()
    {
        // The server never lets the gate open: the client is held mid-part until it is cancelled.
        var neverOpens = new TaskCompletionSource();
        var stream = new GeneratedStream(FiveMegabytes, 3, GateAt, neverOpens.Task, TimeSpan.FromSeconds(60));
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scenario = Server.NewScenario(async (context, _) =>
        {
            // Reading (and dropping) the body keeps Kestrel reading the connection, so it sees the client go away.
            try
            {
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or Microsoft.AspNetCore.Http.BadHttpRequestException)
            {
                aborted.TrySetResult();
            }
        }, bufferBody: false);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Api.CallAsync("AddUploadPart", V1, scenario.Id, "upload_abc123", stream, "chunk.bin", null, cancellation.Token).Within());

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "cancellation took " + watch.Elapsed);
        Assert.InRange(stream.BytesRead, 0, GateAt);
        // The server had the request and saw it aborted mid-body (no complete part ever reached it).
        await aborted.Task.Within(15);
    }
}
