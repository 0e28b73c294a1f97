using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SharpYaml;
using Uploads.Generators.Model;

namespace Uploads.Generators.Parsing;

/// <summary>
/// A spec file's text loaded into a JSON tree (what OpenAPI.NET reads) plus what is needed to map a
/// JSON pointer back to a line and column: the YAML node tree, or for JSON a lazily built index.
/// Lives only inside the parse step.
/// </summary>
internal sealed class SpecSource
{
    private readonly YamlPositions? _yamlPositions;
    private JsonLocator? _json;
    private LineMap? _lines;

    private SpecSource(string path, string text, JsonNode root, YamlPositions? yamlPositions)
    {
        Path = path;
        Text = text;
        Root = root;
        _yamlPositions = yamlPositions;
    }

    public string Path { get; }

    public string Text { get; }

    public JsonNode Root { get; }

    /// <summary>A JSON document's text in UTF-8, as it was parsed; null for YAML.</summary>
    public byte[]? Utf8 { get; private set; }

    /// <summary>Where the keys and items of a YAML document are; null for JSON.</summary>
    public YamlPositions? YamlPositions => _yamlPositions;

    /// <summary>Where the text's lines start; made once, for the outline's fingerprint and for diagnostics alike.</summary>
    public LineMap Lines => _lines ??= new LineMap(Text);

