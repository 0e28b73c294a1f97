namespace Uploads.Generators.Model;

/// <summary>An OpenAPI document found among the <c>AdditionalFiles</c>, with its text and raw option values.</summary>
public sealed record DocumentInput(
    string Path,
    string Text,
    string? Namespace,
    string? Generate,
    string? EnumStyle);

/// <summary>Project-wide settings, reduced to equatable values before any Combine.</summary>
public sealed record ProjectSettings(string RootNamespace, int LanguageVersion);

/// <summary>The result of the parse step: a model (null when nothing could be read) and its diagnostics.</summary>
public sealed record ParseResult(ApiModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A YAML/JSON AdditionalFiles item that is not a document itself: a target of external $refs.</summary>
public sealed record FragmentFile(string Path, string Text);

/// <summary>One YAML/JSON AdditionalFiles item, classified: a document, a fragment, or neither.</summary>
public sealed record SpecFileInput(DocumentInput? Document, FragmentFile? Fragment)
{
    public static readonly SpecFileInput None = new(null, null);
}
