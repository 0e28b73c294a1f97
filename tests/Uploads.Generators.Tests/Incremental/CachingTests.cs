using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uploads.Generators.Emit;
using Uploads.Generators.Model;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Incremental;

/// <summary>
/// The incremental pipeline must do no work (every tracked step Cached or Unchanged) when nothing the generator reads
/// has changed, must redo exactly one type when one schema changes, and must never hold compiler or OpenAPI.NET objects.
/// </summary>
public class CachingTests(ITestOutputHelper output)
{
    private const string SpecPath = "/spec/uploads.openapi.yaml";

    /// <summary>Every tracked step in a first run; later runs are compared with it.</summary>
    private static readonly string[] StepsOfAFullRun =
    {
        TrackingNames.Documents, TrackingNames.Settings, TrackingNames.Outlines, TrackingNames.Splits, TrackingNames.Frames, TrackingNames.SchemaBuckets, TrackingNames.Models, TrackingNames.Results, TrackingNames.Diagnostics, TrackingNames.Prose,
        TrackingNames.Types, TrackingNames.TypeCode, TrackingNames.TypeFiles, TrackingNames.JsonContexts, TrackingNames.Runtime, TrackingNames.Support,
        TrackingNames.Capabilities, TrackingNames.Clients, TrackingNames.Servers, TrackingNames.Fragments,
    };

    [Fact]
    public void FirstRunRecordsEveryTrackedStep()
    {
        var (driver, _) = FirstRun();
        var steps = TrackingSteps.Of(driver);
        Assert.Equal(TrackingSteps.AllNames.OrderBy(n => n, StringComparer.Ordinal), StepsOfAFullRun.OrderBy(n => n, StringComparer.Ordinal));
        foreach (var name in StepsOfAFullRun)
        {
            Assert.True(steps.ContainsKey(name), $"Step {name} was not recorded; recorded: {string.Join(", ", steps.Keys)}");
            Assert.All(TrackingSteps.Outputs(driver, name), o => Assert.Equal(IncrementalStepRunReason.New, o.Reason));
        }
        Assert.True(TrackingSteps.Outputs(driver, TrackingNames.Types).Count() >= 10, "The Uploads spec should yield one Types output per generated type");
    }

