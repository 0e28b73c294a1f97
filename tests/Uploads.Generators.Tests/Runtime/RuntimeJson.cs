using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Uploads.Generators.Tests.Runtime;

/// <summary>JSON helpers on the test side (the host's System.Text.Json, not the generated code).</summary>
internal static class RuntimeJson
{
    private static readonly JsonNodeOptions NodeOptions = new();
    private static readonly JsonDocumentOptions LenientDocument = new() { AllowTrailingCommas = true };

    public static JsonNode Parse(string json) => JsonNode.Parse(json, NodeOptions, LenientDocument)!;

    public static bool HasTrailingComma(string json)
    {
        try
        {
            JsonNode.Parse(json);
            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    /// <summary>Structural equality (property order ignored; absent and null are different).</summary>
    public static void AssertEquivalent(string expected, string actual)
    {
        var e = Parse(expected);
        var a = Parse(actual);
        Assert.True(JsonNode.DeepEquals(e, a), $"JSON differs.\nExpected: {e.ToJsonString()}\nActual:   {a.ToJsonString()}");
    }

    /// <summary>
    /// A copy of <paramref name="json"/> with the value at a dotted path (e.g. <c>file.purpose</c>) replaced by
    /// <paramref name="rawValue"/> (raw JSON, kept as written: <c>1e400</c> stays <c>1e400</c>), or removed when null.
    /// </summary>
    public static string With(string json, string dottedPath, string? rawValue)
    {
        var root = Parse(json).AsObject();
        var segments = dottedPath.Split('.');
        var target = root;
        foreach (var segment in segments[..^1]) target = target[segment]!.AsObject();
        var last = segments[^1];
        if (rawValue is null)
        {
            Assert.True(target.Remove(last), $"'{dottedPath}' is not in the example.");
        }
        else
        {
            target[last] = JsonNode.Parse(rawValue);
        }
        return root.ToJsonString();
    }

    /// <summary>A copy with an extra property inserted first (before everything the reader must still see).</summary>
    public static string WithLeadingProperty(string json, string name, string rawValue)
    {
        var source = Parse(json).AsObject();
        var result = new JsonObject { [name] = JsonNode.Parse(rawValue) };
        foreach (var (key, value) in source.ToList())
        {
            source.Remove(key);
            result[key] = value;
        }
        return result.ToJsonString();
    }

    /// <summary>The error is a JsonException whose Path is exactly <paramref name="path"/> and whose message names the path and every part.</summary>
    public static JsonException AssertError(Action action, string path, params string[] messageParts)
    {
        var exception = Assert.ThrowsAny<JsonException>(action);
        Assert.Equal(path, exception.Path);
        Assert.Contains("Path: " + path, exception.Message, StringComparison.Ordinal);
        foreach (var part in messageParts) Assert.Contains(part, exception.Message, StringComparison.Ordinal);
        return exception;
    }
}
