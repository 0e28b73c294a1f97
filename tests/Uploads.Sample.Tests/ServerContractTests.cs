using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Uploads.Sample.OpenAI;

namespace Uploads.Sample.Tests;

/// <summary>
/// The generated endpoints around any <see cref="IUploadsApi"/>: what its exceptions become, how path values arrive,
/// how endpoints are named. A scripted implementation replaces the sample's.
/// </summary>
public sealed class ServerContractTests : IAsyncLifetime
{
    private readonly ScriptedApi _api = new();
    private Harness _harness = null!;

    public async Task InitializeAsync() =>
        _harness = await Harness.StartAsync(options => options.ConfigureServices = services => services.AddSingleton<IUploadsApi>(_api));

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ApiExceptionOfErrorResponse_IsThatStatusAndBody()
    {
        var body = new ErrorResponse { Error = new Error { Message = "I'm a teapot.", Type = "teapot_error", Param = "upload_id", Code = "short_and_stout" } };
        _api.Throw = new ApiException<ErrorResponse>(418, body);

        using var response = await _harness.Http.PostAsync("uploads/upload_1/cancel", null);

        Assert.Equal(418, (int)response.StatusCode);
        Assert.Equal(body, JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), OpenAIApiJsonContext.Default.ErrorResponse));
        var exception = await Assert.ThrowsAsync<ApiException<ErrorResponse>>(() => _harness.Client.CancelUploadAsync("upload_1"));
        Assert.Equal(418, exception.StatusCode);
        Assert.Equal(body, exception.Error);
    }

    [Fact]
    public async Task ApiException_IsThatStatus_WithItsResponseText()
    {
        _api.Throw = new ApiException("Busy.", 503, "come back later", headers: null);
        using (var response = await _harness.Http.PostAsync("uploads/upload_1/cancel", null))
        {
            Assert.Equal(503, (int)response.StatusCode);
            Assert.Equal("come back later", await response.Content.ReadAsStringAsync());
        }

        _api.Throw = new ApiException(409);
        using (var response = await _harness.Http.PostAsync("uploads/upload_1/cancel", null))
        {
            Assert.Equal(409, (int)response.StatusCode);
            Assert.Equal("", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task AnyOtherException_IsA500_ThatLeaksNothing()
    {
        _api.Throw = new InvalidOperationException("secret: Server=db;Password=hunter2 at /srv/app/Store.cs:42");

        using var response = await _harness.Http.PostAsync("uploads/upload_1/cancel", null);

        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("hunter2", body);
        Assert.DoesNotContain("secret", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain("Store.cs", body);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("An unexpected error occurred.", problem.RootElement.GetProperty("title").GetString());
        // The generated client: an untyped ApiException, as the body is not the declared ErrorResponse.
        var exception = await Assert.ThrowsAsync<ApiException>(() => _harness.Client.CancelUploadAsync("upload_1"));
        Assert.Equal(500, exception.StatusCode);
    }

    [Theory]
    [InlineData("dir/file")]
    [InlineData("a/b/c")]
    [InlineData("/leading")]
    [InlineData("trailing/")]
    [InlineData("50%2F50")]
    [InlineData("with space")]
    [InlineData("ü?#&+")]
    [InlineData("...")]
    public async Task APathValue_ArrivesExactlyAsTheClientSentIt(string uploadId)
    {
        var upload = await _harness.Client.CancelUploadAsync(uploadId);
        Assert.Equal(uploadId, _api.LastUploadId);
        Assert.Equal(uploadId, upload.Id);

        await _harness.Client.CompleteUploadAsync(uploadId, new CompleteUploadRequest { PartIds = [] });
        Assert.Equal(uploadId, _api.LastUploadId);
        await _harness.Client.AddUploadPartAsync(uploadId, new FilePart(new MemoryStream([1, 2, 3]), "p.bin"));
        Assert.Equal(uploadId, _api.LastUploadId);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task ADotSegmentId_NeverReachesTheImplementation(string uploadId)
    {
        // The generated client refuses it: even escaped (%2E), RFC 3986 makes it a dot segment that servers remove.
        await Assert.ThrowsAsync<ArgumentException>(() => _harness.Client.CancelUploadAsync(uploadId));
        // Sent raw anyway, the server resolves it away and answers 404; the implementation never sees it.
        using var response = await _harness.Http.PostAsync("uploads/" + uploadId.Replace(".", "%2E") + "/cancel", null);
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Null(_api.LastUploadId);
    }

    [Fact]
    public async Task A2FEscapedSlash_SentRaw_ArrivesAsASlash()
    {
        using var response = await _harness.Http.PostAsync("uploads/upload%2Fwith%2Fslashes/cancel", null);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("upload/with/slashes", _api.LastUploadId);
    }

    [Fact]
    public async Task APartStreamsToTheImplementation_WithItsFileNameAndType()
    {
        byte[] bytes = Harness.RandomBytes(3 * 1024 * 1024, seed: 7);
        await _harness.Client.AddUploadPartAsync("upload_1", new FilePart(new MemoryStream(bytes), "chunk.bin", "application/x-chunk"));
        Assert.Equal(Harness.Md5(bytes), _api.LastPartMd5);
        Assert.Equal("chunk.bin", _api.LastPart!.FileName);
        Assert.Equal("application/x-chunk", _api.LastPart.ContentType);
    }

    [Fact]
    public void EndpointsAreNamedByOperationId()
    {
        var endpoints = _harness.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .ToDictionary(e => e.Metadata.GetRequiredMetadata<IEndpointNameMetadata>().EndpointName);

        Assert.Equal(["addUploadPart", "cancelUpload", "completeUpload", "createUpload"], endpoints.Keys.Order());
        foreach (var endpoint in endpoints.Values)
        {
            Assert.Equal(["POST"], endpoint.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods);
        }
        var links = _harness.Host.Services.GetRequiredService<LinkGenerator>();
        Assert.Equal("/v1/uploads", links.GetPathByName("createUpload", values: null));
        Assert.Equal("/v1/uploads/upload_1/cancel", links.GetPathByName("cancelUpload", new RouteValueDictionary { ["p0"] = "upload_1" }));
        Assert.Equal("/v1/uploads/upload_1/complete", links.GetPathByName("completeUpload", new RouteValueDictionary { ["p0"] = "upload_1" }));
        Assert.Equal("/v1/uploads/upload_1/parts", links.GetPathByName("addUploadPart", new RouteValueDictionary { ["p0"] = "upload_1" }));
    }

    /// <summary>Records what arrives; throws <see cref="Throw"/> when set.</summary>
    private sealed class ScriptedApi : IUploadsApi
    {
        public Exception? Throw { get; set; }

        public string? LastUploadId { get; private set; }

        public FilePart? LastPart { get; private set; }

        public string? LastPartMd5 { get; private set; }

        public Task<Upload> CreateUploadAsync(CreateUploadRequest body, CancellationToken cancellationToken) =>
            Answer("upload_new");

        public Task<Upload> CancelUploadAsync(string uploadId, CancellationToken cancellationToken) => Answer(uploadId);

        public Task<Upload> CompleteUploadAsync(string uploadId, CompleteUploadRequest body, CancellationToken cancellationToken) => Answer(uploadId);

        public async Task<UploadPart> AddUploadPartAsync(string uploadId, FilePart data, CancellationToken cancellationToken)
        {
            await Answer(uploadId);
            var buffer = new MemoryStream();
            await data.Content.CopyToAsync(buffer, cancellationToken);
            LastPart = data;
            LastPartMd5 = Harness.Md5(buffer.ToArray());
            return new UploadPart { Id = "part_1", CreatedAt = DateTimeOffset.UnixEpoch, UploadId = uploadId };
        }

        private Task<Upload> Answer(string uploadId)
        {
            LastUploadId = uploadId;
            if (Throw is { } exception) throw exception;
            return Task.FromResult(new Upload
            {
                Id = uploadId,
                CreatedAt = DateTimeOffset.UnixEpoch,
                Filename = "f",
                Bytes = 1,
                Purpose = "assistants",
                Status = UploadStatus.Cancelled,
                ExpiresAt = DateTimeOffset.UnixEpoch,
            });
        }
    }
}
