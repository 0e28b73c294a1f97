using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi.YamlReader;
using SharpYaml.Serialization;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>A document the fuzzer starts from: its name (for reports), file extension and text.</summary>
public sealed record FuzzSeed(string Name, string Extension, string Text)
{
    public static FuzzSeed FromFile(string name, string path) =>
        new(name, Path.GetExtension(path).TrimStart('.').ToLowerInvariant(), File.ReadAllText(path));

    public override string ToString() => Name;
}

/// <summary>One mutated document: what it came from, which mutations made it, and the text given to the generator.</summary>
public sealed record FuzzCase(int Number, FuzzSeed Seed, string Extension, string Text, IReadOnlyList<string> Mutations, string EnumStyle)
{
    /// <summary>
    /// Output that takes Roslyn tens of seconds to compile (a 10,000-value enum: its switch statements alone take
    /// ~40 s), compiled only in long campaigns; generation itself is always checked.
    /// </summary>
    public bool ExpensiveToCompile => Mutations.Any(m => m.StartsWith("big-enum", StringComparison.Ordinal));

    public string Describe() => $"case {Number} from {Seed.Name} ({EnumStyle} enums): {string.Join("; ", Mutations)}";
}

/// <summary>
/// Structural mutations of an OpenAPI document, on its parsed tree (written back as JSON or YAML) and on its raw text.
/// Every random choice comes from the <see cref="Random"/> passed in, which <see cref="Create"/> derives from the
/// campaign seed and the case number, so any single case can be rebuilt on its own.
/// </summary>
public static class FuzzMutator
{
    /// <summary>Strings that must never break generated code, wherever spec text lands.</summary>
    public static readonly string[] HostileStrings =
    {
        "*/", "/*", "\"", "\\", "\0", "\\u0000", "#error injected", "}", "{", "} class Injected {", "\u2028", "\u2029",
        "\u0085", "\u202E", "\u2066", "\u200F", "\uFEFF", "</summary>", "<![CDATA[", "&amp;", "\r\n#error crlf", "\n#error lf",
        "\"); throw null; //", "@\"", "{0}", "$\"{x}\"", "'", "\t", "a\0b", "\\\"", "\u00A0", "\u0000\u0001\u001F",
    };

    /// <summary>Names that are C# keywords, BCL or System.Text.Json types, or names the generated code itself uses.</summary>
    public static readonly string[] AwkwardNames =
    {
        "class", "namespace", "object", "string", "event", "default", "return", "this", "base", "value", "var", "async", "await",
        "System", "String", "Object", "Task", "Exception", "Attribute", "JsonElement", "JsonSerializer", "List", "Nullable", "Type",
        "global", "Microsoft", "Uploads", "ApiException", "FilePart", "OpenApiJson", "Equals", "GetHashCode", "ToString",
        "EqualityContract", "Value", "Values", "IsKnown", "Default", "Options", "HttpClient", "CancellationToken", "cancellationToken",
        "_", "__", "1", "123-list", "+1", "-1", "@timestamp", "$ref", "a.b.c", "é", "日本語", "Ω",
    };

    private static readonly string[] CollidingNames = { "foo_bar", "FooBar", "foo-bar", "Foo Bar", "FOO_BAR", "fooBar", "foo__bar", "foo.bar" };

    private static readonly string[] InsertedFragments =
    {
        "\0", "\uD800", "\uDC00", "\uDBFF\uDFFF", "\uFEFF", "\t", "\r", "\n", "\u2028", "\u0085", "\"", "'", "{", "}", "[", "]", ":", ",",
        "&a", "*a", "!!binary", "%YAML 1.1\n", "---\n", "...\n", "- ", "? ", "|", ">", "#", "\\", "\u202E", "\uFFFF", "\uFFFE", "\u0001",
        "{{{{", "]]]]", "null", "~", "1e999", "-0", "0x10", ".inf", "NaN", "\"\\uD800\"", "\"\\u0000\"",
    };

    private delegate string? TreeMutation(JsonObject root, Random random);

