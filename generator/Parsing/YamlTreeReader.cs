using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using SharpYaml;
using SharpYaml.Events;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Reads YAML text straight into the JSON tree OpenAPI.NET reads, from SharpYaml's parser events, plus the positions
/// of keys and items (<see cref="YamlPositions"/>) for diagnostics. Scalars become the values OpenAPI.NET's own
/// YamlConverter makes (a plain scalar is a number, a boolean, its null sentinel or a string; any other style is a
/// string), so a document reads the same either way. Going through SharpYaml's node tree and that converter instead
/// built every node twice and hashed each one, which cost a third of a document edit's time in OpenAI's document.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>Nodes that aliases may add by repeating anchored ones: a guard against "billion laughs" documents.</summary>
    public const int MaxAliasExpansionNodes = 1_000_000;

    private static readonly List<int> NoEntries = new();

    private static readonly HashSet<string> NullScalars = new(StringComparer.Ordinal) { "~", "null", "Null", "NULL" };

    /// <summary>
    /// The first document's root, or null (with <paramref name="positions"/> null) when the stream has no document.
    /// Syntax and structure errors throw <see cref="YamlException"/> at their position.
    /// </summary>
    public static JsonNode? Read(string text, out YamlPositions? positions) =>
        YamlFastReader.TryRead(text, out positions) ?? ReadWithSharpYaml(text, out positions);

    /// <summary>The reading through SharpYaml's parser, for whatever <see cref="YamlFastReader"/> does not take.</summary>
    public static JsonNode? ReadWithSharpYaml(string text, out YamlPositions? positions)
    {
        var parser = Parser.CreateParser(new StringReader(text), NestingGuard.MaxYamlDepth);
        var builder = new Builder(text.Length);
        JsonNode? root = null;
        positions = null;
        bool inFirstDocument = false, firstDocumentDone = false;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            if (firstDocumentDone) continue; // Later documents are ignored, but still parsed: a syntax error there is still one.
            switch (current)
            {
                case DocumentStart:
                    inFirstDocument = true;
                    break;
                case DocumentEnd:
                    firstDocumentDone = inFirstDocument;
                    break;
                default:
                    if (inFirstDocument && builder.Accept(current, out var node, out int rootPositions))
                    {
                        root = node;
                        positions = builder.Positions(rootPositions);
                    }
                    break;
            }
        }
        return root;
    }

    /// <summary>Builds nodes from events; a container is open from its start event to its end event.</summary>
    private sealed class Builder
    {
        private readonly List<Frame> _open = new();
        private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
        private readonly YamlPositions.Builder _positions;
        private int _depth;
        private long _aliasNodes;

        public Builder(int textLength) => _positions = new YamlPositions.Builder(textLength);

        /// <summary>The positions gathered so far, with the given container as the root.</summary>
        public YamlPositions Positions(int root) => _positions.Build(root);

        /// <summary>Takes one event; true with the root (and its container's id) once the document's root node is complete.</summary>
        public bool Accept(ParsingEvent current, out JsonNode? root, out int rootPositions)
        {
            root = null;
            rootPositions = -1;
            switch (current)
            {
                case MappingStart start:
                    Open(start, new JsonObject(), isMapping: true);
                    return false;
                case SequenceStart start:
                    Open(start, new JsonArray(), isMapping: false);
                    return false;
                case MappingEnd:
                case SequenceEnd:
                {
                    var frame = _open[--_depth];
                    int positions = frame.AddPositions(_positions);
                    if (frame.Anchor is not null) _anchors[frame.Anchor] = new Anchored(frame.Node, positions, frame.Height, frame.Nodes, null);
                    return Complete(frame.Node, positions, frame.Height, frame.Nodes, null, frame.Start, frame.Start, out root, out rootPositions);
                }
                case Scalar scalar:
                {
                    var value = ToJsonValue(scalar.Value, scalar.Style);
                    if (scalar.Anchor is not null) _anchors[scalar.Anchor] = new Anchored(value, -1, 1, 1, scalar.Value);
                    return Complete(value, -1, 1, 1, scalar.Value, scalar.Start, scalar.End, out root, out rootPositions);
                }
                case AnchorAlias alias:
                {
                    if (!_anchors.TryGetValue(alias.Value, out var anchored))
                    {
                        // An anchor still open (its alias inside itself) is not in the table yet either: a cycle.
                        throw new YamlException(alias.Start, alias.End, "The alias *" + alias.Value + " refers to no anchor before it (or to a node that contains it)");
                    }
                    if (_depth + anchored.Height > NestingGuard.MaxJsonDepth)
                    {
                        throw new YamlException(alias.Start, alias.End, "The alias *" + alias.Value + " expands to more than the maximum nesting depth of " + NestingGuard.MaxJsonDepth.ToString(CultureInfo.InvariantCulture));
                    }
                    _aliasNodes += anchored.Nodes;
                    if (_aliasNodes > MaxAliasExpansionNodes)
                    {
                        throw new YamlException(alias.Start, alias.End, "Aliases expand to more than " + MaxAliasExpansionNodes.ToString("N0", CultureInfo.InvariantCulture) + " nodes");
                    }
                    var copy = anchored.Node.DeepClone();
                    return Complete(copy, anchored.Positions, anchored.Height, anchored.Nodes, anchored.RawScalar, alias.Start, alias.End, out root, out rootPositions);
                }
                default:
                    return false;
            }
        }

        private void Open(NodeEvent start, JsonNode node, bool isMapping)
        {
            if (_depth == _open.Count) _open.Add(new Frame());
            _open[_depth++].Reset(node, isMapping, start.Anchor, start.Start);
        }

        /// <summary>A finished node goes into the open container (as a key, or as the value of the pending key), or is the root.</summary>
        private bool Complete(JsonNode node, int positions, int height, long nodes, string? rawScalar, Mark start, Mark end, out JsonNode? root, out int rootPositions)
        {
            if (_depth == 0)
            {
                root = node;
                rootPositions = positions >= 0 ? positions : _positions.Add(start.Index, null, NoEntries, null, NoEntries);
                return true;
            }
            root = null;
            rootPositions = -1;
            var parent = _open[_depth - 1];
            if (parent.IsMapping && parent.PendingKey is null)
            {
                if (rawScalar is null) throw new YamlException(start, start, "A mapping key must be a scalar");
                if (((JsonObject)parent.Node).ContainsKey(rawScalar)) throw new YamlException(start, start, "Duplicate key");
                parent.PendingKey = rawScalar;
                parent.PendingKeyStart = start.Index;
                parent.PendingKeyLength = Math.Max(1, end.Index - start.Index);
                return false;
            }
            parent.Add(node, positions, height, nodes, start.Index);
            return false;
        }

    }

    /// <summary>What OpenAPI.NET's YamlConverter makes of a scalar: only a plain one can be a number, a boolean or null.</summary>
    internal static JsonNode ToJsonValue(string value, ScalarStyle style)
    {
        if (style != ScalarStyle.Plain) return JsonValue.Create(value);
        if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number)) return JsonValue.Create(number);
        if (bool.TryParse(value, out bool boolean)) return JsonValue.Create(boolean);
        if (NullScalars.Contains(value)) return JsonNullSentinel.JsonNull.DeepClone();
        return JsonValue.Create(value);
    }

    private sealed record Anchored(JsonNode Node, int Positions, int Height, long Nodes, string? RawScalar);

    /// <summary>An open mapping or sequence; reused for the next container at the same depth.</summary>
    private sealed class Frame
    {
        private readonly List<string> _keys = new();
        private readonly List<int> _starts = new();
        private readonly List<int> _lengths = new();
        private readonly List<int> _children = new();

        public JsonNode Node { get; private set; } = null!;

        public bool IsMapping { get; private set; }

        public string? Anchor { get; private set; }

        public Mark Start { get; private set; }

        public string? PendingKey { get; set; }

        public int PendingKeyStart { get; set; }

        public int PendingKeyLength { get; set; }

        public int Height { get; private set; }

        public long Nodes { get; private set; }

        public void Reset(JsonNode node, bool isMapping, string? anchor, Mark start)
        {
            Node = node;
            IsMapping = isMapping;
            Anchor = anchor;
            Start = start;
            PendingKey = null;
            Height = 1;
            Nodes = 1;
            _keys.Clear();
            _starts.Clear();
            _lengths.Clear();
            _children.Clear();
        }

        public void Add(JsonNode node, int positions, int height, long nodes, int start)
        {
            if (IsMapping)
            {
                ((JsonObject)Node).Add(PendingKey!, node);
                _keys.Add(PendingKey!);
                _starts.Add(PendingKeyStart);
                _lengths.Add(PendingKeyLength);
                PendingKey = null;
            }
            else
            {
                ((JsonArray)Node).Add(node);
                _starts.Add(start);
            }
            _children.Add(positions);
            Height = Math.Max(Height, height + 1);
            Nodes += nodes;
        }

        /// <summary>Adds the container, now ended, to <paramref name="positions"/>; returns its id.</summary>
        public int AddPositions(YamlPositions.Builder positions) =>
            IsMapping
                ? positions.Add(Start.Index, _keys, _starts, _lengths, _children)
                : positions.Add(Start.Index, null, _starts, null, _children);
    }
}
