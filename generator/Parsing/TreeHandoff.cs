using System;
using System.Threading;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Hands the tree the outline step read to the model step of the same run, which would read the same text again (a
/// tenth of a cold run on OpenAI's document). Only a shortcut: the model step takes the tree when it is there for the
/// very same text instance and not yet collected, and reads the text itself otherwise, with the same result. The tree is
/// held weakly, so one the model step never takes (its skeleton was unchanged) costs no memory.
/// </summary>
internal static class TreeHandoff
{
    private static WeakReference<HandedTree>? _offered;

    public static void Offer(SpecSource source, ProseScan scan) => Volatile.Write(ref _offered, new WeakReference<HandedTree>(new HandedTree(source, scan)));

    /// <summary>The offered tree of exactly this file and text, taken so that nothing else can use (and change) it; else null.</summary>
    public static HandedTree? Take(string path, string text)
    {
        var offered = Interlocked.Exchange(ref _offered, null);
        return offered is not null && offered.TryGetTarget(out var tree) && ReferenceEquals(tree.Source.Text, text) && tree.Source.Path == path ? tree : null;
    }
}

/// <summary>A tree as the outline step read it, and what its walk found (so the model step need not walk it again).</summary>
internal sealed record HandedTree(SpecSource Source, ProseScan Scan);
