using System;
using System.Collections.Generic;
using System.Globalization;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Where a YAML document's mapping keys and sequence items are in its text, and the same for the containers among their
/// values: what diagnostics are placed at (<see cref="SpecSource"/>) and what the outline fingerprints. Navigated by key
/// name, so later edits of the JSON tree (bundling, removals) do not shift it.
/// </summary>
/// <remarks>
/// Flat: each container is a range of entries in a few arrays shared by the whole document. Reading OpenAI's document
/// (30,000 mappings and sequences) made five objects per container when each had its own arrays, and every garbage
/// collection during an edit had to step over all of them.
/// </remarks>
internal sealed class YamlPositions
{
    // Per container, three ints: where it starts, its first entry, its entry count.
    private readonly int[] _containers;

    // Per entry: its key (null for a sequence's item) and three ints: where it starts, its length, its child container (-1: none).
    private readonly string?[] _keys;
    private readonly int[] _entries;

    private YamlPositions(int[] containers, string?[] keys, int[] entries, int root)
    {
        _containers = containers;
        _keys = keys;
        _entries = entries;
        Root = new YamlContainer(this, root);
    }

    /// <summary>The document's root container.</summary>
    public YamlContainer Root { get; }

    internal int StartOf(int container) => _containers[container * 3];

    internal int CountOf(int container) => _containers[container * 3 + 2];

    internal int EntryOf(int container, int index)
    {
        if ((uint)index >= (uint)CountOf(container)) throw new ArgumentOutOfRangeException(nameof(index));
        return _containers[container * 3 + 1] + index;
    }

    internal string? KeyOf(int entry) => _keys[entry];

    internal int StartOfEntry(int entry) => _entries[entry * 3];

    internal int LengthOfEntry(int entry) => _entries[entry * 3 + 1];

    internal int ChildOfEntry(int entry) => _entries[entry * 3 + 2];

    /// <summary>
    /// Gathers containers as they end (children before their parents). Each reader gathers a container's entries in its
    /// own lists while its values are read, and adds them here when it ends, so a container's entries stay together.
    /// </summary>
    internal sealed class Builder
    {
        private int[] _containers;
        private string?[] _keys;
        private int[] _entries;
        private int _containerCount;
        private int _entryCount;

        /// <param name="textLength">
        /// Sizes the arrays so that they need not grow: OpenAI's document has a key or item per 41 characters.
        /// </param>
        public Builder(int textLength)
        {
            int entries = Math.Max(16, textLength / 32);
            _keys = new string?[entries];
            _entries = new int[entries * 3];
            _containers = new int[Math.Max(16, entries / 4) * 3];
        }

        /// <summary>
        /// A container that has ended: its start, and per entry its key (<paramref name="keys"/> null for a sequence),
        /// start, length (<paramref name="lengths"/> null for a sequence: its items are shown by their first character)
        /// and child container (-1 when the value is a scalar). Returns the container's id.
        /// </summary>
        public int Add(int start, List<string>? keys, List<int> starts, List<int>? lengths, List<int> children)
        {
            int count = starts.Count;
            if (_entryCount + count > _keys.Length)
            {
                int capacity = Math.Max(_keys.Length * 2, _entryCount + count);
                Array.Resize(ref _keys, capacity);
                Array.Resize(ref _entries, capacity * 3);
            }
            for (int i = 0; i < count; i++)
            {
                int entry = _entryCount + i;
                _keys[entry] = keys?[i];
                _entries[entry * 3] = starts[i];
                _entries[entry * 3 + 1] = lengths?[i] ?? 1;
                _entries[entry * 3 + 2] = children[i];
            }
            if ((_containerCount + 1) * 3 > _containers.Length) Array.Resize(ref _containers, _containers.Length * 2);
            _containers[_containerCount * 3] = start;
            _containers[_containerCount * 3 + 1] = _entryCount;
            _containers[_containerCount * 3 + 2] = count;
            _entryCount += count;
            return _containerCount++;
        }

        public YamlPositions Build(int root) => new(_containers, _keys, _entries, root);
    }
}

/// <summary>One mapping or sequence of a <see cref="YamlPositions"/>.</summary>
internal readonly struct YamlContainer
{
    private readonly YamlPositions _positions;
    private readonly int _id;

    internal YamlContainer(YamlPositions positions, int id)
    {
        _positions = positions;
        _id = id;
    }

    /// <summary>Where the container itself starts.</summary>
    public int Start => _positions.StartOf(_id);

    /// <summary>How many keys (or items) it has.</summary>
    public int Count => _positions.CountOf(_id);

    /// <summary>Whether it is a mapping that has keys (an empty mapping and an empty sequence are told apart by nothing).</summary>
    public bool HasKeys => Count > 0 && _positions.KeyOf(_positions.EntryOf(_id, 0)) is not null;

    /// <summary>The key at <paramref name="index"/> for a mapping; null for a sequence.</summary>
    public string? KeyAt(int index) => _positions.KeyOf(_positions.EntryOf(_id, index));

    /// <summary>Where the key (or item) at <paramref name="index"/> starts.</summary>
    public int StartAt(int index) => _positions.StartOfEntry(_positions.EntryOf(_id, index));

    /// <summary>The key's length for a mapping; 1 for a sequence's item, shown by its first character.</summary>
    public int LengthAt(int index) => _positions.LengthOfEntry(_positions.EntryOf(_id, index));

    /// <summary>The container that is the value at <paramref name="index"/>; null when the value is a scalar.</summary>
    public YamlContainer? ChildAt(int index)
    {
        int child = _positions.ChildOfEntry(_positions.EntryOf(_id, index));
        return child < 0 ? null : new YamlContainer(_positions, child);
    }

    /// <summary>The index of a pointer segment: its key's (keys are unique), or its item's; -1 when absent.</summary>
    public int IndexOf(string segment)
    {
        int count = Count;
        if (HasKeys)
        {
            for (int i = 0; i < count; i++)
            {
                if (string.Equals(KeyAt(i), segment, StringComparison.Ordinal)) return i;
            }
            return -1;
        }
        return int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < count ? index : -1;
    }
}
