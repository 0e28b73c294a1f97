using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.OpenApi;
using Uploads.Generators.Diagnostics;
using Uploads.Generators.Model;
using ModelLocation = Uploads.Generators.Model.ParameterLocation;
using ModelStyle = Uploads.Generators.Model.ParameterStyle;

namespace Uploads.Generators.Parsing;

/// <summary>Reads paths, servers and security schemes into raw operations; schemas go through <see cref="SchemaReader"/>.</summary>
internal sealed class OperationReader
{
    private static readonly string[] MethodOrder = { "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE" };

    private readonly SchemaReader _schemas;
    private readonly DiagnosticBag _diagnostics;
    private readonly CancellationToken _cancellationToken;

    /// <summary>A Swagger 2.0 document, which OpenAPI.NET reads into the 3.x shape (see <see cref="Swagger2RawPointer"/>).</summary>
    private readonly bool _swagger2;

    public OperationReader(SchemaReader schemas, DiagnosticBag diagnostics, bool swagger2, CancellationToken cancellationToken)
    {
        _schemas = schemas;
        _swagger2 = swagger2;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    public void Read(OpenApiDocument document, RawDocument raw)
    {
        raw.ServerUrl = ServerUrl(document.Servers);
        ReadSecuritySchemes(document, raw);
        var defaultSecurity = SchemeNames(document.Security);

        if (document.Paths is null) return;
        foreach (var path in document.Paths)
        {
            string pathPointer = JsonPointer.Append("#/paths", path.Key);
            if (path.Value?.Operations is not { } operations) continue;
            foreach (var pair in operations.OrderBy(o => Array.IndexOf(MethodOrder, o.Key.Method.ToUpperInvariant())))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                string method = pair.Key.Method.ToUpperInvariant();
                string pointer = JsonPointer.Append(pathPointer, method.ToLowerInvariant());
                try
                {
                    raw.Operations.Add(ReadOperation(path.Key, pathPointer, path.Value, method, pair.Value, pointer, defaultSecurity));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _diagnostics.Add(DiagnosticDescriptors.InternalError, pointer, "operation " + method + " " + path.Key, ex.Message);
                }
            }
        }
    }

    private readonly System.Collections.Generic.Dictionary<string, string> _operationIds = new(StringComparer.Ordinal);

