using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Uploads.Generators.Tests.Robustness;

/// <summary>Documents with pathological structure, built in memory (no file in the repository is megabytes large).</summary>
public static class PathologicalDocuments
{
    private const string JsonHead = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Limits\",\"version\":\"1\"},\"paths\":{},\"components\":{\"schemas\":{\"Deep\":";
    private const string JsonTail = "}}}";
    private const string YamlHead = "openapi: 3.0.3\ninfo: {title: Limits, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Deep:";

    /// <summary>A schema nested <paramref name="depth"/> levels through <paramref name="shape"/> (properties, items, additionalProperties, allOf), as JSON.</summary>
    public static string NestedJson(string shape, int depth)
    {
        var text = new StringBuilder(JsonHead);
        for (int i = 0; i < depth; i++) text.Append(Open(shape, i, json: true));
        text.Append("{\"type\":\"string\"}");
        for (int i = depth - 1; i >= 0; i--) text.Append(Close(shape, i, json: true));
        return text.Append(JsonTail).ToString();
    }

    /// <summary>The same schema as YAML flow collections on one line.</summary>
    public static string NestedYamlFlow(string shape, int depth)
    {
        var text = new StringBuilder(YamlHead).Append(' ');
        for (int i = 0; i < depth; i++) text.Append(Open(shape, i, json: false));
        text.Append("{type: string}");
        for (int i = depth - 1; i >= 0; i--) text.Append(Close(shape, i, json: false));
        return text.Append('\n').ToString();
    }

    /// <summary>Nested properties as YAML block mappings (indentation grows two spaces per mapping).</summary>
    public static string NestedYamlBlock(int depth)
    {
        var text = new StringBuilder(YamlHead).Append('\n');
        int indent = 6;
        for (int i = 0; i < depth; i++)
        {
            text.Append(' ', indent).Append("type: object\n");
            text.Append(' ', indent).Append("properties:\n");
            text.Append(' ', indent + 2).Append('p').Append(i).Append(":\n");
            indent += 4;
        }
        text.Append(' ', indent).Append("type: string\n");
        return text.ToString();
    }

    /// <summary>Bare nested arrays in an extension (<c>x-deep: [[[…]]]</c>): deep, but not in any schema.</summary>
    public static string NestedRawArrays(int depth, bool json)
    {
        var text = new StringBuilder(json ? JsonHead + "{\"type\":\"object\",\"x-deep\":" : YamlHead + " {type: object, x-deep: ");
        text.Append('[', depth).Append(']', depth);
        return text.Append(json ? "}" + JsonTail : "}\n").ToString();
    }

    private static string Open(string shape, int level, bool json) => (shape, json) switch
    {
        ("properties", true) => $"{{\"type\":\"object\",\"properties\":{{\"p{level}\":",
        ("properties", false) => $"{{type: object, properties: {{p{level}: ",
        ("items", true) => "{\"type\":\"array\",\"items\":",
        ("items", false) => "{type: array, items: ",
        ("additionalProperties", true) => "{\"type\":\"object\",\"additionalProperties\":",
        ("additionalProperties", false) => "{type: object, additionalProperties: ",
        ("allOf", true) => "{\"allOf\":[",
        ("allOf", false) => "{allOf: [",
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };

    private static string Close(string shape, int level, bool json) => (shape, json) switch
    {
        ("properties", _) => "}}",
        ("items", _) or ("additionalProperties", _) => "}",
        ("allOf", true) => $",{{\"properties\":{{\"a{level}\":{{\"type\":\"integer\"}}}}}}]}}",
        ("allOf", false) => $", {{properties: {{a{level}: {{type: integer}}}}}}]}}",
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };

    /// <summary>
    /// <paramref name="length"/> component schemas, each referring to the next: as a property (a linked list of
    /// records), as array items, as a bare alias, or through allOf. The JSON is shallow; the chain is long.
    /// </summary>
    public static string ComponentChain(string shape, int length)
    {
        var schemas = new JsonObject();
        for (int i = 0; i < length; i++)
        {
            var next = new JsonObject { ["$ref"] = "#/components/schemas/A" + (i + 1) };
            schemas["A" + i] = shape switch
            {
                "properties" => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["next"] = next, ["name"] = new JsonObject { ["type"] = "string" } } },
                "items" => new JsonObject { ["type"] = "array", ["items"] = next },
                "alias" => next,
                "allOf" => new JsonObject { ["allOf"] = new JsonArray(next, new JsonObject { ["properties"] = new JsonObject { ["p" + i] = new JsonObject { ["type"] = "string" } } }) },
                _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
            };
        }
        schemas["A" + length] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["end"] = new JsonObject { ["type"] = "string" } } };
        // Something that uses the head of the chain, so it is not just a pile of unused components.
        schemas["Head"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["chain"] = new JsonObject { ["$ref"] = "#/components/schemas/A0" } } };
        return Document(schemas);
    }

    /// <summary>A document of about <paramref name="megabytes"/> MB: many schemas with many described properties.</summary>
    public static string Large(int megabytes)
    {
        var schemas = new JsonObject();
        var paths = new JsonObject();
        string filler = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 4));
        int target = megabytes * 1024 * 1024;
        int size = 0;
        for (int i = 0; size < target; i++)
        {
            var properties = new JsonObject();
            for (int p = 0; p < 12; p++)
            {
                properties["field_" + p] = (p % 4) switch
                {
                    0 => new JsonObject { ["type"] = "string", ["description"] = $"Field {p} of schema {i}. {filler}", ["example"] = filler + filler },
                    1 => new JsonObject { ["type"] = "integer", ["format"] = "int64", ["description"] = filler },
                    2 => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = "#/components/schemas/Schema" + (i / 2) } },
                    _ => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("alpha", "beta", "gamma-" + i), ["description"] = filler },
                };
            }
            schemas["Schema" + i] = new JsonObject { ["type"] = "object", ["description"] = filler, ["required"] = new JsonArray("field_0"), ["properties"] = properties };
            if (i % 10 == 0)
            {
                paths["/things" + i + "/{id}"] = new JsonObject
                {
                    ["get"] = new JsonObject
                    {
                        ["operationId"] = "getThing" + i,
                        ["tags"] = new JsonArray("tag" + (i % 20)),
                        ["parameters"] = new JsonArray(new JsonObject { ["name"] = "id", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } }),
                        ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "ok", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Schema" + i } } } } },
                    },
                };
            }
            size += 5200;
        }
        return Document(schemas, paths);
    }

    public static string Document(JsonObject schemas, JsonObject? paths = null) => new JsonObject
    {
        ["openapi"] = "3.0.3",
        ["info"] = new JsonObject { ["title"] = "Limits", ["version"] = "1" },
        ["paths"] = paths ?? new JsonObject(),
        ["components"] = new JsonObject { ["schemas"] = schemas },
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
