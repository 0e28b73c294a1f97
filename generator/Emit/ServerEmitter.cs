using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>
/// Emits the server side of a tag: <c>I{Tag}Api</c> to implement, and <c>Map{Tag}Api</c>, which maps every operation
/// to a hand-written request delegate (no reflection, AOT-safe) that binds, validates, calls the implementation and
/// writes the declared status.
/// </summary>
public static class ServerEmitter
{
    private const string Server = ServerRuntimeEmitter.Server;
    private const string Task = "global::System.Threading.Tasks.Task";
    private const string Context = "global::Microsoft.AspNetCore.Http.HttpContext";
    private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

    public static string Emit(ServerToEmit input)
    {
        var group = input.Group;
        string ns = "global::" + input.Namespace;
        var json = new JsonTypeInfoFields();
        var writer = GeneratedFile.Start(input.Namespace);

        writer.SummaryXml($"The operations tagged <c>{CSharpText.XmlInline(group.Tag)}</c>, to implement on the server; map them with <c>Map{group.BaseName}Api</c>.");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"public partial interface {group.ApiInterfaceName}");
        for (int i = 0; i < group.Operations.Count; i++)
        {
            if (i > 0) writer.Line();
            var operation = group.Operations[i];
            writer.Summary(operation.Summary ?? operation.OperationId);
            writer.Line($"/// <remarks>Throw <see cref=\"{ns}.{input.Names.Exception}\"/> to answer with another status.</remarks>");
            GeneratedFile.Obsolete(writer, operation.Deprecated);
            var parameters = operation.Parameters.Select(p => ClientEmitter.ParameterType(p, operation.Body) + " " + p.Name)
                .Concat(new[] { "global::System.Threading.CancellationToken cancellationToken" });
            writer.Line($"{ClientEmitter.ReturnType(operation)} {operation.MethodName}({string.Join(", ", parameters)});");
        }
        writer.Close();
        writer.Line();

        var handlers = new SourceWriter();
        foreach (var operation in group.Operations)
        {
            handlers.Line();
            EmitHandler(handlers, operation, input, json);
        }

