using System.Collections.Generic;

namespace Uploads.Generators.Parsing;

/// <summary>JSON pointers (RFC 6901) as used by OpenAPI.NET's errors: "#/components/schemas/Upload".</summary>
public static class JsonPointer
{
    public static string Append(string pointer, string segment) =>
        pointer + "/" + Escape(segment);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A keyword and the segment under it ("properties", name) in one string, not two.</summary>
    public static string Append(string pointer, string keyword, string segment) =>
        pointer + "/" + keyword + "/" + Escape(segment);

    public static string Append(string pointer, string keyword, int index) =>
        pointer + "/" + keyword + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    /// <summary>One segment as written in a pointer ("a~1b") as the key it names ("a/b").</summary>
    public static string Unescape(string segment) =>
        segment.IndexOf('~') < 0 ? segment : segment.Replace("~1", "/").Replace("~0", "~");

    /// <summary>The unescaped segments: "#/a~1b/0" is ["a/b", "0"]. Hot (every raw keyword lookup), so no builder.</summary>
    public static List<string> Segments(string? pointer)
    {
        var segments = new List<string>();
        if (string.IsNullOrEmpty(pointer)) return segments;
        int start = pointer![0] == '#' ? 1 : 0;
        if (start < pointer.Length && pointer[start] == '/') start++;
        else if (start >= pointer.Length) return segments;
        while (true)
        {
            int end = pointer.IndexOf('/', start);
            string segment = pointer.Substring(start, (end < 0 ? pointer.Length : end) - start);
            segments.Add(Unescape(segment));
            if (end < 0) return segments;
            start = end + 1;
        }
    }
}
