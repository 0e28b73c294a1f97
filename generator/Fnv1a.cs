namespace Uploads.Generators;

/// <summary>
/// FNV-1a over UTF-16 code units: the same on every machine and in every run (string.GetHashCode is not), for names
/// and file assignments that must not move between builds, and for lookups over a slice of text without copying it.
/// </summary>
internal static class Fnv1a
{
    private const uint Offset = 2166136261;
    private const uint Prime = 16777619;

    public static uint Hash(string text) => Hash(text, 0, text.Length);

    public static uint Hash(string text, int start, int length)
    {
        uint hash = Offset;
        for (int i = start; i < start + length; i++)
        {
            hash = unchecked((hash ^ text[i]) * Prime);
        }
        return hash;
    }
}
