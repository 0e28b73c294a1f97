using System.Collections.Generic;
using System.Text;

namespace Uploads.Generators.Parsing;

/// <summary>JSON pointers (RFC 6901) as used by OpenAPI.NET's errors: "#/components/schemas/Upload".</summary>
public static class JsonPointer
{
    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0").Replace("/", "~1");

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static List<string> Segments(string? pointer)
    {
        var segments = new List<string>();
        if (string.IsNullOrEmpty(pointer)) return segments;
        int start = pointer![0] == '#' ? 1 : 0;
        if (start < pointer.Length && pointer[start] == '/') start++;
        else if (start >= pointer.Length) return segments;
        var current = new StringBuilder();
        for (int i = start; i <= pointer.Length; i++)
        {
            if (i == pointer.Length || pointer[i] == '/')
            {
                segments.Add(current.Replace("~1", "/").Replace("~0", "~").ToString());
                current.Clear();
            }
            else
            {
                current.Append(pointer[i]);
            }
        }
        return segments;
    }
}
