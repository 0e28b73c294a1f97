using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Uploads.Sample.OpenAI;

namespace Uploads.Sample.Tests;

/// <summary>
/// The same flow over HTTP/2 (h2c). There a request body has neither Content-Length nor Transfer-Encoding when the
/// sender does not know its length, which is how the generated client sends JSON (JsonContent).
/// </summary>
public sealed class Http2Tests
{
    [Fact]
    public async Task TheGeneratedClientAndServer_WorkOverHttp2()
    {
        await using var harness = await Harness.StartAsync(options => options.Protocols = HttpProtocols.Http2);
        // The generated client builds its own HttpRequestMessage (HTTP/1.1 unless told), so HttpClient's
        // DefaultRequestVersion does not reach it; a handler sets the version instead.
        using var http = new HttpClient(new Http2Handler()) { BaseAddress = harness.Host.BaseAddress };
        var client = new UploadsClient(http);

        var upload = await client.CreateUploadAsync(new CreateUploadRequest { Filename = "h2.bin", Purpose = CreateUploadRequestPurpose.Batch, Bytes = 3, MimeType = "application/octet-stream" });
        var part = await client.AddUploadPartAsync(upload.Id, new FilePart(new MemoryStream("abc"u8.ToArray()), "p"));
        var completed = await client.CompleteUploadAsync(upload.Id, new CompleteUploadRequest { PartIds = [part.Id] });

        Assert.Equal(UploadStatus.Completed, completed.Status);
    }

    [Fact]
    public async Task AJsonBodyOfUnknownLength_IsRead_OverHttp2()
    {
        await using var harness = await Harness.StartAsync(options => options.Protocols = HttpProtocols.Http2);
        using var http = new HttpClient(new Http2Handler()) { BaseAddress = harness.Host.BaseAddress };
        var body = new StreamContent(new UnknownLengthStream("""{"filename":"a","purpose":"batch","bytes":3,"mime_type":"text/plain"}"""u8.ToArray()));
        body.Headers.ContentType = new("application/json");

        using var response = await http.PostAsync("uploads", body);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private sealed class Http2Handler() : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
