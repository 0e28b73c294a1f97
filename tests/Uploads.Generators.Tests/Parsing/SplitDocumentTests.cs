using Microsoft.CodeAnalysis;
using Uploads.Generators.Model;
using Uploads.Generators.Parsing;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Parsing;

/// <summary>
/// A document split into its frame and buckets of schemas (see <see cref="DocumentParts"/>) is read part by part and
/// assembled: the result must be the model and the diagnostics a whole read gives (these in another order), and an
/// edit must read again only the part it is in.
/// </summary>
public class SplitDocumentTests(ITestOutputHelper output)
{
    private static readonly ProjectSettings Settings = new("Test.Api", 1200);

    [Fact]
    public void TheUploadsSpecReadInPartsIsTheModelOfAWholeRead() =>
        AssertSplitReadIsWholeRead(Paths.UploadsSpec, File.ReadAllText(Paths.UploadsSpec));

    /// <summary>
    /// Every single-file document of the corpus (skipped, visibly, without the corpus): split unless it is Swagger 2.0
    /// or has no component schemas, and then read in parts as it is read whole.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(CorpusNames))]
    public void ACorpusDocumentReadInPartsIsTheModelOfAWholeRead(string name)
    {
        Skip.IfNot(Paths.HasCorpus, Paths.SkipReasonWithoutCorpus);
        var document = CorpusDocuments.Get(name);
        string text = File.ReadAllText(document.RootPath);
        var outline = OutlineReader.Read(new DocumentInput(document.RootPath, text, null, null, null), Settings, default, CancellationToken.None);
        if (!outline.Skeleton.Split)
        {
            var root = SpecSource.Load(document.RootPath, text, out _)!.Root;
            Assert.True(root["swagger"] is not null || root["components"]?["schemas"] is not System.Text.Json.Nodes.JsonObject { Count: > 0 }, name + " has component schemas, yet it is read whole");
            output.WriteLine(name + " is read whole: Swagger 2.0, or no component schemas");
            return;
        }
        AssertSplitReadIsWholeRead(document.RootPath, text);
    }

    public static TheoryData<string> CorpusNames()
    {
        var names = new TheoryData<string>();
        foreach (var document in CorpusDocuments.All.Where(d => d.FragmentsFolder is null)) names.Add(document.Name);
        return names;
    }

    /// <summary>
    /// OpenAPI.NET's rule that a discriminator's property be required looks through $refs; a bucket cannot, when they
    /// lead to a schema of another bucket. The assembled document checks what a bucket deferred: no error where the
    /// other bucket's schema has the property, the rule's error where it is nowhere.
    /// </summary>
    [Theory]
    [InlineData("kind", false)]
    [InlineData("label", true)]
    public void ADiscriminatorIsCheckedThroughSchemasOfOtherBuckets(string property, bool error)
    {
        var (union, branch) = TwoNamesInDifferentBuckets();
        string spec = $$"""
            openapi: 3.0.3
            info: { title: Pets, version: "1" }
            paths: {}
            components:
              schemas:
                {{union}}:
                  oneOf:
                    - $ref: '#/components/schemas/{{branch}}'
                  discriminator:
                    propertyName: kind
                {{branch}}:
                  type: object
                  properties:
                    {{property}}: { type: string }
                    name: { type: string }
            """;
        var diagnostics = AssertSplitReadIsWholeRead("/specs/pets.yaml", spec);
        Assert.Equal(error, diagnostics.Any(d => d.Id == "OAG002" && d.Arguments.Any(a => a.Contains("discriminator kind", StringComparison.Ordinal))));
    }

