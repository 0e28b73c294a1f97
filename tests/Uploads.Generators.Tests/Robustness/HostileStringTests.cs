using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Robustness;

/// <summary>
/// Nothing from the spec can inject code: one document puts every hostile string into every place spec text can reach
/// generated code (title, tags, schema and property names, descriptions, enum values of both styles, consts,
/// operationIds, path/query/header parameter names, the server URL, security schemes, defaults and examples). Models,
/// clients and server stubs are generated and compiled against the real ASP.NET Core assemblies of the running
/// runtime; the result must have no error or warning, no raw line separator, bidi control or NUL, and the hostile enum
/// values and const must round-trip exactly through JSON at run time.
/// </summary>
public class HostileStringTests(ITestOutputHelper output)
{
    private const string SpecPath = "/specs/hostile.json";

    /// <summary>The issue's list, and then some: each is also used inside longer strings.</summary>
    public static readonly string[] Hostile =
    {
        "*/", "/*", "\"", "\\", "\0", "\\u0000", "#error injected", "}", "{", "} } class Injected { void M() {", "\u2028", "\u2029",
        "\u0085", "\u202E", "\u202A", "\u2066", "\u2069", "\u200E", "\u200F", "\u061C", "\uFEFF", "</summary>", "<see cref=\"X\"/>",
        "&amp;", "\r\n#error crlf", "\n#error lf", "\r#error cr", "\"); throw null; //", "@\"", "{0}", "$\"{x}\"", "\"\"\"", "'",
        "\t", "// comment", "#if false", "#region", "\\\"\\\\", "\u00A0", "\u0001\u001F\u007F", "`", "$", "@", "\U0001F600",
    };

