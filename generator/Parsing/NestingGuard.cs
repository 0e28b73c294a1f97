namespace Uploads.Generators.Parsing;

/// <summary>
/// Refuses JSON documents nested deeper than <see cref="MaxJsonDepth"/> before the recursive loaders and OpenAPI.NET
/// see them: a stack overflow in a generator takes the whole compiler (and IDE) down. YAML needs no scan: SharpYaml's
/// parser stops at <see cref="MaxYamlDepth"/> levels by itself, and <see cref="SpecSource"/> reports that as OAG016.
/// </summary>
internal static class NestingGuard
{
    public const int MaxJsonDepth = 256;

    public const int MaxYamlDepth = 64;

    /// <summary>The offset at which a JSON text's nesting passes <see cref="MaxJsonDepth"/>, or -1.</summary>
    public static int FindTooDeepJson(string text)
    {
        int depth = 0;
        bool inString = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                case '[':
                    if (++depth > MaxJsonDepth) return i;
                    break;
                case '}':
                case ']':
                    depth--;
                    break;
            }
        }
        return -1;
    }

    /// <summary>True for SharpYaml's "maximum nesting depth" error.</summary>
    public static bool IsYamlDepthError(string message) =>
        message.IndexOf("maximum nesting depth", System.StringComparison.OrdinalIgnoreCase) >= 0;
}
