namespace Uploads.Generators.Model;

/// <summary>
/// A document whose model is read in parts (see <c>DocumentParts</c>): its frame (everything but the component schemas)
/// and its component schemas in buckets. Each part is read again only when its own hash changes, so a one-line edit
/// of a schema reads that schema's bucket, not the document.
/// </summary>
public sealed record DocumentSplit(DocumentFrame Frame, EquatableArray<SchemaBucket> Buckets);

/// <summary>
/// Everything of a document but its component schemas, by the hash of that (prose as tokens). <see cref="Input"/> is
/// only where the tree is found again; equality ignores it, as <see cref="DocumentSkeleton"/>'s does its text.
/// </summary>
public sealed record DocumentFrame(string Path, string Version, bool Operations, string Hash, DocumentInput Input)
{
    public bool Equals(DocumentFrame? other) =>
        other is not null && Path == other.Path && Version == other.Version && Operations == other.Operations && Hash == other.Hash;

    public override int GetHashCode() => Hash.GetHashCode();
}

/// <summary>
/// The component schemas whose names fall in bucket <see cref="Index"/>, by the hash of their text (prose as tokens)
/// in the document of OpenAPI version <see cref="Version"/>. <see cref="Input"/> as for <see cref="DocumentFrame"/>.
/// </summary>
public sealed record SchemaBucket(string Path, string Version, int Index, EquatableArray<string> Keys, string Hash, DocumentInput Input)
{
    public bool Equals(SchemaBucket? other) =>
        other is not null && Path == other.Path && Version == other.Version && Index == other.Index && Hash == other.Hash && Keys.Equals(other.Keys);

    public override int GetHashCode() => Hash.GetHashCode();
}