    /// <summary>Characters that must never appear raw in a generated file (they end lines or reorder what a reader sees).</summary>
    private static readonly char[] Forbidden = { '\u2028', '\u2029', '\u0085', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\0' };

    /// <summary>All hostile strings in one, for the single-valued places (title, descriptions, const).</summary>
    public static readonly string Everything = "Start " + string.Join(" | ", Hostile) + " End";

    /// <summary>The const value the runtime check reads back: quotes, backslashes and every line ending.</summary>
    public const string ConstValue = "const \"quoted\" \\back\\slash\\ \\u0000 \n new line \r\n crlf \u2028 ls \u2029 ps \u0085 nel \u202E rlo \0 nul */ #error";

    [Theory]
    [InlineData("Enum")]
    [InlineData("Extensible")]
    public void HostileStringsEverywhereCompileWithoutWarningsAndRoundTrip(string enumStyle)
    {
        var spec = new SpecFile(SpecPath, HostileDocument(), Generate: "Models,Client,Server", EnumStyle: enumStyle);
        var compilation = GeneratorHarness.CreateRuntimeCompilation("HostileConsumer" + enumStyle);
        var driver = GeneratorHarness.CreateDriver(new[] { spec })
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        var run = driver.GetRunResult().Results.Single();
        foreach (var d in generatorDiagnostics) output.WriteLine(d.ToString());

        Assert.Null(run.Exception);
        Assert.DoesNotContain(generatorDiagnostics, d => d.Id is "CS8785" or "OAG011");
        Assert.Contains(run.GeneratedSources, s => s.HintName.EndsWith("ApiEndpoints.g.cs", StringComparison.Ordinal));
        Assert.Contains(run.GeneratedSources, s => s.HintName.EndsWith("Client.g.cs", StringComparison.Ordinal));
        Assert.Contains(run.GeneratedSources, s => s.HintName == "Test.Api.HostileEnum.g.cs");
        Assert.Contains(run.GeneratedSources, s => s.HintName == "Test.Api.Holder.g.cs");

        // Ordinal: culture-sensitive comparisons ignore format characters such as U+202E.
        foreach (var source in run.GeneratedSources)
        {
            string text = source.SourceText.ToString();
            int at = text.IndexOfAny(Forbidden);
            Assert.True(at < 0, $"{source.HintName} contains raw U+{(at < 0 ? 0 : text[at]):X4} at {at}: …{(at < 0 ? "" : JsonSerializer.Serialize(text.Substring(Math.Max(0, at - 60), Math.Min(120, text.Length - Math.Max(0, at - 60)))))}…");
        }

        // The hostile code must compile on its own, and nothing may have been injected: no type but the generated ones.
        var withDriver = generated.AddSyntaxTrees(CSharpSyntaxTree.ParseText(DriverSource(enumStyle), GeneratorHarness.ParseOptions, path: "Driver.cs"));
        using var image = new MemoryStream();
        var emit = withDriver.Emit(image);
        var problems = emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        foreach (var p in problems.Take(30)) output.WriteLine(p.ToString());
        Assert.True(emit.Success && problems.Count == 0, $"{problems.Count} error(s)/warning(s), first: {problems.FirstOrDefault()}");
        // Hostile text became names ("#error injected" is legitimately the type ErrorInjected), never code: no type
        // "Injected" from "} } class Injected {", and no preprocessor directive but the generator's own.
        Assert.Empty(generated.GetSymbolsWithName(n => n is "Injected" or "M", SymbolFilter.TypeAndMember));
        foreach (var tree in generated.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)))
        {
            var directives = tree.GetRoot().DescendantTrivia().Where(t => t.IsDirective)
                .Where(t => !t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.NullableDirectiveTrivia) && !t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.PragmaWarningDirectiveTrivia))
                .ToList();
            Assert.True(directives.Count == 0, $"{Path.GetFileName(tree.FilePath)} has directive {directives.FirstOrDefault()}");
        }

        image.Position = 0;
        var context = new AssemblyLoadContext("Hostile" + enumStyle, isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(image);
            var driverType = assembly.GetType("HostileDriver.Driver", throwOnError: true)!;

            // Every hostile enum value is its own member and goes through JSON unchanged, in both directions.
            foreach (var value in EnumValues)
            {
                Assert.Equal(value, (string)Invoke(driverType, "RoundTripKind", value)!);
            }
            Assert.Equal(EnumValues.Length, (int)Invoke(driverType, "KnownCount")!);

            // Strings to enums are exact: a value that differs by case, a space or a normalization is not a member.
            foreach (var near in new[] { "CLASS", "class ", " class", "*/ ", "e\u0301", "\u00E9" }.Where(v => !EnumValues.Contains(v, StringComparer.Ordinal)))
            {
                if (enumStyle == "Enum")
                {
                    var error = Assert.Throws<JsonException>(() => Invoke(driverType, "RoundTripKind", near));
                    Assert.Contains("$.kind", error.Message + error.Path, StringComparison.Ordinal);
                }
                else
                {
                    // Extensible keeps unknown values exactly and does not mistake them for known ones.
                    Assert.Equal(near, (string)Invoke(driverType, "RoundTripKind", near)!);
                    Assert.False((bool)Invoke(driverType, "IsKnown", near)!);
                }
            }

            // The const (3.1 const and single-valued enum) is the exact string, as a default and on the wire.
            Assert.Equal(ConstValue, (string)Invoke(driverType, "ConstDefault")!);
            Assert.Equal(ConstValue, (string)Invoke(driverType, "ConstOnTheWire")!);
            Assert.Equal(Everything, (string)Invoke(driverType, "SingleValueEnumDefault")!);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>
    /// Very long names (2,000 characters) for a schema, a property, an enum value, an operationId and a tag. C# has no
    /// limit on identifiers, but metadata does (1,023 UTF-8 bytes: CS7013), and a hint name becomes a file name when
    /// a project sets EmitCompilerGeneratedFiles (255 bytes per path component on Linux and macOS). The output must
    /// compile, or a located diagnostic must say why not.
    /// </summary>
    [Fact]
    public void VeryLongNamesCompile()
    {
        string longName = new('n', 2000);
        var schemas = new JsonObject
        {
            ["S" + longName] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["p" + longName] = new JsonObject { ["type"] = "string" },
                    ["inline" + longName] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["x"] = new JsonObject { ["type"] = "string" } } },
                    ["kind"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("e" + longName, "short") },
                },
            },
        };
        var operation = new JsonObject
        {
            ["operationId"] = "op" + longName,
            ["tags"] = new JsonArray("t" + longName),
            ["parameters"] = new JsonArray(new JsonObject { ["name"] = "q" + longName, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } }),
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "ok", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/S" + longName } } } } },
        };
        string text = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = "T" + longName, ["version"] = "1" },
            ["paths"] = new JsonObject { ["/long"] = new JsonObject { ["get"] = operation } },
            ["components"] = new JsonObject { ["schemas"] = schemas },
        }.ToJsonString();

        var result = GeneratorHarness.Run(new SpecFile("/specs/long.json", text)).AssertNoCrash(output);
        // Emit, not just GetDiagnostics: the metadata limit (CS7013) is only checked when the assembly is written.
        using var image = new MemoryStream();
        var problems = result.Output.Emit(image).Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        foreach (var p in problems.Take(10)) output.WriteLine(p.ToString().Length > 300 ? p.ToString().Substring(0, 300) + "…" : p.ToString());
        bool explained = result.GeneratorDiagnostics.Any(d => d.Id.StartsWith("OAG", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning && FuzzRunner.IsLocatedIn(d, "/specs/long.json"));
        Assert.True(problems.Count == 0 || explained, $"{problems.Count} compile problem(s) and no located diagnostic; first: {problems.FirstOrDefault()?.Id}");
        foreach (var source in result.Sources)
        {
            int bytes = System.Text.Encoding.UTF8.GetByteCount(source.HintName);
            Assert.True(bytes <= 255, $"hint name of {bytes} bytes cannot be a file name: {source.HintName.Substring(0, Math.Min(60, source.HintName.Length))}…");
        }
    }

    /// <summary>
    /// A schema named like a member that its own generated type declares or synthesizes (a record's ToString, Equals,
    /// EqualityContract, Deconstruct, PrintMembers, Clone; an Extensible enum's Value, IsKnown, Values): a type may not
    /// have a member of its own name (CS0542), so the type must be renamed or the output must say why it fails.
    /// </summary>
    [Theory]
    [InlineData("ToString", "Enum")]
    [InlineData("Equals", "Enum")]
    [InlineData("GetHashCode", "Enum")]
    [InlineData("EqualityContract", "Enum")]
    [InlineData("Deconstruct", "Enum")]
    [InlineData("PrintMembers", "Enum")]
    [InlineData("Clone", "Enum")]
    [InlineData("GetType", "Enum")]
    [InlineData("MemberwiseClone", "Enum")]
    [InlineData("Finalize", "Enum")]
    [InlineData("ToString", "Extensible")]
    [InlineData("Equals", "Extensible")]
    [InlineData("Value", "Extensible")]
    [InlineData("IsKnown", "Extensible")]
    [InlineData("Values", "Extensible")]
    [InlineData("ToWireValue", "Enum")]
    [InlineData("TryParseWireValue", "Enum")]
    public void ASchemaNamedLikeAMemberOfItsOwnTypeCompiles(string name, string enumStyle)
    {
        string text = $$"""
            openapi: 3.0.3
            info: { title: Members, version: "1" }
            paths: {}
            components:
              schemas:
                {{name}}:
                  type: object
                  properties:
                    id: { type: string }
                    kind: { $ref: '#/components/schemas/{{name}}Kind' }
                {{name}}Kind:
                  type: string
                  enum: [a, b]
                Holder:
                  type: object
                  properties:
                    record: { $ref: '#/components/schemas/{{name}}' }
                    choice:
                      type: string
                      enum: [x, y]
                    {{name}}: { type: string, enum: [p, q] }
            """;
        AssertCompiles(text, enumStyle);
    }

    /// <summary>An enum schema (both styles) named like a member of its own generated type.</summary>
    [Theory]
    [InlineData("ToString", "Extensible")]
    [InlineData("Equals", "Extensible")]
    [InlineData("GetHashCode", "Extensible")]
    [InlineData("Value", "Extensible")]
    [InlineData("IsKnown", "Extensible")]
    [InlineData("Values", "Extensible")]
    [InlineData("ToString", "Enum")]
    [InlineData("Value", "Enum")]
    public void AnEnumSchemaNamedLikeAMemberOfItsOwnTypeCompiles(string name, string enumStyle)
    {
        string text = $$"""
            openapi: 3.0.3
            info: { title: Members, version: "1" }
            paths: {}
            components:
              schemas:
                {{name}}:
                  type: string
                  enum: [a, b, {{name}}]
                Holder:
                  type: object
                  properties:
                    value: { $ref: '#/components/schemas/{{name}}' }
            """;
        AssertCompiles(text, enumStyle);
    }

    /// <summary>The members document generates without a crash and compiles without errors or warnings.</summary>
    private void AssertCompiles(string text, string enumStyle)
    {
        var result = GeneratorHarness.Run(new SpecFile("/specs/members.yaml", text, EnumStyle: enumStyle)).AssertNoCrash(output);
        var problems = result.CompilationProblems();
        foreach (var p in problems.Take(10)) output.WriteLine(p.ToString());
        Assert.Empty(problems);
    }

    /// <summary>The exact enum values of HostileEnum (distinct, as the generator dedupes ordinally).</summary>
    public static readonly string[] EnumValues = Hostile
        .Concat(new[] { "", "class", "Class", "CLASS_", "value", "Value", "Values", "IsKnown", "ToString", "Equals", "HostileEnum", "1", "-1", "+1", "a b", "a_b", "a-b", "é", "e\u0301" })
        .Concat(new[] { new string('x', 600), Everything })
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    private static object? Invoke(Type type, string method, params object?[] args)
    {
        try
        {
            return type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    private static string DriverSource(string enumStyle) => $$"""
        using System.Text.Json;
        namespace HostileDriver
        {
            public static class Driver
            {
                public static string? RoundTripKind(string wire)
                {
                    var holder = JsonSerializer.Deserialize<global::Test.Api.Holder>("{\"kind\":" + JsonSerializer.Serialize(wire) + "}")!;
                    string json = JsonSerializer.Serialize(holder);
                    using var document = JsonDocument.Parse(json);
                    return document.RootElement.GetProperty("kind").GetString();
                }

                public static int KnownCount() => {{(enumStyle == "Enum"
                    ? "System.Enum.GetValues<global::Test.Api.HostileEnum>().Length"
                    : "typeof(global::Test.Api.HostileEnum.Values).GetFields().Length")}};

                public static bool IsKnown(string wire) => {{(enumStyle == "Enum" ? "false" : "new global::Test.Api.HostileEnum(wire).IsKnown")}};

                public static string ConstDefault() => new global::Test.Api.Holder().Fixed;

                public static string SingleValueEnumDefault() => new global::Test.Api.Holder().FixedByEnum;

                public static string? ConstOnTheWire()
                {
                    using var document = JsonDocument.Parse(JsonSerializer.Serialize(new global::Test.Api.Holder()));
                    return document.RootElement.GetProperty("fixed").GetString();
                }
            }
        }
        """;

    /// <summary>The references of the running runtime: its shared frameworks (.NET and ASP.NET Core), nothing of the test's own.</summary>
    public static readonly Lazy<ImmutableArray<MetadataReference>> RuntimeReferences = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => path.Contains(Path.DirectorySeparatorChar + "Microsoft.NETCore.App" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || path.Contains(Path.DirectorySeparatorChar + "Microsoft.AspNetCore.App" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    /// <summary>The hostile document (OpenAPI 3.1, JSON so every character can be spelled exactly).</summary>
    public static string HostileDocument()
    {
        JsonNode Str(string type = "string") => new JsonObject { ["type"] = type, ["description"] = Everything, ["default"] = Everything, ["example"] = Everything };

        var holderProperties = new JsonObject
        {
            ["kind"] = new JsonObject { ["$ref"] = "#/components/schemas/HostileEnum", ["description"] = Everything },
            ["fixed"] = new JsonObject { ["type"] = "string", ["const"] = ConstValue, ["description"] = Everything },
            ["fixedByEnum"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Everything) },
            ["inlineKinds"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Hostile.Select(h => (JsonNode?)h).ToArray()) } },
        };
        foreach (var name in Hostile.Concat(new[] { Everything, new string('p', 300), "class", "Holder", "Equals", "EqualityContract" }))
        {
            if (!holderProperties.ContainsKey(name)) holderProperties[name] = Str();
        }

        var schemas = new JsonObject
        {
            ["Holder"] = new JsonObject { ["type"] = "object", ["description"] = Everything, ["title"] = Everything, ["properties"] = holderProperties, ["example"] = new JsonObject { ["kind"] = Everything } },
            ["HostileEnum"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = Everything,
                ["enum"] = new JsonArray(EnumValues.Select(v => (JsonNode?)v).ToArray()),
                ["default"] = Everything,
            },
        };
        // Schemas named by each hostile string, colliding names, keywords and BCL type names.
        foreach (var name in Hostile.Concat(new[] { Everything, new string('S', 300), "class", "System", "String", "Task", "Exception", "JsonElement", "Object", "Attribute", "Type", "a b", "A_B", "a-b", "Holder2" }))
        {
            if (schemas.ContainsKey(name)) continue;
            schemas[name] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = Everything,
                ["properties"] = new JsonObject { [name] = Str(), ["other" + name] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(name, name + "2", Everything) } },
            };
        }

        JsonObject Parameter(string name, string location, bool required) => new()
        {
            ["name"] = name,
            ["in"] = location,
            ["required"] = required,
            ["description"] = Everything,
            ["schema"] = Str(),
            ["example"] = Everything,
        };

        var paths = new JsonObject();
        int index = 0;
        foreach (var hostile in Hostile.Append(Everything))
        {
            string pathParameter = "id" + index;
            var parameters = new JsonArray
            {
                Parameter(pathParameter, "path", true),
                Parameter(hostile, "query", false),
                Parameter("q" + hostile, "query", true),
                Parameter("X-" + hostile, "header", false),
                Parameter(hostile + "c", "cookie", false),
            };
            var operation = new JsonObject
            {
                ["operationId"] = hostile,
                ["summary"] = Everything,
                ["description"] = Everything,
                ["tags"] = new JsonArray(index % 3 == 0 ? NotBlank(hostile) : index % 3 == 1 ? Everything : "plain"),
                ["parameters"] = parameters,
                ["requestBody"] = new JsonObject
                {
                    ["description"] = Everything,
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Holder" }, ["example"] = Everything } },
                },
                ["responses"] = new JsonObject
                {
                    ["200"] = new JsonObject
                    {
                        ["description"] = Everything,
                        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Holder" } } },
                    },
                    ["4XX"] = new JsonObject
                    {
                        ["description"] = Everything,
                        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/" + JsonPointerEscape(ReferableName(index)) } } },
                    },
                },
                ["security"] = new JsonArray(new JsonObject { [Everything] = new JsonArray() }, new JsonObject { ["bearer \"*/"] = new JsonArray() }),
            };
            // The path's literal text is hostile too (kept free of '/', '{' and '}', which structure the template).
            string literal = hostile.Replace("/", "").Replace("{", "").Replace("}", "");
            paths["/items" + index + "/" + literal + "/{" + pathParameter + "}"] = new JsonObject { [index % 2 == 0 ? "post" : "put"] = operation };
            index++;
        }

        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = Everything, ["description"] = Everything, ["version"] = Everything },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "https://example.com/\"*/\\\u2028\u202E#error/{v}", ["description"] = Everything, ["variables"] = new JsonObject { ["v"] = new JsonObject { ["default"] = Everything } } }),
            ["tags"] = new JsonArray(Hostile.Select(h => (JsonNode?)new JsonObject { ["name"] = h, ["description"] = Everything }).ToArray()),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    [Everything] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = Everything, ["description"] = Everything },
                    ["bearer \"*/"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["description"] = Everything },
                    ["query\u2028key"] = new JsonObject { ["type"] = "apiKey", ["in"] = "query", ["name"] = "k\"*/\\", ["description"] = Everything },
                    ["cookie}{"] = new JsonObject { ["type"] = "apiKey", ["in"] = "cookie", ["name"] = "c\"*/\\;=", ["description"] = Everything },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["query\u2028key"] = new JsonArray() }, new JsonObject { ["cookie}{"] = new JsonArray() }),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string JsonPointerEscape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    /// <summary>
    /// A hostile schema name to $ref. Whitespace-only names (and tags) are left to <see cref="AReferenceToANameOfWhitespaceCostsOnlyThatReference"/>:
    /// OpenAPI.NET throws on them, which would hide everything else this test checks.
    /// </summary>
    private static string NotBlank(string name) => string.IsNullOrWhiteSpace(name) ? "x" + name + "x" : name;

    private static string ReferableName(int index)
    {
        for (int i = index; ; i++)
        {
            string name = Hostile[i % Hostile.Length];
            if (!string.IsNullOrWhiteSpace(name)) return name;
        }
    }

    /// <summary>
    /// A schema or tag named by whitespace alone (a tab, U+00A0, U+2028…) is a legal JSON key and string, so a document
    /// may name and reference it. That one reference may cost its own item (OAG005 and JsonElement, or the default
    /// client), never the whole document.
    /// </summary>
    [Theory]
    [InlineData("schema", "\t")]
    [InlineData("schema", "\u00A0")]
    [InlineData("schema", "\u2028")]
    [InlineData("schema", " ")]
    [InlineData("tag", "\t")]
    [InlineData("tag", "\u0085")]
    [InlineData("tag", " ")]
    public void AReferenceToANameOfWhitespaceCostsOnlyThatReference(string place, string name)
    {
        var pet = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["id"] = new JsonObject { ["type"] = "string" } } };
        var schemas = new JsonObject { ["Pet"] = pet, [name] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["a"] = new JsonObject { ["type"] = "string" } } } };
        if (place == "schema") pet["properties"]!["odd"] = new JsonObject { ["$ref"] = "#/components/schemas/" + name };
        var operation = new JsonObject
        {
            ["operationId"] = "getPet",
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "ok", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Pet" } } } } },
        };
        if (place == "tag") operation["tags"] = new JsonArray(name);
        string text = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = "Whitespace", ["version"] = "1" },
            ["paths"] = new JsonObject { ["/pet"] = new JsonObject { ["get"] = operation } },
            ["components"] = new JsonObject { ["schemas"] = schemas },
        }.ToJsonString();
        var result = GeneratorHarness.Run(new SpecFile("/specs/whitespace.json", text)).AssertNoCrash(output);
        Assert.Contains(result.Sources, s => s.HintName == "Test.Api.Pet.g.cs");
        Assert.Contains(result.Sources, s => s.HintName.EndsWith("Client.g.cs", StringComparison.Ordinal));
        Assert.Empty(result.CompilationProblems());
    }
}
