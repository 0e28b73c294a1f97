using System;
using System.Collections.Generic;
using System.Linq;
using Uploads.Generators.Diagnostics;
using Uploads.Generators.Model;
using Uploads.Generators.Parsing;

namespace Uploads.Generators.Naming;

/// <summary>Names of the API surface: clients per tag, methods, parameters, options and support types.</summary>
internal sealed partial class NamingPass
{
    private const string CancellationTokenName = "cancellationToken";

    private sealed record SurfaceNames(string Options, string Exception, string FilePart, Dictionary<string, string> Clients);

    /// <summary>Support types and clients are claimed before schemas, so their names are stable; schemas yield.</summary>
    private SurfaceNames? ClaimSurfaceNames(RawDocument raw, string title)
    {
        if (raw.Operations.Count == 0) return null;
        string exception = Claim("ApiException", "#/paths", Array.Empty<string>());
        string filePart = Claim("FilePart", "#/paths", Array.Empty<string>());
        string options = Claim(title + "ClientOptions", "#/info/title", Array.Empty<string>());
        var clients = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in raw.Operations.Select(o => o.Tag ?? "").Distinct().OrderBy(t => t, StringComparer.Ordinal))
        {
            string baseName = tag.Length == 0 ? title : Identifier.ToPascalCase(tag);
            if (baseName.Length == 0) baseName = "Default";
            // One claim covers the client, its interface and extensions, and the server interface and endpoints.
            // The tag's own name stays free (a schema may have it); only the names derived from it are taken.
            string claimed = Claim(baseName, "#/tags", new[] { "Client", "ClientServiceCollectionExtensions", "Api", "ApiEndpoints" }, original: tag, prefixed: new[] { "IClient", "IApi" }, claimBase: false);
            clients[tag] = claimed;
        }
        return new SurfaceNames(options, exception, filePart, clients);
    }

    private ApiSurface Surface(RawDocument raw, SurfaceNames? names)
    {
        if (names is null)
        {
            return new ApiSurface(EquatableArray<ClientModel>.Empty, raw.ServerUrl, EquatableArray<SecuritySchemeModel>.Empty, "", "", "");
        }

        var schemeNames = new HashSet<string>(StringComparer.Ordinal) { "BaseAddress" };
        var schemes = raw.SecuritySchemes
            .Select(s => new SecuritySchemeModel(s.Name, Unique(Fallback(Identifier.ToPascalCase(s.Name), "Credential"), schemeNames), s.Kind, s.ParameterName, s.Description))
            .ToList();

        string filePartType = "global::" + _namespace + "." + names.FilePart;
        var clients = new List<ClientModel>();
        foreach (var group in raw.Operations.GroupBy(o => o.Tag ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            string baseName = names.Clients[group.Key];
            string clientName = baseName + "Client";
            var methodNames = new HashSet<string>(StringComparer.Ordinal);
            var operations = new List<OperationModel>();
            foreach (var operation in group)
            {
                string candidate = Fallback(Identifier.ToPascalCase(operation.NameSeed), "Call") + "Async";
                string method = Unique(candidate, methodNames);
                if (method != candidate) _diagnostics.Add(DiagnosticDescriptors.NameCollision, operation.Pointer, operation.NameSeed, candidate, method);
                operations.Add(Operation(operation, method, schemes, filePartType));
            }
            clients.Add(new ClientModel(clientName, "I" + clientName, group.Key.Length == 0 ? raw.Title : group.Key, baseName, operations.ToEquatableArray()));
        }
        return new ApiSurface(clients.ToEquatableArray(), raw.ServerUrl, schemes.ToEquatableArray(), names.Options, names.Exception, names.FilePart);
    }

    private OperationModel Operation(RawOperation operation, string methodName, List<SecuritySchemeModel> schemes, string filePartType)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { CancellationTokenName };
        var required = new List<ParameterModel>();
        var optional = new List<ParameterModel>();

        void Add(string wireName, ParameterLocation location, TypeRef type, bool isRequired, string? description, ParameterStyle style = ParameterStyle.Form, bool explode = true)
        {
            string name = Identifier.EscapeKeyword(Unique(Fallback(Identifier.ToCamelCase(wireName).TrimStart('@'), "value"), used));
            var parameter = new ParameterModel(name, wireName, location, type, isRequired, description, style, explode);
            (isRequired ? required : optional).Add(parameter);
        }

        foreach (var parameter in operation.Parameters)
        {
            Add(parameter.WireName, parameter.Location, Ref(parameter.Type), parameter.Required, parameter.Description, parameter.Style, parameter.Explode);
        }

        BodyModel? body = null;
        if (operation.Body is { } rawBody)
        {
            var fields = EquatableArray<PropertyModel>.Empty;
            string? parameterName = null;
            if (rawBody.Kind == BodyKind.Multipart)
            {
                foreach (var field in rawBody.Type!.Target!.Properties)
                {
                    bool isFile = field.Type.Kind == ValueKind.Binary;
                    var type = isFile ? new TypeRef(ValueKind.Binary, filePartType, false, field.Type.Nullable, null) : Ref(field.Type);
                    Add(field.WireName, isFile ? ParameterLocation.FilePart : ParameterLocation.FormField, type, field.Required && rawBody.Required, field.Description);
                }
            }
            else
            {
                parameterName = Unique("body", used);
                var type = Ref(rawBody.Type!);
                if (rawBody.Kind == BodyKind.FormUrlEncoded) fields = Properties(rawBody.Type!.Target!, _typeNames[rawBody.Type!.Target!]);
                var parameter = new ParameterModel(parameterName, "body", ParameterLocation.Body, type, rawBody.Required, null, ParameterStyle.Form, true);
                (rawBody.Required ? required : optional).Add(parameter);
            }
            body = new BodyModel(rawBody.Kind, rawBody.ContentType, rawBody.Type is null ? null : Ref(rawBody.Type), rawBody.Required, parameterName, fields);
        }

        var success = new ResponseModel(operation.Success.StatusCode, operation.Success.Kind, operation.Success.Type is null ? null : Ref(operation.Success.Type));
        var errors = operation.Errors.Select(e => new ErrorResponseModel(e.Status, Ref(e.Type).WithNullable(false))).ToEquatableArray();
        var security = operation.Security
            .Select(name => schemes.FirstOrDefault(s => s.SchemeName == name)?.PropertyName)
            .Where(name => name is not null)
            .Select(name => name!)
            .ToEquatableArray();
        return new OperationModel(
            methodName,
            operation.OperationId ?? operation.NameSeed,
            operation.Method,
            operation.Path,
            operation.Summary,
            operation.Deprecated,
            required.Concat(optional).ToEquatableArray(),
            body,
            success,
            errors,
            security);
    }

    private static string Fallback(string name, string fallback) => name.Length == 0 ? fallback : name;
}