        writer.SummaryXml($"Maps the operations of <see cref=\"{ns}.{group.ApiInterfaceName}\"/> to minimal-API endpoints.");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"public static partial class {group.EndpointsName}");
        foreach (var field in json.Declarations()) writer.Line(field);
        if (json.Count > 0) writer.Line();
        writer.SummaryXml($"Maps every operation to its route and method, named by its operationId; <see cref=\"{ns}.{group.ApiInterfaceName}\"/> is resolved from the request's services. Returns the group, for authorization, rate limiting and other conventions.");
        writer.Open($"public static global::Microsoft.AspNetCore.Routing.RouteGroupBuilder Map{group.BaseName}Api(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(endpoints);");
        writer.Line("var group = global::Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGroup(endpoints, \"\");");
        foreach (var operation in group.Operations)
        {
            writer.Line("global::Microsoft.AspNetCore.Builder.RoutingEndpointConventionBuilderExtensions.WithName(");
            writer.Indent();
            writer.Line($"global::Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapMethods(group, {CSharpText.StringLiteral(RoutePattern(operation.PathTemplate))}, new[] {{ {CSharpText.StringLiteral(operation.HttpMethod)} }}, new global::Microsoft.AspNetCore.Http.RequestDelegate(Handle{operation.MethodName})),");
            writer.Line(CSharpText.StringLiteral(operation.OperationId) + ");");
            writer.Unindent();
        }
        writer.Line("return group;");
        writer.Close();
        writer.Line(handlers.ToString().TrimEnd('\n').Replace("\n", "\n    ").Replace("\n    \n", "\n\n").TrimStart('\n').Insert(0, "    "));
        writer.Close();
        return writer.ToString();
    }

    /// <summary>The route with placeholders renamed p0, p1…: OpenAPI names may not be valid route parameter names.</summary>
    private static string RoutePattern(string template)
    {
        var segments = template.TrimStart('/').Split('/');
        int index = 0;
        for (int i = 0; i < segments.Length; i++)
        {
            if (segments[i].Contains("{")) segments[i] = "{p" + (index++).ToString(CultureInfo.InvariantCulture) + "}";
        }
        return "/" + string.Join("/", segments);
    }

    private static void EmitHandler(SourceWriter writer, OperationModel operation, ServerToEmit input, JsonTypeInfoFields json)
    {
        string ns = "global::" + input.Namespace;
        var segments = operation.PathTemplate.TrimStart('/').Split('/');
        writer.Open($"private static async {Task} Handle{operation.MethodName}({Context} context)");
        writer.Line($"var binder = new {Server}(context, {segments.Length.ToString(CultureInfo.InvariantCulture)});");
        bool multipart = operation.Body?.Kind == BodyKind.Multipart;
        if (multipart)
        {
            var files = operation.Parameters.Where(p => p.Location == ParameterLocation.FilePart).ToList();
            string streamed = files.Count == 1 ? CSharpText.StringLiteral(files[0].WireName) : "null";
            writer.Line($"var form = await binder.ReadMultipartAsync({streamed}).ConfigureAwait(false);");
        }

        var arguments = new List<string>();
        for (int i = 0; i < operation.Parameters.Count; i++)
        {
            var parameter = operation.Parameters[i];
            string local = "arg" + i.ToString(CultureInfo.InvariantCulture);
            arguments.Add(local);
            string declared = ClientEmitter.ParameterType(parameter, operation.Body);
            writer.Line($"{declared} {local} = default{(declared.EndsWith("?", StringComparison.Ordinal) ? "" : "!")};");
            switch (parameter.Location)
            {
                case ParameterLocation.Path:
                    int segment = Array.FindIndex(segments, s => s == "{" + parameter.WireName + "}");
                    string source = segment >= 0
                        ? $"binder.PathSegment({segment.ToString(CultureInfo.InvariantCulture)})"
                        : $"context.Request.RouteValues[{CSharpText.StringLiteral("p" + Array.FindIndex(segments.Where(s => s.Contains("{")).ToArray(), s => s.Contains("{" + parameter.WireName + "}")).ToString(CultureInfo.InvariantCulture))}] as string";
                    Bind(writer, parameter, local, source, "binder.PathSegment", "path parameter", input, json, i);
                    break;
                case ParameterLocation.Query:
                    char separator = parameter.Style switch { ParameterStyle.SpaceDelimited => ' ', ParameterStyle.PipeDelimited => '|', _ => ',' };
                    bool explode = parameter.Explode && parameter.Style == ParameterStyle.Form;
                    Bind(writer, parameter, local, $"binder.Query({Wire(parameter)})", $"binder.QueryValues({Wire(parameter)}, {(explode ? "true" : "false")}, '{(separator == ' ' ? " " : separator.ToString())}')", "query parameter", input, json, i);
                    break;
                case ParameterLocation.Header:
                    Bind(writer, parameter, local, $"binder.Header({Wire(parameter)})", $"binder.HeaderValues({Wire(parameter)})", "header", input, json, i);
                    break;
                case ParameterLocation.Cookie:
                    Bind(writer, parameter, local, $"binder.Cookie({Wire(parameter)})", $"binder.Cookie({Wire(parameter)})?.Split(',')", "cookie", input, json, i);
                    break;
                case ParameterLocation.FormField:
                    Bind(writer, parameter, local, $"form.Field({Wire(parameter)})", $"form.FieldValues({Wire(parameter)})", "form field", input, json, i);
                    break;
                case ParameterLocation.FilePart:
                    writer.Line($"if (form.Files.TryGetValue({Wire(parameter)}, out var file{i.ToString(CultureInfo.InvariantCulture)})) {local} = new {ns}.{input.Names.FilePart}(file{i.ToString(CultureInfo.InvariantCulture)}.Content, file{i.ToString(CultureInfo.InvariantCulture)}.FileName, file{i.ToString(CultureInfo.InvariantCulture)}.ContentType);");
                    if (parameter.Required) writer.Line($"else binder.Missing(\"file part\", {Wire(parameter)});");
                    break;
                case ParameterLocation.Body:
                    BindBody(writer, operation.Body!, parameter, local, input, json, i);
                    break;
            }
        }

        writer.Open("if (binder.Problems.Count > 0)");
        EmitBadRequest(writer, operation, input, json);
        writer.Line("return;");
        writer.Close();
        writer.Line($"var api = global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{ns}.{input.Group.ApiInterfaceName}>(context.RequestServices);");
        string call = $"api.{operation.MethodName}({string.Join(", ", arguments.Concat(new[] { "context.RequestAborted" }))})";
        string status = operation.Success.StatusCode.ToString(CultureInfo.InvariantCulture);
        writer.Open("try");
        switch (operation.Success.Kind)
        {
            case ResponseKind.Json:
                writer.Line($"var result = await {call}.ConfigureAwait(false);");
                writer.Line($"await {Server}.WriteJsonAsync(context, {status}, result, {json.Field(operation.Success.Type!)}).ConfigureAwait(false);");
                break;
            case ResponseKind.Text:
                writer.Line($"var result = await {call}.ConfigureAwait(false);");
                writer.Line($"await {Server}.WriteTextAsync(context, {status}, result).ConfigureAwait(false);");
                break;
            case ResponseKind.Binary:
                writer.Line($"var result = await {call}.ConfigureAwait(false);");
                writer.Line($"await {Server}.WriteStreamAsync(context, {status}, result).ConfigureAwait(false);");
                break;
            default:
                writer.Line($"await {call}.ConfigureAwait(false);");
                writer.Line($"context.Response.StatusCode = {status};");
                break;
        }
        writer.Close();
        foreach (var errorType in operation.Errors.Select(e => e.Type).Distinct())
        {
            writer.Open($"catch ({ns}.{input.Names.Exception}<{errorType.FullName}> exception) when (!context.Response.HasStarted)");
            writer.Line($"await {Server}.WriteJsonAsync(context, exception.StatusCode, exception.Error, {json.Field(errorType)}).ConfigureAwait(false);");
            writer.Close();
        }
        writer.Open($"catch ({ns}.{input.Names.Exception} exception) when (!context.Response.HasStarted)");
        writer.Line($"await {Server}.WriteTextAsync(context, exception.StatusCode, exception.Response).ConfigureAwait(false);");
        writer.Close();
        writer.Open("catch (global::System.Exception exception) when (!context.RequestAborted.IsCancellationRequested)");
        writer.Line($"await {Server}.FailAsync(context, {CSharpText.StringLiteral(operation.OperationId)}, exception).ConfigureAwait(false);");
        writer.Close();
        writer.Close();
    }

    private static string Wire(ParameterModel parameter) => CSharpText.StringLiteral(parameter.WireName);

    /// <summary>Parses the text (or texts, for arrays) of a parameter into its type; absent or unparsable values are problems.</summary>
    private static void Bind(SourceWriter writer, ParameterModel parameter, string local, string single, string many, string where, ServerToEmit input, JsonTypeInfoFields json, int index)
    {
        string n = index.ToString(CultureInfo.InvariantCulture);
        var type = parameter.Type.WithNullable(false);
        string wire = Wire(parameter);
        string missing = parameter.Required ? $"binder.Missing({CSharpText.StringLiteral(where)}, {wire});" : "";
        if (type.Kind == ValueKind.Array)
        {
            var element = type.Element!.WithNullable(false);
            writer.Open($"if ({many} is {{ }} texts{n})");
            writer.Line($"var list{n} = new global::System.Collections.Generic.List<{element.FullName}>(texts{n}.Length);");
            writer.Open($"foreach (var item{n} in texts{n})");
            writer.Line($"if ({TryParse(element, "item" + n, "parsed" + n, input, json)}) list{n}.Add({Converted(element, "parsed" + n)});");
            writer.Line($"else binder.Invalid({CSharpText.StringLiteral(where)}, {wire}, item{n} ?? \"\", {CSharpText.StringLiteral(Expected(element))});");
            writer.Close();
            writer.Line($"{local} = list{n};");
            writer.Close();
            if (missing.Length > 0) writer.Line("else " + missing);
            return;
        }
        if (type.Kind == ValueKind.String)
        {
            writer.Line($"if ({single} is {{ }} text{n}) {local} = text{n};");
            if (missing.Length > 0) writer.Line("else " + missing);
            return;
        }
        writer.Open($"if ({single} is {{ }} text{n})");
        writer.Line($"if ({TryParse(type, "text" + n, "parsed" + n, input, json)}) {local} = {Converted(type, "parsed" + n)};");
        writer.Line($"else binder.Invalid({CSharpText.StringLiteral(where)}, {wire}, text{n}, {CSharpText.StringLiteral(Expected(type))});");
        writer.Close();
        if (missing.Length > 0) writer.Line("else " + missing);
    }

    private static string TryParse(TypeRef type, string text, string result, ServerToEmit input, JsonTypeInfoFields json) => type.Kind switch
    {
        ValueKind.String => $"{text} is {{ }} {result}",
        ValueKind.Int32 => $"int.TryParse({text}, global::System.Globalization.NumberStyles.Integer, {Invariant}, out var {result})",
        ValueKind.Int64 => $"long.TryParse({text}, global::System.Globalization.NumberStyles.Integer, {Invariant}, out var {result})",
        ValueKind.UnixTime => $"long.TryParse({text}, global::System.Globalization.NumberStyles.Integer, {Invariant}, out var {result}) && {result} >= -62135596800L && {result} <= 253402300799L",
        ValueKind.Single => $"float.TryParse({text}, global::System.Globalization.NumberStyles.Float, {Invariant}, out var {result})",
        ValueKind.Double => $"double.TryParse({text}, global::System.Globalization.NumberStyles.Float, {Invariant}, out var {result})",
        ValueKind.Boolean => $"bool.TryParse({text}, out var {result})",
        ValueKind.DateTimeOffset => $"global::System.DateTimeOffset.TryParse({text}, {Invariant}, global::System.Globalization.DateTimeStyles.RoundtripKind, out var {result})",
        ValueKind.DateOnly => $"global::System.DateOnly.TryParseExact({text}, \"yyyy-MM-dd\", {Invariant}, global::System.Globalization.DateTimeStyles.None, out var {result})",
        ValueKind.Guid => $"global::System.Guid.TryParse({text}, out var {result})",
        ValueKind.Bytes or ValueKind.Binary => $"{Server}.TryBase64({text}, out var {result})",
        ValueKind.Enum => input.EnumStyle == EnumStyle.Extensible
            ? $"new {type.FullName}({text}) is var {result}"
            : $"{type.FullName}Extensions.TryParseWireValue({text}, out var {result})",
        ValueKind.Any => $"{Server}.TryJson({text}, out var {result})",
        _ => $"{HttpRuntimeEmitter.Http}.TryRead({text}, {json.Field(type)}, out var {result})",
    };

    private static string Converted(TypeRef type, string result) =>
        type.Kind == ValueKind.UnixTime ? $"global::System.DateTimeOffset.FromUnixTimeSeconds({result})" : result;

    private static string Expected(TypeRef type) => type.Kind switch
    {
        ValueKind.Int32 or ValueKind.Int64 => "an integer",
        ValueKind.UnixTime => "a Unix time in seconds",
        ValueKind.Single or ValueKind.Double => "a number",
        ValueKind.Boolean => "true or false",
        ValueKind.DateTimeOffset => "a date-time",
        ValueKind.DateOnly => "a yyyy-MM-dd date",
        ValueKind.Guid => "a uuid",
        ValueKind.Bytes or ValueKind.Binary => "base64",
        ValueKind.Enum => "a value of " + type.FullName.Substring(type.FullName.LastIndexOf('.') + 1),
        _ => "valid JSON",
    };

    private static void BindBody(SourceWriter writer, BodyModel body, ParameterModel parameter, string local, ServerToEmit input, JsonTypeInfoFields json, int index)
    {
        string required = body.Required ? "true" : "false";
        switch (body.Kind)
        {
            case BodyKind.Json:
                // A missing or invalid body is recorded as a problem, so the implementation never sees the null.
                writer.Line($"{local} = (await binder.ReadJsonAsync({json.Field(body.Type!.WithNullable(false))}, {required}).ConfigureAwait(false))!;");
                break;
            case BodyKind.Text:
                writer.Line($"{local} = await new global::System.IO.StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);");
                break;
            case BodyKind.Binary:
                writer.Line($"{local} = context.Request.Body;");
                break;
            case BodyKind.FormUrlEncoded:
                string n = index.ToString(CultureInfo.InvariantCulture);
                writer.Line($"var formBody{n} = await binder.ReadFormAsync().ConfigureAwait(false);");
                var assignments = new List<string>();
                for (int f = 0; f < body.Fields.Count; f++)
                {
                    var field = body.Fields[f];
                    string fieldLocal = $"field{n}_{f.ToString(CultureInfo.InvariantCulture)}";
                    var fieldType = field.Type.WithNullable(false);
                    bool requiredField = field.Required && field.ConstValue is null;
                    var asParameter = new ParameterModel(fieldLocal, field.WireName, ParameterLocation.FormField, fieldType, requiredField, null, ParameterStyle.Form, true);
                    string declared = fieldType.FullName + "?";
                    writer.Line($"{declared} {fieldLocal} = default;");
                    string formValue = $"formBody{n}[{CSharpText.StringLiteral(field.WireName)}]";
                    Bind(writer, asParameter, fieldLocal, $"({formValue}.Count > 0 ? {formValue}.ToString() : null)", $"({formValue}.Count > 0 ? {formValue}.ToArray()! : null)", "form field", input, json, index * 1000 + f);
                    string value = field.ConstValue is not null
                        ? $"{fieldLocal} ?? {CSharpText.StringLiteral(field.ConstValue)}"
                        : field.Required && !field.Type.Nullable ? (fieldType.IsValueType ? $"{fieldLocal}.GetValueOrDefault()" : fieldLocal + "!") : fieldLocal;
                    assignments.Add($"{field.Name} = {value}");
                }
                writer.Line($"if (binder.Problems.Count == 0) {local} = new {body.Type!.FullName} {{ {string.Join(", ", assignments)} }};");
                break;
        }
    }

    /// <summary>400 in the document's own error shape when it declares one the generator can fill, problem details otherwise.</summary>
    private static void EmitBadRequest(SourceWriter writer, OperationModel operation, ServerToEmit input, JsonTypeInfoFields json)
    {
        var declared = operation.Errors
            .OrderBy(e => e.Status == "400" ? 0 : e.Status == "4XX" ? 1 : e.Status == "default" ? 2 : 3)
            .FirstOrDefault(e => e.Status is "400" or "4XX" or "default");
        string? expression = declared is null ? null : ErrorBodyBuilder.Build(declared.Type, input.ErrorTypes);
        if (expression is null)
        {
            writer.Line($"await {Server}.WriteProblemAsync(context, binder.Status, \"The request is not valid.\", binder.Problems).ConfigureAwait(false);");
            return;
        }
        writer.Line("string message = string.Join(\" \", binder.Problems);");
        writer.Line("string? parameter = binder.Parameter;");
        writer.Line($"await {Server}.WriteJsonAsync(context, binder.Status, {expression}, {json.Field(declared!.Type)}).ConfigureAwait(false);");
    }
}
