using System;
using System.Threading;
using Uploads.Generators.Model;

namespace Uploads.Generators.Parsing;

/// <summary>
/// The outline step: reads a YAML document once more than the model step does, to fingerprint everything but its prose
/// (see <see cref="Prose"/>) together with the lines and columns of its keys. Equal fingerprints mean the cached model
/// still holds, diagnostics positions included. JSON documents are left to the model step: JSON keeps no positions
/// until a diagnostic asks, and generated JSON is edited less often than YAML is written by hand.
/// </summary>
internal static class OutlineReader
{
    public static DocumentOutline Read(DocumentInput input, ProjectSettings settings, EquatableArray<FragmentFile> fragments, CancellationToken cancellationToken)
    {
        string? fingerprint = null;
        var texts = EquatableArray<string>.Empty;
        if (!DocumentDetector.IsJson(input.Path, input.Text) && Prose.CanTokenize(input.Text) && CanTokenize(fragments))
        {
            try
            {
                if (SpecSource.Load(input.Path, input.Text, out _) is { YamlPositions: { } positions } source)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var hash = new Fingerprint();
                    texts = Prose.Fingerprint(source.Root, hash).ToEquatableArray();
                    AddPositions(positions, new LineMap(input.Text), hash);
                    fingerprint = hash.Finish();
                    TreeHandoff.Offer(source);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever this read trips on, the model step reads the whole text again and reports it.
                texts = EquatableArray<string>.Empty;
            }
        }
        return new DocumentOutline(
            new DocumentSkeleton(input, settings, fragments, fingerprint),
            new DocumentProse(input.Path, fingerprint is null ? null : input.Text, texts));
    }

    private static bool CanTokenize(EquatableArray<FragmentFile> fragments)
    {
        foreach (var fragment in fragments)
        {
            if (!Prose.CanTokenize(fragment.Text)) return false;
        }
        return true;
    }

    /// <summary>Lines and columns, not offsets: an edit of prose moves the offsets after it, which the restore step redoes.</summary>
    private static void AddPositions(YamlPositions? node, LineMap lines, Fingerprint hash)
    {
        if (node is null)
        {
            hash.Add(0);
            return;
        }
        hash.Add(node.Starts.Length + 1);
        AddPosition(node.Start, lines, hash);
        for (int i = 0; i < node.Starts.Length; i++)
        {
            AddPosition(node.Starts[i], lines, hash);
            hash.Add(node.LengthAt(i));
            AddPositions(node.Children[i], lines, hash);
        }
    }

    private static void AddPosition(int offset, LineMap lines, Fingerprint hash)
    {
        var (line, column) = lines.At(offset);
        hash.Add(line);
        hash.Add(column);
    }
}
