using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Hands the tree the outline step read to the model step of the same run, which would read the same text again (a
/// tenth of a cold run on OpenAI's document). Only a shortcut: the model step takes the tree when it is there for the
/// very same text instance and not yet collected, and reads the text itself otherwise, with the same result. A tree is
/// held weakly, so one the model step never takes (its skeleton was unchanged) costs no memory; one per file, so that
/// the documents of a project do not push each other's out; and only for the thread that read it. A run of the
/// generator is one thread, while the IDE may run the same file's generation for two projects (two target frameworks)
/// at once: a tree, whose lookups cache as they go, is never used by two threads.
/// </summary>
internal static class TreeHandoff
{
    private static readonly ConcurrentDictionary<(int Thread, string Path), WeakReference<HandedTree>> Offered = new();

    /// <summary>
    /// Offers a tree: to one taker (<see cref="Take"/>, which may change it), or, <paramref name="shared"/>, with its prose
    /// already tokens, to every part of a split document (<see cref="Borrow"/>).
    /// </summary>
    public static void Offer(SpecSource source, ProseScan scan, bool shared = false) =>
        Offered[(System.Threading.Thread.CurrentThread.ManagedThreadId, source.Path)] = new WeakReference<HandedTree>(new HandedTree(source, scan, shared));

    /// <summary>The offered tree of exactly this file and text, taken so that nothing else can use (and change) it; else null.</summary>
    public static HandedTree? Take(string path, string text)
    {
        var key = (System.Threading.Thread.CurrentThread.ManagedThreadId, path);
        if (!Offered.TryGetValue(key, out var offered) || !offered.TryGetTarget(out var tree) || tree.Shared) return null;
        ((ICollection<KeyValuePair<(int, string), WeakReference<HandedTree>>>)Offered).Remove(new(key, offered));
        return ReferenceEquals(tree.Source.Text, text) ? tree : null;
    }

    /// <summary>The shared tree of exactly this file and text, left offered for the other parts; else null.</summary>
    public static SpecSource? Borrow(string path, string text) =>
        Offered.TryGetValue((System.Threading.Thread.CurrentThread.ManagedThreadId, path), out var offered) && offered.TryGetTarget(out var tree) && tree.Shared && ReferenceEquals(tree.Source.Text, text)
            ? tree.Source
            : null;
}

/// <summary>A tree as the outline step read it, and what its walk found (so the model step need not walk it again).</summary>
internal sealed record HandedTree(SpecSource Source, ProseScan Scan, bool Shared);
