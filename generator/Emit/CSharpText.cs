using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Uploads.Generators.Emit;

/// <summary>Escaping of spec text for each place it lands in generated code.</summary>
public static class CSharpText
{
    /// <summary>A C# regular string literal; every character that could end the literal or the line is escaped.</summary>
    public static string StringLiteral(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        AppendEscaped(builder, value);
        return builder.Append('"').ToString();
    }

    /// <summary>A UTF-8 string literal (<c>"..."u8</c>) for comparing wire values without allocating.</summary>
    public static string Utf8Literal(string value) => StringLiteral(value) + "u8";

    /// <summary>True when the text has no unpaired surrogate, so it can be a UTF-8 literal.</summary>
    public static bool IsWellFormedUtf16(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static void AppendEscaped(StringBuilder builder, string value)
    {
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (NeedsEscape(c)) builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
    }

    /// <summary>
    /// The lines of an XML doc comment: split at every character C# treats as a line end (including U+0085,
    /// U+2028, U+2029), with <c>&amp; &lt; &gt;</c> and invisible or direction-changing characters escaped.
    /// </summary>
    public static IEnumerable<string> XmlDocLines(string text)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                lines.Add(line.ToString().TrimEnd());
                line.Clear();
                continue;
            }
            switch (c)
            {
                case '&': line.Append("&amp;"); break;
                case '<': line.Append("&lt;"); break;
                case '>': line.Append("&gt;"); break;
                default:
                    if (c == '\t') line.Append(' ');
                    else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        line.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c)) { }
                    else if (NeedsEscape(c))
                    {
                        // XML 1.0 cannot carry most control characters even as references; drop those.
                        if (c >= 0x20) line.Append("&#x").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append(';');
                    }
                    else line.Append(c);
                    break;
            }
        }
        lines.Add(line.ToString().TrimEnd());

        int start = 0;
        int end = lines.Count;
        while (start < end && lines[start].Length == 0) start++;
        while (end > start && lines[end - 1].Length == 0) end--;
        var result = new List<string>();
        for (int i = start; i < end; i++)
        {
            // Collapse runs of blank lines, which YAML block scalars produce in abundance.
            if (lines[i].Length == 0 && result.Count > 0 && result[result.Count - 1].Length == 0) continue;
            result.Add(lines[i]);
        }
        return result;
    }

    /// <summary>Spec text inside a single line of generated XML documentation.</summary>
    public static string XmlInline(string text) => string.Join(" ", XmlDocLines(text));

    private static bool NeedsEscape(char c)
    {
        if (c < 0x20 || c == 0x7F) return true;
        if (c < 0x80) return false;
        if (char.IsSurrogate(c)) return true;
        switch (CharUnicodeInfo.GetUnicodeCategory(c))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.OtherNotAssigned:
            case UnicodeCategory.PrivateUse:
                return true;
            default:
                return false;
        }
    }
}
