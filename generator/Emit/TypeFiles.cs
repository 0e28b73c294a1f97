using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>
/// Which file each generated type goes to, and the files themselves. A document with few types gets one file per type.
/// A large one gets its types spread over <see cref="BucketCount"/> files by a stable hash of the type name: the
/// compiler pays per generated file on every run, even when every output is cached (its AddSource checks each new
/// hint name against all earlier ones), so OpenAI's 2,500 types in 2,500 files cost 6 ms on every keystroke; in 64
/// files, a fraction of that. A hash keeps a type in its file when others are added or removed, so an edit still
/// changes one file.
/// </summary>
public static class TypeFiles
{
    /// <summary>Documents with at most this many types get one file per type.</summary>
    public const int OneFilePerTypeUpTo = 128;

    public const int BucketCount = 64;

    /// <summary>The types of a document, each with the hint name of the file it goes to.</summary>
    public static IEnumerable<TypeToEmit> Plan(ApiModel model)
    {
        string ns = model.Options.Namespace;
        bool bucketed = model.Types.Count > OneFilePerTypeUpTo;
        return model.Types.Select(type => new TypeToEmit(
            ns,
            model.Options.EnumStyle,
            bucketed ? BucketHintName(ns, type.Name) : ns + "." + type.Name + ".g.cs",
            type));
    }

    public static string BucketHintName(string @namespace, string typeName) =>
        @namespace + ".Types." + (Fnv1a.Hash(typeName) % BucketCount).ToString("D2", CultureInfo.InvariantCulture) + ".g.cs";

    /// <summary>One type's declarations (without the file header), or why its emitter failed.</summary>
    public static EmittedType Emit(TypeToEmit item)
    {
        try
        {
            string code = item.Type.Kind switch
            {
                TypeModelKind.Record => RecordEmitter.Emit(item.Namespace, item.Type),
                TypeModelKind.Enum => EnumEmitter.Emit(item.Namespace, item.Type, item.EnumStyle),
                _ => UnionEmitter.Emit(item.Namespace, item.Type),
            };
            return new EmittedType(item.HintName, item.Namespace, item.Type.Name, code, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Reported by the file's output; a throw here would fail the whole generator (CS8785).
            return new EmittedType(item.HintName, item.Namespace, item.Type.Name, null, ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>The emitted types grouped into their files, each file's types in ordinal name order.</summary>
    public static IEnumerable<TypeFile> Group(IEnumerable<EmittedType> types) =>
        types
            .GroupBy(type => type.HintName, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new TypeFile(
                group.Key,
                group.First().Namespace,
                group.OrderBy(type => type.Name, StringComparer.Ordinal).ToEquatableArray()));

    /// <summary>
    /// The file's text: the shared header, then each type's declarations, a blank line apart. The text is the parts
    /// themselves, not a copy: concatenated, OpenAI's 16 million characters of types would be allocated once more
    /// (on the large object heap, files being about 500 KB each) in every cold run.
    /// </summary>
    public static SourceText Compose(TypeFile file)
    {
        var parts = new List<string>(file.Types.Count * 2 + 1) { GeneratedFile.Start(file.Namespace).ToString() };
        foreach (var type in file.Types)
        {
            if (type.Code is null) continue;
            if (parts.Count > 1) parts.Add("\n");
            parts.Add(type.Code);
        }
        return new ConcatenatedText(parts.ToArray());
    }

    /// <summary>Strings read one after another as one UTF-8 text.</summary>
    private sealed class ConcatenatedText : SourceText
    {
        private readonly string[] _parts;
        private readonly int[] _starts;

        public ConcatenatedText(string[] parts)
        {
            _parts = parts;
            _starts = new int[parts.Length];
            int length = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                _starts[i] = length;
                length += parts[i].Length;
            }
            Length = length;
        }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override int Length { get; }

        public override char this[int position]
        {
            get
            {
                if ((uint)position >= (uint)Length) throw new ArgumentOutOfRangeException(nameof(position));
                int part = PartAt(position);
                return _parts[part][position - _starts[part]];
            }
        }

        public override void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count)
        {
            if (sourceIndex < 0 || count < 0 || sourceIndex > Length - count) throw new ArgumentOutOfRangeException(nameof(sourceIndex));
            int part = count == 0 ? 0 : PartAt(sourceIndex);
            int offset = count == 0 ? 0 : sourceIndex - _starts[part];
            while (count > 0)
            {
                int n = Math.Min(count, _parts[part].Length - offset);
                _parts[part].CopyTo(offset, destination, destinationIndex, n);
                destinationIndex += n;
                count -= n;
                part++;
                offset = 0;
            }
        }

        /// <summary>The part holding a position (parts may be empty: the last one that starts at or before it and is not).</summary>
        private int PartAt(int position)
        {
            int index = Array.BinarySearch(_starts, position);
            if (index < 0) index = ~index - 1;
            while (index < _parts.Length - 1 && _starts[index] + _parts[index].Length <= position) index++;
            return index;
        }
    }
}

/// <summary>One type's emitted declarations (<see cref="Code"/>), or the emitter's failure (<see cref="Error"/>).</summary>
public sealed record EmittedType(string HintName, string Namespace, string Name, string? Code, string? Error);

/// <summary>One generated file of types.</summary>
public sealed record TypeFile(string HintName, string Namespace, EquatableArray<EmittedType> Types);
