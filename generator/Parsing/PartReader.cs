using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Uploads.Generators.Diagnostics;
using Uploads.Generators.Model;
using Uploads.Generators.Naming;

namespace Uploads.Generators.Parsing;

/// <summary>
/// The model step of a split document (see <see cref="DocumentParts"/>), in three steps of the pipeline: its frame and
/// each bucket of its schemas are read on their own, each only when its hash changed, and then assembled: linked
/// (<see cref="ComponentLinker"/>), named (<see cref="NamingPass"/>) and their diagnostics located in the current text.
/// A one-line edit of a schema thus reads one bucket again, not the document. The result is the model the whole read
/// (<see cref="DocumentParser"/>) gives, with its diagnostics in another order.
/// </summary>
internal static class PartReader
{
    public static FramePart ReadFrame(DocumentFrame frame, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        var deferred = new List<(string Pointer, string Message)>();
        try
        {
            var source = Tree(frame.Input);
            var components = (JsonObject)source.Root["components"]!;
            // OpenAPI.NET reads the document without its schemas (the buckets' part), which go back in place afterwards.
            var schemas = components["schemas"];
            components["schemas"] = new JsonObject();
            Microsoft.OpenApi.Reader.ReadResult read;
            try
            {
                read = DocumentParser.ReadWithOpenApiNet(source.Root, diagnostics, cancellationToken, deferred);
            }
            finally
            {
                components["schemas"] = schemas;
            }
            if (read.Document is not { } document) return new FramePart(frame.Path, null, diagnostics, deferred);

            var raw = new RawDocument(DocumentParser.TitleOf(document, frame.Path));
            if (frame.Operations)
            {
                var schemaReader = new SchemaReader(source, diagnostics, components: null, DocumentParts.SchemasPointer, raw.Types, cancellationToken);
                new OperationReader(schemaReader, diagnostics, swagger2: false, cancellationToken).Read(document, raw);
            }
            return new FramePart(frame.Path, raw, diagnostics, deferred);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            diagnostics.Add(DiagnosticDescriptors.InternalError, null, "the document", ex.GetType().Name + ": " + ex.Message);
            return new FramePart(frame.Path, null, diagnostics, deferred);
        }
    }

    public static BucketPart ReadBucket(SchemaBucket bucket, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        var deferred = new List<(string Pointer, string Message)>();
        var types = new List<RawType>();
        try
        {
            var source = Tree(bucket.Input);
            var schemas = (JsonObject)source.Root["components"]!["schemas"]!;
            // OpenAPI.NET reads the bucket's schemas as a document of their own; they go back in place afterwards.
            var own = new JsonObject();
            var document = new JsonObject
            {
                ["openapi"] = bucket.Version,
                ["info"] = new JsonObject { ["title"] = "Schemas", ["version"] = "1" },
                ["paths"] = new JsonObject(),
                ["components"] = new JsonObject { ["schemas"] = own },
            };
            var nodes = new JsonNode?[bucket.Keys.Count];
            Microsoft.OpenApi.Reader.ReadResult read;
            try
            {
                for (int i = 0; i < nodes.Length; i++)
                {
                    nodes[i] = schemas[bucket.Keys[i]];
                    schemas[bucket.Keys[i]] = null;
                    own[bucket.Keys[i]] = nodes[i];
                }
                read = DocumentParser.ReadWithOpenApiNet(document, diagnostics, cancellationToken, deferred);
            }
            finally
            {
                own.Clear();
                for (int i = 0; i < nodes.Length; i++) schemas[bucket.Keys[i]] = nodes[i];
            }
            var reader = new SchemaReader(source, diagnostics, read.Document?.Components?.Schemas, DocumentParts.SchemasPointer, types, cancellationToken);
            reader.ReadComponents();
            return new BucketPart(bucket.Path, reader.Components, types, diagnostics, deferred);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            diagnostics.Add(DiagnosticDescriptors.InternalError, DocumentParts.SchemasPointer, "the schemas " + string.Join(", ", bucket.Keys), ex.GetType().Name + ": " + ex.Message);
            return new BucketPart(bucket.Path, new Dictionary<string, RawUse>(), types, diagnostics, deferred);
        }
    }

    /// <summary>
    /// The model of a split document from its parts, linked and named, its diagnostics located in the current text; the
    /// last step of a run to need the document's tree, which it then releases (see <see cref="TreeHandoff.Release"/>).
    /// </summary>
    public static DraftResult Assemble(PartsOfDocument parts, FramePart frame, CancellationToken cancellationToken)
    {
        try
        {
            return AssembleParts(parts, frame, cancellationToken);
        }
        finally
        {
            TreeHandoff.Release(parts.Skeleton.Input.Path);
        }
    }

