using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Integration;

/// <summary>
/// The client generated from OpenAI's Uploads document (spec/uploads.openapi.yaml), compiled and run against a real
/// Kestrel server: routes, escaping, base addresses, the bearer credential, JSON bodies, errors and cancellation.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class UploadsClientIntegrationTests(IntegrationFixture fixture)
{
    private const string ErrorBody = """{"error":{"message":"No such upload: 'upload_missing'","type":"invalid_request_error","param":"upload_id","code":"not_found"}}""";

    private IntegrationServer Server => fixture.Server;

    private RuntimeCompilation Api => fixture.Uploads;

    /// <summary>The server with a "/v1" path and no trailing slash, like the document's https://api.openai.com/v1.</summary>
    private string V1 => Server.BaseUrl + "/v1";

    private static string Cancelled => RuntimeSpecExamples.CancelUploadResponse;

    private Task<object?> CancelUpload(string? baseAddress, Scenario scenario, string uploadId, string? bearer = null, CancellationToken cancellationToken = default) =>
        Api.CallAsync("CancelUpload", baseAddress, scenario.Id, uploadId, bearer, cancellationToken).Within();

    // ---------------------------------------------------------------- round trips

    [Fact]
    public async Task CancelUploadRoundTripsThroughTheServer()
    {
        var scenario = Server.NewScenario((context, _) => IntegrationServer.Json(context, Cancelled));

        dynamic upload = (await CancelUpload(V1, scenario, "upload_abc123"))!;

        var request = scenario.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/uploads/upload_abc123/cancel", request.RawTarget);
        Assert.Empty(request.Body);
        Assert.Equal("upload_abc123", (string)upload.Id);
        Assert.Equal("Cancelled", (string)upload.Status.ToString());
        Assert.Equal(2147483648L, (long)upload.Bytes);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1719184911), (DateTimeOffset)upload.CreatedAt);
        Assert.Equal("training_examples.jsonl", (string)upload.Filename);
        Assert.Null((object?)upload.File);
    }

    [Fact]
    public async Task CreateUploadSendsTheJsonBodyWithItsWireNamesAndReadsTheUpload()
    {
        var scenario = Server.NewScenario((context, _) => IntegrationServer.Json(context, RuntimeSpecExamples.CreateUploadResponse));

        dynamic upload = (await Api.CallAsync("CreateUpload", V1, scenario.Id, "training_examples.jsonl", 2147483648L, null).Within())!;

        var request = scenario.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/uploads", request.RawTarget);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var body = JsonNode.Parse(request.BodyText)!.AsObject();
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"filename":"training_examples.jsonl","purpose":"fine-tune","bytes":2147483648,"mime_type":"text/jsonl","expires_after":{"anchor":"created_at","seconds":3600}}"""),
            body), request.BodyText);
        Assert.Equal("Pending", (string)upload.Status.ToString());
    }

    [Fact]
    public async Task CompleteUploadSendsThePartIdsInOrder()
    {
        const string Completed = """{"id":"upload_abc123","object":"upload","bytes":3,"created_at":1719184911,"filename":"a.jsonl","purpose":"fine-tune","status":"completed","expires_at":1719127296,"file":{"id":"file-xyz321","object":"file","bytes":3,"created_at":1719186911,"filename":"a.jsonl","purpose":"fine-tune"}}""";
        var scenario = Server.NewScenario((context, _) => IntegrationServer.Json(context, Completed));

        dynamic upload = (await Api.CallAsync("CompleteUpload", V1, scenario.Id, "upload_abc123", new[] { "part_def456", "part_ghi789" }, null).Within())!;

        var request = scenario.Single();
        Assert.Equal("/v1/uploads/upload_abc123/complete", request.RawTarget);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"part_ids":["part_def456","part_ghi789"]}"""), JsonNode.Parse(request.BodyText)), request.BodyText);
        Assert.Equal("file-xyz321", (string)upload.File.Id);
    }

    // ---------------------------------------------------------------- path escaping

    public static TheoryData<string> AwkwardIds => new()
    {
        "a/../b?c",
        "a/b?c=d&e#f",
        "100% sure",
        "%2F",
        "with space and + plus",
        "ünïcödé-日本語-😀",
        "a/../b?c%d e/ü",
        "...",
        "../..",
    };

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public async Task APathParameterArrivesAsExactlyOneSegment(string uploadId)
    {
        var scenario = Server.NewScenario((context, _) => IntegrationServer.Json(context, Cancelled));

        await CancelUpload(V1, scenario, uploadId);

        var request = scenario.Single();
        Assert.Null(request.RawQuery);
        var segments = request.RawPath.Split('/');
        Assert.Equal(new[] { "", "v1", "uploads", segments[3], "cancel" }, segments);
        Assert.Equal(uploadId, Uri.UnescapeDataString(segments[3]));
        // Only unreserved characters and escapes: nothing a server or proxy may read as a delimiter.
        Assert.Matches(@"^([A-Za-z0-9._~-]|%[0-9A-F]{2})+$", segments[3]);
        // And Kestrel, which decodes and normalizes the path, still routes it to /v1/uploads/{upload_id}/cancel.
        Assert.True(request.DecodedPath.Split('/') is ["", "v1", "uploads", _, "cancel"], "routed as " + request.DecodedPath);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public async Task ADotSegmentIdNeverReachesAnotherRoute(string uploadId)
    {
        // "%2E" is "." (RFC 3986 2.3: percent-encoded unreserved characters are equivalent to the characters), so a
        // normalizing server such as Kestrel decodes "%2E%2E" and removes the dot segment: POST /v1/uploads/%2E%2E/cancel
        // arrives as Request.Path /v1/cancel. No escaping can send "." or ".." as a segment; the client must refuse
        // such a value (ArgumentException, nothing sent) or the route must stay /v1/uploads/{id}/cancel on the server.
        var scenario = Server.NewScenario((context, _) => IntegrationServer.Json(context, Cancelled));

        Exception? refused = null;
        try
        {
            await CancelUpload(V1, scenario, uploadId);
        }
        catch (ArgumentException exception)
        {
            refused = exception;
        }

        if (refused is not null)
        {
            Assert.Empty(scenario.Requests);
            return;
        }
        var request = scenario.Single();
        var routed = request.DecodedPath.Split('/');
        Assert.True(
            routed is ["", "v1", "uploads", _, "cancel"],
            $"The id '{uploadId}' changed the route: the client sent {request.RawTarget}, the server routed it as {request.DecodedPath}.");
    }

    // ---------------------------------------------------------------- base address

    [Theory]
    [InlineData("/v1", "/v1/uploads/u1/cancel")]
    [InlineData("/v1/", "/v1/uploads/u1/cancel")]
    [InlineData("/api/openai/v1", "/api/openai/v1/uploads/u1/cancel")]
    [InlineData("", "/uploads/u1/cancel")]
    public async Task ABaseAddressKeepsItsPathWithOrWithoutATrailingSlash(string basePath, string expectedTarget)
    {
        var scenario = Server.NewScenario((context, _) => IntegrationServer.Json(context, Cancelled));

        await CancelUpload(Server.BaseUrl + basePath, scenario, "u1");

        Assert.Equal(expectedTarget, scenario.Single().RawTarget);
    }

    // ---------------------------------------------------------------- credentials

    [Fact]
    public async Task TheBearerCredentialFromTheOptionsIsSentAsAuthorizationBearer()
    {
        var scenario = Server.NewScenario((context, _) => IntegrationServer.Json(context, Cancelled));

        await CancelUpload(V1, scenario, "u1", bearer: "sk-test-123");
        await CancelUpload(V1, scenario, "u1", bearer: null);

        var requests = scenario.Requests;
        Assert.Equal("Bearer sk-test-123", requests[0].Header("Authorization"));
        Assert.Null(requests[1].Header("Authorization"));
    }

    // ---------------------------------------------------------------- errors

    [Fact]
    public async Task A404WithAnErrorBodyThrowsTheTypedApiExceptionWithTheParsedError()
    {
        var scenario = Server.NewScenario((context, _) =>
        {
            context.Response.Headers["X-Request-Id"] = "req_42";
            return IntegrationServer.Json(context, ErrorBody, 404);
        });

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => CancelUpload(V1, scenario, "upload_missing"));

        var type = exception.GetType();
        Assert.True(type.IsGenericType, "expected ApiException<ErrorResponse>, got " + type);
        Assert.Equal("Test.Api.ApiException`1", type.GetGenericTypeDefinition().FullName);
        Assert.Equal("Test.Api.ErrorResponse", type.GetGenericArguments()[0].FullName);
        Assert.Equal("Test.Api.ApiException", type.BaseType!.FullName);
        dynamic api = exception;
        Assert.Equal(404, (int)api.StatusCode);
        Assert.Equal(ErrorBody, (string)api.Response);
        Assert.Equal(new[] { "req_42" }, ((IEnumerable<string>)api.Headers["X-Request-Id"]).ToArray());
        Assert.StartsWith("application/json", string.Join(",", (IEnumerable<string>)api.Headers["Content-Type"]), StringComparison.Ordinal);
        Assert.Equal("No such upload: 'upload_missing'", (string)api.Error.Error.Message);
        Assert.Equal("invalid_request_error", (string)api.Error.Error.Type);
        Assert.Equal("not_found", (string?)api.Error.Error.Code);
        Assert.Contains("cancelUpload", exception.Message, StringComparison.Ordinal);
        Assert.Contains("404", exception.Message, StringComparison.Ordinal);

        // The same through the compiler's eyes: catch (ApiException<ErrorResponse>) in user code.
        var typed = (string?)await Api.CallAsync("CancelUploadTypedError", V1, scenario.Id, "upload_missing").Within();
        Assert.Equal("404|invalid_request_error|No such upload: 'upload_missing'|upload_id|not_found", typed);
    }

    [Fact]
    public async Task A500WithANonJsonBodyThrowsApiExceptionWithTheRawText()
    {
        const string Html = "<html><body><h1>500 Internal Server Error</h1>upstream ü failed</body></html>";
        var scenario = Server.NewScenario((context, _) => IntegrationServer.Text(context, Html, 500, "text/html; charset=utf-8"));

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => CancelUpload(V1, scenario, "u1"));

        Assert.Equal("Test.Api.ApiException", exception.GetType().FullName);
        dynamic api = exception;
        Assert.Equal(500, (int)api.StatusCode);
        Assert.Equal(Html, (string)api.Response);
        Assert.Contains("cancelUpload", exception.Message, StringComparison.Ordinal);
        Assert.Contains("500", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, """{"message":"not the declared shape"}""")]
    [InlineData(400, "")]
    [InlineData(503, "null")]
    public async Task AnErrorBodyThatDoesNotMatchTheDeclaredSchemaThrowsTheUntypedApiException(int status, string body)
    {
        var scenario = Server.NewScenario((context, _) => IntegrationServer.Text(context, body, status, "application/json"));

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => CancelUpload(V1, scenario, "u1"));

        Assert.Equal("Test.Api.ApiException", exception.GetType().FullName);
        dynamic api = exception;
        Assert.Equal(status, (int)api.StatusCode);
        Assert.Equal(body, (string)api.Response);
    }

    [Fact]
    public async Task A2xxBodyThatDoesNotMatchTheSchemaIsAJsonExceptionNamingTheOperation()
    {
        var scenario = Server.NewScenario((context, _) => IntegrationServer.Json(context, RuntimeJsonWithBytesAsString()));

        var exception = await Assert.ThrowsAnyAsync<JsonException>(() => CancelUpload(V1, scenario, "u1"));

        Assert.Contains("cancelUpload", exception.Message, StringComparison.Ordinal);
        Assert.Contains("$.bytes", exception.Message + " " + exception.Path, StringComparison.Ordinal);
    }

    private static string RuntimeJsonWithBytesAsString()
    {
        string json = Cancelled.Replace("\"bytes\": 2147483648", "\"bytes\": \"2147483648\"", StringComparison.Ordinal);
        Assert.NotEqual(Cancelled, json);
        return json;
    }

    // ---------------------------------------------------------------- cancellation

    [Fact]
    public async Task CancellingWhileTheServerHasNotAnsweredThrowsOperationCanceledException()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scenario = Server.NewScenario(async (context, _) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                aborted.TrySetResult();
            }
        });
        using var cancellation = new CancellationTokenSource();
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CancelUpload(V1, scenario, "u1", cancellationToken: cancellation.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "cancellation took " + watch.Elapsed);
        // The request really was in flight on the server, and the client's cancellation reached it.
        Assert.Single(scenario.Requests);
        await aborted.Task.Within(15);
    }

    [Fact]
    public async Task CancellingWhileTheBodyIsBeingReadThrowsOperationCanceledExceptionNotJsonException()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scenario = Server.NewScenario(async (context, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"id":"upload_abc123","object":"upload","bytes":""");
            await context.Response.Body.FlushAsync();
            flushed.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var cancellation = new CancellationTokenSource();

        var call = CancelUpload(V1, scenario, "u1", cancellationToken: cancellation.Token);
        await flushed.Task.Within(15);
        await Task.Delay(250);
        Assert.False(call.IsCompleted, "the client must still be waiting for the rest of the body");
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
