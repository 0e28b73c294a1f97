using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Uploads.Generators.Model;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Splits an OpenAPI 3.x document into the parts its model is read from one by one (see <see cref="PartReader"/>): its
/// component schemas in <see cref="BucketCount"/> buckets by a hash of their names, and the rest of it, its frame.
/// A bucket's reading depends on the text of its schemas alone: a schema refers to others by name, and
/// <see cref="ComponentLinker"/> makes those links after all parts are read. Swagger 2.0 documents, multi-file
/// documents and those with blank references are read whole (<see cref="DocumentParser"/>), as is a document without
/// component schemas, which has nothing to split.
/// </summary>
internal static class DocumentParts
{
    /// <summary>
    /// How many buckets: each is one read with OpenAPI.NET, whose fixed cost a cold run pays per bucket, while an edit
    /// reads one bucket again. For OpenAI's 1,422 schemas, about 22 schemas per bucket.
    /// </summary>
    public const int BucketCount = 64;

    public const string SchemasPointer = "#/components/schemas";

    /// <summary>The bucket of the schema named <paramref name="key"/>: fixed by the name, so that edits never move a schema.</summary>
    public static int BucketOf(string key) => (int)(Fnv1a.Hash(key) % BucketCount);

    /// <summary>Whether a document is read in parts: OpenAPI 3.x with component schemas, no blank or external references.</summary>
    public static bool CanSplit(JsonNode root, ProseScan scan) =>
        !scan.MayHaveBlankReferences
        && !scan.HasExternalReferences
        && root is JsonObject document
        && document["openapi"] is JsonValue openapi
        && openapi.TryGetValue(out string? _)
        && DocumentParser.IsSupportedVersion(document, out _, out _)
        && document["components"] is JsonObject components
        && components["schemas"] is JsonObject { Count: > 0 };

    /// <summary>
    /// The parts of a document that <see cref="CanSplit"/>, by their hashes. Its own step of the pipeline, after the
    /// outline: an edit of prose leaves the skeleton, and so this step, cached. The tree it hashes has its prose as
    /// tokens, so that a part's hash changes with its tokens (see <see cref="PartReader.Tree"/>).
    /// </summary>
    public static DocumentSplit Split(DocumentSkeleton skeleton, CancellationToken cancellationToken)
    {
        var input = skeleton.Input;
        try
        {
            var document = (JsonObject)PartReader.Tree(input).Root;
            cancellationToken.ThrowIfCancellationRequested();
            string version = document["openapi"]!.GetValue<string>();
            var components = (JsonObject)document["components"]!;
            var schemas = (JsonObject)components["schemas"]!;

            var keys = new List<string>[BucketCount];
            foreach (var pair in schemas) (keys[BucketOf(pair.Key)] ??= new List<string>()).Add(pair.Key);
            var buckets = new List<SchemaBucket>();
            for (int index = 0; index < BucketCount; index++)
            {
                if (keys[index] is not { } members) continue;
                members.Sort(StringComparer.Ordinal);
                var hash = new TreeHash();
                foreach (var key in members)
                {
                    hash.Add(key);
                    hash.Add(schemas[key]);
                }
                buckets.Add(new SchemaBucket(input.Path, version, index, members.ToEquatableArray(), hash.Finish(), input));
            }

            bool operations = DocumentOptionsReader.Read(input, skeleton.Settings, new DiagnosticBag()).ReadsOperations;
            var frame = new DocumentFrame(input.Path, version, operations, FrameHash(document, components), input);
            return new DocumentSplit(frame, buckets.ToEquatableArray());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not expected (the outline read this very text); the frame's read fails the same way and reports it (OAG011).
            return new DocumentSplit(new DocumentFrame(input.Path, "", false, "unsplit: " + ex.Message, input), EquatableArray<SchemaBucket>.Empty);
        }
    }

    /// <summary>The hash of the whole tree but the component schemas, names and all: the frame does not read them.</summary>
    private static string FrameHash(JsonObject document, JsonObject components)
    {
        var hash = new TreeHash();
        hash.Add(document.Count);
        foreach (var pair in document)
        {
            hash.Add(pair.Key);
            if (!ReferenceEquals(pair.Value, components))
            {
                hash.Add(pair.Value);
                continue;
            }
            hash.Add(components.Count);
            foreach (var kind in components)
            {
                hash.Add(kind.Key);
                if (kind.Key != "schemas") hash.Add(kind.Value);
            }
        }
        return hash.Finish();
    }
}
