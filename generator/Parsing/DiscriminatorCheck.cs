using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Uploads.Generators.Parsing;

/// <summary>
/// OpenAPI.NET's rule that a discriminator's property be required (<c>ValidateSchemaDiscriminator</c>: required by the
/// schema itself, or by or among the properties of a schema its oneOf, anyOf and allOf reach), evaluated on the tree.
/// A part of a split document cannot evaluate it when those reach schemas of other buckets (see
/// <see cref="PartReader"/>): the part defers the rule's findings, and the assembled document, which sees the whole
/// tree, keeps those that still hold. A $ref is followed to its target as OpenAPI.NET's references are, and each
/// target visited once.
/// </summary>
internal static class DiscriminatorCheck
{
    private const string Suffix = "/discriminator";

    /// <summary>Whether the schema whose <c>discriminator</c> is at <paramref name="pointer"/> satisfies the rule.</summary>
    public static bool Holds(SpecSource source, string pointer)
    {
        if (!pointer.EndsWith(Suffix, System.StringComparison.Ordinal)) return false;
        if (source.RawAt(pointer.Substring(0, pointer.Length - Suffix.Length)) is not JsonObject schema) return false;
        if (schema["discriminator"] is not JsonObject discriminator || SpecSource.StringOf(discriminator["propertyName"]) is not { } name) return false;
        if (Lists(schema["required"], name)) return true;

        var queue = new Queue<JsonNode>();
        var visited = new HashSet<JsonNode>();
        var references = new HashSet<string>(System.StringComparer.Ordinal);
        Enqueue(queue, schema);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (node is JsonObject reference && reference.ContainsKey("$ref"))
            {
                // An external or dangling reference has nothing OpenAPI.NET can look into.
                if (SpecSource.LocalReference(reference) is not { } target || !references.Add(target) || source.RawAt(target) is not { } resolved) continue;
                node = resolved;
            }
            else if (!visited.Add(node))
            {
                continue;
            }
            if (node is not JsonObject candidate) continue;
            if ((candidate["properties"] is JsonObject properties && properties.ContainsKey(name)) || Lists(candidate["required"], name)) return true;
            Enqueue(queue, candidate);
        }
        return false;
    }

    private static void Enqueue(Queue<JsonNode> queue, JsonObject schema)
    {
        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema[keyword] is not JsonArray items) continue;
            foreach (var item in items)
            {
                if (item is not null) queue.Enqueue(item);
            }
        }
    }

    private static bool Lists(JsonNode? required, string name)
    {
        if (required is not JsonArray names) return false;
        foreach (var item in names)
        {
            if (SpecSource.StringOf(item) == name) return true;
        }
        return false;
    }
}
