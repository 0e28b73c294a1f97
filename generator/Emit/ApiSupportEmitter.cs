using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>
/// Emits the public types the clients (and server stubs) of a document share: the client options with the document's
/// credentials, <c>ApiException</c>/<c>ApiException&lt;TError&gt;</c>, and <c>FilePart</c> for multipart files.
/// </summary>
public static class ApiSupportEmitter
{
    public static string HintName(ApiModel model) => model.Options.Namespace + "." + model.Surface.OptionsName + ".g.cs";

    public static string Emit(ApiModel model)
    {
        var surface = model.Surface;
        string ns = "global::" + model.Options.Namespace;
        const string Headers = "global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Collections.Generic.IEnumerable<string>>";
        var writer = GeneratedFile.Start(model.Options.Namespace);

        writer.SummaryXml($"Settings of the clients generated from <c>{CSharpText.XmlInline(model.Title)}</c>: base address and credentials.");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"public sealed partial class {surface.OptionsName}");
        string server = surface.ServerUrl is { } url ? $" (the document's first server is <c>{CSharpText.XmlInline(url)}</c>)" : "";
        writer.SummaryXml($"The base address used when <see cref=\"global::System.Net.Http.HttpClient.BaseAddress\"/> is null{server}. A path without a trailing slash is kept.");
        writer.Line("public global::System.Uri? BaseAddress { get; set; }");
        foreach (var scheme in surface.SecuritySchemes)
        {
            writer.Line();
            string how = scheme.Kind switch
            {
                SecurityKind.Bearer => "sent as <c>Authorization: Bearer</c>",
                SecurityKind.Basic => "as <c>user:password</c>, sent as <c>Authorization: Basic</c>",
                SecurityKind.ApiKeyHeader => $"sent in the <c>{CSharpText.XmlInline(scheme.ParameterName)}</c> header",
                SecurityKind.ApiKeyQuery => $"sent as the <c>{CSharpText.XmlInline(scheme.ParameterName)}</c> query parameter",
                _ => $"sent as the <c>{CSharpText.XmlInline(scheme.ParameterName)}</c> cookie",
            };
            writer.SummaryXml($"The credential for the <c>{CSharpText.XmlInline(scheme.SchemeName)}</c> scheme, {how} on the operations that use it; null sends nothing.");
            writer.Line($"public string? {scheme.PropertyName} {{ get; set; }}");
        }
        writer.Close();
        writer.Line();

        writer.SummaryXml("An API call failed with a non-success status. Clients throw it; server implementations throw it to answer with that status.");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"public partial class {surface.ExceptionName} : global::System.Exception");
        writer.SummaryXml("An exception for a response the client received.");
        writer.Open($"public {surface.ExceptionName}(string message, int statusCode, string? response, {Headers}? headers, global::System.Exception? innerException = null) : base(message, innerException)");
        writer.Line("StatusCode = statusCode;");
        writer.Line("Response = response;");
        writer.Line($"Headers = headers ?? new global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.IEnumerable<string>>();");
        writer.Close();
        writer.Line();
        writer.SummaryXml("An exception that answers a request with <paramref name=\"statusCode\"/>.");
        writer.Line($"public {surface.ExceptionName}(int statusCode, string? message = null) : this(message ?? \"HTTP \" + statusCode.ToString(global::System.Globalization.CultureInfo.InvariantCulture), statusCode, null, null)");
        writer.Open();
        writer.Close();
        writer.Line();
        writer.SummaryXml("The HTTP status code.");
        writer.Line("public int StatusCode { get; }");
        writer.Line();
        writer.SummaryXml("The raw response body, when there was one.");
        writer.Line("public string? Response { get; }");
        writer.Line();
        writer.SummaryXml("The response and content headers.");
        writer.Line($"public {Headers} Headers {{ get; }}");
        writer.Close();
        writer.Line();

        writer.SummaryXml("An API call failed with a status whose body the document declares; <see cref=\"Error\"/> is that body.");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"public partial class {surface.ExceptionName}<TError> : {ns}.{surface.ExceptionName}");
        writer.SummaryXml("An exception for a response the client received and parsed.");
        writer.Line($"public {surface.ExceptionName}(string message, int statusCode, string? response, {Headers}? headers, TError error, global::System.Exception? innerException = null) : base(message, statusCode, response, headers, innerException)");
        writer.Open();
        writer.Line("Error = error;");
        writer.Close();
        writer.Line();
        writer.SummaryXml("An exception that answers a request with <paramref name=\"statusCode\"/> and <paramref name=\"error\"/> as the body.");
        writer.Line($"public {surface.ExceptionName}(int statusCode, TError error, string? message = null) : base(statusCode, message)");
        writer.Open();
        writer.Line("Error = error;");
        writer.Close();
        writer.Line();
        writer.SummaryXml("The parsed error body.");
        writer.Line("public TError Error { get; }");
        writer.Close();
        writer.Line();

        writer.SummaryXml("A file sent as a multipart part. The stream is sent as it is read, never buffered, and not disposed by the client.");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"public sealed partial class {surface.FilePartName}");
        writer.SummaryXml("A part with its file name and, optionally, its media type (application/octet-stream otherwise).");
        writer.Open($"public {surface.FilePartName}(global::System.IO.Stream content, string fileName, string? contentType = null)");
        writer.Line("Content = content ?? throw new global::System.ArgumentNullException(nameof(content));");
        writer.Line("FileName = fileName ?? throw new global::System.ArgumentNullException(nameof(fileName));");
        writer.Line("ContentType = contentType;");
        writer.Close();
        writer.Line();
        writer.SummaryXml("The bytes of the part.");
        writer.Line("public global::System.IO.Stream Content { get; }");
        writer.Line();
        writer.SummaryXml("The file name sent with the part.");
        writer.Line("public string FileName { get; }");
        writer.Line();
        writer.SummaryXml("The media type of the part.");
        writer.Line("public string? ContentType { get; }");
        writer.Close();
        return writer.ToString();
    }
}
