using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Descriptions and summaries: most of what people edit in a document, and nothing that decides a type, a name or a
/// route. <see cref="Tokenize"/> swaps each for a token (its index between two <see cref="TokenMark"/>s) before the model is
/// built, so a model built from the tokens stays valid while only prose changes, and <see cref="ProseRestorer"/> puts
/// the texts of the current document into it. Equal texts share a token, so comparing two of them still works.
/// </summary>
internal static class Prose
{
    /// <summary>U+FFFF, a noncharacter: documents that contain it (or escape it) are read without tokens.</summary>
    public const char TokenMark = '\uFFFF';

    internal const byte ObjectTag = 1, ArrayTag = 2, StringTag = 3, NumberTag = 4, TrueTag = 5, FalseTag = 6, OtherTag = 7, NullTag = 8, TokenTag = 9;

    /// <summary>Keys whose values are data (examples, defaults, discriminator and link maps), never annotations.</summary>
    private static readonly HashSet<string> DataKeys = new(StringComparer.Ordinal)
    {
        "example", "examples", "default", "enum", "const", "value", "mapping", "links", "scopes",
    };

    /// <summary>Keys whose values map names to objects: a "description" key directly in them is a name, not prose.</summary>
    private static readonly HashSet<string> NameMaps = new(StringComparer.Ordinal)
    {
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "schemas", "responses", "parameters",
        "requestBodies", "headers", "securitySchemes", "securityDefinitions", "callbacks", "pathItems", "paths", "webhooks",
        "content", "encoding", "variables",
    };

    /// <summary>Whether tokens can be told apart from the document's own text: it holds no U+FFFF, written or escaped.</summary>
    public static bool CanTokenize(string text) =>
        text.IndexOf(TokenMark) < 0
        && text.IndexOf("\\uffff", StringComparison.OrdinalIgnoreCase) < 0
        && text.IndexOf("\\U0000ffff", StringComparison.OrdinalIgnoreCase) < 0;

    /// <summary>
    /// Replaces the non-blank descriptions and summaries of the tree's OpenAPI and schema objects with tokens; returns
    /// the texts by token index.
    /// </summary>
    public static List<string> Tokenize(JsonNode root)
    {
        var scan = Scan(root, fingerprint: null);
        scan.Apply();
        return scan.Texts;
    }

    /// <summary>
    /// Walks the tree once, leaving it as it is: the texts <see cref="Tokenize"/> would return, where their tokens go
    /// (<see cref="ProseScan.Apply"/> puts them there), and whether <see cref="BlankReferences"/> has anything to remove.
    /// <paramref name="fingerprint"/>, when given, gets the tree as tokenizing would leave it, in document order.
    /// </summary>
    public static ProseScan Scan(JsonNode root, Fingerprint? fingerprint)
    {
        var walk = new Walk(fingerprint);
        walk.Visit(root, inNameMap: false, inData: false);
        return new ProseScan(walk.Texts, walk.Sites, walk.MayHaveBlankReferences, walk.HasExternalReferences);
    }

    /// <summary>The text a token stands for; anything that is not a token is returned as it is.</summary>
    public static string? Resolve(string? value, Model.EquatableArray<string> texts)
    {
        if (value is null || value.Length < 3 || value[0] != TokenMark) return value;
        return TokenAt(value, 0, texts, out int end) is { } text && end == value.Length ? text : value;
    }

    /// <summary>The text with every token in it replaced (diagnostic messages may quote what holds prose).</summary>
    public static string ResolveWithin(string value, Model.EquatableArray<string> texts)
    {
        int mark = value.IndexOf(TokenMark);
        if (mark < 0) return value;
        var builder = new System.Text.StringBuilder(value.Length);
        int copied = 0;
        for (; mark >= 0; mark = value.IndexOf(TokenMark, mark + 1))
        {
            if (mark < copied || TokenAt(value, mark, texts, out int end) is not { } text) continue;
            builder.Append(value, copied, mark - copied).Append(text);
            copied = end;
        }
        return builder.Append(value, copied, value.Length - copied).ToString();
    }

    /// <summary>The text of the token at <paramref name="start"/> (mark, digits, mark) and where the token ends; else null.</summary>
    private static string? TokenAt(string value, int start, Model.EquatableArray<string> texts, out int end)
    {
        end = start;
        int index = 0, i = start + 1;
        for (; i < value.Length && value[i] >= '0' && value[i] <= '9'; i++)
        {
            if (index > (int.MaxValue - 9) / 10) return null;
            index = index * 10 + (value[i] - '0');
        }
        if (i == start + 1 || i >= value.Length || value[i] != TokenMark || index >= texts.Count) return null;
        end = i + 1;
        return texts[index];
    }

