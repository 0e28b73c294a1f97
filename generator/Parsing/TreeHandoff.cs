using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Hands the tree the outline step read to the model step of the same run, which would read the same text again (a
/// tenth of a cold run on OpenAI's document). Only a shortcut: the model step takes the tree when it is there for the
/// very same text instance and not yet collected, and reads the text itself otherwise, with the same result.
/// <list type="bullet">
/// <item>A tree for one taker is held weakly, so one the model step never takes (its skeleton was unchanged) costs no
/// memory. A tree shared by the parts of a split document is held until the run assembles them (<see cref="Release"/>):
/// the parts are read over the whole run, with collections in between. Only one tree is held so at a time (a run
/// cancelled before it assembled leaves its tree held only until the next is).</item>
/// <item>One tree per file, so that the documents of a project do not push each other's out.</item>
/// <item>Only for the thread that read it. A run of the generator is one thread, while the IDE may run the same file's
/// generation for two projects (two target frameworks) at once: a tree, whose lookups cache as they go, is never
/// used by two threads.</item>
/// </list>
/// </summary>
internal static class TreeHandoff
{
    private static readonly ConcurrentDictionary<(int Thread, string Path), Entry> Offered = new();

    /// <summary>
    /// Offers a tree: to one taker (<see cref="Take"/>, which may change it), or, <paramref name="shared"/>, with its prose
    /// already tokens, to every part of a split document (<see cref="Borrow"/>).
    /// </summary>
    public static void Offer(SpecSource source, ProseScan scan, bool shared = false)
    {
        var tree = new HandedTree(source, scan, shared);
        if (shared)
        {
            foreach (var entry in Offered.Values) entry.Held = null;
        }
        Offered[Key(source.Path)] = new Entry(tree, held: shared);
    }

    /// <summary>The offered tree of exactly this file and text, taken so that nothing else can use (and change) it; else null.</summary>
    public static HandedTree? Take(string path, string text)
    {
        var key = Key(path);
        if (!Offered.TryGetValue(key, out var entry) || entry.Tree is not { } tree || tree.Shared) return null;
        ((ICollection<KeyValuePair<(int, string), Entry>>)Offered).Remove(new(key, entry));
        return ReferenceEquals(tree.Source.Text, text) ? tree : null;
    }

    /// <summary>The shared tree of exactly this file and text, left offered for the other parts; else null.</summary>
    public static SpecSource? Borrow(string path, string text) =>
        Offered.TryGetValue(Key(path), out var entry) && entry.Tree is { Shared: true } tree && ReferenceEquals(tree.Source.Text, text) ? tree.Source : null;

    /// <summary>The run has assembled its parts: their tree is held no longer, only weakly.</summary>
    public static void Release(string path)
    {
        if (Offered.TryGetValue(Key(path), out var entry)) entry.Held = null;
    }

    private static (int, string) Key(string path) => (System.Threading.Thread.CurrentThread.ManagedThreadId, path);

    private sealed class Entry
    {
        private readonly WeakReference<HandedTree> _weak;

        public Entry(HandedTree tree, bool held)
        {
            _weak = new WeakReference<HandedTree>(tree);
            Held = held ? tree : null;
        }

        /// <summary>The tree, held strongly while the parts of its run need it.</summary>
        public HandedTree? Held { get; set; }

        public HandedTree? Tree => Held ?? (_weak.TryGetTarget(out var tree) ? tree : null);
    }
}

/// <summary>A tree as the outline step read it, and what its walk found (so the model step need not walk it again).</summary>
internal sealed record HandedTree(SpecSource Source, ProseScan Scan, bool Shared);
