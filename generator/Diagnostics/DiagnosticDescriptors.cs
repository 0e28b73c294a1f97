using Microsoft.CodeAnalysis;

namespace Uploads.Generators.Diagnostics;

/// <summary>Every diagnostic the generator reports. IDs are tracked in AnalyzerReleases.*.md and documented in the README.</summary>
public static class DiagnosticDescriptors
{
    private const string Category = "OpenApiGenerator";

    public static readonly DiagnosticDescriptor UnreadableDocument = new(
        "OAG001", "OpenAPI document cannot be read",
        "The OpenAPI document cannot be read: {0}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DocumentError = new(
        "OAG002", "OpenAPI document has an error",
        "The OpenAPI document has an error: {0}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DocumentWarning = new(
        "OAG003", "OpenAPI document has a warning",
        "The OpenAPI document has a warning: {0}",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedVersion = new(
        "OAG004", "Unsupported OpenAPI version",
        "The document declares {0}, which is not a supported OpenAPI version (supported: Swagger 2.0, OpenAPI 3.0 and 3.1)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnresolvedReference = new(
        "OAG005", "Unresolved $ref",
        "The reference '{0}' cannot be resolved; '{1}' is generated instead",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RequiredNotAProperty = new(
        "OAG006", "Required name is not a property",
        "Schema '{0}' lists '{1}' as required, but has no such property; the name is ignored",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NameCollision = new(
        "OAG007", "Generated name collision resolved",
        "'{0}' and another name both become '{1}' in C#; '{0}' is generated as '{2}'",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedConstruct = new(
        "OAG008", "Unsupported construct",
        "{0} is not supported; {1} is generated instead",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidMetadata = new(
        "OAG009", "Invalid metadata value",
        "'{0}' is not a valid value for {1}; expected {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = new(
        "OAG010", "C# language version too old",
        "The code generated from '{0}' needs C# 11 or later (required members, UTF-8 literals); the project uses C# {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InternalError = new(
        "OAG011", "Generator failed on part of the document",
        "The generator failed on {0} and skipped it: {1}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateGeneratedType = new(
        "OAG012", "Type generated twice",
        "Another OpenAPI document already generates into namespace '{0}', so nothing is generated from this one; give the documents different OpenApiNamespace values",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ServerNeedsAspNetCore = new(
        "OAG013", "Server stubs need ASP.NET Core",
        "OpenApiGenerate lists Server, but the project does not reference ASP.NET Core, so no server stubs are generated; add <FrameworkReference Include=\"Microsoft.AspNetCore.App\" /> or use the Web SDK",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateOperationId = new(
        "OAG014", "Duplicate operationId",
        "The operationId '{0}' is already used by {1}; this operation's method gets a numbered name",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ExampleDoesNotFit = new(
        "OAG015", "Example does not fit the declared format",
        "The {0} {1} does not fit {2}; the value is generated as long",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TooDeeplyNested = new(
        "OAG016", "Document nested too deeply",
        "The document nests more than {0} levels deep here; nothing is generated from it",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static DiagnosticDescriptor? Find(string id) => id switch
    {
        "OAG001" => UnreadableDocument,
        "OAG002" => DocumentError,
        "OAG003" => DocumentWarning,
        "OAG004" => UnsupportedVersion,
        "OAG005" => UnresolvedReference,
        "OAG006" => RequiredNotAProperty,
        "OAG007" => NameCollision,
        "OAG008" => UnsupportedConstruct,
        "OAG009" => InvalidMetadata,
        "OAG010" => LanguageVersionTooOld,
        "OAG011" => InternalError,
        "OAG012" => DuplicateGeneratedType,
        "OAG013" => ServerNeedsAspNetCore,
        "OAG014" => DuplicateOperationId,
        "OAG015" => ExampleDoesNotFit,
        "OAG016" => TooDeeplyNested,
        _ => null,
    };
}