    [Fact]
    public void AddingAnUnrelatedSyntaxTreeDoesNoWork()
    {
        var (driver, compilation) = FirstRun();
        var before = TrackingSteps.Sources(driver);

        var changed = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Test.Api { internal static class Unrelated { public static int Answer => 42; } }",
            GeneratorHarness.ParseOptions,
            path: "Unrelated.cs"));
        driver = driver.RunGenerators(changed);

        AssertNoWork(driver);
        Assert.Equal(before, TrackingSteps.Sources(driver));
    }

    [Fact]
    public void EditingTheExistingCSharpFileDoesNoWork()
    {
        var (driver, compilation) = FirstRun();
        var before = TrackingSteps.Sources(driver);

        var oldTree = compilation.SyntaxTrees.First();
        var newTree = oldTree.WithChangedText(oldTree.GetText().Replace(0, 0, "// an edit\n"));
        var changed = compilation.ReplaceSyntaxTree(oldTree, newTree);
        Assert.NotSame(compilation, changed);
        driver = driver.RunGenerators(changed);

        AssertNoWork(driver);
        Assert.Equal(before, TrackingSteps.Sources(driver));
    }

    /// <summary>The IDE's keystroke case on the largest document at hand: OpenAI's (2,500 types, bucketed files).</summary>
    [SkippableFact]
    public void EditingCSharpBesideOpenAIsDocumentDoesNoWork()
    {
        Skip.IfNot(Paths.HasCorpus, Paths.SkipReasonWithoutCorpus);
        var (driver, compilation) = FirstRun(new SpecFile("/corpus/openai/openapi.yaml", File.ReadAllText(Path.Combine(Paths.CorpusRoot, "openai", "openapi.yaml"))));
        var before = TrackingSteps.Sources(driver);
        Assert.True(TrackingSteps.Outputs(driver, TrackingNames.Types).Count() > 2000);

        var oldTree = compilation.SyntaxTrees.First();
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(oldTree, oldTree.WithChangedText(oldTree.GetText().Replace(0, 0, "// an edit\n"))));

        AssertNoWork(driver);
        Assert.Equal(before, TrackingSteps.Sources(driver));
    }

    [Fact]
    public void RunningAgainWithNothingChangedDoesNoWork()
    {
        var (driver, compilation) = FirstRun();
        var before = TrackingSteps.Sources(driver);

        driver = driver.RunGenerators(compilation);

        AssertNoWork(driver);
        Assert.Equal(before, TrackingSteps.Sources(driver));
    }

    /// <summary>
    /// Editing one schema re-emits only its type and changes only its file. An edit of its prose leaves the model step
    /// cached (see <see cref="Parsing.Prose"/>); any other edit runs it again, with the same outputs as the result.
    /// </summary>
    [Theory]
    [InlineData("The upload Part represents a chunk of bytes we can add to an Upload", "The upload Part represents a chunk of bytes we can append to an Upload", "we can append to an Upload", true)]
    [InlineData("upload_id:\n          type: string", "upload_id:\n          type: integer", "long UploadId", false)]
    public void EditingOneSchemaRegeneratesOnlyThatType(string original, string edited, string expected, bool proseOnly)
    {
        var spec = Paths.UploadsSpecFile();
        Assert.Equal(1, CountOf(spec.Text, original));
        var oldText = new InMemoryAdditionalText(SpecPath, spec.Text);
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = TrackingDriver.Create(new[] { oldText }).RunGenerators(compilation);
        Assert.Null(driver.GetRunResult().Results[0].Exception);
        var before = TrackingSteps.Sources(driver);
        Assert.Equal(GeneratorHarness.Run(spec).Sources.Count(), before.Count);

        driver = driver.ReplaceAdditionalText(oldText, new InMemoryAdditionalText(SpecPath, spec.Text.Replace(original, edited, StringComparison.Ordinal)));
        driver = driver.RunGenerators(compilation);

        var types = TrackingSteps.Outputs(driver, TrackingNames.Types).ToList();
        output.WriteLine(TrackingSteps.Describe(types));
        // One Types output per generated type: every file but the JSON context, the shared runtimes, the client and its options.
        Assert.Equal(before.Count(s => !s.HintName.Contains("Runtime") && !s.HintName.Contains("JsonContext") && !s.HintName.Contains("Client")), types.Count);

        var modified = types.Where(o => o.Reason == IncrementalStepRunReason.Modified).ToList();
        var item = Assert.IsType<TypeToEmit>(Assert.Single(modified).Value);
        Assert.Equal("UploadPart", item.Type.Name);

        var others = types.Where(o => o.Reason != IncrementalStepRunReason.Modified).ToList();
        Assert.All(others, o => Assert.True(
            o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached,
            $"{((TypeToEmit)o.Value).Type.Name}: {o.Reason}"));
        Assert.Equal(types.Count - 1, others.Count);

        // Only UploadPart's code was emitted again, and only its file changed.
        var code = TrackingSteps.Outputs(driver, TrackingNames.TypeCode).ToList();
        Assert.Equal(types.Count, code.Count);
        Assert.Equal("UploadPart", Assert.IsType<EmittedType>(Assert.Single(code, o => o.Reason == IncrementalStepRunReason.Modified).Value).Name);
        var files = TrackingSteps.Outputs(driver, TrackingNames.TypeFiles).ToList();
        Assert.Equal("Test.Api.UploadPart.g.cs", Assert.IsType<TypeFile>(Assert.Single(files, o => o.Reason == IncrementalStepRunReason.Modified).Value).HintName);
        Assert.All(files.Where(o => o.Reason != IncrementalStepRunReason.Modified), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));

        // The document's text was read again for its outline. After an edit of prose only, the model step stayed cached,
        // and so did the result and every output made from the model alone; the new description came in with the prose.
        Assert.Contains(TrackingSteps.Outputs(driver, TrackingNames.Outlines), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(TrackingSteps.Outputs(driver, TrackingNames.Prose), o => o.Reason == IncrementalStepRunReason.Modified);
        if (proseOnly)
        {
            foreach (var step in new[] { TrackingNames.Models, TrackingNames.Results, TrackingNames.JsonContexts, TrackingNames.Support })
            {
                Assert.All(TrackingSteps.Outputs(driver, step), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + ": " + o.Reason));
            }
        }
        else
        {
            Assert.Contains(TrackingSteps.Outputs(driver, TrackingNames.Models), o => o.Reason == IncrementalStepRunReason.Modified);
            Assert.Contains(TrackingSteps.Outputs(driver, TrackingNames.Results), o => o.Reason == IncrementalStepRunReason.Modified);
        }
        Assert.All(TrackingSteps.Outputs(driver, TrackingNames.Settings), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.All(TrackingSteps.Outputs(driver, TrackingNames.Runtime), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        // Only UploadPart's file changed.
        var after = TrackingSteps.Sources(driver);
        Assert.Equal(before.Select(s => s.HintName), after.Select(s => s.HintName));
        var changedFiles = before.Zip(after).Where(p => p.First.Text != p.Second.Text).Select(p => p.First.HintName).ToList();
        Assert.Equal(new[] { "Test.Api.UploadPart.g.cs" }, changedFiles);
        Assert.Contains(expected, after.Single(s => s.HintName == "Test.Api.UploadPart.g.cs").Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A large document's types share hashed files (see <see cref="TypeFiles"/>): editing one schema still emits only
    /// that type's code again and changes only the one file holding it; the other files stay Unchanged.
    /// </summary>
    [Fact]
    public void EditingOneSchemaOfALargeDocumentChangesOnlyTheFileHoldingIt()
    {
        var (driver, compilation, oldText) = FirstRunOfALargeDocument();
        var before = TrackingSteps.Sources(driver);
        var typeFiles = before.Where(s => s.HintName.StartsWith("Test.Api.Types.", StringComparison.Ordinal)).ToList();
        Assert.Equal(TypeFiles.BucketCount, typeFiles.Count);
        Assert.DoesNotContain(before, s => s.HintName == "Test.Api.Thing042.g.cs");
        Assert.Equal(Count, typeFiles.Sum(file => GeneratedTypes.Count(file.Text)));

        driver = driver.ReplaceAdditionalText(oldText, new InMemoryAdditionalText("/spec/large.json", ManyTypes(Count, edited: 42)));
        driver = driver.RunGenerators(compilation);

        var code = TrackingSteps.Outputs(driver, TrackingNames.TypeCode).ToList();
        Assert.Equal(Count, code.Count);
        Assert.Equal("Thing042", Assert.IsType<EmittedType>(Assert.Single(code, o => o.Reason == IncrementalStepRunReason.Modified).Value).Name);
        var files = TrackingSteps.Outputs(driver, TrackingNames.TypeFiles).ToList();
        string expectedFile = TypeFiles.BucketHintName("Test.Api", "Thing042");
        Assert.Equal(expectedFile, Assert.IsType<TypeFile>(Assert.Single(files, o => o.Reason == IncrementalStepRunReason.Modified).Value).HintName);
        Assert.All(files.Where(o => o.Reason != IncrementalStepRunReason.Modified), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));

        var after = TrackingSteps.Sources(driver);
        Assert.Equal(before.Select(s => s.HintName), after.Select(s => s.HintName));
        var changedFiles = before.Zip(after).Where(p => p.First.Text != p.Second.Text).Select(p => p.First.HintName).ToList();
        Assert.Equal(new[] { expectedFile }, changedFiles);
        Assert.Contains("Thing 42, edited.", after.Single(s => s.HintName == expectedFile).Text, StringComparison.Ordinal);
    }

    /// <summary>Adding a schema to a large document changes its hashed file and the JSON context, and no other file.</summary>
    [Fact]
    public void AddingASchemaToALargeDocumentLeavesTheOtherTypeFilesAsTheyWere()
    {
        var (driver, compilation, oldText) = FirstRunOfALargeDocument();
        var before = TrackingSteps.Sources(driver);

        driver = driver.ReplaceAdditionalText(oldText, new InMemoryAdditionalText("/spec/large.json", ManyTypes(Count + 1, edited: -1))).RunGenerators(compilation);

        var after = TrackingSteps.Sources(driver);
        Assert.Equal(before.Select(s => s.HintName), after.Select(s => s.HintName));
        var changedFiles = before.Zip(after).Where(p => p.First.Text != p.Second.Text).Select(p => p.First.HintName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        string newType = "Thing" + Count.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new[] { TypeFiles.BucketHintName("Test.Api", newType), "Test.Api.LargeJsonContext.g.cs" }.OrderBy(n => n, StringComparer.Ordinal), changedFiles);
        Assert.Contains("public sealed partial record " + newType, after.Single(s => s.HintName == TypeFiles.BucketHintName("Test.Api", newType)).Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Editing one operation (its summary) re-emits the client and the server stub of that operation's tag only; the
    /// other tag's outputs and every type stay Unchanged.
    /// </summary>
    [Fact]
    public void EditingOneOperationRegeneratesOnlyItsTagsClientAndServer()
    {
        const string Spec = """
            openapi: 3.0.3
            info: { title: Shop, version: "1" }
            paths:
              /pets/{id}:
                get:
                  operationId: getPet
                  tags: [Pets]
                  summary: Gets a pet.
                  parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                  responses: { "200": { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } } }
              /orders/{id}:
                get:
                  operationId: getOrder
                  tags: [Orders]
                  summary: Gets an order.
                  parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                  responses: { "200": { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } } }
            components:
              schemas:
                Pet: { type: object, properties: { name: { type: string } } }
                Order: { type: object, properties: { total: { type: integer } } }
            """;
        var oldText = new InMemoryAdditionalText("/spec/shop.yaml", Spec);
        var compilation = GeneratorHarness.CreateCompilation().AddReferences(AspNetCoreRoutingMarker.Value);
        var driver = TrackingDriver.Create(new[] { oldText }).RunGenerators(compilation);
        Assert.Null(driver.GetRunResult().Results[0].Exception);
        var before = TrackingSteps.Sources(driver);

        driver = driver.ReplaceAdditionalText(oldText, new InMemoryAdditionalText("/spec/shop.yaml", Spec.Replace("Gets a pet.", "Gets one pet.", StringComparison.Ordinal)));
        driver = driver.RunGenerators(compilation);

        var clients = TrackingSteps.Outputs(driver, TrackingNames.Clients).ToList();
        Assert.Equal(2, clients.Count);
        Assert.Equal("PetsClient", Assert.IsType<ClientToEmit>(Assert.Single(clients, o => o.Reason == IncrementalStepRunReason.Modified).Value).Client.Name);
        var servers = TrackingSteps.Outputs(driver, TrackingNames.Servers).ToList();
        Assert.Equal(2, servers.Count);
        Assert.Equal("PetsClient", Assert.IsType<ServerToEmit>(Assert.Single(servers, o => o.Reason == IncrementalStepRunReason.Modified).Value).Group.Name);
        foreach (var step in new[] { TrackingNames.Types, TrackingNames.TypeCode, TrackingNames.TypeFiles, TrackingNames.JsonContexts })
        {
            Assert.All(TrackingSteps.Outputs(driver, step), o => Assert.True(o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, $"{step}: {o.Reason}"));
        }

        var after = TrackingSteps.Sources(driver);
        Assert.Equal(before.Select(s => s.HintName), after.Select(s => s.HintName));
        var changedFiles = before.Zip(after).Where(p => p.First.Text != p.Second.Text).Select(p => p.First.HintName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "Test.Api.PetsApiEndpoints.g.cs", "Test.Api.PetsClient.g.cs" }, changedFiles);
    }

    /// <summary>Enough schemas for hashed type files (see <see cref="TypeFiles"/>).</summary>
    private const int Count = TypeFiles.OneFilePerTypeUpTo + 72;

    private static (GeneratorDriver Driver, Compilation Compilation, AdditionalText Text) FirstRunOfALargeDocument()
    {
        var text = new InMemoryAdditionalText("/spec/large.json", ManyTypes(Count, edited: -1));
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = TrackingDriver.Create(new[] { text }).RunGenerators(compilation);
        Assert.Null(driver.GetRunResult().Results[0].Exception);
        return (driver, compilation, text);
    }

    /// <summary>A document of <paramref name="count"/> object schemas; the one numbered <paramref name="edited"/> has an edited description.</summary>
    private static string ManyTypes(int count, int edited)
    {
        var schemas = new System.Text.Json.Nodes.JsonObject();
        for (int i = 0; i < count; i++)
        {
            schemas["Thing" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)] = new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "object",
                ["description"] = "Thing " + i + (i == edited ? ", edited." : "."),
                ["properties"] = new System.Text.Json.Nodes.JsonObject { ["id"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "string" } },
            };
        }
        return new System.Text.Json.Nodes.JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new System.Text.Json.Nodes.JsonObject { ["title"] = "Large", ["version"] = "1" },
            ["paths"] = new System.Text.Json.Nodes.JsonObject(),
            ["components"] = new System.Text.Json.Nodes.JsonObject { ["schemas"] = schemas },
        }.ToJsonString();
    }

    [Fact]
    public void TrackedStepOutputsHoldNoCompilerOrOpenApiObjects()
    {
        // The Uploads spec plus a small document with problems, so that diagnostics (with their locations) are walked too.
        const string Problems = """
            openapi: 3.0.3
            info: { title: Problems, version: "1" }
            paths: {}
            components:
              schemas:
                Thing:
                  type: object
                  required: [id, missing_name]
                  properties:
                    id: { type: string }
                    other: { $ref: '#/components/schemas/Nope' }
            """;
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(new[] { Paths.UploadsSpecFile(), new SpecFile("/specs/problems.yaml", Problems, Namespace: "Test.Problems") })
            .RunGenerators(compilation);
        Assert.Null(driver.GetRunResult().Results[0].Exception);
        Assert.Contains(driver.GetRunResult().Diagnostics, d => d.Id == "OAG006");

        // Walk a first run and an incremental one, so cached entries are covered too.
        var runs = new List<GeneratorDriver> { driver };
        runs.Add(driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { }", GeneratorHarness.ParseOptions, path: "Other.cs"))));

        var walker = new TrackingGraphWalker();
        int outputs = 0;
        foreach (var run in runs)
        {
            foreach (var (name, steps) in TrackingSteps.Of(run))
            {
                for (int s = 0; s < steps.Length; s++)
                {
                    for (int o = 0; o < steps[s].Outputs.Length; o++)
                    {
                        outputs++;
                        walker.Walk(steps[s].Outputs[o].Value, $"{name}[{s}].Outputs[{o}]");
                    }
                }
            }
        }

        output.WriteLine($"{outputs} outputs, {walker.VisitedObjects} objects, types: {string.Join(", ", walker.VisitedTypes.Select(t => t.Name).Distinct().OrderBy(n => n))}");
        Assert.True(walker.Violations.Count == 0, "Pipeline values hold forbidden objects:" + Environment.NewLine + string.Join(Environment.NewLine, walker.Violations.Take(20)));

        // The walk must actually reach the model, or it proves nothing.
        foreach (var reached in new[] { typeof(DocumentInput), typeof(ProjectSettings), typeof(ParseResult), typeof(ApiModel), typeof(TypeModel), typeof(PropertyModel), typeof(TypeRef), typeof(EnumMemberModel), typeof(TypeToEmit), typeof(EmittedType), typeof(TypeFile), typeof(DiagnosticInfo), typeof(SpecLocation) })
        {
            Assert.Contains(reached, walker.VisitedTypes);
        }
    }

    [Fact]
    public void GraphWalkerFindsForbiddenObjectsWhereverTheyHide()
    {
        // The walker itself must be able to fail: nested in tuples, arrays, enumerables, record fields and boxed structs.
        var tree = CSharpSyntaxTree.ParseText("class C { }");
        var compilation = GeneratorHarness.CreateCompilation();
        var cases = new (object Value, string Expected)[]
        {
            (compilation, nameof(Compilation)),
            ((1, ("a", tree)), nameof(SyntaxTree)),
            (new object[] { "x", new[] { tree.GetRoot() } }, nameof(SyntaxNode)),
            (new List<object> { Location.None }, nameof(Location)),
            (new Holder(new InMemoryAdditionalText("/a.yaml", "openapi: 3.0.0")), nameof(AdditionalText)),
            (new Holder(Microsoft.CodeAnalysis.Text.SourceText.From("x")), "SourceText"),
            (new Holder(compilation.GetTypeByMetadataName("System.String")!), "Symbol"),
            (new EquatableArray<Wrapper>(new[] { new Wrapper(new Holder(new Microsoft.OpenApi.OpenApiSchema())) }), "OpenApiSchema"),
            (new KeyValuePair<string, object>("k", new Microsoft.OpenApi.OpenApiDocument()), "OpenApiDocument"),
        };
        foreach (var (value, expected) in cases)
        {
            var walker = new TrackingGraphWalker();
            walker.Walk(value, "value");
            Assert.True(walker.Violations.Any(v => v.Contains(expected, StringComparison.Ordinal)), $"{expected} not found in {value.GetType()}: [{string.Join("; ", walker.Violations)}]");
        }

        var clean = new TrackingGraphWalker();
        clean.Walk(new TypeToEmit("N", EnumStyle.Enum, "N.T.g.cs", new TypeModel(TypeModelKind.Record, "T", "#/x", null, false, EquatableArray<PropertyModel>.Empty, EquatableArray<EnumMemberModel>.Empty, "T")), "clean");
        Assert.Empty(clean.Violations);
    }

    private sealed record Holder(object Value);

    private sealed record Wrapper(Holder Inner) : IEquatable<Wrapper>;

    private void AssertNoWork(GeneratorDriver driver)
    {
        var steps = TrackingSteps.Of(driver);
        var all = StepsOfAFullRun.SelectMany(name => TrackingSteps.Outputs(driver, name)).ToList();
        output.WriteLine(TrackingSteps.Describe(all));
        foreach (var name in StepsOfAFullRun)
        {
            Assert.True(steps.ContainsKey(name), $"Step {name} was not recorded; recorded: {string.Join(", ", steps.Keys)}");
            Assert.NotEmpty(TrackingSteps.Outputs(driver, name));
        }
        var worked = all.Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
        Assert.True(worked.Count == 0, "Steps that did work:" + Environment.NewLine + TrackingSteps.Describe(worked));
    }

    private static readonly Lazy<MetadataReference> AspNetCoreRoutingMarker = new(() =>
    {
        var marker = CSharpCompilation.Create(
            "Microsoft.AspNetCore.Routing",
            new[] { CSharpSyntaxTree.ParseText("namespace Microsoft.AspNetCore.Routing { public interface IEndpointRouteBuilder { } }") },
            Basic.Reference.Assemblies.Net80.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(marker.Emit(image).Success);
        return MetadataReference.CreateFromImage(image.ToArray(), filePath: "/refs/Microsoft.AspNetCore.Routing.dll");
    });

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(SpecFile? spec = null)
    {
        // A reference named like ASP.NET Core's routing assembly (what the generator looks for), so the server steps run too.
        var compilation = GeneratorHarness.CreateCompilation().AddReferences(AspNetCoreRoutingMarker.Value);
        var driver = GeneratorHarness.CreateDriver(new[] { spec ?? Paths.UploadsSpecFile() }).RunGenerators(compilation);
        var result = driver.GetRunResult().Results[0];
        Assert.Null(result.Exception);
        Assert.NotEmpty(result.GeneratedSources);
        return (driver, compilation);
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