    /// <summary>A scalar as the fingerprint and <see cref="TreeHash"/> count it.</summary>
    internal static void AddValue(JsonValue value, IHashSink fingerprint)
    {
        if (value.TryGetValue(out string? text))
        {
            fingerprint.Add(StringTag);
            fingerprint.Add(text);
        }
        else if (value.TryGetValue(out JsonElement element))
        {
            // Read from JSON: the number as written (1.0 and 1.00 are different text), or the literal.
            fingerprint.Add(OtherTag);
            fingerprint.Add(element.GetRawText());
        }
        else if (value.TryGetValue(out decimal number))
        {
            // The bits, scale included: 1.0 and 1.00 are different text.
            fingerprint.Add(NumberTag);
            foreach (int part in decimal.GetBits(number)) fingerprint.Add(part);
        }
        else if (value.TryGetValue(out bool boolean))
        {
            fingerprint.Add(boolean ? TrueTag : FalseTag);
        }
        else
        {
            fingerprint.Add(OtherTag);
            fingerprint.Add(value.GetValueKind() == JsonValueKind.Null ? "null" : value.ToJsonString());
        }
    }

    private sealed class Walk
    {
        private readonly Fingerprint? _fingerprint;
        private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
        private readonly char[] _digits = new char[12];

        public Walk(Fingerprint? fingerprint) => _fingerprint = fingerprint;

        public List<string> Texts { get; } = new();

        public List<(JsonObject Owner, string Key, string Token)> Sites { get; } = new();

        public bool MayHaveBlankReferences { get; private set; }

        public bool HasExternalReferences { get; private set; }

        public void Visit(JsonNode? node, bool inNameMap, bool inData)
        {
            switch (node)
            {
                case JsonObject obj:
                    _fingerprint?.Add(ObjectTag);
                    _fingerprint?.Add(obj.Count);
                    foreach (var pair in obj)
                    {
                        _fingerprint?.Add(pair.Key);
                        if (!MayHaveBlankReferences && BlankReferences.MayRemove(pair.Key, pair.Value)) MayHaveBlankReferences = true;
                        if (!HasExternalReferences && !inData && pair.Key == "$ref" && pair.Value is JsonValue target && target.TryGetValue(out string? reference) && !reference.StartsWith("#", StringComparison.Ordinal))
                        {
                            HasExternalReferences = true;
                        }
                        var child = pair.Value;
                        if (child is JsonValue or null)
                        {
                            if (!inData && !inNameMap && pair.Key is "description" or "summary" && ProseText(child) is { } text)
                            {
                                string token = TokenFor(text);
                                Sites.Add((obj, pair.Key, token));
                                _fingerprint?.Add(TokenTag);
                                _fingerprint?.Add(token);
                            }
                            else
                            {
                                Visit(child, inNameMap: false, inData: true);
                            }
                            continue;
                        }
                        string key = pair.Key;
                        bool data = inData || DataKeys.Contains(key) || (key.Length > 1 && key[0] == 'x' && key[1] == '-');
                        Visit(child, inNameMap: !inNameMap && NameMaps.Contains(key), data);
                    }
                    break;
                case JsonArray array:
                    _fingerprint?.Add(ArrayTag);
                    _fingerprint?.Add(array.Count);
                    foreach (var item in array) Visit(item, inNameMap: false, inData);
                    break;
                case JsonValue value:
                    if (_fingerprint is not null) AddValue(value, _fingerprint);
                    break;
                default:
                    _fingerprint?.Add(NullTag);
                    break;
            }
        }

        private string TokenFor(string text)
        {
            if (!_tokens.TryGetValue(text, out var token))
            {
                token = Token(Texts.Count);
                _tokens.Add(text, token);
                Texts.Add(text);
            }
            return token;
        }

        /// <summary>The token for a text's index: the index in decimal digits between two marks, made as one string.</summary>
        private string Token(int index)
        {
            var digits = _digits;
            int start = digits.Length - 1;
            digits[start] = TokenMark;
            do
            {
                digits[--start] = (char)('0' + index % 10);
                index /= 10;
            }
            while (index > 0);
            digits[--start] = TokenMark;
            return new string(digits, start, digits.Length - start);
        }

        private static string? ProseText(JsonNode? node) =>
            node is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    }
}

/// <summary>What <see cref="Prose.Scan"/> found in a tree; the tree stays as it was until <see cref="Apply"/>.</summary>
internal sealed class ProseScan
{
    private readonly List<(JsonObject Owner, string Key, string Token)> _sites;

    public ProseScan(List<string> texts, List<(JsonObject Owner, string Key, string Token)> sites, bool mayHaveBlankReferences, bool hasExternalReferences)
    {
        Texts = texts;
        _sites = sites;
        MayHaveBlankReferences = mayHaveBlankReferences;
        HasExternalReferences = hasExternalReferences;
    }

    /// <summary>The prose texts by token index.</summary>
    public List<string> Texts { get; }

    /// <summary>False only when <see cref="BlankReferences.Remove"/> would find nothing in the tree.</summary>
    public bool MayHaveBlankReferences { get; }

    /// <summary>Whether a <c>$ref</c> outside examples and extensions is a string that does not start with <c>#</c>: another file's, or a URL.</summary>
    public bool HasExternalReferences { get; }

    /// <summary>Puts each token in place of its text (once: the sites are the scanned tree's own objects).</summary>
    public void Apply()
    {
        foreach (var (owner, key, token) in _sites) owner[key] = JsonValue.Create(token);
        _sites.Clear();
    }
}