    private RawOperation ReadOperation(string path, string pathPointer, IOpenApiPathItem pathItem, string method, OpenApiOperation operation, string pointer, List<string> defaultSecurity)
    {
        string seed = string.IsNullOrWhiteSpace(operation.OperationId) ? method.ToLowerInvariant() + " " + path : operation.OperationId!;
        if (!string.IsNullOrWhiteSpace(operation.OperationId))
        {
            if (_operationIds.TryGetValue(operation.OperationId!, out var first))
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateOperationId, JsonPointer.Append(pointer, "operationId"), operation.OperationId!, first);
            }
            else
            {
                _operationIds[operation.OperationId!] = method + " " + path;
            }
        }
        var result = new RawOperation(pointer, method, path, seed)
        {
            OperationId = operation.OperationId,
            Tag = operation.Tags?.Select(t => t.Name ?? t.Reference?.Id).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)),
            Summary = string.IsNullOrWhiteSpace(operation.Summary) ? operation.Description : operation.Summary,
            Deprecated = operation.Deprecated,
        };

        // Operation parameters override path-level ones with the same name and location.
        var parameters = new List<(IOpenApiParameter Parameter, IOpenApiParameter Resolved, string Pointer)>();
        if (pathItem.Parameters is { } shared)
        {
            string sharedPointer = JsonPointer.Append(pathPointer, "parameters");
            for (int i = 0; i < shared.Count; i++) parameters.Add((shared[i], Resolve(shared[i]), JsonPointer.Append(sharedPointer, i)));
        }
        if (operation.Parameters is { } own)
        {
            for (int i = 0; i < own.Count; i++)
            {
                var parameter = own[i];
                var resolved = Resolve(parameter);
                parameters.RemoveAll(p => p.Resolved.Name == resolved.Name && p.Resolved.In == resolved.In);
                parameters.Add((parameter, resolved, JsonPointer.Append(pointer, "parameters", i)));
            }
        }
        foreach (var (parameter, resolved, parameterPointer) in parameters)
        {
            if (ReadParameter(resolved, parameter.Description, parameterPointer, seed) is { } read) result.Parameters.Add(read);
        }

        if (operation.RequestBody is { } body) result.Body = ReadBody(body, JsonPointer.Append(pointer, "requestBody"), seed);
        ReadResponses(operation, JsonPointer.Append(pointer, "responses"), seed, result);
        result.Security.AddRange(operation.Security is null ? defaultSecurity : SchemeNames(operation.Security));
        return result;
    }

    /// <summary>
    /// A parameter that is a $ref as its target, found once: OpenAPI.NET finds a reference's target again (URIs, pointer
    /// strings) on every read of any of its properties, about ten reads per parameter here, and GitHub's document has
    /// 1,900 such parameters. Its description is read from the reference itself, which may override the target's.
    /// </summary>
    private static IOpenApiParameter Resolve(IOpenApiParameter parameter) =>
        parameter is OpenApiParameterReference { Target: { } target } ? target : parameter;

    private RawParameter? ReadParameter(IOpenApiParameter parameter, string? description, string pointer, string seed)
    {
        if (string.IsNullOrEmpty(parameter.Name) || parameter.In is null) return null;
        var location = parameter.In switch
        {
            Microsoft.OpenApi.ParameterLocation.Path => ModelLocation.Path,
            Microsoft.OpenApi.ParameterLocation.Query => ModelLocation.Query,
            Microsoft.OpenApi.ParameterLocation.Header => ModelLocation.Header,
            Microsoft.OpenApi.ParameterLocation.Cookie => ModelLocation.Cookie,
            _ => (ModelLocation?)null,
        };
        if (location is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnsupportedConstruct, pointer, "The parameter location '" + parameter.In + "'", "no parameter");
            return null;
        }

        var schema = parameter.Schema ?? parameter.Content?.Values.FirstOrDefault()?.Schema;
        var type = schema is null
            ? RawUse.Of(ValueKind.String)
            : Use(schema, pointer, new[] { "schema" }, new[] { seed, parameter.Name! }, componentSuffix: null);

        var style = parameter.Style switch
        {
            Microsoft.OpenApi.ParameterStyle.SpaceDelimited => ModelStyle.SpaceDelimited,
            Microsoft.OpenApi.ParameterStyle.PipeDelimited => ModelStyle.PipeDelimited,
            Microsoft.OpenApi.ParameterStyle.DeepObject => ModelStyle.DeepObject,
            Microsoft.OpenApi.ParameterStyle.Simple => ModelStyle.Simple,
            _ => location == ModelLocation.Query || location == ModelLocation.Cookie ? ModelStyle.Form : ModelStyle.Simple,
        };
        bool required = parameter.Required || location == ModelLocation.Path;
        return new RawParameter(parameter.Name!, location.Value, type, required, description, style, parameter.Explode, pointer);
    }

    private RawBody? ReadBody(IOpenApiRequestBody body, string pointer, string seed)
    {
        if (body.Content is not { Count: > 0 } content) return null;
        var chosen = content.OrderBy(c => BodyRank(c.Key)).First();
        string contentType = chosen.Key;
        var media = chosen.Value;
        var kind = BodyKindOf(contentType);
        string mediaPointer = JsonPointer.Append(pointer, "content", contentType);
        var schema = media?.Schema;
        RawUse? type = kind switch
        {
            BodyKind.Binary => RawUse.Of(ValueKind.Binary),
            BodyKind.Text => RawUse.Of(ValueKind.String),
            _ => schema is null ? RawUse.Of(ValueKind.Any) : Use(schema, pointer, new[] { "content", contentType, "schema" }, new[] { seed, "Request" }, componentSuffix: "Request"),
        };
        return new RawBody(kind, contentType, type, body.Required, mediaPointer);
    }

    /// <summary>
    /// Every use of the operations linked (see <see cref="ComponentLinker"/>), and what only that shows checked: an
    /// object-valued parameter is sent as a string, a form body whose schema is not an object as JSON.
    /// </summary>
    public static void Link(RawDocument raw, ComponentLinker linker, DiagnosticBag diagnostics)
    {
        foreach (var operation in raw.Operations)
        {
            for (int i = 0; i < operation.Parameters.Count; i++)
            {
                var parameter = operation.Parameters[i];
                var type = linker.Use(parameter.Type);
                if (type.Kind is ValueKind.Record or ValueKind.Map or ValueKind.Union or ValueKind.Any || type.Element is { Kind: ValueKind.Record or ValueKind.Map or ValueKind.Union or ValueKind.Array or ValueKind.Any })
                {
                    diagnostics.Add(DiagnosticDescriptors.UnsupportedConstruct, parameter.Pointer, "An object-valued " + parameter.Location.ToString().ToLowerInvariant() + " parameter", "a string parameter sent as it is");
                    type = RawUse.Of(ValueKind.String, type.Nullable);
                }
                operation.Parameters[i] = parameter with { Type = type };
            }
            if (operation.Body is { Type: { } bodyType } body)
            {
                var type = linker.Use(bodyType);
                operation.Body = body with { Type = type };
                if (body.Kind is BodyKind.Multipart or BodyKind.FormUrlEncoded && type.Target is not { Kind: RawTypeKind.Record })
                {
                    diagnostics.Add(DiagnosticDescriptors.UnsupportedConstruct, body.Pointer, "A " + body.ContentType + " body whose schema is not an object", "a JSON body");
                    operation.Body = operation.Body with { Kind = BodyKind.Json, ContentType = "application/json" };
                }
            }
            if (operation.Success.Type is { } success) operation.Success = operation.Success with { Type = linker.Use(success) };
            for (int i = 0; i < operation.Errors.Count; i++) operation.Errors[i] = (operation.Errors[i].Status, linker.Use(operation.Errors[i].Type));
        }
    }

    private void ReadResponses(OpenApiOperation operation, string pointer, string seed, RawOperation result)
    {
        if (operation.Responses is not { Count: > 0 } responses) return;
        var success = responses
            .Where(r => r.Key.Length == 3 && r.Key[0] == '2')
            .OrderBy(r => r.Key.Equals("2XX", StringComparison.OrdinalIgnoreCase) ? "299" : r.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        if (success.Key is not null)
        {
            int status = int.TryParse(success.Key, out int code) ? code : 200;
            string responsePointer = JsonPointer.Append(pointer, success.Key);
            result.Success = ReadResponse(success.Value, responsePointer, status, new[] { seed, "Response" });
        }
        foreach (var response in responses)
        {
            string key = response.Key;
            bool error = key.Equals("default", StringComparison.OrdinalIgnoreCase) || key[0] == '4' || key[0] == '5';
            if (!error) continue;
            var read = ReadResponse(response.Value, JsonPointer.Append(pointer, key), 0, new[] { seed, key.Equals("default", StringComparison.OrdinalIgnoreCase) ? "Error" : key + "Error" });
            if (read.Kind == ResponseKind.Json && read.Type is { } type) result.Errors.Add((key.ToUpperInvariant() == "DEFAULT" ? "default" : key.ToUpperInvariant(), type));
        }
    }

    /// <summary>What each component's schema was read as, by its pointer: see <see cref="Use"/>.</summary>
    private readonly Dictionary<string, RawUse> _componentUses = new(StringComparer.Ordinal);

    /// <summary>
    /// The schema at <paramref name="path"/> under <paramref name="at"/>, where an operation has a parameter, request
    /// body or response. When that is a $ref to a component, the schema is the component's: read once, at the
    /// component, and named after it (plus <paramref name="componentSuffix"/>; a parameter's, when its name is taken,
    /// with Parameter), however many operations use it. An inline enum in a shared parameter is one <c>Direction</c>,
    /// not a <c>…Direction</c> per operation.
    /// </summary>
    private RawUse Use(IOpenApiSchema schema, string at, string[] path, string[] nameParts, string? componentSuffix)
    {
        string? component = _schemas.ReferenceAt(at);
        if (component is null) return _schemas.Use(schema, Append(at, path), nameParts, rawPointer: Swagger2RawPointer(at, path));
        string pointer = Append(component, path);
        if (!_componentUses.TryGetValue(pointer, out var use))
        {
            var segments = JsonPointer.Segments(component);
            string name = segments.Count > 0 ? segments[segments.Count - 1] : component;
            bool parameter = componentSuffix is null;
            use = _schemas.Use(
                schema,
                pointer,
                parameter ? new[] { name } : new[] { name, componentSuffix! },
                qualifier: parameter ? "Parameter" : null,
                rawPointer: Swagger2RawPointer(component, path));
            _componentUses[pointer] = use;
        }
        return use;
    }

    /// <summary>
    /// Where a Swagger 2.0 document has the text of the schema that OpenAPI.NET's 3.x shape puts at <paramref name="path"/>
    /// under <paramref name="at"/>; null for any other document, or when 2.0 has no such place (form fields). A
    /// parameter other than the body is its own schema (<c>type</c>, <c>enum</c> and <c>x-enum-varnames</c> are on
    /// it); a response's schema is <c>…/schema</c>, without <c>content</c>; a request body is the <c>in: body</c>
    /// parameter of the operation or of its path.
    /// </summary>
    private string? Swagger2RawPointer(string at, string[] path)
    {
        if (!_swagger2) return null;
        if (path.Length == 1) return _schemas.RawAt(at) is JsonObject parameter && !parameter.ContainsKey("schema") ? at : null;
        int slash = at.LastIndexOf('/');
        if (at.Substring(slash + 1) != "requestBody") return JsonPointer.Append(at, "schema");
        string operation = at.Substring(0, Math.Max(0, slash));
        int pathItem = operation.LastIndexOf('/');
        return BodyParameter(operation) ?? (pathItem > 0 ? BodyParameter(operation.Substring(0, pathItem)) : null);
    }

    /// <summary>The schema pointer of the <c>in: body</c> parameter in the parameters of <paramref name="owner"/>.</summary>
    private string? BodyParameter(string owner)
    {
        if (_schemas.RawAt(JsonPointer.Append(owner, "parameters")) is not JsonArray parameters) return null;
        for (int i = 0; i < parameters.Count; i++)
        {
            string pointer = JsonPointer.Append(owner, "parameters", i);
            if (_schemas.RawAt(pointer) is JsonObject parameter && parameter["in"] is JsonValue location
                && location.TryGetValue(out string? value) && value == "body")
            {
                return JsonPointer.Append(pointer, "schema");
            }
        }
        return null;
    }

    private static string Append(string pointer, string[] path)
    {
        foreach (var segment in path) pointer = JsonPointer.Append(pointer, segment);
        return pointer;
    }

    private RawResponse ReadResponse(IOpenApiResponse response, string pointer, int status, string[] nameParts)
    {
        // Every property read through a reference pays OpenAPI.NET's cycle guard (a new HashSet each time): read the target.
        if (response is OpenApiResponseReference { Target: { } target }) response = target;
        if (response?.Content is not { Count: > 0 } content) return new RawResponse(status, ResponseKind.None, null);
        var chosen = content.OrderBy(c => BodyRank(c.Key)).First();
        string contentType = chosen.Key;
        var media = chosen.Value;
        var kind = BodyKindOf(contentType);
        if (kind == BodyKind.Json)
        {
            var type = media?.Schema is { } schema ? Use(schema, pointer, new[] { "content", contentType, "schema" }, nameParts, componentSuffix: "Response") : RawUse.Of(ValueKind.Any);
            return new RawResponse(status, ResponseKind.Json, type);
        }
        return new RawResponse(status, kind == BodyKind.Text ? ResponseKind.Text : ResponseKind.Binary, null);
    }

    private void ReadSecuritySchemes(OpenApiDocument document, RawDocument raw)
    {
        if (document.Components?.SecuritySchemes is not { } schemes) return;
        foreach (var pair in schemes.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            // OpenAPI.NET gives null for a scheme that is not an object (already reported as OAG002): it costs only itself.
            if (pair.Value is not { } scheme)
            {
                _diagnostics.Add(DiagnosticDescriptors.DocumentError, JsonPointer.Append("#/components/securitySchemes", pair.Key), "the security scheme '" + pair.Key + "' is not an object; no credential option is generated for it");
                continue;
            }
            SecurityKind? kind = scheme.Type switch
            {
                SecuritySchemeType.Http when string.Equals(scheme.Scheme, "basic", StringComparison.OrdinalIgnoreCase) => SecurityKind.Basic,
                SecuritySchemeType.Http when string.Equals(scheme.Scheme, "bearer", StringComparison.OrdinalIgnoreCase) => SecurityKind.Bearer,
                SecuritySchemeType.OAuth2 or SecuritySchemeType.OpenIdConnect => SecurityKind.Bearer,
                SecuritySchemeType.ApiKey when scheme.In == Microsoft.OpenApi.ParameterLocation.Header => SecurityKind.ApiKeyHeader,
                SecuritySchemeType.ApiKey when scheme.In == Microsoft.OpenApi.ParameterLocation.Query => SecurityKind.ApiKeyQuery,
                SecuritySchemeType.ApiKey when scheme.In == Microsoft.OpenApi.ParameterLocation.Cookie => SecurityKind.ApiKeyCookie,
                _ => null,
            };
            if (kind is null)
            {
                _diagnostics.Add(DiagnosticDescriptors.UnsupportedConstruct, JsonPointer.Append("#/components/securitySchemes", pair.Key), "The security scheme '" + pair.Key + "'", "no credential option (add a DelegatingHandler)");
                continue;
            }
            raw.SecuritySchemes.Add(new RawSecurityScheme(pair.Key, kind.Value, scheme.Name ?? "", scheme.Description));
        }
    }

    private static List<string> SchemeNames(IList<OpenApiSecurityRequirement>? requirements)
    {
        var names = new List<string>();
        if (requirements is null) return names;
        foreach (var requirement in requirements)
        {
            foreach (var scheme in requirement.Keys)
            {
                string? name = scheme.Reference?.Id;
                if (name is not null && !names.Contains(name)) names.Add(name);
            }
        }
        return names;
    }

    private static string? ServerUrl(IList<OpenApiServer>? servers)
    {
        if (servers is not { Count: > 0 } || servers[0]?.Url is not { } url) return null;
        if (servers[0].Variables is { } variables)
        {
            foreach (var variable in variables)
            {
                url = url.Replace("{" + variable.Key + "}", variable.Value?.Default ?? "");
            }
        }
        return url;
    }

    private static BodyKind BodyKindOf(string contentType)
    {
        string type = contentType.Split(';')[0].Trim().ToLowerInvariant();
        if (type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal) || type == "*/*" || type == "application/*") return BodyKind.Json;
        if (type == "multipart/form-data") return BodyKind.Multipart;
        if (type == "application/x-www-form-urlencoded") return BodyKind.FormUrlEncoded;
        if (type.StartsWith("text/", StringComparison.Ordinal)) return BodyKind.Text;
        return BodyKind.Binary;
    }

    private static int BodyRank(string contentType) => BodyKindOf(contentType) switch
    {
        BodyKind.Json => contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ? 0 : 1,
        BodyKind.Multipart => 2,
        BodyKind.FormUrlEncoded => 3,
        BodyKind.Text => 4,
        _ => 5,
    };
}
