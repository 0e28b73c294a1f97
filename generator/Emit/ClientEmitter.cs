using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>Emits <c>I{Tag}Client</c> and <c>{Tag}Client</c>: one async method per operation over a caller-owned HttpClient.</summary>
public static class ClientEmitter
{
    private const string Http = HttpRuntimeEmitter.Http;
    private const string Task = "global::System.Threading.Tasks.Task";
    private const string CancellationToken = "global::System.Threading.CancellationToken";
    private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

    public static string Emit(ClientToEmit input)
    {
        var client = input.Client;
        string ns = "global::" + input.Namespace;
        var json = new JsonTypeInfoFields();
        var errorSets = new List<EquatableArray<ErrorResponseModel>>();
        foreach (var operation in client.Operations)
        {
            if (!errorSets.Contains(operation.Errors)) errorSets.Add(operation.Errors);
        }

        var writer = GeneratedFile.Start(input.Namespace);
        writer.SummaryXml($"The operations tagged <c>{CSharpText.XmlInline(client.Tag)}</c>; implemented by <see cref=\"{ns}.{client.Name}\"/>.");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"public partial interface {client.InterfaceName}");
        for (int i = 0; i < client.Operations.Count; i++)
        {
            if (i > 0) writer.Line();
            var operation = client.Operations[i];
            Documentation(writer, operation);
            writer.Line(Signature(operation) + ";");
        }
        writer.Close();
        writer.Line();

        // The methods are written before the class's fields (which they add to), one level in, as members of the class.
        var body = new SourceWriter().Indent();
        for (int i = 0; i < client.Operations.Count; i++)
        {
            body.Line();
            var operation = client.Operations[i];
            body.Line("/// <inheritdoc/>");
            EmitMethod(body, operation, input, json, errorSets.IndexOf(operation.Errors));
        }
        for (int i = 0; i < errorSets.Count; i++)
        {
            body.Line();
            EmitErrorFactory(body, errorSets[i], i, ns, input.Names, json);
        }

