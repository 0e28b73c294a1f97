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
        @namespace + ".Types." + (StableHash(typeName) % BucketCount).ToString("D2", CultureInfo.InvariantCulture) + ".g.cs";

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
    /// The file's text: the shared header, then each type's declarations, a blank line apart. Read from the parts by
    /// the compiler itself, which keeps a large text in chunks: concatenating first would copy every type's code once
    /// more into a string on the large object heap (OpenAI's files are about 500 KB each).
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
        int length = 0;
        foreach (var part in parts) length += part.Length;
        return SourceText.From(new PartsReader(parts), length, System.Text.Encoding.UTF8);
    }

    /// <summary>Reads strings one after another, as one text.</summary>
    private sealed class PartsReader(List<string> parts) : System.IO.TextReader
    {
        private int _part;
        private int _offset;

        public override int Peek() => Advance() ? parts[_part][_offset] : -1;

        public override int Read() => Advance() ? parts[_part][_offset++] : -1;

        public override int Read(char[] buffer, int index, int count)
        {
            int read = 0;
            while (read < count && Advance())
            {
                int n = Math.Min(count - read, parts[_part].Length - _offset);
                parts[_part].CopyTo(_offset, buffer, index + read, n);
                _offset += n;
                read += n;
            }
            return read;
        }

        public override string ReadToEnd()
        {
            var rest = new System.Text.StringBuilder();
            while (Advance())
            {
                rest.Append(parts[_part], _offset, parts[_part].Length - _offset);
                _offset = parts[_part].Length;
            }
            return rest.ToString();
        }

        /// <summary>Moves past finished parts; false at the end.</summary>
        private bool Advance()
        {
            while (_part < parts.Count && _offset >= parts[_part].Length)
            {
                _part++;
                _offset = 0;
            }
            return _part < parts.Count;
        }
    }

    /// <summary>FNV-1a over the name's UTF-16 code units: the same on every machine and run (string.GetHashCode is not).</summary>
    private static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }
        return hash;
    }
}

/// <summary>One type's emitted declarations (<see cref="Code"/>), or the emitter's failure (<see cref="Error"/>).</summary>
public sealed record EmittedType(string HintName, string Namespace, string Name, string? Code, string? Error);

/// <summary>One generated file of types.</summary>
public sealed record TypeFile(string HintName, string Namespace, EquatableArray<EmittedType> Types);
