namespace Uploads.Generators.Model;

/// <summary>
/// The operations of one OpenAPI tag (untagged ones go to the document's title): one client
/// (<c>{Base}Client</c>/<c>I{Base}Client</c>) and one server surface (<c>I{Base}Api</c>, <c>Map{Base}Api</c>).
/// </summary>
public sealed record ClientModel(string Name, string InterfaceName, string Tag, string BaseName, EquatableArray<OperationModel> Operations)
{
    public string ApiInterfaceName => "I" + BaseName + "Api";

    public string EndpointsName => BaseName + "ApiEndpoints";
}

/// <summary>An operation as a method: route, parameters in C# order, body, success and error responses.</summary>
public sealed record OperationModel(
    string MethodName,
    string OperationId,
    string HttpMethod,
    string PathTemplate,
    string? Summary,
    bool Deprecated,
    EquatableArray<ParameterModel> Parameters,
    BodyModel? Body,
    ResponseModel Success,
    EquatableArray<ErrorResponseModel> Errors,
    EquatableArray<string> Security);

public enum ParameterLocation
{
    Path,
    Query,
    Header,
    Cookie,
    Body,
    FormField,
    FilePart,
}

public enum ParameterStyle
{
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Simple,
}

/// <summary>A method parameter; <see cref="Name"/> is the camelCase C# name, <see cref="WireName"/> the spec's.</summary>
public sealed record ParameterModel(
    string Name,
    string WireName,
    ParameterLocation Location,
    TypeRef Type,
    bool Required,
    string? Description,
    ParameterStyle Style,
    bool Explode);

public enum BodyKind
{
    Json,
    Multipart,
    FormUrlEncoded,
    Binary,
    Text,
}

/// <summary>
/// The request body. JSON, binary and text bodies are one parameter (<see cref="ParameterName"/>); a form body is a
/// record whose <see cref="Fields"/> become form fields; a multipart body is flattened into parameters.
/// </summary>
public sealed record BodyModel(BodyKind Kind, string ContentType, TypeRef? Type, bool Required, string? ParameterName, EquatableArray<PropertyModel> Fields);

public enum ResponseKind
{
    None,
    Json,
    Text,
    Binary,
}

public sealed record ResponseModel(int StatusCode, ResponseKind Kind, TypeRef? Type);

/// <summary>An error response with a schema; <see cref="Status"/> is "404", "4XX" or "default".</summary>
public sealed record ErrorResponseModel(string Status, TypeRef Type);

public enum SecurityKind
{
    Bearer,
    Basic,
    ApiKeyHeader,
    ApiKeyQuery,
    ApiKeyCookie,
}

/// <summary>A credential the client options can hold: <see cref="PropertyName"/> on the options, sent as <see cref="Kind"/>.</summary>
public sealed record SecuritySchemeModel(string SchemeName, string PropertyName, SecurityKind Kind, string ParameterName, string? Description);

/// <summary>The document-wide names a client refers to.</summary>
public sealed record ApiSurfaceNames(string Options, string Exception, string FilePart);

/// <summary>What one client's (or one server surface's) source output needs.</summary>
public sealed record ClientToEmit(
    string Namespace,
    EnumStyle EnumStyle,
    ApiSurfaceNames Names,
    string? ServerUrl,
    EquatableArray<SecuritySchemeModel> Schemes,
    ClientModel Client,
    bool HasHttpClientFactory);

/// <summary>
/// What one server surface's source output needs: the operations plus the record types reachable from error
/// responses, so a 400 can be answered in the document's own error shape.
/// </summary>
public sealed record ServerToEmit(
    string Namespace,
    EnumStyle EnumStyle,
    ApiSurfaceNames Names,
    ClientModel Group,
    EquatableArray<TypeModel> ErrorTypes);

/// <summary>What the consuming project references, as equatable flags.</summary>
public sealed record Capabilities(bool HttpClientFactory, bool AspNetCore);
