namespace Uploads.Generators.Tests.Integration;

/// <summary>
/// C# compiled together with the generated clients (BCL references only, like a consumer's project). Each method
/// creates an <see cref="System.Net.Http.HttpClient"/> that carries the scenario's <c>X-Test-Id</c> header, calls the
/// generated client exactly as user code would (named arguments, so a renamed or reordered parameter fails the
/// compile), and returns what the client returned. Every method returns <c>Task&lt;T&gt;</c> so the tests can await
/// it through reflection; exceptions from the generated client propagate unchanged.
/// </summary>
internal static class IntegrationDriverSources
{
    public const string UploadsDriver = "IntegrationDriver.UploadsDriver";

    public const string ParamsDriver = "IntegrationDriver.ParamsDriver";

    public const string Uploads = """
        #nullable enable
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Test.Api;

        namespace IntegrationDriver;

        public static class UploadsDriver
        {
            private static HttpClient CreateHttpClient(string? baseAddress, string testId)
            {
                var http = new HttpClient();
                if (baseAddress is not null) http.BaseAddress = new Uri(baseAddress);
                http.DefaultRequestHeaders.TryAddWithoutValidation("X-Test-Id", testId);
                return http;
            }

            // Through the interface, as a consumer that injects IUploadsClient would.
            private static IUploadsClient CreateClient(HttpClient http, string? bearer) =>
                bearer is null ? new UploadsClient(http) : new UploadsClient(http, new OpenAIApiClientOptions { ApiKeyAuth = bearer });

            public static async Task<Upload> CancelUpload(string? baseAddress, string testId, string uploadId, string? bearer, CancellationToken cancellationToken)
            {
                using var http = CreateHttpClient(baseAddress, testId);
                return await CreateClient(http, bearer).CancelUploadAsync(uploadId, cancellationToken: cancellationToken);
            }

            public static async Task<Upload> CreateUpload(string baseAddress, string testId, string filename, long bytes, string? bearer)
            {
                using var http = CreateHttpClient(baseAddress, testId);
                var body = new CreateUploadRequest
                {
                    Filename = filename,
                    Purpose = CreateUploadRequestPurpose.FineTune,
                    Bytes = bytes,
                    MimeType = "text/jsonl",
                    ExpiresAfter = new FileExpirationAfter { Seconds = 3600 },
                };
                return await CreateClient(http, bearer).CreateUploadAsync(body: body);
            }

            public static async Task<Upload> CompleteUpload(string baseAddress, string testId, string uploadId, string[] partIds, string? md5)
            {
                using var http = CreateHttpClient(baseAddress, testId);
                return await CreateClient(http, null).CompleteUploadAsync(uploadId, new CompleteUploadRequest { PartIds = partIds, Md5 = md5 });
            }

            public static async Task<UploadPart> AddUploadPart(string baseAddress, string testId, string uploadId, Stream content, string fileName, string? contentType, CancellationToken cancellationToken)
            {
                using var http = CreateHttpClient(baseAddress, testId);
                var part = new FilePart(content, fileName, contentType);
                return await CreateClient(http, null).AddUploadPartAsync(uploadId: uploadId, data: part, cancellationToken: cancellationToken);
            }

            /// <summary>The typed error as the compiler sees it: proves ApiException&lt;ErrorResponse&gt; is the declared shape.</summary>
            public static async Task<string> CancelUploadTypedError(string baseAddress, string testId, string uploadId)
            {
                using var http = CreateHttpClient(baseAddress, testId);
                try
                {
                    await CreateClient(http, null).CancelUploadAsync(uploadId);
                    return "no exception";
                }
                catch (ApiException<ErrorResponse> exception)
                {
                    Error error = exception.Error.Error;
                    return $"{exception.StatusCode}|{error.Type}|{error.Message}|{error.Param ?? "<null>"}|{error.Code ?? "<null>"}";
                }
            }
        }
        """;

    public const string Params = """
        #nullable enable
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Test.Params;

        namespace IntegrationDriver;

        public static class ParamsDriver
        {
            private static HttpClient CreateHttpClient(string? baseAddress, string testId)
            {
                var http = new HttpClient();
                if (baseAddress is not null) http.BaseAddress = new Uri(baseAddress);
                http.DefaultRequestHeaders.TryAddWithoutValidation("X-Test-Id", testId);
                return http;
            }

            private static ParamsTestClientOptions Options(string? apiKey, string? baseAddress = null) => new()
            {
                ApiKeyAuth = apiKey,
                BaseAddress = baseAddress is null ? null : new Uri(baseAddress),
            };

            public static async Task<long> Search(
                string baseAddress, string testId, string scope, string requestTag, string text,
                int? limit, string[]? tags, string[]? ids, string[]? words, string[]? pipes, long[]? counts, string[]? flags,
                string? session, string? theme, string? apiKey)
            {
                using var http = CreateHttpClient(baseAddress, testId);
                IParamsClient client = new ParamsClient(http, Options(apiKey));
                // Required parameters positionally (path, header, body), the optional ones by name.
                SearchResult result = await client.SearchAsync(
                    scope,
                    requestTag,
                    new SearchRequest { Text = text },
                    limit: limit,
                    tags: tags,
                    ids: ids,
                    words: words,
                    pipes: pipes,
                    counts: counts,
                    xFlags: flags,
                    session: session,
                    theme: theme);
                return result.Hits;
            }

            public static async Task<string> ListClasses(string baseAddress, string testId, string value)
            {
                using var http = CreateHttpClient(baseAddress, testId);
                await new ParamsClient(http).ListClassesAsync(@class: value);
                return "ok";
            }

            public static async Task<string> SubmitForm(string baseAddress, string testId, string name, int? count, string[]? tags, bool? active)
            {
                using var http = CreateHttpClient(baseAddress, testId);
                await new ParamsClient(http).SubmitFormAsync(new FormInput { Name = name, Count = count, Tags = tags, Active = active });
                return "ok";
            }

            public static async Task<Widget> GetWidget(string baseAddress, string testId, string id, CancellationToken cancellationToken)
            {
                using var http = CreateHttpClient(baseAddress, testId);
                return await new ParamsClient(http).GetWidgetAsync(id, cancellationToken);
            }

            public static async Task<string> Ping(string baseAddress, string testId, string? apiKey)
            {
                using var http = CreateHttpClient(baseAddress, testId);
                await new ParamsClient(http, Options(apiKey)).PingAsync();
                return "ok";
            }

            /// <summary>The untagged operation without operationId, on the title's client, with the base address from wherever the test says.</summary>
            public static async Task<string> DeleteThing(string? httpClientBaseAddress, string? optionsBaseAddress, string testId, string thingId, string? apiKey)
            {
                using var http = CreateHttpClient(httpClientBaseAddress, testId);
                IParamsTestClient client = new ParamsTestClient(http, Options(apiKey, optionsBaseAddress));
                await client.DeleteThingsThingIdAsync(thingId);
                return "ok";
            }

            /// <summary>The same operation through the one-argument constructor: no options, so the document's server.</summary>
            public static async Task<string> DeleteThingWithDefaults(string testId, string thingId)
            {
                using var http = CreateHttpClient(null, testId);
                await new ParamsTestClient(http).DeleteThingsThingIdAsync(thingId);
                return "ok";
            }
        }
        """;
}
