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
    public void TheUploadsSpecReadsAsOpenApiNetReadsIt() =>
        Assert.True(AssertSameAsOpenApiNet(File.ReadAllText(Paths.UploadsSpec), Paths.UploadsSpec), "the fast reader should take the Uploads spec");

    [SkippableFact]
    public void EveryYamlFileOfTheCorpusReadsAsOpenApiNetReadsIt()
    {
        Skip.IfNot(Paths.HasCorpus, Paths.SkipReasonWithoutCorpus);
        var files = Directory.EnumerateFiles(Paths.CorpusRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 100, $"only {files.Count} YAML files under {Paths.CorpusRoot}");
        var fast = files.Where(file => AssertSameAsOpenApiNet(File.ReadAllText(file), file)).ToList();
        output.WriteLine($"{files.Count} YAML files compared; the fast reader took {fast.Count}; SharpYaml read these:");
        foreach (var file in files.Except(fast).Take(40))
        {
            string text = File.ReadAllText(file);
            YamlFastReader.TryRead(text, out _, out int at);
            int line = text.Take(Math.Min(at, text.Length)).Count(c => c == '\n');
            output.WriteLine($"  {Path.GetRelativePath(Paths.CorpusRoot, file)} (gave up at line {line + 1}: {text.Split('\n').ElementAtOrDefault(line)?.Trim()})");
        }
        // The documents the benchmarks measure must stay on the fast path.
        string openAI = Path.Combine(Paths.CorpusRoot, "openai", "openapi.yaml");
        YamlFastReader.TryRead(File.ReadAllText(openAI), out _, out int openAIAt);
        Assert.True(fast.Contains(openAI), $"the fast reader gave up on OpenAI's document at offset {openAIAt}");
        Assert.True(fast.Count > files.Count * 9 / 10, $"the fast reader took only {fast.Count} of {files.Count} files");
    }

    /// <summary>
    /// Mutations of real documents (lines dropped, repeated, re-indented; characters deleted, inserted or replaced by
    /// YAML's indicators): whenever the fast reader takes a text, it reads what SharpYaml reads, and it never takes a
    /// text SharpYaml refuses. Fixed seed, so a failure repeats.
    /// </summary>
    [SkippableFact]
    public void MutatedDocumentsReadAsSharpYamlReadsThemOrAreLeftToIt()
    {
        var sources = new List<string> { File.ReadAllText(Paths.UploadsSpec) };
        if (Paths.HasCorpus)
        {
            foreach (var name in new[] { "oai-examples/v3.0/petstore-expanded.yaml", "openapi-generator-tests/3_1/java-petstore.yaml", "twilio/twilio_lookups_v2.yaml", "openapi-generator-tests/composed-enum.yaml" })
            {
                sources.Add(File.ReadAllText(Path.Combine(Paths.CorpusRoot, name)));
            }
        }
        // YAML_MUTATION_ROUNDS / YAML_MUTATION_SEED run a longer or different campaign (as FUZZ_CASES does for the fuzz tests).
        int rounds = int.TryParse(Environment.GetEnvironmentVariable("YAML_MUTATION_ROUNDS"), out int r) ? r : 2000;
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("YAML_MUTATION_SEED"), out int seed) ? seed : 20261126);
        const string Indicators = ":-?#&*!|>'\"%@`[]{},\n \\";
        int taken = 0, refusedByBoth = 0, leftToSharpYaml = 0;
        for (int round = 0; round < rounds; round++)
        {
            var lines = sources[round % sources.Count].Split('\n').ToList();
            for (int edits = 1 + random.Next(3); edits > 0; edits--)
            {
                int at = random.Next(lines.Count);
                string line = lines[at];
                switch (random.Next(6))
                {
                    case 0: lines.RemoveAt(at); break;
                    case 1: lines.Insert(at, line); break;
                    case 2: lines[at] = "  " + line; break;
                    case 3: lines[at] = line.Length > 1 ? line.Remove(random.Next(line.Length), 1) : line; break;
                    case 4: lines[at] = line.Insert(random.Next(line.Length + 1), Indicators[random.Next(Indicators.Length)].ToString()); break;
                    default: lines[at] = line.Length > 0 ? line.Remove(random.Next(line.Length), 1).Insert(0, Indicators[random.Next(Indicators.Length)].ToString()) : line; break;
                }
            }
            string text = string.Join("\n", lines);
            JsonNode? expected = null;
            YamlPositions? expectedPositions = null;
            bool readable;
            try
            {
                expected = YamlTreeReader.ReadWithSharpYaml(text, out expectedPositions);
                readable = expected is JsonObject;
            }
            catch (SharpYaml.YamlException)
            {
                readable = false;
            }
            var fast = YamlFastReader.TryRead(text, out var fastPositions);
            if (!readable)
            {
                Assert.True(fast is null, $"round {round}: the fast reader took a text SharpYaml refuses:\n{text}");
                refusedByBoth++;
                continue;
            }
            if (fast is null)
            {
                leftToSharpYaml++;
                continue;
            }
            taken++;
            Assert.True(JsonNode.DeepEquals(expected, fast), $"round {round}: {FirstDifference(expected, fast, "#")}\n{text}");
            AssertSamePositions(expectedPositions!, fastPositions!, $"round {round}", "#");
        }
        output.WriteLine($"fast reader took {taken}, left {leftToSharpYaml} to SharpYaml; {refusedByBoth} refused by both");
        Assert.True(taken > rounds / 20 && refusedByBoth > rounds / 40, "the mutations should exercise both outcomes");
    }

    private static void AssertSamePositions(YamlPositions expected, YamlPositions actual, string name, string pointer) =>
        AssertSamePositions(expected.Root, actual.Root, name, pointer);

    private static void AssertSamePositions(YamlContainer expected, YamlContainer actual, string name, string pointer)
    {
        Assert.True(expected.Start == actual.Start, $"{name} {pointer}: starts at {actual.Start}, expected {expected.Start}");
        Assert.True(expected.Count == actual.Count, $"{name} {pointer}: {actual.Count} entries, expected {expected.Count}");
        for (int i = 0; i < expected.Count; i++)
        {
            string at = pointer + "/" + (expected.KeyAt(i) ?? i.ToString());
            Assert.True(expected.KeyAt(i) == actual.KeyAt(i), $"{name} {at}: key {actual.KeyAt(i)}");
            Assert.True(expected.StartAt(i) == actual.StartAt(i), $"{name} {at}: starts at {actual.StartAt(i)}, expected {expected.StartAt(i)}");
            Assert.True(expected.LengthAt(i) == actual.LengthAt(i), $"{name} {at}: length {actual.LengthAt(i)}, expected {expected.LengthAt(i)}");
            Assert.Equal(expected.ChildAt(i) is null, actual.ChildAt(i) is null);
            if (expected.ChildAt(i) is { } child) AssertSamePositions(child, actual.ChildAt(i)!.Value, name, at);
        }
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

    [Theory]
    [InlineData("a: |\n  text")]
    [InlineData("a: |-\n  text")]
    [InlineData("a: |+\n  text\n\n")]
    [InlineData("a: >\n  one\n  two\n\n  three\n    indented\n  four\nb: x\n")]
    [InlineData("a: |2-\n    two more\n   one more\nb: x\n")]
    [InlineData("a: >1\n  lead\n b\n")]
    [InlineData("a: |+\n    \nb: x\n")]
    [InlineData("a:\n- x\n- y\nb: [1, 'two', \"th\\u00e9\", {c: d}]\nc: {e: [f, g], 'h': i}\n")]
    [InlineData("a: plain\n  folded\n\n  twice\n# comment\nb: \"quoted\n  folded \\\n  escaped\"\n")]
    [InlineData("---\n'200': {description: OK}\n\"x y\": 'it''s'\n? z\n")]
    public void BlockScalarsAndOtherCornersReadAsSharpYamlReadsThem(string text)
    {
        bool readable;
        try
        {
            readable = YamlTreeReader.ReadWithSharpYaml(text, out _) is JsonObject;
        }
        catch (SharpYaml.YamlException)
        {
            readable = false;
        }
        if (readable) AssertSameAsOpenApiNet(text, text);
        else Assert.Null(YamlFastReader.TryRead(text, out _));
    }

    /// <summary>
    /// Explicit keys ("? key", then ": value" at the same column), as PyYAML writes keys over 128 characters (Twilio's
    /// documents): the fast reader takes a key that is one scalar on its line, with any value; the rest goes to SharpYaml.
    /// Either way the tree and the positions are SharpYaml's.
    /// </summary>
    [Theory]
    [InlineData("a: 1\n? long.key.name\n: type: object\n  properties:\n    id: {type: string}\nb: 2\n", true)]
    [InlineData("? first\n: value\nsecond: 2\n", true)]
    [InlineData("outer:\n  ? 'quoted key'\n  :\n    nested: 1\n  next: [1, 2]\n", true)]
    [InlineData("a:\n  ? k # a comment\n  : \"v\"\n", true)]
    [InlineData("a:\n  ? k\n\n  : - x\n    - y\n", false)]
    [InlineData("a:\n  ? k\n    continued\n  : v\n", false)]
    [InlineData("a:\n  ? k\n  b: 1\n", false)]
    [InlineData("? k\n", false)]
    [InlineData("? [a, b]\n: v\n", false)]
    public void ExplicitKeysReadAsSharpYamlReadsThem(string text, bool fast)
    {
        bool readable;
        try
        {
            readable = YamlTreeReader.ReadWithSharpYaml(text, out _) is JsonObject;
        }
        catch (SharpYaml.YamlException)
        {
            readable = false;
        }
        if (readable) Assert.Equal(fast, AssertSameAsOpenApiNet(text, text));
        else Assert.Null(YamlFastReader.TryRead(text, out _));
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

    /// <summary>
    /// JSON's duplicate keys are found within one object only: sibling objects (which share one set of seen keys per
    /// depth) may repeat each other's keys, and a duplicate deep under arrays is found where it is.
    /// </summary>
    [Theory]
    [InlineData("""{ "a": [{ "k": 1, "j": 2 }, { "k": 3 }], "b": { "k": 4 } }""", null, 0)]
    [InlineData("""{ "a": [[{ "k": 1 }], { "x": [{ "k": 2, "k": 3 }] }] }""", "k", 40)]
    [InlineData("""{ "a": { "k": 1 }, "b": { "k": 2 }, "a": 3 }""", "a", 36)]
    public void JsonDuplicateKeysAreFoundPerObject(string extra, string? duplicate, int column)
    {
        string text = "{ \"openapi\": \"3.0.3\", \"info\": { \"title\": \"T\", \"version\": \"1\" }, \"paths\": {},\n\"x-extra\": " + extra + " }";
        var result = GeneratorHarness.Run(new SpecFile("/specs/keys.json", text));
        if (duplicate is null)
        {
            Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "OAG001");
            return;
        }
        var d = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("OAG001", d.Id);
        Assert.Contains("Duplicate key '" + duplicate + "'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Equal((1, 11 + column), (d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character));
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

    /// <summary>
    /// The same tree as YamlStream + YamlConverter, and every key where SharpYaml's node tree has it: through SharpYaml's
    /// events, and through the fast reader when it takes the text. True when the fast reader took it.
    /// </summary>
    private static bool AssertSameAsOpenApiNet(string text, string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var expected = YamlConverter.ToJsonNode(stream.Documents[0]);
        var actual = YamlTreeReader.ReadWithSharpYaml(text, out var positions);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{name}: the trees differ");
        AssertPositions(stream.Documents[0].RootNode, positions!, name, "#");

        var fast = YamlFastReader.TryRead(text, out var fastPositions);
        if (fast is null) return false;
        Assert.True(JsonNode.DeepEquals(expected, fast), $"{name}: the fast reader's tree differs: {FirstDifference(expected, fast, "#")}");
        AssertPositions(stream.Documents[0].RootNode, fastPositions!, name + " (fast)", "#");
        return true;
    }

    private static string FirstDifference(JsonNode? expected, JsonNode? actual, string pointer)
    {
        if (expected is JsonObject eo && actual is JsonObject ao)
        {
            if (!eo.Select(p => p.Key).SequenceEqual(ao.Select(p => p.Key))) return $"{pointer}: keys [{string.Join(",", eo.Select(p => p.Key))}] vs [{string.Join(",", ao.Select(p => p.Key))}]";
            foreach (var pair in eo)
            {
                if (!JsonNode.DeepEquals(pair.Value, ao[pair.Key])) return FirstDifference(pair.Value, ao[pair.Key], pointer + "/" + pair.Key);
            }
        }
        if (expected is JsonArray ea && actual is JsonArray aa && ea.Count == aa.Count)
        {
            for (int i = 0; i < ea.Count; i++)
            {
                if (!JsonNode.DeepEquals(ea[i], aa[i])) return FirstDifference(ea[i], aa[i], pointer + "/" + i);
            }
        }
        return $"{pointer}: {expected?.ToJsonString()} vs {actual?.ToJsonString()}";
    }

    private static void AssertPositions(YamlNode node, YamlPositions positions, string name, string pointer) =>
        AssertPositions(node, positions.Root, name, pointer);

    private static void AssertPositions(YamlNode node, YamlContainer positions, string name, string pointer)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                Assert.True(positions.Count == 0 || positions.HasKeys, $"{name} {pointer}: a mapping without keys");
                Assert.True(mapping.Start.Index == positions.Start, $"{name} {pointer}: mapping starts at {positions.Start}, SharpYaml says {mapping.Start.Index}");
                Assert.Equal(mapping.Children.Count, positions.Count);
                int i = 0;
                foreach (var pair in mapping.Children)
                {
                    var key = (YamlScalarNode)pair.Key;
                    string at = $"{name} {pointer}/{key.Value}";
                    Assert.True(key.Value == positions.KeyAt(i), $"{at}: key {positions.KeyAt(i)}");
                    // An alias is the anchored node itself in SharpYaml's tree (its position is the anchor's, ours the alias's).
                    if (key.Anchor is null)
                    {
                        Assert.True(key.Start.Index == positions.StartAt(i), $"{at}: starts at {positions.StartAt(i)}, SharpYaml says {key.Start.Index}");
                        Assert.True(Math.Max(1, key.End.Index - key.Start.Index) == positions.LengthAt(i), $"{at}: length {positions.LengthAt(i)}");
                    }
                    if (pair.Value is YamlMappingNode or YamlSequenceNode) AssertPositions(pair.Value, positions.ChildAt(i)!.Value, name, pointer + "/" + key.Value);
                    i++;
                }
                break;
            case YamlSequenceNode sequence:
                Assert.False(positions.HasKeys, $"{name} {pointer}: a sequence with keys");
                Assert.True(sequence.Start.Index == positions.Start, $"{name} {pointer}: sequence starts at {positions.Start}, SharpYaml says {sequence.Start.Index}");
                Assert.Equal(sequence.Children.Count, positions.Count);
                for (int item = 0; item < sequence.Children.Count; item++)
                {
                    var child = sequence.Children[item];
                    if (child.Anchor is not null) continue;
                    Assert.True(child.Start.Index == positions.StartAt(item), $"{name} {pointer}/{item}: starts at {positions.StartAt(item)}, SharpYaml says {child.Start.Index}");
                    Assert.True(positions.LengthAt(item) == 1, $"{name} {pointer}/{item}: an item is shown by its first character");
                    if (child is YamlMappingNode or YamlSequenceNode) AssertPositions(child, positions.ChildAt(item)!.Value, name, pointer + "/" + item);
                }
                break;
        }
    }
}
