using System;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Uploads.Generators.Parsing;

/// <summary>
/// A 128-bit hash of part of the (tokenized) tree: what tells a bucket of component schemas, or the rest of the document,
/// from its previous text (see <see cref="DocumentParts"/>). Cheap where a <see cref="Fingerprint"/> is not: a document
/// has up to 65 of them per run. Two 64-bit lanes, FNV-1a and a multiply-rotate, over the same tags, counts and texts
/// the fingerprint takes, so that no two different trees give the same sequence.
/// </summary>
internal sealed class TreeHash : IHashSink
{
    private ulong _fnv = 14695981039346656037UL;
    private ulong _mix = 0x9E3779B97F4A7C15UL;

    public void Add(byte tag) => Mix(tag);

    public void Add(int value) => Mix((uint)value | 0x1_0000_0000UL);

    public void Add(string value)
    {
        Add(value.Length);
        // Four characters at a time: most of a document is text.
        var span = value.AsSpan();
        foreach (ulong chunk in MemoryMarshal.Cast<char, ulong>(span)) Mix(chunk);
        for (int i = span.Length & ~3; i < span.Length; i++) Mix(span[i]);
    }

    /// <summary>A node and everything under it.</summary>
    public void Add(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                Add(Prose.ObjectTag);
                Add(obj.Count);
                foreach (var pair in obj)
                {
                    Add(pair.Key);
                    Add(pair.Value);
                }
                break;
            case JsonArray array:
                Add(Prose.ArrayTag);
                Add(array.Count);
                foreach (var item in array) Add(item);
                break;
            case JsonValue value:
                Prose.AddValue(value, this);
                break;
            default:
                Add(Prose.NullTag);
                break;
        }
    }

    public string Finish() => _fnv.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + _mix.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private void Mix(ulong value)
    {
        unchecked
        {
            _fnv = (_fnv ^ value) * 1099511628211UL;
            ulong mixed = (_mix ^ value) * 0xC2B2AE3D27D4EB4FUL;
            _mix = (mixed << 31) | (mixed >> 33);
        }
    }
}
