using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.OpenApi.YamlReader;
using SharpYaml.Serialization;
using Uploads.Generators.Parsing;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Parsing;

/// <summary>
/// The generator reads YAML straight from SharpYaml's events (<see cref="YamlTreeReader"/>). It must give the tree
/// OpenAPI.NET's own YamlConverter gives, and the key positions SharpYaml's node tree gives, on every YAML file at hand.
/// </summary>
public class YamlTreeReaderTests(ITestOutputHelper output)
{
    [Fact]
    public void TheUploadsSpecReadsAsOpenApiNetReadsIt() => AssertSameAsOpenApiNet(File.ReadAllText(Paths.UploadsSpec), Paths.UploadsSpec);

    [SkippableFact]
    public void EveryYamlFileOfTheCorpusReadsAsOpenApiNetReadsIt()
    {
        Skip.IfNot(Paths.HasCorpus, Paths.SkipReasonWithoutCorpus);
        var files = Directory.EnumerateFiles(Paths.CorpusRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 100, $"only {files.Count} YAML files under {Paths.CorpusRoot}");
        foreach (var file in files) AssertSameAsOpenApiNet(File.ReadAllText(file), file);
        output.WriteLine($"{files.Count} YAML files compared");
    }

    [Fact]
    public void ScalarsBecomeWhatOpenApiNetMakesOfThem()
    {
        const string Text = """
            plain: [1, -2.5, 1e3, 0x10, true, False, null, ~, Null, "", '', text, 2024-01-01]
            quoted: ["1", 'true', "null"]
            block: |
              two
              lines
            folded: >
              one
              line
            empty:
            """;
        AssertSameAsOpenApiNet(Text, "scalars.yaml");
        var root = (JsonObject)YamlTreeReader.Read(Text, out _)!;
        Assert.Equal(System.Text.Json.JsonValueKind.Number, root["plain"]![0]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.True, root["plain"]![4]!.GetValueKind());
        Assert.True(Microsoft.OpenApi.JsonNullSentinel.IsJsonNullSentinel(root["plain"]![6]));
        Assert.Equal("1", root["quoted"]![0]!.GetValue<string>());
        Assert.Equal("", root["empty"]!.GetValue<string>());
    }

    [Fact]
    public void AnchorsAndAliasesAreCopies()
    {
        const string Text = """
            base: &base
              type: object
              properties: { id: { type: string } }
            copy: *base
            list: [&one 1, *one, *base]
            key: &k name
            map: { *k : value }
            """;
        AssertSameAsOpenApiNet(Text, "aliases.yaml");
        var root = (JsonObject)YamlTreeReader.Read(Text, out _)!;
        Assert.NotSame(root["base"], root["copy"]);
        Assert.True(JsonNode.DeepEquals(root["base"], root["copy"]));
        Assert.Equal("value", root["map"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void OnlyTheFirstDocumentOfAStreamIsRead()
    {
        const string Text = "a: 1\n---\nb: 2\n";
        var root = (JsonObject)YamlTreeReader.Read(Text, out _)!;
        Assert.Equal(new[] { "a" }, root.Select(p => p.Key));
    }

    [Theory]
    [InlineData("a: 1\nb: 2\na: 3\n", 2, 0, "Duplicate key")]
    [InlineData("a: *nowhere\n", 0, 3, "refers to no anchor")]
    [InlineData("a: &self\n  b: *self\n", 1, 5, "refers to no anchor")]
    [InlineData("? [x, y]\n: 1\n", 0, 2, "must be a scalar")]
    public void StructureErrorsAreOag001WhereTheyAre(string body, int line, int column, string message)
    {
        var result = GeneratorHarness.Run(new SpecFile("/specs/broken.yaml", "openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: {}\nx-extra:\n" + Indent(body)));
        var d = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("OAG001", d.Id);
        Assert.Contains(message, d.GetMessage(), StringComparison.Ordinal);
        var span = d.Location.GetLineSpan();
        Assert.Equal("/specs/broken.yaml", span.Path);
        Assert.Equal((4 + line, 2 + column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    /// <summary>"Billion laughs": nine levels of ten aliases each would be a billion nodes; it is refused, quickly, as OAG001.</summary>
    [Fact]
    public void AliasExpansionIsBounded()
    {
        var text = new System.Text.StringBuilder("openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: {}\nx-l0: &l0 [lol]\n");
        for (int level = 1; level <= 9; level++)
        {
            text.Append("x-l").Append(level).Append(": &l").Append(level).Append(" [")
                .Append(string.Join(", ", Enumerable.Repeat("*l" + (level - 1), 10))).Append("]\n");
        }
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var result = GeneratorHarness.Run(new SpecFile("/specs/laughs.yaml", text.ToString()));
        output.WriteLine($"{stopwatch.ElapsedMilliseconds} ms");
        var d = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("OAG001", d.Id);
        Assert.Contains("Aliases expand to more than", d.GetMessage(), StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"{stopwatch.Elapsed}");
    }

    private static string Indent(string body) => string.Concat(body.Split('\n').Select(line => line.Length == 0 ? "\n" : "  " + line + "\n")).TrimEnd('\n') + "\n";

    /// <summary>The same tree as YamlStream + YamlConverter, and every key where SharpYaml's node tree has it.</summary>
    private static void AssertSameAsOpenApiNet(string text, string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var expected = YamlConverter.ToJsonNode(stream.Documents[0]);
        var actual = YamlTreeReader.Read(text, out var positions);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{name}: the trees differ");
        AssertPositions(stream.Documents[0].RootNode, positions!, name, "#");
    }

    private static void AssertPositions(YamlNode node, YamlPositions positions, string name, string pointer)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                Assert.NotNull(positions.Keys);
                Assert.Equal(mapping.Children.Count, positions.Keys!.Length);
                int i = 0;
                foreach (var pair in mapping.Children)
                {
                    var key = (YamlScalarNode)pair.Key;
                    string at = $"{name} {pointer}/{key.Value}";
                    Assert.True(key.Value == positions.Keys[i], $"{at}: key {positions.Keys[i]}");
                    // An alias is the anchored node itself in SharpYaml's tree (its position is the anchor's, ours the alias's).
                    if (key.Anchor is null)
                    {
                        Assert.True(key.Start.Index == positions.Starts[i], $"{at}: starts at {positions.Starts[i]}, SharpYaml says {key.Start.Index}");
                        Assert.True(Math.Max(1, key.End.Index - key.Start.Index) == positions.Lengths[i], $"{at}: length {positions.Lengths[i]}");
                    }
                    if (pair.Value is YamlMappingNode or YamlSequenceNode) AssertPositions(pair.Value, positions.Children[i]!, name, pointer + "/" + key.Value);
                    i++;
                }
                break;
            case YamlSequenceNode sequence:
                Assert.Null(positions.Keys);
                Assert.Equal(sequence.Children.Count, positions.Starts.Length);
                for (int item = 0; item < sequence.Children.Count; item++)
                {
                    var child = sequence.Children[item];
                    if (child.Anchor is not null) continue;
                    Assert.True(child.Start.Index == positions.Starts[item], $"{name} {pointer}/{item}: starts at {positions.Starts[item]}, SharpYaml says {child.Start.Index}");
                    if (child is YamlMappingNode or YamlSequenceNode) AssertPositions(child, positions.Children[item]!, name, pointer + "/" + item);
                }
                break;
        }
    }
}
