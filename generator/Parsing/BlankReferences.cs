using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using Uploads.Generators.Diagnostics;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Removes references whose target name is empty or whitespace before OpenAPI.NET reads the tree: OpenAPI.NET 3.11
/// throws <c>ArgumentNullException("referenceId")</c> on them (a <c>$ref</c> of <c>""</c> or <c>#/components/schemas/ </c>,
/// a tag or security requirement named by whitespace, a discriminator mapping to such a name), which would cost the
/// whole document. Each one is reported as OAG005 where it is, and costs only itself.
/// </summary>
internal static class BlankReferences
{
    public static void Remove(JsonNode root, DiagnosticBag diagnostics) => Visit(root, new List<string>(), diagnostics);

    /// <summary>
    /// Whether a member of an object may be something <see cref="Remove"/> removes: what a walk over every member of
    /// every object (<see cref="Prose.Scan"/>) checks, so that the model step walks the tree for it only when it may
    /// find something. Errs towards true: any blank key counts, not only a security requirement's.
    /// </summary>
    public static bool MayRemove(string key, JsonNode? value)
    {
        if (string.IsNullOrWhiteSpace(key)) return true;
        switch (key)
        {
            case "$ref":
                return SpecSource.StringOf(value) is { } target && IsBlank(target);
            case "tags" when value is JsonArray tags:
                foreach (var tag in tags)
                {
                    if (SpecSource.StringOf(tag) is { Length: > 0 } name && string.IsNullOrWhiteSpace(name)) return true;
                }
                return false;
            case "mapping" when value is JsonObject mapping:
                foreach (var pair in mapping)
                {
                    if (SpecSource.StringOf(pair.Value) is { } mapped && IsBlank(mapped)) return true;
                }
                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// Walks the tree with the path as segments, and makes a pointer only for what it reports: making one for every node
    /// cost a tenth of the parse of OpenAI's document. Depth is bounded before this runs (NestingGuard).
    /// </summary>
    private static void Visit(JsonNode node, List<string> path, DiagnosticBag diagnostics)
    {
        if (node is JsonArray array)
        {
            for (int i = 0; i < array.Count; i++)
            {
                if (array[i] is not { } item) continue;
                path.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Visit(item, path, diagnostics);
                path.RemoveAt(path.Count - 1);
            }
            return;
        }
        if (node is not JsonObject obj) return;

        if (obj.TryGetPropertyValue("$ref", out var reference) && SpecSource.StringOf(reference) is { } target && IsBlank(target))
        {
            obj.Remove("$ref");
            diagnostics.Add(DiagnosticDescriptors.UnresolvedReference, Pointer(path, "$ref"), target, "JsonElement");
        }
        if (obj.TryGetPropertyValue("tags", out var tags) && tags is JsonArray tagList)
        {
            for (int i = tagList.Count - 1; i >= 0; i--)
            {
                if (SpecSource.StringOf(tagList[i]) is { } tag && tag.Length > 0 && string.IsNullOrWhiteSpace(tag))
                {
                    diagnostics.Add(DiagnosticDescriptors.UnresolvedReference, JsonPointer.Append(Pointer(path, "tags"), i), tag, "the untagged client");
                    tagList.RemoveAt(i);
                }
            }
        }
        if (obj.TryGetPropertyValue("security", out var security) && security is JsonArray requirements)
        {
            for (int i = 0; i < requirements.Count; i++)
            {
                if (requirements[i] is not JsonObject requirement) continue;
                foreach (var key in new List<string>(Keys(requirement)))
                {
                    if (string.IsNullOrWhiteSpace(key))
                    {
                        diagnostics.Add(DiagnosticDescriptors.UnresolvedReference, JsonPointer.Append(Pointer(path, "security"), i), key, "no credential");
                        requirement.Remove(key);
                    }
                }
            }
        }
        if (obj.TryGetPropertyValue("mapping", out var mapping) && mapping is JsonObject map)
        {
            foreach (var key in new List<string>(Keys(map)))
            {
                if (SpecSource.StringOf(map[key]) is { } value && IsBlank(value))
                {
                    diagnostics.Add(DiagnosticDescriptors.UnresolvedReference, JsonPointer.Append(Pointer(path, "mapping"), key), value, "no mapping");
                    map.Remove(key);
                }
            }
        }

        foreach (var pair in obj)
        {
            if (pair.Value is not { } child) continue;
            path.Add(pair.Key);
            Visit(child, path, diagnostics);
            path.RemoveAt(path.Count - 1);
        }
    }

    private static string Pointer(List<string> path, string last)
    {
        string pointer = "#";
        foreach (var segment in path) pointer = JsonPointer.Append(pointer, segment);
        return JsonPointer.Append(pointer, last);
    }

    /// <summary>A reference OpenAPI.NET cannot name: empty, whitespace, or ending in an empty or whitespace segment.</summary>
    private static bool IsBlank(string reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return true;
        int slash = reference.LastIndexOf('/');
        return slash >= 0 && string.IsNullOrWhiteSpace(reference.Substring(slash + 1));
    }

    private static IEnumerable<string> Keys(JsonObject obj)
    {
        foreach (var pair in obj) yield return pair.Key;
    }
}
