using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using Uploads.Benchmarks.Generated;
using Uploads.Benchmarks.Models;
using Uploads.Benchmarks.Stj;

namespace Uploads.Generators.Benchmarks.Client;

/// <summary>
/// One call of OpenAI's <c>cancelUpload</c> (<c>POST /uploads/{upload_id}/cancel</c>): the generated
/// <see cref="UploadsClient.CancelUploadAsync"/> (from spec/uploads.openapi.yaml) against the same request written by
/// hand with <see cref="HttpClient"/> and System.Text.Json's source generator (<see cref="StjUploadsContext"/>), the
/// baseline. Both go through the same in-process <see cref="OpenAIExampleHandler"/> instance, which answers every
/// request with a fresh 200 <c>application/json</c> response carrying OpenAI's documented example body
/// (<see cref="Payloads.CancelledUpload"/>), so no socket is involved and only the client code differs.
/// </summary>
/// <remarks>
/// Each side gets its own <see cref="HttpClient"/> over that one handler (<c>disposeHandler: false</c>), configured
/// the same way (base address <c>https://api.openai.com/v1/</c>), except for the API key, set where each client's user
/// sets it: the generated client takes it in <see cref="OpenAIApiClientOptions.ApiKeyAuth"/> and adds it to each
/// request; the hand-written call relies on <see cref="HttpClient.DefaultRequestHeaders"/>, set once, which is what a
/// careful developer writes for a fixed key (the usual typed-client set-up; HttpClient copies it into each request).
/// Separate clients keep that default header off the generated side's requests. Setup checks that both sides send
/// the same method, URI and Authorization header and read the same Upload.
/// </remarks>
[MemoryDiagnoser]
public class CancelUploadBenchmarks
{
    public const string UploadId = "upload_abc123";
    private const string ApiKey = "sk-test";
    private static readonly Uri BaseAddress = new("https://api.openai.com/v1/");
    private const string ExpectedUri = "https://api.openai.com/v1/uploads/upload_abc123/cancel";

    private OpenAIExampleHandler _handler = null!;
    private HttpClient _generatedHttpClient = null!;
    private HttpClient _handWrittenHttpClient = null!;
    private UploadsClient _generated = null!;

    [GlobalSetup]
    public void Setup()
    {
        _handler = new OpenAIExampleHandler(Payloads.CancelledUploadUtf8);

        _generatedHttpClient = new HttpClient(_handler, disposeHandler: false) { BaseAddress = BaseAddress };
        _generated = new UploadsClient(_generatedHttpClient, new OpenAIApiClientOptions { ApiKeyAuth = ApiKey });

        _handWrittenHttpClient = new HttpClient(_handler, disposeHandler: false) { BaseAddress = BaseAddress };
        _handWrittenHttpClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);

        // Fairness: both sides must send the same request and read the whole documented response.
        var requests = new List<string>();
        _handler.Inspect = request => requests.Add(
            $"{request.Method} {request.RequestUri?.AbsoluteUri} Authorization: {request.Headers.Authorization} Content: {request.Content?.GetType().Name ?? "none"}");
        Upload generated = GeneratedCancelUpload().GetAwaiter().GetResult();
        StjUpload handWritten = HandWrittenCancelUpload().GetAwaiter().GetResult();
        _handler.Inspect = null;