    /// <summary>An edit of one schema reads that schema's bucket again, and nothing else of the document but its outline.</summary>
    [Fact]
    public void EditingOneSchemaReadsOnlyItsBucketAgain()
    {
        var driver = RunThenEdit("upload_id:\n          type: string", "upload_id:\n          type: integer");

        Assert.Contains(TrackingSteps.Outputs(driver, TrackingNames.Splits), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(TrackingSteps.Outputs(driver, TrackingNames.Frames), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        var buckets = TrackingSteps.Outputs(driver, TrackingNames.SchemaBuckets).ToList();
        Assert.True(buckets.Count > 5, $"the Uploads spec's schemas should fill several buckets, not {buckets.Count}");
        var read = Assert.Single(buckets, o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Contains("UploadPart", ((BucketPart)read.Value).Components.Keys);
        Assert.All(buckets.Where(o => !ReferenceEquals(o.Value, read.Value)), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.Contains(TrackingSteps.Outputs(driver, TrackingNames.Models), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    /// <summary>An edit of prose only leaves the skeleton as it was: the document is not split, nor any part read, again.</summary>
    [Fact]
    public void EditingProseReadsNoPartAgain()
    {
        var driver = RunThenEdit("Use Uploads to upload large files in multiple parts.", "Use Uploads to upload big files in several parts.");

        foreach (var step in new[] { TrackingNames.Splits, TrackingNames.Frames, TrackingNames.SchemaBuckets, TrackingNames.Models })
        {
            var outputs = TrackingSteps.Outputs(driver, step).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + ": " + o.Reason));
        }
        Assert.Contains(TrackingSteps.Outputs(driver, TrackingNames.Outlines), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    /// <summary>An edit of an operation reads the frame again and no bucket of schemas.</summary>
    [Fact]
    public void EditingAnOperationReadsOnlyTheFrameAgain()
    {
        var driver = RunThenEdit("operationId: cancelUpload", "operationId: abandonUpload");

        Assert.Contains(TrackingSteps.Outputs(driver, TrackingNames.Frames), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(TrackingSteps.Outputs(driver, TrackingNames.SchemaBuckets), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.Contains("AbandonUploadAsync", string.Concat(TrackingSteps.Sources(driver).Select(s => s.Text)), StringComparison.Ordinal);
    }

    /// <summary>
    /// The buckets an edit leaves cached are linked again by the next run: linking must leave them as they were read.
    /// An allOf record, whose merge the linker makes, keeps its code exactly through an edit of a schema in another
    /// bucket, and then through an edit back.
    /// </summary>
    [Fact]
    public void AnEditLeavesTheCachedBucketsAsTheyWereRead()
    {
        var (extended, other) = TwoNamesInDifferentBuckets();
        string Spec(string type) => $$"""
            openapi: 3.0.3
            info: { title: Shapes, version: "1" }
            paths: {}
            components:
              schemas:
                Base:
                  type: object
                  required: [id]
                  properties:
                    id: { type: string }
                {{extended}}:
                  allOf:
                    - $ref: '#/components/schemas/Base'
                    - type: object
                      properties:
                        size: { type: integer }
                {{other}}:
                  type: object
                  properties:
                    label: { type: {{type}} }
            """;
        var first = new InMemoryAdditionalText("/specs/shapes.yaml", Spec("string"));
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = TrackingDriver.Create(new[] { first }).RunGenerators(compilation);
        var before = TrackingSteps.Sources(driver).Single(s => s.HintName == $"Test.Api.{extended}.g.cs").Text;
        Assert.Contains("public required string Id", before, StringComparison.Ordinal);

        var edited = new InMemoryAdditionalText("/specs/shapes.yaml", Spec("integer"));
        driver = driver.ReplaceAdditionalText(first, edited).RunGenerators(compilation);
        Assert.Contains(TrackingSteps.Outputs(driver, TrackingNames.SchemaBuckets), o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Equal(before, TrackingSteps.Sources(driver).Single(s => s.HintName == $"Test.Api.{extended}.g.cs").Text);

        driver = driver.ReplaceAdditionalText(edited, new InMemoryAdditionalText("/specs/shapes.yaml", Spec("string"))).RunGenerators(compilation);
        Assert.Equal(before, TrackingSteps.Sources(driver).Single(s => s.HintName == $"Test.Api.{extended}.g.cs").Text);
    }

    /// <summary>A document without component schemas, a Swagger 2.0 one and one with blank references are read whole.</summary>
    [Theory]
    [InlineData("openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: {}\n")]
    [InlineData("swagger: '2.0'\ninfo: { title: T, version: '1' }\npaths: {}\ndefinitions:\n  A: { type: string }\n")]
    [InlineData("openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    A: { $ref: '' }\n")]
    public void SomeDocumentsAreReadWhole(string spec)
    {
        var outline = OutlineReader.Read(new DocumentInput("/specs/whole.yaml", spec, null, null, null), Settings, default, CancellationToken.None);
        Assert.NotNull(outline.Skeleton.Fingerprint);
        Assert.False(outline.Skeleton.Split);
    }

    /// <summary>
    /// A version written as a YAML number (<c>openapi: 3.1</c>) or quoted: either way the document generates, split or
    /// whole, without an exception escaping.
    /// </summary>
    [Theory]
    [InlineData("openapi: 3.1")]
    [InlineData("openapi: 3.0")]
    [InlineData("openapi: '3.1'")]
    [InlineData("openapi: 3")]
    public void AVersionOfAnyScalarKindGeneratesWithoutAnException(string version)
    {
        string spec = version + "\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        id: { type: string }\n";
        var result = GeneratorHarness.Run(new SpecFile("/specs/version.yaml", spec));
        Assert.Null(result.RunResult.Exception);
        output.WriteLine(string.Join(Environment.NewLine, result.GeneratorDiagnostics));
        bool supported = version != "openapi: 3";
        Assert.Equal(supported, result.Output.GetTypeByMetadataName("Test.Api.Thing") is not null);
    }

    private GeneratorDriver RunThenEdit(string original, string edited)
    {
        var spec = Paths.UploadsSpecFile();
        Assert.Contains(original, spec.Text, StringComparison.Ordinal);
        var oldText = new InMemoryAdditionalText("/specs/uploads.openapi.yaml", spec.Text);
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = TrackingDriver.Create(new[] { oldText }).RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(oldText, new InMemoryAdditionalText("/specs/uploads.openapi.yaml", spec.Text.Replace(original, edited, StringComparison.Ordinal)));
        driver = driver.RunGenerators(compilation);
        Assert.Null(driver.GetRunResult().Results[0].Exception);
        return driver;
    }

    /// <summary>Two schema names that fall in different buckets, so that a $ref between them crosses buckets.</summary>
    private static (string First, string Second) TwoNamesInDifferentBuckets()
    {
        const string first = "Pet";
        foreach (var second in new[] { "Dog", "Cat", "Bird", "Fish", "Hamster" })
        {
            if (DocumentParts.BucketOf(second) != DocumentParts.BucketOf(first)) return (first, second);
        }
        throw new InvalidOperationException("no two names in different buckets");
    }

    /// <summary>Reads a document in parts and whole; asserts the same model and the same diagnostics; returns those.</summary>
    private List<DiagnosticInfo> AssertSplitReadIsWholeRead(string path, string text)
    {
        var input = new DocumentInput(path, text, null, null, null);
        var whole = DocumentParser.Parse(input, Settings, EquatableArray<FragmentFile>.Empty, CancellationToken.None);

        var outline = OutlineReader.Read(input, Settings, default, CancellationToken.None);
        Assert.True(outline.Skeleton.Split);
        var parts = DocumentParts.Split(outline.Skeleton, CancellationToken.None);
        var frame = PartReader.ReadFrame(parts.Frame, CancellationToken.None);
        var buckets = parts.Buckets.Select(bucket => PartReader.ReadBucket(bucket, CancellationToken.None)).ToEquatableArray();
        var split = ProseRestorer.Restore(PartReader.Assemble(new PartsOfDocument(outline.Skeleton, frame, buckets), frame, CancellationToken.None), outline.Prose);
        output.WriteLine($"{parts.Buckets.Count} buckets, {whole.Model?.Types.Count} types, {whole.Diagnostics.Count} diagnostics");

        Assert.NotNull(whole.Model);
        Assert.NotNull(split.Model);
        var texts = outline.Prose.Texts;
        Assert.Equal(whole.Model.Types, split.Model.Types.Select(type => ProseRestorer.Restore(type, texts)).ToEquatableArray());
        var surface = split.Model.Surface with
        {
            Clients = split.Model.Surface.Clients.Select(client => ProseRestorer.Restore(client, texts)).ToEquatableArray(),
            SecuritySchemes = ProseRestorer.Restore(split.Model.Surface.SecuritySchemes, texts),
        };
        Assert.Equal(whole.Model.Surface, surface);
        Assert.Equal(whole.Model with { Types = default, Surface = surface }, split.Model with { Types = default, Surface = surface });

        var expected = whole.Diagnostics.OrderBy(Describe, StringComparer.Ordinal).ToList();
        var actual = split.Diagnostics.OrderBy(Describe, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(Describe), actual.Select(Describe));
        Assert.Equal(expected, actual);
        return actual;
    }

    private static string Describe(DiagnosticInfo diagnostic) =>
        $"{diagnostic.Id} {diagnostic.Location?.Line}:{diagnostic.Location?.Column} {string.Join(" | ", diagnostic.Arguments)}";
}
