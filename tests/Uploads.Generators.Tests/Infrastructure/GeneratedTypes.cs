using Microsoft.CodeAnalysis;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>
/// Counts generated types (records, enums, unions) in generated files, however they are grouped into files: each
/// type's declaration starts with its converter attribute at the file's top level.
/// </summary>
public static class GeneratedTypes
{
    private const string TopLevelConverterAttribute = "[global::System.Text.Json.Serialization.JsonConverter(typeof(";

    public static int Count(IEnumerable<GeneratedSourceResult> sources) => sources.Sum(source => Count(source.SourceText.ToString()));

    public static int Count(string text)
    {
        int count = 0;
        if (text.StartsWith(TopLevelConverterAttribute, StringComparison.Ordinal)) count++;
        for (int at = text.IndexOf("\n" + TopLevelConverterAttribute, StringComparison.Ordinal); at >= 0; at = text.IndexOf("\n" + TopLevelConverterAttribute, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