    /// <summary>How every JSON read of a spec file goes: trailing commas and comments allowed, nesting up to 512.</summary>
    public static readonly JsonReaderOptions JsonReading = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 512 };

    /// <summary>Loads the text; on a syntax error returns null and the diagnostic at the error's position.</summary>
    public static SpecSource? Load(string path, string text, out DiagnosticInfo? error)
    {
        error = null;
        bool json = DocumentDetector.IsJson(path, text);
        int tooDeep = json ? NestingGuard.FindTooDeepJson(text) : -1;
        if (tooDeep >= 0)
        {
            error = TooDeep(path, text, tooDeep, NestingGuard.MaxJsonDepth);
            return null;
        }
        try
        {
            if (json)
            {
                // Encoded once: the duplicate-key scan, the parse and the outline's key positions all read these bytes.
                var utf8 = Encoding.UTF8.GetBytes(text);
                if (FindDuplicateKey(utf8) is { } duplicate)
                {
                    // JsonNode.Parse accepts duplicate keys and throws on first use (ArgumentException deep inside
                    // OpenAPI.NET, which cost the whole document as OAG011). YAML reports them as OAG001 at the key; so does JSON.
                    error = Unreadable(path, text, duplicate.Offset, "Duplicate key '" + duplicate.Key + "'");
                    return null;
                }
                var node = JsonNode.Parse(
                    utf8,
                    documentOptions: new JsonDocumentOptions { AllowTrailingCommas = JsonReading.AllowTrailingCommas, CommentHandling = JsonReading.CommentHandling, MaxDepth = JsonReading.MaxDepth });
                if (node is not JsonObject)
                {
                    error = Unreadable(path, text, 0, "the root is not a JSON object");
                    return null;
                }
                return new SpecSource(path, text, node, null) { Utf8 = utf8 };
            }

            var root = YamlTreeReader.Read(text, out var positions);
            if (root is not JsonObject)
            {
                error = Unreadable(path, text, 0, "the root is not a YAML mapping");
                return null;
            }
            return new SpecSource(path, text, root, positions);
        }
        catch (YamlException ex) when (NestingGuard.IsYamlDepthError(ex.Message))
        {
            error = TooDeep(path, text, Math.Max(0, Math.Min(ex.Start.Index, text.Length)), NestingGuard.MaxYamlDepth);
        }
        catch (YamlException ex)
        {
            // SharpYaml prefixes its 0-based marks; the diagnostic's own position is the one to show.
            string message = System.Text.RegularExpressions.Regex.Replace(ex.Message, @"^\(Lin: [^)]*\)( - \(Lin: [^)]*\))?:\s*", "");
            error = Unreadable(path, text, Math.Max(0, Math.Min(ex.Start.Index, text.Length)), message);
        }
        catch (JsonException ex)
        {
            int offset = OffsetOf(text, (int)(ex.LineNumber ?? 0), (int)(ex.BytePositionInLine ?? 0));
            error = Unreadable(path, text, offset, ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            error = Unreadable(path, text, 0, ex.Message);
        }
        return null;
    }

    /// <summary>The first key that repeats within one object, with its character offset; null when there is none or the text is not JSON.</summary>
    private static (int Offset, string Key)? FindDuplicateKey(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, JsonReading);
        var open = new Stack<HashSet<string>?>();
        // One set per nesting depth, cleared for each object there: an object's set is done with when it closes.
        var setsByDepth = new List<HashSet<string>>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        while (setsByDepth.Count <= open.Count) setsByDepth.Add(new HashSet<string>(StringComparer.Ordinal));
                        var keys = setsByDepth[open.Count];
                        keys.Clear();
                        open.Push(keys);
                        break;
                    case JsonTokenType.StartArray:
                        open.Push(null);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        open.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        string key = reader.GetString()!;
                        if (open.Peek() is { } known && !known.Add(key))
                        {
                            return (Encoding.UTF8.GetCharCount(bytes, 0, (int)reader.TokenStartIndex), key);
                        }
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not valid JSON: the parse that follows reports it where it is.
        }
        catch (InvalidOperationException)
        {
        }
        return null;
    }

    private static DiagnosticInfo TooDeep(string path, string text, int offset, int limit) =>
        DiagnosticInfo.Create(
            Diagnostics.DiagnosticDescriptors.TooDeeplyNested,
            LocationAt(path, text, new LineMap(text), offset, 1),
            limit.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static DiagnosticInfo Unreadable(string path, string text, int offset, string message)
    {
        var location = LocationAt(path, text, new LineMap(text), offset, 1);
        return DiagnosticInfo.Create(Diagnostics.DiagnosticDescriptors.UnreadableDocument, location, message);
    }

    private Dictionary<string, JsonNode?>? _rawCache;

    /// <summary>
    /// From now on the tree is only read: <see cref="RawAt"/> remembers what it found, and finds a pointer from its
    /// parent's entry (the operations' schemas share long prefixes: path, method, responses, content). Within a schema
    /// the schema reader finds each node from its parent's itself.
    /// </summary>
    public void FreezeTree() => _rawCache ??= new Dictionary<string, JsonNode?>(StringComparer.Ordinal);

    /// <summary>The raw JSON node at a pointer, for keywords OpenAPI.NET drops (see <see cref="SchemaReader"/>).</summary>
    public JsonNode? RawAt(string pointer)
    {
        if (_rawCache is null) return Walk(Root, JsonPointer.Segments(pointer));
        if (_rawCache.TryGetValue(pointer, out var cached)) return cached;
        int slash = pointer.LastIndexOf('/');
        JsonNode? node;
        if (slash <= 1)
        {
            node = Walk(Root, JsonPointer.Segments(pointer));
        }
        else
        {
            var parent = RawAt(pointer.Substring(0, slash));
            node = parent is null ? null : Child(parent, JsonPointer.Unescape(pointer.Substring(slash + 1)));
        }
        _rawCache[pointer] = node;
        return node;
    }

    /// <summary>How many local $refs <see cref="RawThroughReferences"/> follows before it gives up (a cycle of references).</summary>
    private const int MaxReferenceHops = 32;

    /// <summary>
    /// The node at <paramref name="pointer"/> as OpenAPI.NET reads it: where the pointer passes through an object that is a
    /// local <c>$ref</c> (a response, request body, parameter or path item from components), on in the ref's target.
    /// An operation's schemas are read at pointers under the operation, while their text may be in components; the
    /// pointer is kept as it is (diagnostics are placed at the use), only what is read from the tree follows the $ref.
    /// </summary>
    public JsonNode? RawThroughReferences(string pointer)
    {
        if (RawAt(pointer) is { } direct) return direct;
        JsonNode? node = Root;
        int hops = 0;
        foreach (var segment in JsonPointer.Segments(pointer))
        {
            while (node is JsonObject obj && !obj.ContainsKey(segment) && LocalReference(obj) is { } target && hops++ < MaxReferenceHops)
            {
                node = RawAt(target);
            }
            node = node is null ? null : Child(node, segment);
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>The string a node holds, or null for any other node.</summary>
    public static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The target of <paramref name="obj"/> when it is a local <c>$ref</c> ("#/…"); else null.</summary>
    public static string? LocalReference(JsonObject obj) =>
        obj.TryGetPropertyValue("$ref", out var reference) && reference is JsonValue value && value.TryGetValue(out string? target) && target.StartsWith("#", StringComparison.Ordinal)
            ? target
            : null;

    private static JsonNode? Walk(JsonNode start, List<string> segments)
    {
        JsonNode? node = start;
        foreach (var segment in segments)
        {
            node = Child(node, segment);
            if (node is null) return null;
        }
        return node;
    }

    private static JsonNode? Child(JsonNode node, string segment) => node switch
    {
        JsonObject obj => obj.TryGetPropertyValue(segment, out var child) ? child : null,
        JsonArray array => int.TryParse(segment, out int index) && index >= 0 && index < array.Count ? array[index] : null,
        _ => null,
    };

    /// <summary>
    /// Subtrees bundled in from other files (see <see cref="ExternalRefBundler"/>): pointer prefix in this document →
    /// the file and pointer they came from, so diagnostics inside them point into that file.
    /// </summary>
    public Dictionary<string, (SpecSource File, string Pointer)> Bundled { get; } = new(StringComparer.Ordinal);

    /// <summary>The location of the node at a pointer, or of its nearest existing ancestor.</summary>
    public SpecLocation Locate(string? pointer)
    {
        if (Bundled.Count > 0 && pointer is not null)
        {
            var segments = JsonPointer.Segments(pointer);
            for (int count = segments.Count; count > 0; count--)
            {
                string prefix = "#";
                for (int i = 0; i < count; i++) prefix = JsonPointer.Append(prefix, segments[i]);
                if (Bundled.TryGetValue(prefix, out var origin))
                {
                    string rest = origin.Pointer;
                    for (int i = count; i < segments.Count; i++) rest = JsonPointer.Append(rest, segments[i]);
                    return origin.File.Locate(rest);
                }
            }
        }
        var (offset, length) = _yamlPositions is not null ? LocateYaml(pointer) : LocateJson(pointer);
        return LocationAt(Path, Text, Lines, offset, length);
    }

    private (int Offset, int Length) LocateYaml(string? pointer)
    {
        YamlContainer? node = _yamlPositions!.Root;
        // The root itself (and a pointer none of whose segments exist, like #/info/title in a document without info) is
        // shown at the root's first key, never as the empty span at 0 that means "no location" (JSON shows its '{').
        var root = node.Value;
        (int, int) best = root.HasKeys ? (root.StartAt(0), root.LengthAt(0)) : (root.Start, 1);
        foreach (var segment in JsonPointer.Segments(pointer))
        {
            var container = node!.Value;
            int index = container.IndexOf(segment);
            if (index < 0) break;
            best = (container.StartAt(index), container.LengthAt(index));
            node = container.ChildAt(index);
            if (node is null) break;
        }
        return best;
    }

    private (int Offset, int Length) LocateJson(string? pointer) => (Json.Locate(pointer), 1);

    /// <summary>Pointers about to be located (a parse's diagnostics): a JSON document finds them all in one pass.</summary>
    public void WillLocate(IEnumerable<string?> pointers)
    {
        if (_yamlPositions is null) Json.Want(pointers);
    }

    private JsonLocator Json => _json ??= new JsonLocator(Utf8 ?? Encoding.UTF8.GetBytes(Text));

    /// <summary>
    /// How many UTF-16 code units (what diagnostics count columns in) the character a UTF-8 byte starts takes: none for a
    /// continuation byte, two for a four-byte sequence (a surrogate pair), else one. The outline's key positions count
    /// with it too, so that they agree with where diagnostics are placed.
    /// </summary>
    public static int Utf16Units(byte value) => (value & 0xC0) == 0x80 ? 0 : value >= 0xF0 ? 2 : 1;

    private static int OffsetOf(string text, int line, int column) =>
        Math.Min(text.Length, new LineMap(text).OffsetOf(line, column) ?? text.Length);

    private static SpecLocation LocationAt(string path, string text, LineMap lines, int offset, int length)
    {
        offset = Math.Max(0, Math.Min(offset, text.Length));
        length = Math.Max(0, Math.Min(length, text.Length - offset));
        var (line, column) = lines.At(offset);
        var (endLine, endColumn) = lines.At(offset + length);
        return new SpecLocation(path, offset, length, line, column, endLine, endColumn);
    }
}
