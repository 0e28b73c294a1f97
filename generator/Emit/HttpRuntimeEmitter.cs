namespace Uploads.Generators.Emit;

/// <summary>HTTP helpers every generated client calls, emitted once per compilation when any document has clients.</summary>
public static class HttpRuntimeEmitter
{
    public const string HintName = "Uploads.Generators.Runtime.OpenApiHttp.g.cs";
    public const string Http = "global::Uploads.Generators.Runtime.OpenApiHttp";

    public static string Emit() => GeneratedFile.Start("Uploads.Generators.Runtime").ToString() + Body;

    private const string Body = """
        /// <summary>Shared request building and response handling for generated clients.</summary>
        [global::System.CodeDom.Compiler.GeneratedCode("Uploads.Generators", "0.1.0")]
        internal static class OpenApiHttp
        {
            /// <summary>
            /// One path segment with everything escaped, so no value can change the route. "." and ".." cannot be sent
            /// at all: URIs treat even their escaped forms as dot segments, which servers resolve.
            /// </summary>
            public static string EscapeSegment(string value)
            {
                if (value is "." or "..") throw new global::System.ArgumentException("A path parameter cannot be '" + value + "': it would change the route.", nameof(value));
                return global::System.Uri.EscapeDataString(value);
            }

            /// <summary>
            /// Appends the relative path to the base address as text, so a base with a path and no trailing slash keeps
            /// its path (plain Uri combination drops "/v1"), and disables canonicalization so escapes stay escaped.
            /// </summary>
            public static global::System.Uri CreateUri(global::System.Uri? baseAddress, string relativePath, string? query)
            {
                if (baseAddress is null || !baseAddress.IsAbsoluteUri)
                {
                    throw new global::System.InvalidOperationException("The client has no absolute base address: set HttpClient.BaseAddress or the client options' BaseAddress.");
                }
                string text = baseAddress.GetLeftPart(global::System.UriPartial.Path);
                if (!text.EndsWith("/", global::System.StringComparison.Ordinal)) text += "/";
                text += relativePath;
                if (!string.IsNullOrEmpty(query)) text += "?" + query;
                return new global::System.Uri(text, new global::System.UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
            }

            public static void AppendQuery(global::System.Text.StringBuilder query, string name, string value)
            {
                if (query.Length > 0) query.Append('&');
                query.Append(global::System.Uri.EscapeDataString(name)).Append('=').Append(global::System.Uri.EscapeDataString(value));
            }

            /// <summary>An array query parameter in one pair: each item escaped, joined by the style's literal separator.</summary>
            public static void AppendQueryList(global::System.Text.StringBuilder query, string name, global::System.Collections.Generic.IEnumerable<string> values, string separator)
            {
                if (query.Length > 0) query.Append('&');
                query.Append(global::System.Uri.EscapeDataString(name)).Append('=');
                bool first = true;
                foreach (var value in values)
                {
                    if (!first) query.Append(separator);
                    query.Append(global::System.Uri.EscapeDataString(value));
                    first = false;
                }
            }

            public static string FormatInvariant<T>(T value) where T : global::System.IFormattable =>
                value.ToString(null, global::System.Globalization.CultureInfo.InvariantCulture);

            /// <summary>Joins array values for a query (form without explode, space- or pipe-delimited) or header (simple) parameter.</summary>
            public static string Join(global::System.Collections.Generic.IEnumerable<string> values, string separator) =>
                string.Join(separator, values);

            public static global::System.Net.Http.HttpContent FileContent(global::System.IO.Stream content, string? contentType)
            {
                var part = new global::System.Net.Http.StreamContent(content);
                part.Headers.ContentType = new global::System.Net.Http.Headers.MediaTypeHeaderValue(contentType ?? "application/octet-stream");
                return part;
            }

            public static void AddBearer(global::System.Net.Http.HttpRequestMessage request, string token) =>
                request.Headers.Authorization = new global::System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

            public static void AddBasic(global::System.Net.Http.HttpRequestMessage request, string userColonPassword) =>
                request.Headers.Authorization = new global::System.Net.Http.Headers.AuthenticationHeaderValue(
                    "Basic", global::System.Convert.ToBase64String(global::System.Text.Encoding.UTF8.GetBytes(userColonPassword)));

            /// <summary>Reads a 2xx JSON body; a body that does not match the schema is a JsonException naming the operation.</summary>
            public static async global::System.Threading.Tasks.Task<T> ReadJsonAsync<T>(
                global::System.Net.Http.HttpResponseMessage response,
                global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo,
                string operationId,
                global::System.Threading.CancellationToken cancellationToken)
            {
                using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return (await global::System.Text.Json.JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false))!;
                }
                catch (global::System.Text.Json.JsonException exception)
                {
                    throw new global::System.Text.Json.JsonException(
                        "The " + ((int)response.StatusCode).ToString(global::System.Globalization.CultureInfo.InvariantCulture) + " response of " + operationId + " does not match its schema: " + exception.Message,
                        exception.Path, exception.LineNumber, exception.BytePositionInLine, exception);
                }
            }

            /// <summary>True when an error response's status matches "404", "4XX" or "default".</summary>
            public static bool StatusMatches(int status, string pattern)
            {
                if (pattern == "default") return true;
                if (pattern.Length == 3 && pattern[1] == 'X') return status / 100 == pattern[0] - '0';
                return pattern == status.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
            }

            /// <summary>Deserializes an error body; false when it does not match the declared schema.</summary>
            public static bool TryRead<T>(string body, global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, out T value)
            {
                try
                {
                    value = global::System.Text.Json.JsonSerializer.Deserialize(body, typeInfo)!;
                    return value is not null;
                }
                catch (global::System.Text.Json.JsonException)
                {
                    value = default!;
                    return false;
                }
            }

            /// <summary>Every response and content header, for the exception a failed call throws.</summary>
            public static global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Collections.Generic.IEnumerable<string>> Headers(global::System.Net.Http.HttpResponseMessage response)
            {
                var headers = new global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.IEnumerable<string>>(global::System.StringComparer.OrdinalIgnoreCase);
                foreach (var header in response.Headers) headers[header.Key] = header.Value;
                foreach (var header in response.Content.Headers) headers[header.Key] = header.Value;
                return headers;
            }

            public static string FailureMessage(string operationId, global::System.Net.Http.HttpResponseMessage response) =>
                operationId + " failed with HTTP " + ((int)response.StatusCode).ToString(global::System.Globalization.CultureInfo.InvariantCulture)
                + (string.IsNullOrEmpty(response.ReasonPhrase) ? "." : " (" + response.ReasonPhrase + ").");

            /// <summary>A response body returned as a stream; disposing it disposes the response.</summary>
            public sealed class ResponseStream : global::System.IO.Stream
            {
                private readonly global::System.Net.Http.HttpResponseMessage _response;
                private readonly global::System.IO.Stream _inner;

                public ResponseStream(global::System.Net.Http.HttpResponseMessage response, global::System.IO.Stream inner)
                {
                    _response = response;
                    _inner = inner;
                }

                public override bool CanRead => _inner.CanRead;

                public override bool CanSeek => _inner.CanSeek;

                public override bool CanWrite => false;

                public override long Length => _inner.Length;

                public override long Position { get => _inner.Position; set => _inner.Position = value; }

                public override void Flush() { }

                public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

                public override global::System.Threading.Tasks.ValueTask<int> ReadAsync(global::System.Memory<byte> buffer, global::System.Threading.CancellationToken cancellationToken = default) =>
                    _inner.ReadAsync(buffer, cancellationToken);

                public override global::System.Threading.Tasks.Task<int> ReadAsync(byte[] buffer, int offset, int count, global::System.Threading.CancellationToken cancellationToken) =>
                    _inner.ReadAsync(buffer, offset, count, cancellationToken);

                public override long Seek(long offset, global::System.IO.SeekOrigin origin) => _inner.Seek(offset, origin);

                public override void SetLength(long value) => throw new global::System.NotSupportedException();

                public override void Write(byte[] buffer, int offset, int count) => throw new global::System.NotSupportedException();

                protected override void Dispose(bool disposing)
                {
                    if (disposing)
                    {
                        _inner.Dispose();
                        _response.Dispose();
                    }
                    base.Dispose(disposing);
                }
            }
        }

        """;
}