        writer.SummaryXml($"Calls the operations tagged <c>{CSharpText.XmlInline(client.Tag)}</c> over an <see cref=\"global::System.Net.Http.HttpClient\"/> the caller owns.");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"public partial class {client.Name} : {ns}.{client.InterfaceName}");
        string defaultBase = input.ServerUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out _)
            ? $"new global::System.Uri({CSharpText.StringLiteral(url)})"
            : "null";
        writer.Line($"private static readonly global::System.Uri? s_defaultBaseAddress = {defaultBase};");
        foreach (var field in json.Declarations()) writer.Line(field);
        writer.Line("private readonly global::System.Net.Http.HttpClient _httpClient;");
        writer.Line($"private readonly {ns}.{input.Names.Options} _options;");
        writer.Line();
        writer.SummaryXml("Uses <paramref name=\"httpClient\"/> and default options; the base address is HttpClient.BaseAddress, else the document's first server.");
        writer.Line($"public {client.Name}(global::System.Net.Http.HttpClient httpClient) : this(httpClient, new {ns}.{input.Names.Options}())");
        writer.Open();
        writer.Close();
        writer.Line();
        writer.SummaryXml("Uses <paramref name=\"httpClient\"/> with credentials and base address from <paramref name=\"options\"/>.");
        writer.Open($"public {client.Name}(global::System.Net.Http.HttpClient httpClient, {ns}.{input.Names.Options} options)");
        writer.Line("_httpClient = httpClient ?? throw new global::System.ArgumentNullException(nameof(httpClient));");
        writer.Line("_options = options ?? throw new global::System.ArgumentNullException(nameof(options));");
        writer.Close();
        var result = writer.ToString() + body.ToString() + "}\n";

        if (input.HasHttpClientFactory) result += ServiceCollectionExtensions(input, ns);
        return result;
    }

    private static void Documentation(SourceWriter writer, OperationModel operation)
    {
        writer.Summary(operation.Summary ?? operation.OperationId);
        foreach (var parameter in operation.Parameters)
        {
            string text = parameter.Description is { } description ? CSharpText.XmlInline(description) : $"The <c>{CSharpText.XmlInline(parameter.WireName)}</c> {Where(parameter.Location)}.";
            writer.Line($"/// <param name=\"{parameter.Name.TrimStart('@')}\">{text}</param>");
        }
        writer.Line("/// <param name=\"cancellationToken\">Cancels the request.</param>");
        GeneratedFile.Obsolete(writer, operation.Deprecated);
    }

    private static string Where(ParameterLocation location) => location switch
    {
        ParameterLocation.Path => "path parameter",
        ParameterLocation.Query => "query parameter",
        ParameterLocation.Header => "header",
        ParameterLocation.Cookie => "cookie",
        ParameterLocation.Body => "request body",
        ParameterLocation.FilePart => "file part",
        _ => "form field",
    };

    /// <summary>The method's return type; the server interface uses the same.</summary>
    public static string ReturnType(OperationModel operation) => operation.Success.Kind switch
    {
        ResponseKind.Json => $"{Task}<{operation.Success.Type!.Declaration}>",
        ResponseKind.Text => $"{Task}<string>",
        ResponseKind.Binary => $"{Task}<global::System.IO.Stream>",
        _ => Task,
    };

    public static string ParameterType(ParameterModel parameter, BodyModel? body)
    {
        string type = parameter.Location == ParameterLocation.Body && body?.Kind == BodyKind.Binary ? "global::System.IO.Stream" : parameter.Type.FullName;
        return parameter.Required && !parameter.Type.Nullable ? type : type + "?";
    }

    private static string Signature(OperationModel operation, bool implementation = false)
    {
        var parameters = operation.Parameters
            .Select(p => ParameterType(p, operation.Body) + " " + p.Name + (p.Required ? "" : " = default"))
            .Concat(new[] { $"{CancellationToken} cancellationToken = default" });
        return $"{(implementation ? "public async " : "")}{ReturnType(operation)} {operation.MethodName}({string.Join(", ", parameters)})";
    }

    private static void EmitMethod(SourceWriter writer, OperationModel operation, ClientToEmit input, JsonTypeInfoFields json, int errorSet)
    {
        string ns = "global::" + input.Namespace;
        GeneratedFile.Obsolete(writer, operation.Deprecated);
        writer.Open(Signature(operation, implementation: true));
        foreach (var parameter in operation.Parameters)
        {
            if (parameter.Required && !parameter.Type.Nullable && !parameter.Type.IsValueType)
            {
                writer.Line($"global::System.ArgumentNullException.ThrowIfNull({parameter.Name});");
            }
        }

        var schemes = input.Schemes.Where(s => operation.Security.Contains(s.PropertyName)).ToList();
        bool hasQuery = operation.Parameters.Any(p => p.Location == ParameterLocation.Query) || schemes.Any(s => s.Kind == SecurityKind.ApiKeyQuery);
        bool hasCookies = operation.Parameters.Any(p => p.Location == ParameterLocation.Cookie) || schemes.Any(s => s.Kind == SecurityKind.ApiKeyCookie);
        if (hasQuery) writer.Line("var queryBuilder = new global::System.Text.StringBuilder();");
        if (hasCookies) writer.Line("var cookieHeader = new global::System.Collections.Generic.List<string>();");
        foreach (var parameter in operation.Parameters.Where(p => p.Location == ParameterLocation.Query))
        {
            string wire = CSharpText.StringLiteral(parameter.WireName);
            string separator = CSharpText.StringLiteral(parameter.Style switch { ParameterStyle.SpaceDelimited => "%20", ParameterStyle.PipeDelimited => "|", _ => "," });
            EmitValue(writer, parameter, input, json, (w, text) => w.Line($"{Http}.AppendQuery(queryBuilder, {wire}, {text});"),
                separator: ",",
                explode: parameter.Explode && parameter.Style == ParameterStyle.Form,
                joined: (w, items) => w.Line($"{Http}.AppendQueryList(queryBuilder, {wire}, {items}, {separator});"));
        }
        foreach (var parameter in operation.Parameters.Where(p => p.Location == ParameterLocation.Cookie))
        {
            EmitValue(writer, parameter, input, json, (w, text) => w.Line($"cookieHeader.Add({CSharpText.StringLiteral(parameter.WireName + "=")} + global::System.Uri.EscapeDataString({text}));"), ",", explode: false);
        }
        foreach (var scheme in schemes)
        {
            if (scheme.Kind == SecurityKind.ApiKeyQuery) writer.Line($"if (_options.{scheme.PropertyName} is {{ }} {Credential(scheme)}) {Http}.AppendQuery(queryBuilder, {CSharpText.StringLiteral(scheme.ParameterName)}, {Credential(scheme)});");
            if (scheme.Kind == SecurityKind.ApiKeyCookie) writer.Line($"if (_options.{scheme.PropertyName} is {{ }} {Credential(scheme)}) cookieHeader.Add({CSharpText.StringLiteral(scheme.ParameterName + "=")} + global::System.Uri.EscapeDataString({Credential(scheme)}));");
        }

        writer.Line($"var httpRequest = new global::System.Net.Http.HttpRequestMessage({MethodExpression(operation.HttpMethod)}, {Http}.CreateUri(");
        writer.Indent();
        writer.Line("_httpClient.BaseAddress ?? _options.BaseAddress ?? s_defaultBaseAddress,");
        writer.Line(PathExpression(operation, input, json) + ",");
        writer.Line((hasQuery ? "queryBuilder.ToString()" : "null") + "));");
        writer.Unindent();
        // HttpClient applies its default version only to its own Get/Post helpers, not to a request message.
        writer.Line("httpRequest.Version = _httpClient.DefaultRequestVersion;");
        writer.Line("httpRequest.VersionPolicy = _httpClient.DefaultVersionPolicy;");
        foreach (var parameter in operation.Parameters.Where(p => p.Location == ParameterLocation.Header))
        {
            EmitValue(writer, parameter, input, json, (w, text) => w.Line($"httpRequest.Headers.TryAddWithoutValidation({CSharpText.StringLiteral(parameter.WireName)}, {text});"), ",", explode: false);
        }
        if (hasCookies) writer.Line("if (cookieHeader.Count > 0) httpRequest.Headers.TryAddWithoutValidation(\"Cookie\", string.Join(\"; \", cookieHeader));");
        foreach (var scheme in schemes)
        {
            string value = Credential(scheme);
            switch (scheme.Kind)
            {
                case SecurityKind.Bearer:
                    writer.Line($"if (_options.{scheme.PropertyName} is {{ }} {value}) {Http}.AddBearer(httpRequest, {value});");
                    break;
                case SecurityKind.Basic:
                    writer.Line($"if (_options.{scheme.PropertyName} is {{ }} {value}) {Http}.AddBasic(httpRequest, {value});");
                    break;
                case SecurityKind.ApiKeyHeader:
                    writer.Line($"if (_options.{scheme.PropertyName} is {{ }} {value}) httpRequest.Headers.TryAddWithoutValidation({CSharpText.StringLiteral(scheme.ParameterName)}, {value});");
                    break;
            }
        }
        EmitBody(writer, operation, input, json);

        string operationId = CSharpText.StringLiteral(operation.OperationId);
        string send = $"await _httpClient.SendAsync(httpRequest, global::System.Net.Http.HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false)";
        string fail = $"if (!httpResponse.IsSuccessStatusCode) throw await __ErrorAsync{errorSet.ToString(CultureInfo.InvariantCulture)}(httpResponse, {operationId}, cancellationToken).ConfigureAwait(false);";
        if (operation.Success.Kind == ResponseKind.Binary)
        {
            writer.Line($"var httpResponse = {send};");
            writer.Open("try");
            writer.Line(fail);
            writer.Line($"return new {Http}.ResponseStream(httpResponse, await httpResponse.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));");
            writer.Close();
            writer.Open("catch");
            writer.Line("httpResponse.Dispose();");
            writer.Line("throw;");
            writer.Close();
        }
        else
        {
            writer.Line($"using var httpResponse = {send};");
            writer.Line(fail);
            switch (operation.Success.Kind)
            {
                case ResponseKind.Json:
                    writer.Line($"return await {Http}.ReadJsonAsync(httpResponse, {json.Field(operation.Success.Type!)}, {operationId}, cancellationToken).ConfigureAwait(false);");
                    break;
                case ResponseKind.Text:
                    writer.Line("return await httpResponse.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);");
                    break;
            }
        }
        writer.Close();
    }

    /// <summary>The shared HttpMethod instance for standard methods (no allocation per call).</summary>
    private static string MethodExpression(string method) => method switch
    {
        "GET" => "global::System.Net.Http.HttpMethod.Get",
        "POST" => "global::System.Net.Http.HttpMethod.Post",
        "PUT" => "global::System.Net.Http.HttpMethod.Put",
        "DELETE" => "global::System.Net.Http.HttpMethod.Delete",
        "PATCH" => "global::System.Net.Http.HttpMethod.Patch",
        "HEAD" => "global::System.Net.Http.HttpMethod.Head",
        "OPTIONS" => "global::System.Net.Http.HttpMethod.Options",
        "TRACE" => "global::System.Net.Http.HttpMethod.Trace",
        _ => $"new global::System.Net.Http.HttpMethod({CSharpText.StringLiteral(method)})",
    };

    private static string Credential(SecuritySchemeModel scheme) => "credential" + scheme.PropertyName;

    /// <summary>The relative path with each {placeholder} replaced by its escaped parameter text.</summary>
    private static string PathExpression(OperationModel operation, ClientToEmit input, JsonTypeInfoFields json)
    {
        var parts = new List<string>();
        string template = operation.PathTemplate.TrimStart('/');
        int position = 0;
        while (position < template.Length)
        {
            int open = template.IndexOf('{', position);
            int close = open < 0 ? -1 : template.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                parts.Add(CSharpText.StringLiteral(template.Substring(position)));
                break;
            }
            if (open > position) parts.Add(CSharpText.StringLiteral(template.Substring(position, open - position)));
            string name = template.Substring(open + 1, close - open - 1);
            var parameter = operation.Parameters.FirstOrDefault(p => p.Location == ParameterLocation.Path && p.WireName == name);
            parts.Add(parameter is null
                ? CSharpText.StringLiteral(template.Substring(open, close - open + 1))
                : $"{Http}.EscapeSegment({SegmentText(parameter, input, json)})");
            position = close + 1;
        }
        return parts.Count == 0 ? "\"\"" : string.Join(" + ", parts);
    }

    private static string SegmentText(ParameterModel parameter, ClientToEmit input, JsonTypeInfoFields json)
    {
        var type = parameter.Type.WithNullable(false);
        if (type.Kind == ValueKind.Array)
        {
            return $"{Http}.Join(global::System.Linq.Enumerable.Select({parameter.Name}, static item => {Text(type.Element!.WithNullable(false), "item", input, json)}), \",\")";
        }
        return Text(type, parameter.Name, input, json);
    }

    /// <summary>Emits code that hands the text of a parameter (each item of an exploded array) to <paramref name="use"/>.</summary>
    private static void EmitValue(SourceWriter writer, ParameterModel parameter, ClientToEmit input, JsonTypeInfoFields json, Action<SourceWriter, string> use, string separator, bool explode, Action<SourceWriter, string>? joined = null)
    {
        string local = "value" + Identifier(parameter.Name);
        writer.Open($"if ({parameter.Name} is {{ }} {local})");
        var type = parameter.Type.WithNullable(false);
        if (type.Kind == ValueKind.Array)
        {
            var element = type.Element!;
            string itemText = Text(element.WithNullable(false), "item", input, json);
            if (explode)
            {
                writer.Open($"foreach (var item in {local})");
                // `is { } x` unwraps Nullable<T> too: a nullable value-type item (long?) must reach Text as its T.
                if (element.Nullable) writer.Open("if (item is { } itemValue)");
                use(writer, element.Nullable ? Text(element.WithNullable(false), "itemValue", input, json) : itemText);
                if (element.Nullable) writer.Close();
                writer.Close();
            }
            else
            {
                string filtered = element.Nullable ? $"global::System.Linq.Enumerable.OfType<{element.FullName}>({local})" : local;
                string items = $"global::System.Linq.Enumerable.Select({filtered}, static item => {itemText})";
                if (joined is not null) joined(writer, items);
                else use(writer, $"{Http}.Join({items}, {CSharpText.StringLiteral(separator)})");
            }
        }
        else
        {
            use(writer, Text(type, local, input, json));
        }
        writer.Close();
    }

    private static string Identifier(string name) => char.ToUpperInvariant(name.TrimStart('@')[0]) + name.TrimStart('@').Substring(1);

    /// <summary>A value as text for a path, query, header, cookie or form field.</summary>
    private static string Text(TypeRef type, string value, ClientToEmit input, JsonTypeInfoFields json) => type.Kind switch
    {
        ValueKind.String => value,
        ValueKind.Int32 or ValueKind.Int64 or ValueKind.Single or ValueKind.Double => $"{Http}.FormatInvariant({value})",
        ValueKind.Boolean => $"({value} ? \"true\" : \"false\")",
        ValueKind.DateTimeOffset => $"{value}.ToString(\"O\", {Invariant})",
        ValueKind.UnixTime => $"{Http}.FormatInvariant({value}.ToUnixTimeSeconds())",
        ValueKind.DateOnly => $"{value}.ToString(\"yyyy-MM-dd\", {Invariant})",
        ValueKind.Guid => $"{value}.ToString(\"D\")",
        ValueKind.Bytes or ValueKind.Binary => $"global::System.Convert.ToBase64String({value})",
        ValueKind.Enum => input.EnumStyle == EnumStyle.Extensible ? $"{value}.Value" : $"{type.FullName}Extensions.ToWireValue({value})",
        ValueKind.Any => $"{value}.GetRawText()",
        _ => $"global::System.Text.Json.JsonSerializer.Serialize({value}, {json.Field(type)})",
    };

    private static void EmitBody(SourceWriter writer, OperationModel operation, ClientToEmit input, JsonTypeInfoFields json)
    {
        if (operation.Body is not { } body) return;
        string contentType = CSharpText.StringLiteral(body.ContentType);
        switch (body.Kind)
        {
            case BodyKind.Json:
                string jsonCall = $"global::System.Net.Http.Json.JsonContent.Create({body.ParameterName}, {json.Field(body.Type!.WithNullable(false))})";
                writer.Line(body.Required && !body.Type!.Nullable
                    ? $"httpRequest.Content = {jsonCall};"
                    : $"if ({body.ParameterName} is not null) httpRequest.Content = {jsonCall};");
                break;
            case BodyKind.Binary:
                writer.Open($"if ({body.ParameterName} is not null)");
                writer.Line($"httpRequest.Content = new global::System.Net.Http.StreamContent({body.ParameterName});");
                writer.Line($"httpRequest.Content.Headers.ContentType = global::System.Net.Http.Headers.MediaTypeHeaderValue.Parse({contentType});");
                writer.Close();
                break;
            case BodyKind.Text:
                writer.Line($"if ({body.ParameterName} is not null) httpRequest.Content = new global::System.Net.Http.StringContent({body.ParameterName}, global::System.Text.Encoding.UTF8, {contentType});");
                break;
            case BodyKind.Multipart:
                writer.Line("var httpContent = new global::System.Net.Http.MultipartFormDataContent();");
                // Text fields first, files last: a server can then stream the file part instead of buffering it.
                foreach (var parameter in operation.Parameters.OrderBy(p => p.Location == ParameterLocation.FilePart ? 1 : 0))
                {
                    string field = CSharpText.StringLiteral(parameter.WireName);
                    if (parameter.Location == ParameterLocation.FilePart)
                    {
                        writer.Line($"if ({parameter.Name} is not null) httpContent.Add({Http}.FileContent({parameter.Name}.Content, {parameter.Name}.ContentType), {field}, {parameter.Name}.FileName);");
                    }
                    else if (parameter.Location == ParameterLocation.FormField)
                    {
                        EmitValue(writer, parameter, input, json, (w, text) => w.Line($"httpContent.Add(new global::System.Net.Http.StringContent({text}), {field});"), ",", explode: true);
                    }
                }
                writer.Line("httpRequest.Content = httpContent;");
                break;
            case BodyKind.FormUrlEncoded:
                writer.Line("var formFields = new global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>>();");
                if (!body.Required) writer.Open($"if ({body.ParameterName} is not null)");
                foreach (var field in body.Fields)
                {
                    var fieldType = field.Type.WithNullable(false);
                    string local = "field" + field.Name;
                    string wire = CSharpText.StringLiteral(field.WireName);
                    writer.Open($"if ({body.ParameterName}.{field.Name} is {{ }} {local})");
                    if (fieldType.Kind == ValueKind.Array && fieldType.Element!.Kind is not (ValueKind.Record or ValueKind.Map or ValueKind.Array or ValueKind.Any))
                    {
                        // A null check on a non-nullable value-type item (an enum, a long) is CS0037; only items that can be
                        // null are checked, and `is { } x` unwraps Nullable<T> for Text.
                        var element = fieldType.Element!;
                        bool check = element.Nullable || !element.IsValueType;
                        string itemText = Text(element.WithNullable(false), check ? "itemValue" : "item", input, json);
                        writer.Line(check
                            ? $"foreach (var item in {local}) if (item is {{ }} itemValue) formFields.Add(new({wire}, {itemText}));"
                            : $"foreach (var item in {local}) formFields.Add(new({wire}, {itemText}));");
                    }
                    else
                    {
                        writer.Line($"formFields.Add(new({wire}, {Text(fieldType, local, input, json)}));");
                    }
                    writer.Close();
                }
                if (!body.Required) writer.Close();
                writer.Line("httpRequest.Content = new global::System.Net.Http.FormUrlEncodedContent(formFields);");
                break;
        }
    }

    private static void EmitErrorFactory(SourceWriter writer, EquatableArray<ErrorResponseModel> errors, int index, string ns, ApiSurfaceNames names, JsonTypeInfoFields json)
    {
        writer.SummaryXml("The exception for a failed call: typed when the body matches the schema declared for its status.");
        writer.Open($"private static async {Task}<global::System.Exception> __ErrorAsync{index.ToString(CultureInfo.InvariantCulture)}(global::System.Net.Http.HttpResponseMessage response, string operationId, {CancellationToken} cancellationToken)");
        writer.Line("string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);");
        writer.Line("int status = (int)response.StatusCode;");
        writer.Line($"var headers = {Http}.Headers(response);");
        writer.Line($"string message = {Http}.FailureMessage(operationId, response);");
        var ordered = errors.OrderBy(e => e.Status == "default" ? 2 : e.Status.Contains("X") ? 1 : 0).ToList();
        for (int i = 0; i < ordered.Count; i++)
        {
            var error = ordered[i];
            string local = "error" + i.ToString(CultureInfo.InvariantCulture);
            writer.Line($"if ({Http}.StatusMatches(status, {CSharpText.StringLiteral(error.Status)}) && {Http}.TryRead(body, {json.Field(error.Type)}, out var {local})) return new {ns}.{names.Exception}<{error.Type.FullName}>(message, status, body, headers, {local});");
        }
        writer.Line($"return new {ns}.{names.Exception}(message, status, body, headers);");
        writer.Close();
    }

    private static string ServiceCollectionExtensions(ClientToEmit input, string ns)
    {
        var client = input.Client;
        var writer = new SourceWriter().Line();
        writer.SummaryXml($"Registers <see cref=\"{ns}.{client.InterfaceName}\"/> as a typed HttpClient (IHttpClientFactory).");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"public static partial class {client.Name}ServiceCollectionExtensions");
        writer.SummaryXml($"Adds <see cref=\"{ns}.{client.Name}\"/> as the typed client for <see cref=\"{ns}.{client.InterfaceName}\"/>; configure the HttpClient and handlers on the returned builder.");
        writer.Line($"public static global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder Add{client.Name}(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, {ns}.{input.Names.Options}? options = null) =>");
        writer.Indent();
        writer.Line($"global::Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions.AddHttpClient<{ns}.{client.InterfaceName}, {ns}.{client.Name}>(services, (httpClient, _) => new {ns}.{client.Name}(httpClient, options ?? new {ns}.{input.Names.Options}()));");
        writer.Unindent();
        writer.Close();
        return writer.ToString();
    }
}