    private static DraftResult AssembleParts(PartsOfDocument parts, FramePart frame, CancellationToken cancellationToken)
    {
        var input = parts.Skeleton.Input;
        var diagnostics = new DiagnosticBag();
        SpecSource? source = null;
        ApiModel? model = null;
        try
        {
            var options = DocumentOptionsReader.Read(input, parts.Skeleton.Settings, diagnostics);
            if (!DocumentParser.CanGenerateFor(parts.Skeleton.Settings, input.Path, diagnostics)) return new DraftResult(input.Path, DocumentParser.Result(null, diagnostics, null, input.Path));
            source = Tree(input);
            diagnostics.AddAll(frame.Diagnostics);
            foreach (var bucket in parts.Buckets) diagnostics.AddAll(bucket.Diagnostics);
            foreach (var (pointer, message) in parts.Buckets.SelectMany(bucket => bucket.Deferred).Concat(frame.Deferred))
            {
                if (!DiscriminatorCheck.Holds(source, pointer)) diagnostics.Add(DiagnosticDescriptors.DocumentError, pointer, message);
            }
            if (frame.Document is { } document)
            {
                var copy = new RawCopy();
                var raw = copy.Document(document);
                var components = new Dictionary<string, RawUse>(StringComparer.Ordinal);
                var types = new List<RawType>();
                foreach (var bucket in parts.Buckets)
                {
                    foreach (var pair in bucket.Components) components[pair.Key] = copy.Use(pair.Value);
                    types.AddRange(bucket.Types.Select(copy.Type));
                }
                // In the order a whole read makes them: by component, each with its inline types as read; then the operations'.
                raw.Types.InsertRange(0, types.OrderBy(type => type.NameParts[0], StringComparer.Ordinal));
                var linker = new ComponentLinker(components, DocumentParts.SchemasPointer, diagnostics, cancellationToken);
                linker.Link(raw.Types);
                OperationReader.Link(raw, linker, diagnostics);
                model = NamingPass.Apply(raw, input.Path, options, diagnostics);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            diagnostics.Add(DiagnosticDescriptors.InternalError, null, "the document", ex.GetType().Name + ": " + ex.Message);
        }
        return new DraftResult(input.Path, DocumentParser.Result(model, diagnostics, source, input.Path));
    }

    /// <summary>
    /// The document's tree as the outline step read it, with its prose made tokens (once, by the first part of the run
    /// that asks), lent to every part of the run; read again, with the same result, when that tree is gone.
    /// </summary>
    public static SpecSource Tree(DocumentInput input)
    {
        if (TreeHandoff.Borrow(input.Path, input.Text) is { } borrowed) return borrowed;
        var handed = TreeHandoff.Take(input.Path, input.Text);
        var source = handed?.Source ?? SpecSource.Load(input.Path, input.Text, out _) ?? throw new InvalidOperationException("the document can no longer be read");
        var scan = handed?.Scan ?? Prose.Scan(source.Root, fingerprint: null);
        scan.Apply();
        source.FreezeTree();
        TreeHandoff.Offer(source, scan, shared: true);
        return source;
    }
}

/// <summary>
/// A split document's frame as read: its raw operations (schemas linked by name) and diagnostics. Kept by the pipeline
/// until the frame's hash changes and never changed (see <see cref="RawCopy"/>); compared by reference, as it is the
/// same instance exactly when it was not read again.
/// </summary>
internal sealed class FramePart : IEquatable<FramePart>
{
    public FramePart(string path, RawDocument? document, DiagnosticBag diagnostics, IReadOnlyList<(string Pointer, string Message)> deferred)
    {
        Path = path;
        Document = document;
        Diagnostics = diagnostics;
        Deferred = deferred;
    }

    public string Path { get; }

    public RawDocument? Document { get; }

    public DiagnosticBag Diagnostics { get; }

    /// <summary>What OpenAPI.NET's discriminator rule found here, to be checked on the whole tree (see <see cref="DiscriminatorCheck"/>).</summary>
    public IReadOnlyList<(string Pointer, string Message)> Deferred { get; }

    public bool Equals(FramePart? other) => ReferenceEquals(this, other);
}

/// <summary>A bucket of a split document's schemas as read: what each component is, their types, diagnostics. As <see cref="FramePart"/>.</summary>
internal sealed class BucketPart : IEquatable<BucketPart>
{
    public BucketPart(string path, IReadOnlyDictionary<string, RawUse> components, List<RawType> types, DiagnosticBag diagnostics, IReadOnlyList<(string Pointer, string Message)> deferred)
    {
        Path = path;
        Components = components;
        Types = types;
        Diagnostics = diagnostics;
        Deferred = deferred;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, RawUse> Components { get; }

    public IReadOnlyList<RawType> Types { get; }

    public DiagnosticBag Diagnostics { get; }

    /// <summary>As <see cref="FramePart.Deferred"/>.</summary>
    public IReadOnlyList<(string Pointer, string Message)> Deferred { get; }

    public bool Equals(BucketPart? other) => ReferenceEquals(this, other);
}

/// <summary>What the model of one document is built from: its skeleton and, when it is split, its parts as read.</summary>
internal sealed record PartsOfDocument(DocumentSkeleton Skeleton, FramePart? Frame, EquatableArray<BucketPart> Buckets);