    private static readonly (string Name, int Weight, TreeMutation Apply)[] TreeMutations =
    {
        ("delete-key", 6, DeleteKey),
        ("duplicate-key", 3, DuplicateKeyInTree),
        ("change-type", 8, ChangeType),
        ("swap-ref", 4, SwapRefs),
        ("missing-ref", 3, MissingRef),
        ("self-allOf", 3, SelfReferentialAllOf),
        ("allOf-cycle", 2, AllOfCycle),
        ("deep-nesting", 2, DeepNesting),
        ("big-enum", 1, BigEnum),
        ("hostile-name", 8, HostileName),
        ("colliding-names", 2, CollidingSchemaNames),
        ("hostile-enum", 3, HostileEnum),
        ("hostile-text", 3, HostileText),
        ("copy-node", 3, CopyNode),
        ("self-array", 2, SelfArrayAlias),
    };

    private delegate string TextMutation(FuzzSeed seed, ref string text, Random random);

    private static readonly (string Name, int Weight, TextMutation Apply)[] TextMutations =
    {
        ("truncate", 4, Truncate),
        ("insert", 6, InsertCharacters),
        ("delete-span", 3, DeleteSpan),
        ("duplicate-line", 4, DuplicateLines),
        ("replace-char", 3, ReplaceCharacter),
        ("bom", 1, Bom),
        ("tabs", 2, Tabs),
    };

    /// <summary>The random source of one case: a pure function of the campaign seed and the case number.</summary>
    public static Random RandomFor(int campaignSeed, int caseNumber) => new(unchecked(campaignSeed * 1_000_003 + caseNumber * 7919 + 17));

    /// <summary>Builds case <paramref name="number"/> of the campaign with seed <paramref name="campaignSeed"/>.</summary>
    public static FuzzCase Create(int campaignSeed, int number, IReadOnlyList<FuzzSeed> seeds)
    {
        var random = RandomFor(campaignSeed, number);
        // A quarter of the cases mutate the repository's own spec, the rest a corpus document.
        var seed = number % 4 == 0 || seeds.Count == 1 ? seeds[0] : seeds[1 + random.Next(seeds.Count - 1)];
        var mutations = new List<string>();
        string extension = seed.Extension;
        string text = seed.Text;
        string enumStyle = random.Next(3) == 0 ? "Extensible" : "Enum";

        // Mostly tree mutations (they reach the generator's later stages), sometimes raw text ones on top or instead.
        int mode = random.Next(10);
        if (mode < 8 && TryParse(seed, out var root))
        {
            int count = 1 + random.Next(3);
            for (int i = 0; i < count; i++)
            {
                var (name, _, apply) = Pick(TreeMutations, random);
                string? detail = SafeApply(() => apply(root, random));
                if (detail is not null) mutations.Add(name + ": " + detail);
            }
            bool asYaml = random.Next(3) == 0;
            text = asYaml ? TryWriteYaml(root) ?? WriteJson(root) : WriteJson(root);
            extension = asYaml && text.Length > 0 && text[0] != '{' ? "yaml" : "json";
            if (mutations.Count == 0) mutations.Add("re-serialized as " + extension);
        }
        if (mode >= 6)
        {
            int count = 1 + random.Next(2);
            var current = seed with { Extension = extension, Text = text };
            for (int i = 0; i < count; i++)
            {
                var (name, _, apply) = Pick(TextMutations, random);
                mutations.Add(name + ": " + apply(current, ref text, random));
            }
        }
        return new FuzzCase(number, seed, extension, text, mutations, enumStyle);
    }

