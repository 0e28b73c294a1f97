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

/// <summary>
/// What the model step reads: the document with its prose swapped for tokens (see <c>Prose</c>). With a
/// <see cref="Fingerprint"/> (of that tokenized tree and of its keys' lines and columns) two skeletons are equal when
/// everything but the document's prose is, so an edit of a description leaves the model step cached. Without one (a
/// document that cannot be read, or that holds the token mark itself) the whole text counts, as for any other input.
/// <see cref="Split"/>: its model is read in parts (see <c>DocumentParts</c>).
/// </summary>
public sealed record DocumentSkeleton(DocumentInput Input, ProjectSettings Settings, EquatableArray<FragmentFile> Fragments, string? Fingerprint, bool Split = false)
{
    public bool Equals(DocumentSkeleton? other) =>
        other is not null
        && Fingerprint == other.Fingerprint
        && Split == other.Split
        && Settings.Equals(other.Settings)
        && Fragments.Equals(other.Fragments)
        && (Fingerprint is null ? Input.Equals(other.Input) : Input.Equals(other.Input with { Text = Input.Text }));

    public override int GetHashCode() => Fingerprint?.GetHashCode() ?? Input.Text.Length;
}

/// <summary>A document's prose by token index, and its text (to place diagnostics of a cached model); empty without tokens.</summary>
public sealed record DocumentProse(string Path, string? Text, EquatableArray<string> Texts);

/// <summary>
/// A document's model, built from prose tokens, with the texts they stand for now (null when the model was read without
/// tokens and holds its prose itself). Outputs that show prose put it back one by one (see ProseRestorer).
/// </summary>
public sealed record ModelProse(ApiModel Model, EquatableArray<string>? Texts);

/// <summary>A document split into what its model is built from and its prose.</summary>
public sealed record DocumentOutline(DocumentSkeleton Skeleton, DocumentProse Prose);

/// <summary>The model step's result for one document, its prose still tokens.</summary>
public sealed record DraftResult(string Path, ParseResult Result);
