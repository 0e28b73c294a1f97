using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.OpenApi.Reader;
using Uploads.Generators.Diagnostics;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Reads the tree with OpenAPI.NET so that a node it cannot read costs only the item containing it. OpenAPI.NET 3.11
/// throws (instead of reporting an error) on many values of the wrong type: <c>maxLength: "yes"</c> and
/// <c>deprecated: 1</c> (FormatException), a property schema that is a string (NullReferenceException),
/// <c>multipleOf: 1e40</c> (OverflowException). When the whole read throws, the items that can be dropped on their
/// own (each component of each kind, each path item, each webhook) are searched by halving for the one that makes it
/// throw; that item is dropped and reported (OAG002 at the item), and the search repeats until the read succeeds.
/// Root keys other than these (servers, tags, security...) and the parts of info other than title and version
/// count as items too.
/// Each search costs about log2(items) reads, and only documents that would otherwise be lost pay it.
/// </summary>
internal static class FaultIsolatingReader
{
    private static readonly Uri BaseUri = new("https://openapi.invalid/");

    /// <summary>
    /// OpenAPI.NET's default validation rules but one: OpenApiDocumentReferencesAreValid walks the whole document a
    /// second time to resolve every schema $ref (with the JIT warm, a few milliseconds on OpenAI's document). The schema
    /// reader resolves each $ref it uses anyway and reports the ones that do not resolve (OAG005, with what is
    /// generated instead). Only read by the validator, so one instance serves every read.
    /// </summary>
    private static readonly Microsoft.OpenApi.ValidationRuleSet Rules = CreateRules();

    private static Microsoft.OpenApi.ValidationRuleSet CreateRules()
    {
        var rules = Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet();
        rules.Remove(nameof(Microsoft.OpenApi.OpenApiDocumentRules.OpenApiDocumentReferencesAreValid));
        return rules;
    }

    public static ReadResult Read(JsonNode root, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        if (TryRead(root, out var result, out var error)) return result!;

        var items = RemovableItems(root);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Removing every item must help, or the fault is outside them: then the document is lost after all.
            if (items.Count == 0 || !TryRead(Without(root, items, items.Count), out _, out _))
            {
                throw new InvalidOperationException("OpenAPI.NET cannot read the document: " + error!.GetType().Name + ": " + error.Message, error);
            }
            // The shortest prefix of items whose removal makes the read succeed; its last item is a culprit.
            int low = 1;
            int high = items.Count;
            while (low < high)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int middle = low + (high - low) / 2;
                if (TryRead(Without(root, items, middle), out _, out _)) high = middle;
                else low = middle + 1;
            }
            var culprit = items[low - 1];
            items.RemoveAt(low - 1);
            culprit.Parent.Remove(culprit.Key);
            diagnostics.Add(DiagnosticDescriptors.DocumentError, culprit.Pointer, "this item cannot be read and is skipped (" + error!.GetType().Name + ": " + error.Message + ")");
            if (TryRead(root, out result, out error)) return result!;
        }
    }

    private static bool TryRead(JsonNode root, out ReadResult? result, out Exception? error)
    {
        try
        {
            result = new OpenApiJsonReader().Read(root, BaseUri, new OpenApiReaderSettings { RuleSet = Rules });
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = null;
            error = ex;
            return false;
        }
    }

    private sealed record Item(JsonObject Parent, string Key, string Pointer);

    /// <summary>Components of every kind, path items and webhooks, in document order.</summary>
    private static List<Item> RemovableItems(JsonNode root)
    {
        var items = new List<Item>();
        if (root is not JsonObject document) return items;
        void AddAll(JsonNode? container, string pointer)
        {
            if (container is not JsonObject map) return;
            foreach (var pair in map) items.Add(new Item(map, pair.Key, JsonPointer.Append(pointer, pair.Key)));
        }
        if (document["components"] is JsonObject components)
        {
            foreach (var kind in components) AddAll(kind.Value, JsonPointer.Append("#/components", kind.Key));
        }
        AddAll(document["definitions"], "#/definitions");
        AddAll(document["parameters"], "#/parameters");
        AddAll(document["responses"], "#/responses");
        AddAll(document["securityDefinitions"], "#/securityDefinitions");
        AddAll(document["paths"], "#/paths");
        AddAll(document["webhooks"], "#/webhooks");
        // Whatever else can go without losing the document: the other root keys (servers, tags, security,
        // externalDocs, Swagger 2.0's host, basePath...) whole, and everything in info but its title and version.
        foreach (var pair in document)
        {
            if (pair.Key is not ("openapi" or "swagger" or "info" or "paths" or "components" or "webhooks" or "definitions" or "parameters" or "responses" or "securityDefinitions"))
            {
                items.Add(new Item(document, pair.Key, JsonPointer.Append("#", pair.Key)));
            }
        }
        if (document["info"] is JsonObject info)
        {
            foreach (var pair in info)
            {
                if (pair.Key is not ("title" or "version")) items.Add(new Item(info, pair.Key, JsonPointer.Append("#/info", pair.Key)));
            }
        }
        return items;
    }

    /// <summary>A copy of the tree without the first <paramref name="count"/> items (the original is left as it is).</summary>
    private static JsonNode Without(JsonNode root, List<Item> items, int count)
    {
        var copy = root.DeepClone();
        for (int i = 0; i < count; i++)
        {
            if (Resolve(copy, items[i].Pointer) is { } parent) parent.Remove(items[i].Key);
        }
        return copy;
    }

    private static JsonObject? Resolve(JsonNode copy, string itemPointer)
    {
        var segments = JsonPointer.Segments(itemPointer);
        JsonNode? node = copy;
        for (int i = 0; i < segments.Count - 1; i++) node = node is JsonObject obj ? obj[segments[i]] : null;
        return node as JsonObject;
    }
}
