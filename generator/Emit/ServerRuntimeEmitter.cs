namespace Uploads.Generators.Emit;

/// <summary>Request binding and response writing for generated minimal-API endpoints; no reflection, AOT-safe.</summary>
public static class ServerRuntimeEmitter
{
    public const string HintName = "Uploads.Generators.Runtime.OpenApiServer.g.cs";
    public const string Server = "global::Uploads.Generators.Runtime.OpenApiServer";

    public static string Emit() => GeneratedFile.Start("Uploads.Generators.Runtime").ToString() + Body;

    private const string Body = """
        /// <summary>Binds one request: path segments exactly as the client sent them, query, headers, cookies, bodies; collects problems.</summary>
        [global::System.CodeDom.Compiler.GeneratedCode("Uploads.Generators", "0.1.0")]
        internal sealed class OpenApiServer
        {
            private readonly global::Microsoft.AspNetCore.Http.HttpContext _context;
            private readonly string[] _segments;

            /// <summary>
            /// Takes the last <paramref name="templateSegments"/> segments of the raw request target: route values keep
            /// %2F escaped and decode the rest, so only the raw target gives back exactly what the client sent.
            /// </summary>
            public OpenApiServer(global::Microsoft.AspNetCore.Http.HttpContext context, int templateSegments)
            {
                _context = context;
                string path = context.Features.Get<global::Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? "";
                if (path.Length == 0 || path[0] != '/')
                {
                    path = global::System.Uri.TryCreate(path, global::System.UriKind.Absolute, out var absolute)
                        ? absolute.AbsolutePath
                        : (context.Request.PathBase + context.Request.Path).ToUriComponent();
                }
                int query = path.IndexOf('?');
                if (query >= 0) path = path.Substring(0, query);
                var all = path.Split('/');
                _segments = new string[templateSegments];
                for (int i = 0; i < templateSegments; i++)
                {
                    int index = all.Length - templateSegments + i;
                    _segments[i] = index >= 0 ? all[index] : "";
                }
            }

            public global::System.Collections.Generic.List<string> Problems { get; } = new();

            public string? Parameter { get; private set; }

            public global::System.Threading.CancellationToken Aborted => _context.RequestAborted;

            public string? PathSegment(int index) => global::System.Uri.UnescapeDataString(_segments[index]);

            public string? Query(string name) => _context.Request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[values.Count - 1] : null;

            /// <summary>All values of an array query parameter: repeated (explode) or split by the style's separator.</summary>
            public string[]? QueryValues(string name, bool explode, char separator)
            {
                if (!_context.Request.Query.TryGetValue(name, out var values) || values.Count == 0) return null;
                if (explode) return values.ToArray()!;
                return values[values.Count - 1]!.Split(separator);
            }

            public string? Header(string name) => _context.Request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

            public string[]? HeaderValues(string name) => Header(name)?.Split(',') is { } parts ? global::System.Array.ConvertAll(parts, static part => part.Trim()) : null;

            public string? Cookie(string name) => _context.Request.Cookies.TryGetValue(name, out var value) ? value : null;

            public static bool TryBase64(string text, out byte[] value)
            {
                try
                {
                    value = global::System.Convert.FromBase64String(text);
                    return true;
                }
                catch (global::System.FormatException)
                {
                    value = global::System.Array.Empty<byte>();
                    return false;
                }
            }

            public static bool TryJson(string text, out global::System.Text.Json.JsonElement value)
            {
                try
                {
                    using var document = global::System.Text.Json.JsonDocument.Parse(text);
                    value = document.RootElement.Clone();
                    return true;
                }
                catch (global::System.Text.Json.JsonException)
                {
                    value = default;
                    return false;
                }
            }

            public void Missing(string where, string name)
            {
                Parameter ??= name;
                Problems.Add("The required " + where + " '" + name + "' is missing.");
            }

            public void Invalid(string where, string name, string value, string expected)
            {
                Parameter ??= name;
                Problems.Add("The " + where + " '" + name + "' has the value '" + value + "', which is not " + expected + ".");
            }

            /// <summary>Reads a JSON body through generated metadata; malformed JSON or a schema mismatch is a problem, not an exception.</summary>
            public async global::System.Threading.Tasks.Task<T?> ReadJsonAsync<T>(global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, bool required)
            {
                var request = _context.Request;
                // HTTP/2 and HTTP/3 bodies of unknown length carry no Transfer-Encoding: ask the server whether there is one.
                bool empty = request.ContentLength == 0
                    || _context.Features.Get<global::Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false };
                if (empty)
                {
                    if (required) Missing("request body", "body");
                    return default;
                }
                if (request.ContentType is { } contentType && !IsJson(contentType))
                {
                    Problems.Add("The request body must be JSON, not '" + contentType + "'.");
                    return default;
                }
                try
                {
                    return await global::System.Text.Json.JsonSerializer.DeserializeAsync(request.Body, typeInfo, _context.RequestAborted).ConfigureAwait(false);
                }
                catch (global::System.Text.Json.JsonException exception)
                {
                    Parameter ??= "body";
                    Problems.Add("The request body is not valid: " + exception.Message);
                    return default;
                }
                catch (global::Microsoft.AspNetCore.Http.BadHttpRequestException exception)
                {
                    Refuse(exception);
                    return default;
                }
            }

            /// <summary>The status of the answer when there are problems: 400, or what the server said (413 too large…).</summary>
            public int Status { get; private set; } = 400;

            private void Refuse(global::Microsoft.AspNetCore.Http.BadHttpRequestException exception)
            {
                Status = exception.StatusCode;
                Problems.Add("The request body cannot be read: " + exception.Message);
            }

            private static bool IsJson(string contentType)
            {
                string type = contentType.Split(';')[0].Trim();
                return type.Equals("application/json", global::System.StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", global::System.StringComparison.OrdinalIgnoreCase);
            }

            /// <summary>
            /// Reads multipart sections in order: text fields are collected; file parts are buffered to a temporary file,
            /// except the part named <paramref name="streamedPart"/>, which is returned unread so its bytes stream
            /// straight to the implementation. Reading stops there.
            /// </summary>
            public async global::System.Threading.Tasks.Task<MultipartForm> ReadMultipartAsync(string? streamedPart)
            {
                var form = new MultipartForm();
                var contentType = _context.Request.ContentType;
                if (contentType is null || !global::Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
                    || !mediaType.MediaType.Equals("multipart/form-data", global::System.StringComparison.OrdinalIgnoreCase)
                    || global::Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
                {
                    Problems.Add("The request body must be multipart/form-data.");
                    return form;
                }
                var reader = new global::Microsoft.AspNetCore.WebUtilities.MultipartReader(boundary, _context.Request.Body);
                try
                {
                    while (await reader.ReadNextSectionAsync(_context.RequestAborted).ConfigureAwait(false) is { } section)
                    {
                        var disposition = global::Microsoft.AspNetCore.WebUtilities.MultipartSectionConverterExtensions.GetContentDispositionHeader(section);
                        string? name = disposition is null ? null : global::Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                        if (name is null) continue;
                        string? fileName = disposition!.FileName.HasValue || disposition.FileNameStar.HasValue
                            ? global::Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value
                            : null;
                        if (name == streamedPart)
                        {
                            form.Files[name] = (section.Body, fileName ?? name, section.ContentType);
                            return form;
                        }
                        if (fileName is not null)
                        {
                            var buffer = new global::System.IO.FileStream(global::System.IO.Path.GetTempFileName(), global::System.IO.FileMode.Create, global::System.IO.FileAccess.ReadWrite, global::System.IO.FileShare.None, 81920, global::System.IO.FileOptions.DeleteOnClose | global::System.IO.FileOptions.Asynchronous);
                            _context.Response.RegisterForDispose(buffer);
                            await section.Body.CopyToAsync(buffer, _context.RequestAborted).ConfigureAwait(false);
                            buffer.Position = 0;
                            form.Files[name] = (buffer, fileName, section.ContentType);
                            continue;
                        }
                        using var text = new global::System.IO.StreamReader(section.Body);
                        string value = await text.ReadToEndAsync(_context.RequestAborted).ConfigureAwait(false);
                        if (!form.Fields.TryGetValue(name, out var list)) form.Fields[name] = list = new global::System.Collections.Generic.List<string>();
                        list.Add(value);
                    }
                }
                catch (global::Microsoft.AspNetCore.Http.BadHttpRequestException exception)
                {
                    Refuse(exception);
                }
                catch (global::System.IO.IOException exception) when (!_context.RequestAborted.IsCancellationRequested)
                {
                    // MultipartReader reports a missing boundary or a truncated section as IOException.
                    Problems.Add("The multipart body is malformed: " + exception.Message);
                }
                catch (global::System.IO.InvalidDataException exception)
                {
                    Problems.Add("The multipart body is malformed: " + exception.Message);
                }
                return form;
            }

            /// <summary>Reads an application/x-www-form-urlencoded body.</summary>
            public async global::System.Threading.Tasks.Task<global::Microsoft.AspNetCore.Http.IFormCollection> ReadFormAsync()
            {
                if (!_context.Request.HasFormContentType)
                {
                    Problems.Add("The request body must be application/x-www-form-urlencoded.");
                    return global::Microsoft.AspNetCore.Http.FormCollection.Empty;
                }
                try
                {
                    return await _context.Request.ReadFormAsync(_context.RequestAborted).ConfigureAwait(false);
                }
                catch (global::Microsoft.AspNetCore.Http.BadHttpRequestException exception)
                {
                    Refuse(exception);
                    return global::Microsoft.AspNetCore.Http.FormCollection.Empty;
                }
                catch (global::System.IO.InvalidDataException exception)
                {
                    Problems.Add("The form body is malformed: " + exception.Message);
                    return global::Microsoft.AspNetCore.Http.FormCollection.Empty;
                }
            }

            public static async global::System.Threading.Tasks.Task WriteJsonAsync<T>(global::Microsoft.AspNetCore.Http.HttpContext context, int status, T value, global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
            {
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json; charset=utf-8";
                await global::System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted).ConfigureAwait(false);
            }

            public static async global::System.Threading.Tasks.Task WriteTextAsync(global::Microsoft.AspNetCore.Http.HttpContext context, int status, string? text, string contentType = "text/plain; charset=utf-8")
            {
                context.Response.StatusCode = status;
                if (text is null) return;
                context.Response.ContentType = contentType;
                await global::Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, text, context.RequestAborted).ConfigureAwait(false);
            }

            public static async global::System.Threading.Tasks.Task WriteStreamAsync(global::Microsoft.AspNetCore.Http.HttpContext context, int status, global::System.IO.Stream stream)
            {
                try
                {
                    context.Response.StatusCode = status;
                    context.Response.ContentType = "application/octet-stream";
                    await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
                }
                finally
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }
            }

            /// <summary>An RFC 9457 problem details body, written without reflection.</summary>
            public static async global::System.Threading.Tasks.Task WriteProblemAsync(global::Microsoft.AspNetCore.Http.HttpContext context, int status, string title, global::System.Collections.Generic.IReadOnlyList<string>? errors = null)
            {
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/problem+json";
                var buffer = new global::System.Buffers.ArrayBufferWriter<byte>();
                using (var writer = new global::System.Text.Json.Utf8JsonWriter(buffer))
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", status == 400 ? "https://tools.ietf.org/html/rfc9110#section-15.5.1" : "https://tools.ietf.org/html/rfc9110#section-15.6.1");
                    writer.WriteString("title", title);
                    writer.WriteNumber("status", status);
                    if (errors is { Count: > 0 })
                    {
                        writer.WriteString("detail", string.Join(" ", errors));
                        writer.WriteStartArray("errors");
                        foreach (var error in errors) writer.WriteStringValue(error);
                        writer.WriteEndArray();
                    }
                    writer.WriteEndObject();
                }
                await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
            }

            /// <summary>An exception the implementation did not mean: logged, answered with a 500 that leaks nothing.</summary>
            public static global::System.Threading.Tasks.Task FailAsync(global::Microsoft.AspNetCore.Http.HttpContext context, string operationId, global::System.Exception exception)
            {
                if (context.RequestServices.GetService(typeof(global::Microsoft.Extensions.Logging.ILoggerFactory)) is global::Microsoft.Extensions.Logging.ILoggerFactory loggers)
                {
                    global::Microsoft.Extensions.Logging.LoggerExtensions.LogError(loggers.CreateLogger("Uploads.Generators.Server"), exception, "The implementation of {OperationId} failed.", operationId);
                }
                if (context.Response.HasStarted) return global::System.Threading.Tasks.Task.CompletedTask;
                global::Microsoft.AspNetCore.Http.ResponseExtensions.Clear(context.Response);
                return WriteProblemAsync(context, 500, "An unexpected error occurred.");
            }

            /// <summary>Text fields and file parts of a multipart body.</summary>
            public sealed class MultipartForm
            {
                public global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.List<string>> Fields { get; } = new(global::System.StringComparer.Ordinal);

                public global::System.Collections.Generic.Dictionary<string, (global::System.IO.Stream Content, string FileName, string? ContentType)> Files { get; } = new(global::System.StringComparer.Ordinal);

                public string? Field(string name) => Fields.TryGetValue(name, out var values) && values.Count > 0 ? values[values.Count - 1] : null;

                public string[]? FieldValues(string name) => Fields.TryGetValue(name, out var values) ? values.ToArray() : null;
            }
        }

        """;
}
