using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using Uploads.Generators.Model;

namespace Uploads.Generators.Parsing;

/// <summary>
/// The outline step: reads a document to fingerprint everything but its prose (see <see cref="Prose"/>) together with
/// the lines and columns of everything a diagnostic can point at (keys and items). Equal fingerprints mean the cached
/// model still holds, diagnostics' lines and columns included. The tree it read goes on to the model step of the same
/// run (<see cref="TreeHandoff"/>), so a document is read once when its model is built again.
/// </summary>
internal static class OutlineReader
{
    public static DocumentOutline Read(DocumentInput input, ProjectSettings settings, EquatableArray<FragmentFile> fragments, CancellationToken cancellationToken)
    {
        string? fingerprint = null;
        bool split = false;
        var texts = EquatableArray<string>.Empty;
        if (Prose.CanTokenize(input.Text) && CanTokenize(fragments))
        {
            try
            {
                if (SpecSource.Load(input.Path, input.Text, out _) is { } source)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var hash = new Fingerprint();
                    var scan = Prose.Scan(source.Root, hash);
                    texts = scan.Texts.ToEquatableArray();
                    if (source.YamlPositions is { } positions) AddPositions(positions.Root, source.Lines, hash);
                    else AddJsonPositions(source.Utf8 ?? Encoding.UTF8.GetBytes(input.Text), hash);
                    fingerprint = hash.Finish();
                    split = DocumentParts.CanSplit(source.Root, scan);
                    TreeHandoff.Offer(source, scan);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever this read trips on, the model step reads the whole text again and reports it.
                texts = EquatableArray<string>.Empty;
                split = false;
            }
        }
        return new DocumentOutline(
            new DocumentSkeleton(input, settings, fragments, fingerprint, fingerprint is not null && split),
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
    private static void AddPositions(YamlContainer? node, LineMap lines, Fingerprint hash)
    {
        if (node is not { } container)
        {
            hash.Add(0);
            return;
        }
        int count = container.Count;
        hash.Add(count + 1);
        AddPosition(container.Start, lines, hash);
        for (int i = 0; i < count; i++)
        {
            AddPosition(container.StartAt(i), lines, hash);
            hash.Add(container.LengthAt(i));
            AddPositions(container.ChildAt(i), lines, hash);
        }
    }

    private static void AddPosition(int offset, LineMap lines, Fingerprint hash)
    {
        var (line, column) = lines.At(offset);
        hash.Add(line);
        hash.Add(column);
    }

    /// <summary>
    /// For JSON: the line and column (in UTF-16 code units, as diagnostics count them) of every property name and array
    /// item, what <see cref="SpecSource"/> locates diagnostics at.
    /// </summary>
    private static void AddJsonPositions(byte[] bytes, Fingerprint hash)
    {
        var reader = new Utf8JsonReader(bytes, SpecSource.JsonReading);
        var inArray = new Stack<bool>();
        int scanned = 0, line = 0, column = 0;
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                inArray.Pop();
                continue;
            }
            if (token == JsonTokenType.PropertyName || (inArray.Count > 0 && inArray.Peek()))
            {
                for (int end = (int)reader.TokenStartIndex; scanned < end; scanned++)
                {
                    byte value = bytes[scanned];
                    if (value == (byte)'\n')
                    {
                        line++;
                        column = 0;
                    }
                    else
                    {
                        column += SpecSource.Utf16Units(value);
                    }
                }
                hash.Add(line);
                hash.Add(column);
            }
            if (token is JsonTokenType.StartObject or JsonTokenType.StartArray) inArray.Push(token == JsonTokenType.StartArray);
        }
    }
}
