using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Where the keys and items of a JSON document are (in UTF-16 code units, as diagnostics count), found only along the
/// pointers asked for: one pass over the UTF-8 bytes follows the keys those pointers name and skips everything else.
/// Indexing every key and item instead (300,000 paths in GitHub's document, for its 13 diagnostics) made 40% of what
/// a rebuild of that document allocated. Pointers asked for together (<see cref="Want"/>) share a pass; a pointer not
/// asked for before costs a pass of its own.
/// </summary>
internal sealed class JsonLocator
{
    private readonly byte[] _utf8;
    private readonly Node _root = new() { Offset = 0 };
    private bool _unscanned;

    public JsonLocator(byte[] utf8) => _utf8 = utf8;

    /// <summary>Pointers to locate with the next pass.</summary>
    public void Want(IEnumerable<string?> pointers)
    {
        foreach (var pointer in pointers) Add(pointer);
    }

    /// <summary>The offset of the key or item at a pointer, or of its nearest ancestor found; the document's start for the root.</summary>
    public int Locate(string? pointer)
    {
        Add(pointer);
        if (_unscanned) Scan();
        var node = _root;
        int offset = _root.Offset;
        foreach (var segment in JsonPointer.Segments(pointer))
        {
            if (node.Keys is null || !node.Keys.TryGetValue(segment, out var child) || child.Offset < 0) break;
            offset = child.Offset;
            node = child;
        }
        return offset;
    }

    private void Add(string? pointer)
    {
        var node = _root;
        foreach (var segment in JsonPointer.Segments(pointer))
        {
            node.Keys ??= new Dictionary<string, Node>(System.StringComparer.Ordinal);
            if (!node.Keys.TryGetValue(segment, out var child))
            {
                node.Keys.Add(segment, child = new Node());
                // An item's segment is its index written plainly ("3", never "03" or "+3").
                if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index.ToString(CultureInfo.InvariantCulture) == segment)
                {
                    (node.Items ??= new Dictionary<int, Node>()).Add(index, child);
                }
                _unscanned = true;
            }
            node = child;
        }
    }

    private void Scan()
    {
        _unscanned = false;
        var reader = new Utf8JsonReader(_utf8, SpecSource.JsonReading);
        // Per open container: its node when a wanted pointer runs through it (else null), and for an array its next item's index.
        var open = new List<(Node? Node, int NextItem)>();
        Node? property = null;
        bool afterProperty = false;
        int scannedBytes = 0, scannedUnits = 0;
        int OffsetAt(long byteIndex)
        {
            for (; scannedBytes < byteIndex; scannedBytes++) scannedUnits += SpecSource.Utf16Units(_utf8[scannedBytes]);
            return scannedUnits;
        }
        Node? NextItem(long start)
        {
            var (parent, next) = open[open.Count - 1];
            if (next < 0) return null;
            open[open.Count - 1] = (parent, next + 1);
            if (parent?.Items is null || !parent.Items.TryGetValue(next, out var item)) return null;
            item.Offset = OffsetAt(start);
            return item;
        }
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = null;
                        if (open[open.Count - 1].Node?.Keys is { } keys)
                        {
                            foreach (var pair in keys)
                            {
                                if (!reader.ValueTextEquals(pair.Key)) continue;
                                property = pair.Value;
                                property.Offset = OffsetAt(reader.TokenStartIndex);
                                break;
                            }
                        }
                        afterProperty = true;
                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var node = open.Count == 0 ? _root : afterProperty ? property : NextItem(reader.TokenStartIndex);
                        open.Add((node, reader.TokenType == JsonTokenType.StartArray ? 0 : -1));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        open.RemoveAt(open.Count - 1);
                        break;
                    default:
                        if (!afterProperty && open.Count > 0) NextItem(reader.TokenStartIndex);
                        break;
                }
                afterProperty = false;
                property = null;
            }
        }
        catch (JsonException)
        {
            // The text was parsed before; a failure here only leaves some pointers at an ancestor.
        }
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Keys;
        public Dictionary<int, Node>? Items;

        /// <summary>Where its key or item starts; -1 until a pass finds it.</summary>
        public int Offset = -1;
    }
}