    /// <summary>Parses YAML (through the same converter the generator uses) or JSON into a mutable tree.</summary>
    public static bool TryParse(FuzzSeed seed, out JsonObject root)
    {
        root = null!;
        try
        {
            JsonNode? node;
            if (seed.Extension == "json")
            {
                node = JsonNode.Parse(seed.Text);
            }
            else
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(seed.Text));
                node = YamlConverter.ToJsonNode(stream.Documents[0]);
                // The converter's null sentinel does not survive DeepClone/serialization everywhere: round-trip through text.
                node = JsonNode.Parse(WriteJson(node!));
            }
            if (node is not JsonObject obj) return false;
            root = obj;
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 4096, SkipValidation = true };

    /// <summary>Indented JSON; keys marked by <see cref="DuplicateKeyInTree"/> are written twice.</summary>
    public static string WriteJson(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, node);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private const string DuplicateMarker = "x-fuzz-duplicate-of:";

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var pair in obj)
                {
                    // A marker key stands for a second occurrence of the key it names.
                    string name = pair.Key.StartsWith(DuplicateMarker, StringComparison.Ordinal) ? pair.Key.Substring(DuplicateMarker.Length) : pair.Key;
                    writer.WritePropertyName(name);
                    Write(writer, pair.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                try
                {
                    node.WriteTo(writer);
                }
                catch (Exception)
                {
                    writer.WriteNullValue();
                }
                break;
        }
    }

    private static string? TryWriteYaml(JsonObject root)
    {
        try
        {
            if (root.ToJsonString().Contains(DuplicateMarker, StringComparison.Ordinal)) return null;
            var stream = new YamlStream(new YamlDocument(root.ToYamlNode()));
            var writer = new StringWriter();
            stream.Save(writer, true, 2);
            return writer.ToString();
        }
        catch (Exception)
        {
            return null;
        }
    }

    // ---- tree mutations ---------------------------------------------------------------------------------------------

    private static string? DeleteKey(JsonObject root, Random random)
    {
        var objects = Objects(root).Where(o => o.Count > 0).ToList();
        if (objects.Count == 0) return null;
        var target = objects[random.Next(objects.Count)];
        string key = target.ElementAt(random.Next(target.Count)).Key;
        target.Remove(key);
        return $"{Pointer(target)}/{key}";
    }

    private static string? DuplicateKeyInTree(JsonObject root, Random random)
    {
        var objects = Objects(root).Where(o => o.Count > 0).ToList();
        if (objects.Count == 0) return null;
        var target = objects[random.Next(objects.Count)];
        var pair = target.ElementAt(random.Next(target.Count));
        if (pair.Key.StartsWith(DuplicateMarker, StringComparison.Ordinal)) return null;
        // The second occurrence carries either the same value or another node's value.
        var value = random.Next(2) == 0 ? pair.Value?.DeepClone() : RandomValue(random);
        target[DuplicateMarker + pair.Key] = value;
        return $"{Pointer(target)}/{pair.Key} twice";
    }

    private static string? ChangeType(JsonObject root, Random random)
    {
        var all = Nodes(root).Where(n => n.Parent is not null).ToList();
        if (all.Count == 0) return null;
        var node = all[random.Next(all.Count)];
        JsonNode? replacement = node switch
        {
            // null too: a YAML key with no value (`today:`), as a truncated document has.
            JsonObject => random.Next(4) switch { 0 => "an object became a string", 1 => new JsonArray(1, 2), 2 => null, _ => 42 },
            JsonArray => random.Next(2) == 0 ? new JsonObject { ["0"] = "was an array" } : "[]",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => random.Next(3) switch { 0 => 12345, 1 => true, _ => new JsonObject() },
            JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => random.Next(2) == 0 ? "yes" : 1,
            JsonValue value when value.GetValueKind() == JsonValueKind.Number => random.Next(3) switch { 0 => "12", 1 => 1e308, _ => -9223372036854775808L },
            _ => random.Next(2) == 0 ? null : "null",
        };
        string pointer = Pointer(node);
        Replace(node, replacement);
        return $"{pointer} {Kind(node)} -> {(replacement is null ? "null" : Kind(replacement))}";
    }

    private static string? SwapRefs(JsonObject root, Random random)
    {
        var refs = Objects(root).Where(o => o.TryGetPropertyValue("$ref", out var r) && r is JsonValue).ToList();
        if (refs.Count < 2)
        {
            var names = SchemaNames(root);
            if (refs.Count == 0 || names.Count == 0) return null;
            string target = SchemaPointer(root) + "/" + names[random.Next(names.Count)];
            refs[0]["$ref"] = target;
            return $"{Pointer(refs[0])} -> {target}";
        }
        var a = refs[random.Next(refs.Count)];
        var b = refs[random.Next(refs.Count)];
        var aValue = a["$ref"]!.DeepClone();
        a["$ref"] = b["$ref"]!.DeepClone();
        b["$ref"] = aValue;
        return $"{Pointer(a)} <-> {Pointer(b)}";
    }

    private static string? MissingRef(JsonObject root, Random random)
    {
        string missing = SchemaPointer(root) + "/Missing" + random.Next(1000);
        var refs = Objects(root).Where(o => o.ContainsKey("$ref")).ToList();
        if (refs.Count > 0 && random.Next(2) == 0)
        {
            var target = refs[random.Next(refs.Count)];
            target["$ref"] = random.Next(4) switch { 0 => missing, 1 => "#/not/a/pointer", 2 => "other.yaml#/x", _ => "" };
            return $"{Pointer(target)} -> {target["$ref"]}";
        }
        var schema = RandomSchema(root, random, create: true);
        Properties(schema)["dangling"] = new JsonObject { ["$ref"] = missing };
        return $"{Pointer(schema)}/properties/dangling -> {missing}";
    }

    private static string? SelfReferentialAllOf(JsonObject root, Random random)
    {
        var schemas = Schemas(root);
        string name = PickSchemaName(root, random) ?? "SelfRef";
        string self = SchemaPointer(root) + "/" + Escape(name);
        var parts = new JsonArray { new JsonObject { ["$ref"] = self } };
        if (random.Next(2) == 0) parts.Add(new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["x"] = new JsonObject { ["type"] = "string" } } });
        schemas[name] = new JsonObject { ["allOf"] = parts };
        return $"{name} allOf [{name}{(parts.Count > 1 ? ", {properties}" : "")}]";
    }

    private static string? AllOfCycle(JsonObject root, Random random)
    {
        var schemas = Schemas(root);
        string prefix = SchemaPointer(root) + "/";
        int length = 2 + random.Next(3);
        for (int i = 0; i < length; i++)
        {
            schemas["Cycle" + i] = new JsonObject
            {
                ["allOf"] = new JsonArray
                {
                    new JsonObject { ["$ref"] = prefix + "Cycle" + ((i + 1) % length) },
                    new JsonObject { ["properties"] = new JsonObject { ["p" + i] = new JsonObject { ["type"] = "string" } } },
                },
            };
        }
        return $"allOf cycle of {length}";
    }

    private static string? DeepNesting(JsonObject root, Random random)
    {
        int depth = 100;
        var innermost = new JsonObject { ["type"] = "string" };
        JsonObject current = innermost;
        string shape = random.Next(4) switch { 0 => "properties", 1 => "items", 2 => "additionalProperties", _ => "allOf" };
        for (int i = 0; i < depth; i++)
        {
            current = shape switch
            {
                "properties" => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["level" + i] = current } },
                "items" => new JsonObject { ["type"] = "array", ["items"] = current },
                "additionalProperties" => new JsonObject { ["type"] = "object", ["additionalProperties"] = current },
                _ => new JsonObject { ["allOf"] = new JsonArray { current, new JsonObject { ["properties"] = new JsonObject { ["at" + i] = new JsonObject { ["type"] = "integer" } } } } },
            };
        }
        var holder = RandomSchema(root, random, create: true);
        Properties(holder)["deep"] = current;
        return $"{depth} levels of {shape} under {Pointer(holder)}";
    }

    private static string? BigEnum(JsonObject root, Random random)
    {
        var values = new JsonArray();
        for (int i = 0; i < 10_000; i++) values.Add(random.Next(4) == 0 ? $"value-{i}" : $"v{i}_{(char)('a' + i % 26)}");
        Schemas(root)["BigEnum"] = new JsonObject { ["type"] = "string", ["enum"] = values };
        var holder = RandomSchema(root, random, create: true);
        Properties(holder)["big"] = new JsonObject { ["$ref"] = SchemaPointer(root) + "/BigEnum" };
        return "10,000 enum values";
    }

    private static string? HostileName(JsonObject root, Random random)
    {
        string name = RandomName(random);
        switch (random.Next(5))
        {
            case 0:
            {
                var schemas = Schemas(root);
                if (schemas.Count == 0) return null;
                string old = schemas.ElementAt(random.Next(schemas.Count)).Key;
                Rename(schemas, old, name);
                // Keep the references pointing at the renamed schema half of the time.
                if (random.Next(2) == 0)
                {
                    string from = SchemaPointer(root) + "/" + Escape(old);
                    foreach (var o in Objects(root).Where(o => o["$ref"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == from).ToList())
                    {
                        o["$ref"] = SchemaPointer(root) + "/" + Escape(name);
                    }
                }
                return $"schema {Show(old)} -> {Show(name)}";
            }
            case 1:
            {
                var owners = Objects(root).Where(o => o["properties"] is JsonObject { Count: > 0 }).ToList();
                if (owners.Count == 0) return null;
                var properties = (JsonObject)owners[random.Next(owners.Count)]["properties"]!;
                string old = properties.ElementAt(random.Next(properties.Count)).Key;
                Rename(properties, old, name);
                return $"property {Pointer(properties)}/{Show(old)} -> {Show(name)}";
            }
            case 2:
            {
                var operations = Operations(root);
                if (operations.Count == 0) return null;
                var operation = operations[random.Next(operations.Count)];
                operation["operationId"] = name;
                return $"operationId of {Pointer(operation)} -> {Show(name)}";
            }
            case 3:
            {
                var operations = Operations(root);
                if (operations.Count == 0) return null;
                var operation = operations[random.Next(operations.Count)];
                operation["tags"] = new JsonArray(name);
                return $"tag of {Pointer(operation)} -> {Show(name)}";
            }
            default:
            {
                var parameters = Objects(root).Where(o => o["in"] is JsonValue && o["name"] is JsonValue).ToList();
                if (parameters.Count == 0) return null;
                var parameter = parameters[random.Next(parameters.Count)];
                parameter["name"] = name;
                return $"parameter {Pointer(parameter)} -> {Show(name)}";
            }
        }
    }

    private static string? CollidingSchemaNames(JsonObject root, Random random)
    {
        var schemas = Schemas(root);
        foreach (var name in CollidingNames.OrderBy(_ => random.Next()).Take(2 + random.Next(CollidingNames.Length - 1)))
        {
            schemas[name] = random.Next(2) == 0
                ? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { [name] = new JsonObject { ["type"] = "string" }, [name.ToUpperInvariant()] = new JsonObject { ["type"] = "integer" } } }
                : new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(name, name.ToUpperInvariant(), name + "!") };
        }
        return "schemas whose names collide after PascalCase";
    }

    private static string? HostileEnum(JsonObject root, Random random)
    {
        var values = new JsonArray();
        foreach (var value in HostileStrings.Concat(AwkwardNames).OrderBy(_ => random.Next()).Take(5 + random.Next(20))) values.Add(value);
        if (random.Next(3) == 0) values.Add(null);
        if (random.Next(3) == 0) values.Add("");
        var schemas = Schemas(root);
        string name = random.Next(2) == 0 ? "HostileEnum" : RandomName(random);
        schemas[name] = new JsonObject { ["type"] = "string", ["enum"] = values, ["description"] = RandomHostile(random) };
        var holder = RandomSchema(root, random, create: true);
        Properties(holder)["hostile"] = new JsonObject { ["$ref"] = SchemaPointer(root) + "/" + Escape(name) };
        return $"enum {Show(name)} with {values.Count} hostile values";
    }

    private static string? HostileText(JsonObject root, Random random)
    {
        string[] keys = { "description", "summary", "title", "default", "example", "const", "pattern", "format" };
        var objects = Objects(root).ToList();
        var target = objects[random.Next(objects.Count)];
        string key = keys[random.Next(keys.Length)];
        target[key] = RandomHostile(random);
        return $"{Pointer(target)}/{key} = {Show(target[key]!.GetValue<string>())}";
    }

    private static string? CopyNode(JsonObject root, Random random)
    {
        var all = Nodes(root).Where(n => n.Parent is not null && n is JsonObject or JsonArray).ToList();
        if (all.Count < 2) return null;
        var source = all[random.Next(all.Count)];
        var target = all[random.Next(all.Count)];
        if (ReferenceEquals(source, target) || IsAncestor(target, source)) return null;
        string from = Pointer(source);
        string to = Pointer(target);
        Replace(target, source.DeepClone());
        return $"{from} copied over {to}";
    }

    private static string? SelfArrayAlias(JsonObject root, Random random)
    {
        var schemas = Schemas(root);
        string name = random.Next(2) == 0 ? "SelfList" : PickSchemaName(root, random) ?? "SelfList";
        schemas[name] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = SchemaPointer(root) + "/" + Escape(name) } };
        return $"{name} is an array of itself";
    }

    // ---- text mutations ---------------------------------------------------------------------------------------------

    private static string Truncate(FuzzSeed seed, ref string text, Random random)
    {
        int at = text.Length == 0 ? 0 : random.Next(text.Length);
        text = text.Substring(0, at);
        return $"at {at}";
    }

    private static string InsertCharacters(FuzzSeed seed, ref string text, Random random)
    {
        int at = random.Next(text.Length + 1);
        var inserted = new StringBuilder();
        int count = 1 + random.Next(4);
        for (int i = 0; i < count; i++)
        {
            inserted.Append(random.Next(3) == 0 ? (char)random.Next(0, 0x10000) : InsertedFragments[random.Next(InsertedFragments.Length)]);
        }
        text = text.Insert(at, inserted.ToString());
        return $"{Show(inserted.ToString())} at {at}";
    }

    private static string DeleteSpan(FuzzSeed seed, ref string text, Random random)
    {
        if (text.Length == 0) return "nothing";
        int at = random.Next(text.Length);
        int length = Math.Min(text.Length - at, 1 + random.Next(random.Next(2) == 0 ? 8 : 400));
        text = text.Remove(at, length);
        return $"{length} chars at {at}";
    }

    /// <summary>Duplicates a line and the block indented under it: in YAML, a duplicate mapping key.</summary>
    private static string DuplicateLines(FuzzSeed seed, ref string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count < 2) return "nothing";
        int start = random.Next(lines.Count);
        int indent = Indent(lines[start]);
        int end = start + 1;
        while (end < lines.Count && (lines[end].Trim().Length == 0 || Indent(lines[end]) > indent)) end++;
        end = Math.Min(end, start + 200);
        lines.InsertRange(end, lines.GetRange(start, end - start));
        text = string.Join('\n', lines);
        return $"lines {start + 1}-{end} ({Show(lines[start].Trim())})";
    }

    private static string ReplaceCharacter(FuzzSeed seed, ref string text, Random random)
    {
        if (text.Length == 0) return "nothing";
        int at = random.Next(text.Length);
        char replacement = "\0:{}[]\"'\\-?|>#&*!%@` \t\n\uD800\u2028"[random.Next(23)];
        text = text.Remove(at, 1).Insert(at, replacement.ToString());
        return $"{Show(replacement.ToString())} at {at}";
    }

    private static string Bom(FuzzSeed seed, ref string text, Random random)
    {
        int at = random.Next(2) == 0 ? 0 : random.Next(text.Length + 1);
        text = text.Insert(at, "\uFEFF");
        return $"at {at}";
    }

    private static string Tabs(FuzzSeed seed, ref string text, Random random)
    {
        var lines = text.Split('\n');
        int changed = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("  ", StringComparison.Ordinal) && random.Next(20) == 0)
            {
                lines[i] = "\t" + lines[i].Substring(2);
                changed++;
            }
        }
        text = string.Join('\n', lines);
        return $"{changed} indents";
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static T Pick<T>((string Name, int Weight, T Apply)[] options, Random random, out string name)
    {
        int total = options.Sum(o => o.Weight);
        int roll = random.Next(total);
        foreach (var option in options)
        {
            if (roll < option.Weight)
            {
                name = option.Name;
                return option.Apply;
            }
            roll -= option.Weight;
        }
        name = options[^1].Name;
        return options[^1].Apply;
    }

    private static (string Name, int Weight, T Apply) Pick<T>((string Name, int Weight, T Apply)[] options, Random random)
    {
        var apply = Pick(options, random, out string name);
        return (name, 0, apply);
    }

    private static string? SafeApply(Func<string?> apply)
    {
        try
        {
            return apply();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // A mutation that does not fit this document's shape is skipped.
            return null;
        }
    }

    public static string RandomName(Random random) => random.Next(6) switch
    {
        0 => HostileStrings[random.Next(HostileStrings.Length)],
        1 => "x" + HostileStrings[random.Next(HostileStrings.Length)] + "y",
        2 => new string('a', 500 + random.Next(1500)),
        3 => CollidingNames[random.Next(CollidingNames.Length)],
        _ => AwkwardNames[random.Next(AwkwardNames.Length)],
    };

    private static string RandomHostile(Random random) =>
        string.Concat(Enumerable.Range(0, 1 + random.Next(6)).Select(_ => HostileStrings[random.Next(HostileStrings.Length)] + " "));

    private static JsonNode? RandomValue(Random random) => random.Next(5) switch
    {
        0 => "text",
        1 => 7,
        2 => new JsonObject { ["type"] = "string" },
        3 => new JsonArray("a", "b"),
        _ => null,
    };

    private static IEnumerable<JsonNode> Nodes(JsonNode root)
    {
        var stack = new Stack<JsonNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            if (node is JsonObject obj)
            {
                foreach (var pair in obj) if (pair.Value is not null) stack.Push(pair.Value);
            }
            else if (node is JsonArray array)
            {
                foreach (var item in array) if (item is not null) stack.Push(item);
            }
        }
    }

    private static IEnumerable<JsonObject> Objects(JsonNode root) => Nodes(root).OfType<JsonObject>();

    private static bool IsAncestor(JsonNode ancestor, JsonNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (ReferenceEquals(current, ancestor)) return true;
        }
        return false;
    }

    private static void Replace(JsonNode node, JsonNode? replacement)
    {
        switch (node.Parent)
        {
            case JsonObject parent:
                string key = parent.First(p => ReferenceEquals(p.Value, node)).Key;
                parent[key] = replacement;
                break;
            case JsonArray array:
                int index = array.IndexOf(node);
                array[index] = replacement;
                break;
        }
    }

    private static void Rename(JsonObject obj, string oldKey, string newKey)
    {
        if (oldKey == newKey || obj.ContainsKey(newKey)) return;
        var entries = obj.ToList();
        obj.Clear();
        foreach (var pair in entries) obj[pair.Key == oldKey ? newKey : pair.Key] = pair.Value;
    }

    private static bool IsSwagger(JsonObject root) => root.ContainsKey("swagger");

    private static string SchemaPointer(JsonObject root) => IsSwagger(root) ? "#/definitions" : "#/components/schemas";

    private static JsonObject Schemas(JsonObject root)
    {
        if (IsSwagger(root))
        {
            if (root["definitions"] is not JsonObject definitions) root["definitions"] = definitions = new JsonObject();
            return definitions;
        }
        if (root["components"] is not JsonObject components) root["components"] = components = new JsonObject();
        if (components["schemas"] is not JsonObject schemas) components["schemas"] = schemas = new JsonObject();
        return schemas;
    }

    private static List<string> SchemaNames(JsonObject root) =>
        (IsSwagger(root) ? root["definitions"] : root["components"]?["schemas"]) is JsonObject schemas ? schemas.Select(p => p.Key).ToList() : new List<string>();

    private static string? PickSchemaName(JsonObject root, Random random)
    {
        var names = SchemaNames(root);
        return names.Count == 0 ? null : names[random.Next(names.Count)];
    }

    /// <summary>An object schema to add properties to: an existing component with properties, or a new one.</summary>
    private static JsonObject RandomSchema(JsonObject root, Random random, bool create)
    {
        var schemas = Schemas(root);
        var candidates = schemas.Where(p => p.Value is JsonObject o && o["properties"] is JsonObject).Select(p => (JsonObject)p.Value!).ToList();
        if (candidates.Count > 0 && random.Next(3) != 0) return candidates[random.Next(candidates.Count)];
        var created = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
        schemas["FuzzHolder" + random.Next(100)] = created;
        return created;
    }

    private static JsonObject Properties(JsonObject schema)
    {
        if (schema["properties"] is not JsonObject properties) schema["properties"] = properties = new JsonObject();
        return properties;
    }

    private static List<JsonObject> Operations(JsonObject root)
    {
        var result = new List<JsonObject>();
        if (root["paths"] is not JsonObject paths) return result;
        foreach (var path in paths)
        {
            if (path.Value is not JsonObject item) continue;
            foreach (var pair in item)
            {
                if (pair.Value is JsonObject operation && pair.Key is "get" or "put" or "post" or "delete" or "patch" or "head" or "options" or "trace") result.Add(operation);
            }
        }
        return result;
    }

    private static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    private static string Pointer(JsonNode node) => "#" + string.Concat(PathSegments(node).Select(s => "/" + s));

    private static IEnumerable<string> PathSegments(JsonNode node)
    {
        var segments = new List<string>();
        for (var current = node; current.Parent is not null; current = current.Parent)
        {
            segments.Add(current.Parent switch
            {
                JsonObject parent => Escape(parent.First(p => ReferenceEquals(p.Value, current)).Key),
                JsonArray array => array.IndexOf(current).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "?",
            });
        }
        segments.Reverse();
        return segments.Select(s => s.Length > 40 ? s.Substring(0, 40) + "…" : s);
    }

    private static string Kind(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind().ToString().ToLowerInvariant(),
        _ => "?",
    };

    private static int Indent(string line)
    {
        int i = 0;
        while (i < line.Length && line[i] == ' ') i++;
        return i;
    }

    /// <summary>A string shown in a report: JSON-escaped (so invisible characters are visible) and shortened.</summary>
    public static string Show(string value)
    {
        string shown = JsonSerializer.Serialize(value.Length > 60 ? value.Substring(0, 60) + "…(" + value.Length + " chars)" : value);
        return shown;
    }
}
