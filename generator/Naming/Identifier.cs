using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Uploads.Generators.Naming;

/// <summary>Turns OpenAPI names into C# identifiers. Pure string functions; collisions are handled by <see cref="NamingPass"/>.</summary>
public static class Identifier
{
    /// <summary>
    /// PascalCase: words are split at any character that cannot be in an identifier; each word's first letter is
    /// upper-cased and the rest kept (<c>OpenAIFile</c> stays), except all-capital words longer than two letters,
    /// which become <c>Api</c>-style. A leading digit gets a <c>_</c>; a leading <c>+</c>/<c>-</c> before a digit
    /// becomes Plus/Minus (GitHub's <c>+1</c>). Returns an empty string when nothing usable is left.
    /// </summary>
    public static string ToPascalCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        if (name.Length > 1 && char.IsDigit(name[1]))
        {
            if (name[0] == '+') builder.Append("Plus");
            else if (name[0] == '-') builder.Append("Minus");
        }

        int i = 0;
        while (i < name.Length)
        {
            if (!IsWordChar(name[i]))
            {
                i++;
                continue;
            }
            int start = i;
            while (i < name.Length && IsWordChar(name[i])) i++;
            AppendWord(builder, name, start, i - start);
        }

        if (builder.Length > 0 && char.IsDigit(builder[0])) builder.Insert(0, '_');
        return Shorten(builder.ToString(), name);
    }

    /// <summary>
    /// The longest name, in UTF-8 bytes, that the generator gives a type or member. Metadata allows 1,023 bytes per
    /// name (CS7013, reported only when the assembly is written) and generated names add suffixes and prefixes
    /// (<c>JsonConverter</c>, <c>&lt;…&gt;k__BackingField</c>, <c>ClientServiceCollectionExtensions</c>); a type name
    /// is also a hint name, which becomes a file name with EmitCompilerGeneratedFiles (255 bytes on Linux and macOS).
    /// </summary>
    public const int MaxNameBytes = 160;

    /// <summary>
    /// <paramref name="identifier"/> itself when it fits <see cref="MaxNameBytes"/>; otherwise its start and a stable
    /// hash of <paramref name="original"/> (FNV-1a), so two long names that share a prefix stay apart.
    /// </summary>
    public static string Shorten(string identifier, string original)
    {
        if (Encoding.UTF8.GetByteCount(identifier) <= MaxNameBytes) return identifier;
        string suffix = "_" + Fnv1a.Hash(original).ToString("x8", CultureInfo.InvariantCulture);
        int budget = MaxNameBytes - suffix.Length;
        int length = 0;
        int bytes = 0;
        while (length < identifier.Length)
        {
            int width = char.IsHighSurrogate(identifier[length]) && length + 1 < identifier.Length ? 2 : 1;
            int size = Encoding.UTF8.GetByteCount(identifier.ToCharArray(length, width));
            if (bytes + size > budget) break;
            bytes += size;
            length += width;
        }
        return identifier.Substring(0, length) + suffix;
    }

    /// <summary>camelCase for parameters and locals, <c>@</c>-escaped when it is a C# keyword.</summary>
    public static string ToCamelCase(string name)
    {
        string pascal = ToPascalCase(name);
        if (pascal.Length == 0) return pascal;
        int upper = 0;
        while (upper < pascal.Length && char.IsUpper(pascal[upper])) upper++;
        // "URLPath" -> "urlPath", "Id" -> "id", "ID" -> "id".
        int lowerCount = upper <= 1 || upper == pascal.Length ? upper : upper - 1;
        string camel = pascal.Substring(0, lowerCount).ToLowerInvariant() + pascal.Substring(lowerCount);
        return EscapeKeyword(camel);
    }

    /// <summary>
    /// <c>@</c> before a keyword, and before the contextual keywords that cannot name a parameter or local where the
    /// generated code declares them: <c>var</c>, and <c>await</c> (the client's and server's methods are async).
    /// </summary>
    public static string EscapeKeyword(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) is SyntaxKind.VarKeyword or SyntaxKind.AwaitKeyword
            ? "@" + identifier
            : identifier;

    public static bool IsValidNamespace(string value)
    {
        if (string.IsNullOrEmpty(value)) return false;
        foreach (var part in value.Split('.'))
        {
            if (part.Length == 0 || !SyntaxFacts.IsValidIdentifier(part) || SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None) return false;
        }
        return true;
    }

    private static void AppendWord(StringBuilder builder, string name, int start, int length)
    {
        bool allUpper = length > 2;
        for (int k = start; k < start + length && allUpper; k++)
        {
            if (char.IsLower(name[k])) allUpper = false;
        }
        bool hasLetter = false;
        for (int k = start; k < start + length; k++) hasLetter |= char.IsLetter(name[k]);
        allUpper &= hasLetter;

        builder.Append(char.ToUpperInvariant(name[start]));
        for (int k = start + 1; k < start + length; k++)
        {
            builder.Append(allUpper ? char.ToLowerInvariant(name[k]) : name[k]);
        }
    }

    /// <summary>Letters and digits that C# accepts in identifiers; formatting characters (bidi controls) never pass.</summary>
    private static bool IsWordChar(char c)
    {
        if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        switch (CharUnicodeInfo.GetUnicodeCategory(c))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.DecimalDigitNumber:
                return true;
            default:
                return false;
        }
    }
}
