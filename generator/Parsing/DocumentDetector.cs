using System;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Cheap check, without parsing, that a YAML or JSON file declares <c>openapi</c> or <c>swagger</c> at its root.
/// The key may be anywhere among the root keys (Twilio's documents put it on line 6678).
/// </summary>
public static class DocumentDetector
{
    public static bool HasSupportedExtension(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static bool IsJson(string path, string text)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return true;
        foreach (char c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '\uFEFF') return c == '{';
        }
        return false;
    }

    public static bool IsOpenApiDocument(string path, string text) =>
        IsJson(path, text) ? JsonRootHasKey(text) : YamlRootHasKey(text);

    private static bool YamlRootHasKey(string text)
    {
        int lineStart = 0;
        while (lineStart < text.Length)
        {
            int i = lineStart;
            if (i < text.Length && text[i] == '\uFEFF') i++;
            if (i < text.Length && (text[i] == '"' || text[i] == '\'')) i++;
            if (StartsWithKey(text, i, "openapi") || StartsWithKey(text, i, "swagger"))
            {
                int j = i + 7;
                if (j < text.Length && (text[j] == '"' || text[j] == '\'')) j++;
                while (j < text.Length && text[j] == ' ') j++;
                if (j < text.Length && text[j] == ':') return true;
            }
            int next = text.IndexOf('\n', lineStart);
            if (next < 0) break;
            lineStart = next + 1;
        }
        return false;
    }

    private static bool StartsWithKey(string text, int index, string key) =>
        index + key.Length <= text.Length && string.CompareOrdinal(text, index, key, 0, key.Length) == 0;

    /// <summary>Scans keys at depth one, skipping strings, so a nested "openapi" key does not count.</summary>
    private static bool JsonRootHasKey(string text)
    {
        int depth = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '{':
                case '[':
                    depth++;
                    break;
                case '}':
                case ']':
                    depth--;
                    break;
                case '"':
                    int start = i + 1;
                    int end = start;
                    while (end < text.Length && text[end] != '"')
                    {
                        end += text[end] == '\\' ? 2 : 1;
                    }
                    if (depth == 1 && end - start == 7
                        && (StartsWithKey(text, start, "openapi") || StartsWithKey(text, start, "swagger")))
                    {
                        int k = end + 1;
                        while (k < text.Length && char.IsWhiteSpace(text[k])) k++;
                        if (k < text.Length && text[k] == ':') return true;
                    }
                    i = end;
                    break;
            }
        }
        return false;
    }
}
