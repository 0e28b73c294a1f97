using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using Uploads.Generators.Diagnostics;
using Uploads.Generators.Model;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Resolves <c>$ref</c>s into other files of a multi-file document (DigitalOcean, petstore-separate) through the
/// other AdditionalFiles of the compilation, never the file system: a referenced schema is copied into the
/// document's schemas under its own name (so it becomes one named type however often it is referenced), anything
/// else (paths, parameters, responses, even a description) is copied in place. A file that is not among the
/// AdditionalFiles, or a fragment that does not exist, is a diagnostic at the <c>$ref</c>.
/// </summary>
internal sealed class ExternalRefBundler
{
    private const int MaxInlineDepth = 64;

    private static readonly Regex ExternalRef = new(@"\$ref[""']?\s*:\s*[""']?[^#""'\s]", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> SchemaKeywords = new(StringComparer.Ordinal)
    {
        "schema", "items", "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames", "unevaluatedProperties", "unevaluatedItems",
    };

    private static readonly HashSet<string> SchemaMaps = new(StringComparer.Ordinal)
    {
        "properties", "patternProperties", "schemas", "definitions", "$defs", "dependentSchemas",
    };

    private static readonly HashSet<string> SchemaLists = new(StringComparer.Ordinal) { "allOf", "anyOf", "oneOf", "prefixItems" };

    private readonly SpecSource _root;
    private readonly Dictionary<string, string> _files;
    private readonly DiagnosticBag _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, SpecSource?> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _hoisted = new(StringComparer.OrdinalIgnoreCase);
    private readonly JsonObject _document;
    private readonly bool _swagger;
    private readonly string _schemasPointer;
    private JsonObject? _schemas;

    private ExternalRefBundler(SpecSource root, Dictionary<string, string> files, DiagnosticBag diagnostics, JsonObject document, bool swagger, CancellationToken cancellationToken)
    {
        _root = root;
        _files = files;
        _diagnostics = diagnostics;
        _document = document;
        _swagger = swagger;
        _schemasPointer = swagger ? "#/definitions" : "#/components/schemas";
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The document's schema map, added only when a schema is hoisted into it: a document whose text merely mentions
    /// "$ref: file" (in a description, say) stays as it was, which the prose outline relies on (its model does not depend
    /// on prose).
    /// </summary>
    private JsonObject Schemas
    {
        get
        {
            if (_schemas is not null) return _schemas;
            if (_swagger)
            {
                _schemas = _document["definitions"] as JsonObject ?? new JsonObject();
                _document["definitions"] = _schemas;
            }
            else
            {
                var components = _document["components"] as JsonObject ?? new JsonObject();
                _document["components"] = components;
                _schemas = components["schemas"] as JsonObject ?? new JsonObject();
                components["schemas"] = _schemas;
            }
            return _schemas;
        }
    }

    /// <summary>True when the text may hold a $ref to another file; only then is the tree walked.</summary>
    public static bool MayHaveExternalRefs(string text) => ExternalRef.IsMatch(text);

    public static void Bundle(SpecSource root, EquatableArray<FragmentFile> fragments, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        if (root.Root is not JsonObject document) return;
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var fragment in fragments) files[Normalize(fragment.Path)] = fragment.Text;
        var bundler = new ExternalRefBundler(root, files, diagnostics, document, document.ContainsKey("swagger"), cancellationToken);
        bundler._loaded[Normalize(root.Path)] = root;
        bundler.Walk(document, root, "#", schemaPosition: false, depth: 0);
    }

    private JsonNode? Walk(JsonNode? node, SpecSource file, string pointer, bool schemaPosition, int depth)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (node)
        {
            case JsonObject obj:
                if (obj.TryGetPropertyValue("$ref", out var reference) && reference is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    string target = value.GetValue<string>();
                    bool local = target.StartsWith("#", StringComparison.Ordinal);
                    if (!(local && ReferenceEquals(file, _root)))
                    {
                        return Resolve(obj, target, file, pointer, schemaPosition, depth);
                    }
                }
                foreach (var pair in obj.ToList())
                {
                    string key = pair.Key;
                    // Values and extensions are data, not OpenAPI: a "$ref" key inside an example is not a reference.
                    // ("default" is data only inside a schema: elsewhere it is the default response.)
                    if (key is "example" or "value" || (schemaPosition && key is "default" or "const" or "enum") || key.StartsWith("x-", StringComparison.Ordinal)) continue;
                    bool childIsSchema = (SchemaKeywords.Contains(key) && schemaPosition) || key == "schema";
                    var child = pair.Value;
                    string childPointer = JsonPointer.Append(pointer, key);
                    JsonNode? replaced;
                    if (SchemaMaps.Contains(key) && child is JsonObject map && (schemaPosition || key is "schemas" or "definitions"))
                    {
                        if (map.TryGetPropertyValue("$ref", out var mapRef) && mapRef is JsonValue)
                        {
                            // The whole map is a reference (DigitalOcean's "properties: {$ref: attributes.yml#/…}"): copy it in first.
                            if (Walk(map, file, childPointer, schemaPosition: false, depth) is not JsonObject resolvedMap) continue;
                            obj[key] = map = resolvedMap;
                        }
                        foreach (var entry in map.ToList())
                        {
                            var entryReplaced = Walk(entry.Value, file, JsonPointer.Append(childPointer, entry.Key), schemaPosition: true, depth);
                            if (!ReferenceEquals(entryReplaced, entry.Value)) map[entry.Key] = entryReplaced;
                        }
                        continue;
                    }
                    if (SchemaLists.Contains(key) && child is JsonArray list)
                    {
                        for (int i = 0; i < list.Count; i++)
                        {
                            var item = list[i];
                            var itemReplaced = Walk(item, file, JsonPointer.Append(childPointer, i), schemaPosition: true, depth);
                            if (!ReferenceEquals(itemReplaced, item)) list[i] = itemReplaced;
                        }
                        continue;
                    }
                    replaced = Walk(child, file, childPointer, childIsSchema, depth);
                    if (!ReferenceEquals(replaced, child)) obj[key] = replaced;
                }
                return obj;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    var item = array[i];
                    var replaced = Walk(item, file, JsonPointer.Append(pointer, i), schemaPosition: false, depth);
                    if (!ReferenceEquals(replaced, item)) array[i] = replaced;
                }
                return array;
            default:
                return node;
        }
    }

    /// <summary>Replaces a $ref to another file (or, inside another file, to that file) by a local ref or a copy.</summary>
    private JsonNode? Resolve(JsonObject reference, string target, SpecSource file, string pointer, bool schemaPosition, int depth)
    {
        int hash = target.IndexOf('#');
        string relative = hash < 0 ? target : target.Substring(0, hash);
        string fragment = hash < 0 ? "" : target.Substring(hash + 1);
        string path = PathOf(file.Path, relative);
        var targetFile = Load(path);
        string refPointer = JsonPointer.Append(pointer, "$ref");
        if (targetFile is null)
        {
            _diagnostics.AddLocated(DiagnosticDescriptors.UnresolvedReference, file.Locate(refPointer), target + " (the file is not among the AdditionalFiles)", "JsonElement");
            return WithoutRef(reference);
        }
        string targetPointer = "#" + fragment;
        var resolved = targetFile.RawAt(targetPointer);
        if (resolved is null)
        {
            _diagnostics.AddLocated(DiagnosticDescriptors.UnresolvedReference, file.Locate(refPointer), target, "JsonElement");
            return WithoutRef(reference);
        }

        if (schemaPosition && resolved is JsonObject)
        {
            string key = path + "#" + fragment;
            if (!_hoisted.TryGetValue(key, out var name))
            {
                name = UniqueName(path, fragment);
                _hoisted[key] = name;
                var copy = resolved.DeepClone();
                Schemas[name] = copy;
                string hoistedPointer = JsonPointer.Append(_schemasPointer, name);
                _root.Bundled[hoistedPointer] = (targetFile, targetPointer);
                Schemas[name] = Walk(copy, targetFile, targetPointer, schemaPosition: true, depth + 1);
            }
            reference["$ref"] = JsonPointer.Append(_schemasPointer, name);
            return reference;
        }

        if (depth >= MaxInlineDepth)
        {
            _diagnostics.AddLocated(DiagnosticDescriptors.UnsupportedConstruct, file.Locate(refPointer), "A chain of more than " + MaxInlineDepth + " references between files", "nothing for this reference");
            return WithoutRef(reference);
        }
        var inlined = Walk(resolved.DeepClone(), targetFile, targetPointer, schemaPosition, depth + 1);
        if (inlined is JsonObject inlinedObject)
        {
            foreach (var sibling in reference.Where(p => p.Key != "$ref").ToList())
            {
                if (!inlinedObject.ContainsKey(sibling.Key)) inlinedObject[sibling.Key] = sibling.Value?.DeepClone();
            }
        }
        return inlined;
    }

    private static JsonObject WithoutRef(JsonObject reference)
    {
        reference.Remove("$ref");
        return reference;
    }

    private SpecSource? Load(string path)
    {
        if (_loaded.TryGetValue(path, out var known)) return known;
        SpecSource? source = null;
        if (_files.TryGetValue(path, out var text))
        {
            source = SpecSource.Load(path, text, out var error);
            if (error is not null) _diagnostics.AddLocated(error);
        }
        _loaded[path] = source;
        return source;
    }

    /// <summary>A schema name from the fragment's last segment or the file name, unique among the document's schemas.</summary>
    private string UniqueName(string path, string fragment)
    {
        var segments = JsonPointer.Segments("#" + fragment);
        string stem = segments.Count > 0 ? segments[segments.Count - 1] : FileStem(path);
        string candidate = stem;
        if (Schemas.ContainsKey(candidate))
        {
            string folder = FileStem(Directory(path));
            candidate = folder.Length > 0 ? folder + "_" + stem : stem;
        }
        string name = candidate;
        for (int n = 2; Schemas.ContainsKey(name); n++) name = candidate + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return name;
    }

    private static string FileStem(string path)
    {
        string name = path.Substring(path.LastIndexOf('/') + 1);
        int dot = name.IndexOf('.');
        return dot > 0 ? name.Substring(0, dot) : name;
    }

    private readonly Dictionary<(string File, string Relative), string> _paths = new();

    /// <summary>The file a reference in <paramref name="file"/> points at; once per file and relative path (DigitalOcean's files repeat theirs).</summary>
    private string PathOf(string file, string relative)
    {
        if (!_paths.TryGetValue((file, relative), out var path))
        {
            path = relative.Length == 0 ? Normalize(file) : Normalize(Combine(Directory(file), relative));
            _paths.Add((file, relative), path);
        }
        return path;
    }

    private static string Directory(string path)
    {
        string normalized = path.Replace('\\', '/');
        int slash = normalized.LastIndexOf('/');
        return slash < 0 ? "" : normalized.Substring(0, slash);
    }

    private static string Combine(string directory, string relative) =>
        relative.StartsWith("/", StringComparison.Ordinal) || directory.Length == 0 ? relative : directory + "/" + relative;

    /// <summary>Resolves "." and ".." and unifies separators, without asking the file system.</summary>
    private static string Normalize(string path)
    {
        var parts = new List<string>();
        string unified = path.Replace('\\', '/');
        foreach (var part in unified.Split('/'))
        {
            if (part == ".") continue;
            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(part);
        }
        return string.Join("/", parts);
    }
}