        string expectedRequest = $"POST {ExpectedUri} Authorization: Bearer {ApiKey} Content: none";
        if (requests.Count != 2 || requests[0] != expectedRequest || requests[1] != expectedRequest)
        {
            throw new InvalidOperationException($"The two sides send different requests (expected '{expectedRequest}'):\n{string.Join("\n", requests)}");
        }
        var expectedCreatedAt = DateTimeOffset.FromUnixTimeSeconds(1719184911);
        var expectedExpiresAt = DateTimeOffset.FromUnixTimeSeconds(1719127296);
        if (generated.Id != UploadId || generated.Status != UploadStatus.Cancelled || generated.Bytes != 2147483648L
            || generated.CreatedAt != expectedCreatedAt || generated.ExpiresAt != expectedExpiresAt
            || generated.Filename != "training_examples.jsonl" || generated.Purpose != "fine-tune" || generated.Object != "upload" || generated.File is not null)
        {
            throw new InvalidOperationException("The generated client did not read the documented response: " + generated);
        }
        if (handWritten.Id != generated.Id || handWritten.Status != StjUploadStatus.Cancelled || handWritten.Bytes != generated.Bytes
            || handWritten.CreatedAt != generated.CreatedAt || handWritten.ExpiresAt != generated.ExpiresAt
            || handWritten.Filename != generated.Filename || handWritten.Purpose != generated.Purpose || handWritten.Object != generated.Object
            || handWritten.File is not null)
        {
            throw new InvalidOperationException($"The two sides read different Uploads:\n{generated}\n{handWritten}");
        }

        WarmUpUntilJitted();
    }

    /// <summary>
    /// Calls both sides in rounds, with a pause after each, until the tiered JIT has stopped compiling (three quiet
    /// rounds in a row; <see cref="System.Runtime.JitInfo"/>). BenchmarkDotNet's in-process jitting stage makes 17
    /// calls, while the tier-0 → instrumented → tier-1 promotion of the few hundred methods behind one HttpClient call
    /// needs thousands of calls and time for the background compiler, which a busy machine starves: without this the
    /// side measured first spent its short-mode iterations partly in tier-0 code (the hand-written call showed 7 µs
    /// instead of 2 µs). The pauses let the background compiler run and the 100 ms call-counting delay expire.
    /// </summary>
    private void WarmUpUntilJitted()
    {
        const int CallsPerRound = 1000, QuietRoundsNeeded = 3, MaxRounds = 100;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        int round = 0, quiet = 0;
        while (quiet < QuietRoundsNeeded && round < MaxRounds)
        {
            for (int i = 0; i < CallsPerRound; i++)
            {
                HandWrittenCancelUpload().GetAwaiter().GetResult();
                GeneratedCancelUpload().GetAwaiter().GetResult();
            }
            Thread.Sleep(200);
            long now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quiet = now == compiled ? quiet + 1 : 0;
            compiled = now;
            round++;
        }
        Console.WriteLine($"// {nameof(CancelUploadBenchmarks)}: {round} warm-up rounds of {CallsPerRound} calls per side in {watch.Elapsed.TotalSeconds:0.0} s; " +
            (quiet >= QuietRoundsNeeded ? "the JIT has settled." : "the JIT had not settled (round limit): the first rows may include tier-0 code."));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _generatedHttpClient.Dispose();
        _handWrittenHttpClient.Dispose();
        _handler.Dispose();
    }

    /// <summary>What a careful developer writes by hand: relative URI against BaseAddress, status check, STJ source-gen read.</summary>
    [Benchmark(Baseline = true)]
    public async Task<StjUpload> HandWrittenCancelUpload()
    {
        using var response = await _handWrittenHttpClient
            .PostAsync("uploads/" + Uri.EscapeDataString(UploadId) + "/cancel", content: null, CancellationToken.None)
            .ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(StjUploadsContext.Default.StjUpload, CancellationToken.None).ConfigureAwait(false))!;
    }

    [Benchmark]
    public Task<Upload> GeneratedCancelUpload() => _generated.CancelUploadAsync(UploadId, CancellationToken.None);
}

/// <summary>
/// An in-process server: every request gets a new 200 response with <c>Content-Type: application/json</c> and the
/// given bytes as <see cref="ByteArrayContent"/> (the array is shared, not copied), completed synchronously.
/// </summary>
public sealed class OpenAIExampleHandler(byte[] body) : HttpMessageHandler
{
    /// <summary>Called with each request when set (setup only; null while measuring).</summary>
    public Action<HttpRequestMessage>? Inspect { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Inspect?.Invoke(request);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
