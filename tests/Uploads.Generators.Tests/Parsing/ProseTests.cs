using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Uploads.Generators.Model;
using Uploads.Generators.Parsing;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Parsing;

/// <summary>
/// Descriptions and summaries are read as tokens and put back afterwards (<see cref="Prose"/>), so that an edit of prose
/// leaves the model step cached. The result must be exactly what reading the document directly gives, model and
/// diagnostics, on every document at hand and after edits of its prose.
/// </summary>
public class ProseTests(ITestOutputHelper output)
{
    private static readonly ProjectSettings Settings = new("Test.Api", 1200);

    [Fact]
    public void TheUploadsSpecReadThroughItsOutlineIsTheDirectRead()
    {
        var outline = AssertSameAsDirectRead(new DocumentInput("/spec/uploads.openapi.yaml", File.ReadAllText(Paths.UploadsSpec), null, null, null));
        Assert.NotNull(outline.Skeleton.Fingerprint);
        Assert.Contains(outline.Prose.Texts, text => text.StartsWith("The upload Part represents a chunk of bytes", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void EveryCorpusDocumentReadThroughItsOutlineIsTheDirectRead()
    {
        Skip.IfNot(Paths.HasCorpus, Paths.SkipReasonWithoutCorpus);
        int tokenized = 0;
        foreach (var document in CorpusDocuments.All)
        {
            var files = CorpusDocuments.Files(document);
            var fragments = files.Skip(1).Select(f => new FragmentFile(f.Path, f.Text)).ToEquatableArray();
            var outline = AssertSameAsDirectRead(new DocumentInput(files[0].Path, files[0].Text, null, null, null), fragments);
            output.WriteLine($"{document.Name}: {(outline.Skeleton.Fingerprint is null ? "read directly" : outline.Prose.Texts.Count + " prose texts")}");
            if (outline.Skeleton.Fingerprint is not null) tokenized++;
        }
        Assert.Equal(CorpusDocuments.All.Count, tokenized);
    }

    /// <summary>
    /// Every document of the corpus, with up to five of its one-line prose texts edited in place (those written verbatim
    /// once in its text): when the skeleton stayed the same, the cached model with the new prose is the direct read.
    /// </summary>
    [SkippableFact]
    public void CorpusDocumentsAfterProseEditsAreTheDirectReadOfTheEditedText()
    {
        Skip.IfNot(Paths.HasCorpus, Paths.SkipReasonWithoutCorpus);
        int kept = 0, moved = 0;
        foreach (var document in CorpusDocuments.All)
        {
            var files = CorpusDocuments.Files(document);
            var fragments = files.Skip(1).Select(f => new FragmentFile(f.Path, f.Text)).ToEquatableArray();
            var (path, text) = (files[0].Path, files[0].Text);
            var before = OutlineReader.Read(new DocumentInput(path, text, null, null, null), Settings, fragments, CancellationToken.None);
            var draft = DocumentParser.Parse(before.Skeleton, CancellationToken.None);
            var candidates = before.Prose.Texts
                .Where(t => t.Length > 20 && t.IndexOf('\n') < 0 && text.IndexOf(t, StringComparison.Ordinal) is int at && at >= 0 && text.IndexOf(t, at + 1, StringComparison.Ordinal) < 0)
                .ToList();
            foreach (var prose in candidates.Where((_, i) => i % Math.Max(1, candidates.Count / 5) == 0).Take(5))
            {
                string edited = ReplaceOnce(text, prose, prose + " (edited)");
                var input = new DocumentInput(path, edited, null, null, null);
                var after = OutlineReader.Read(input, Settings, fragments, CancellationToken.None);
                TreeHandoff.Take(path, edited);
                if (!before.Skeleton.Equals(after.Skeleton))
                {
                    moved++;
                    continue;
                }
                kept++;
                AssertSame(DocumentParser.Parse(input, Settings, fragments, CancellationToken.None), Restored(draft, after.Prose), document.Name + ": " + prose);
            }
        }
        output.WriteLine($"{kept} edits kept the skeleton (result compared with the direct read), {moved} moved a key");
        Assert.True(kept >= 3 * CorpusDocuments.All.Count, $"only {kept} of the edits kept the skeleton ({moved} did not)");
    }

    /// <summary>Prose edits of OpenAI's document: the skeleton (and so the cached model) stays, the result is the direct read's.</summary>
    [SkippableFact]
    public void OpenAIsDocumentAfterProseEditsIsTheDirectReadOfTheEditedText()
    {
        Skip.IfNot(Paths.HasCorpus, Paths.SkipReasonWithoutCorpus);
        var path = CorpusDocuments.Get("openai/openapi.yaml").RootPath;
        string text = File.ReadAllText(path);
        var before = OutlineReader.Read(new DocumentInput(path, text, null, null, null), Settings, default, CancellationToken.None);
        TreeHandoff.Take(path, text); // the model step reads the text itself here; the other tests cover the handoff too
        var draft = DocumentParser.Parse(before.Skeleton, CancellationToken.None);
        Assert.NotEmpty(draft.Result.Diagnostics);

        foreach (var (find, replace) in new[]
        {
            ("The Unix timestamp (in seconds) for when the Upload was created.", "The Unix timestamp (in seconds) for when the Upload was created (edited)."),
            ("Cancels the Upload. No Parts may be added after an Upload is cancelled.", "Cancels the Upload; no Parts may be added after that."),
            ("The name of the file to be uploaded.", "The name of the file to upload, longer than it was before."),
        })
        {
            string edited = ReplaceOnce(text, find, replace);
            var input = new DocumentInput(path, edited, null, null, null);
            var after = OutlineReader.Read(input, Settings, default, CancellationToken.None);
            Assert.Equal(before.Skeleton, after.Skeleton);
            Assert.NotEqual(before.Prose, after.Prose);
            AssertSame(DocumentParser.Parse(input, Settings, default, CancellationToken.None), Restored(draft, after.Prose), find);
        }
    }

    [Fact]
    public void ProseEditsBeforeADiagnosticMoveItsOffsetWithTheText()
    {
        string text = WithAMissingReference;
        string edited = text.Replace("Short.", "Much longer than it was before, on the same line.", StringComparison.Ordinal);
        var before = OutlineReader.Read(new DocumentInput("/doc.yaml", text, null, null, null), Settings, default, CancellationToken.None);
        var input = new DocumentInput("/doc.yaml", edited, null, null, null);
        var after = OutlineReader.Read(input, Settings, default, CancellationToken.None);
        Assert.Equal(before.Skeleton, after.Skeleton);

        var restored = Restored(DocumentParser.Parse(before.Skeleton, CancellationToken.None), after.Prose);
        var direct = DocumentParser.Parse(input, Settings, default, CancellationToken.None);
        var diagnostic = Assert.Single(direct.Diagnostics, d => d.Id == "OAG005");
        Assert.Equal(edited.IndexOf("$ref: '#/components/schemas/Missing'", StringComparison.Ordinal), diagnostic.Location!.Start);
        AssertSame(direct, restored, "the longer description");
    }

    /// <summary>
    /// Through the driver: after an edit of prose or of a comment before it, the diagnostic of a model that stayed cached
    /// is reported where a fresh run on the edited text reports it (span and line), and the model step did not run.
    /// </summary>
    [Theory]
    [InlineData("description: Short.", "description: Much longer than it was before, on the same line.")]
    [InlineData("type: object", "type: object # a comment that moves what follows on this line")]
    public void DiagnosticsOfACachedModelAreWhereAFreshRunPutsThem(string find, string replace)
    {
        string text = WithAMissingReference;
        string edited = ReplaceOnce(text, find, replace);
        var original = new InMemoryAdditionalText("/spec/doc.yaml", text);
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = TrackingDriver.Create(new[] { original }).RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(original, new InMemoryAdditionalText("/spec/doc.yaml", edited)).RunGenerators(compilation);
        Assert.All(TrackingSteps.Outputs(driver, TrackingNames.Models), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        var fresh = TrackingDriver.Create(new[] { new InMemoryAdditionalText("/spec/doc.yaml", edited) }).RunGenerators(compilation);
        string Where(GeneratorDriver run) => string.Join("; ", run.GetRunResult().Diagnostics
            .Select(d => $"{d.Id} {d.Location.SourceSpan} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.Contains("OAG005", Where(fresh), StringComparison.Ordinal);
        Assert.Equal(Where(fresh), Where(driver));
        int at = edited.IndexOf("$ref: '#/components/schemas/Missing'", StringComparison.Ordinal);
        Assert.Contains($"[{at}..", Where(driver), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Short.", "Short,\n          and now on two lines.")]
    [InlineData("Short.", "''")]
    [InlineData("description: Short.", "title: Short.")]
    [InlineData("Upload:", "Uploaded:")]
    public void EditsBeyondProseChangeTheSkeleton(string find, string replace)
    {
        string text = Document("""
                    description: Short.
                    properties:
                      part:
                        type: string
            """);
        var before = OutlineReader.Read(new DocumentInput("/doc.yaml", text, null, null, null), Settings, default, CancellationToken.None);
        var after = OutlineReader.Read(new DocumentInput("/doc.yaml", ReplaceOnce(text, find, replace), null, null, null), Settings, default, CancellationToken.None);
        Assert.NotNull(after.Skeleton.Fingerprint);
        Assert.NotEqual(before.Skeleton, after.Skeleton);
    }

    [Fact]
    public void OnlyTheProseOfOpenApiAndSchemaObjectsIsTokenized()
    {
        string text = Document("""
                    description: Kept as prose.
                    discriminator:
                      propertyName: kind
                      mapping:
                        description: '#/components/schemas/Upload'
                    x-notes:
                      description: An extension's value.
                    example:
                      description: An example's value.
                    properties:
                      description:
                        type: string
                        summary: A property's prose.
                        default: A default.
            """);
        var source = SpecSource.Load("/doc.yaml", text, out var error)!;
        Assert.Null(error);
        var texts = Prose.Tokenize(source.Root);
        Assert.Equal(new[] { "The API.", "Kept as prose.", "A property's prose." }, texts);
        var upload = source.Root["components"]!["schemas"]!["Upload"]!;
        Assert.Equal("#/components/schemas/Upload", (string?)upload["discriminator"]!["mapping"]!["description"]);
        Assert.Equal("An extension's value.", (string?)upload["x-notes"]!["description"]);
        Assert.Equal("An example's value.", (string?)upload["example"]!["description"]);
        Assert.Equal(Prose.TokenMark + "1" + Prose.TokenMark, (string?)upload["description"]);
        Assert.Equal("'The API.' then 'Kept as prose.', \uFFFF9\uFFFF, \uFFFF1", Prose.ResolveWithin("'\uFFFF0\uFFFF' then '\uFFFF1\uFFFF', \uFFFF9\uFFFF, \uFFFF1", texts.ToEquatableArray()));
        Assert.Equal("A property's prose.", Prose.Resolve((string?)upload["properties"]!["description"]!["summary"], texts.ToEquatableArray()));
    }

    /// <summary>
    /// The model step looks at the raw text once, to skip the multi-file bundler when no "$ref: file" appears; prose
    /// that only mentions one must not change the tree (the bundler once added an empty components.schemas).
    /// </summary>
    [Theory]
    [InlineData("openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n  description: 'Written as $ref: other.yaml elsewhere.'\npaths: {}\n")]
    [InlineData("swagger: '2.0'\ninfo:\n  title: T\n  version: '1'\n  description: 'Written as $ref: other.yaml elsewhere.'\npaths: {}\n")]
    public void ProseThatMentionsAReferenceLeavesTheTreeAsItWas(string text)
    {
        Assert.True(ExternalRefBundler.MayHaveExternalRefs(text));
        var source = SpecSource.Load("/doc.yaml", text, out _)!;
        string before = source.Root.ToJsonString();
        ExternalRefBundler.Bundle(source, default, new DiagnosticBag(), CancellationToken.None);
        Assert.Equal(before, source.Root.ToJsonString());
        AssertSameAsDirectRead(new DocumentInput("/doc.yaml", text, null, null, null));
    }

    [Theory]
    [InlineData("description: \"\\uFFFF0\"")]
    [InlineData("description: \"\\U0000ffff0\"")]
    [InlineData("description: \"\uFFFF0\"")]
    public void DocumentsThatCouldHoldATokenOfTheirOwnAreReadDirectly(string line)
    {
        string text = Document("""
                    LINE
                    type: object
            """).Replace("LINE", line, StringComparison.Ordinal);
        var outline = AssertSameAsDirectRead(new DocumentInput("/doc.yaml", text, null, null, null));
        Assert.Null(outline.Skeleton.Fingerprint);
    }

    /// <summary>JSON strings hold no line breaks, so an edit of prose moves only what follows it on its line.</summary>
    [Theory]
    [InlineData("\"D\"", "\"A longer description.\"", true, true)]
    [InlineData("\"D\"", "\"A longer description.\"", false, false)]
    [InlineData("\"D\"", "\"E\"", false, true)]
    [InlineData("\"T\"", "\"U\"", true, false)]
    public void JsonDocumentsKeepTheirSkeletonWhileWhatFollowsProseStaysInPlace(string find, string replace, bool indented, bool sameSkeleton)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse("""{"openapi":"3.0.3","info":{"title":"T","version":"1","description":"D"},"paths":{},"components":{"schemas":{"Upload":{"type":"object","properties":{"part":{"$ref":"#/components/schemas/Missing"}}}}}}""")!;
        string text = document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = indented });
        var before = AssertSameAsDirectRead(new DocumentInput("/doc.json", text, null, null, null));
        var after = AssertSameAsDirectRead(new DocumentInput("/doc.json", ReplaceOnce(text, find, replace), null, null, null));
        Assert.NotNull(before.Skeleton.Fingerprint);
        Assert.Equal(sameSkeleton, before.Skeleton.Equals(after.Skeleton));
        if (sameSkeleton)
        {
            var input = new DocumentInput("/doc.json", ReplaceOnce(text, find, replace), null, null, null);
            var restored = Restored(DocumentParser.Parse(before.Skeleton, CancellationToken.None), after.Prose);
            AssertSame(DocumentParser.Parse(input, Settings, default, CancellationToken.None), restored, "the edited JSON");
            Assert.Contains(restored.Diagnostics, d => d.Id == "OAG005");
        }
    }

    private static DocumentOutline AssertSameAsDirectRead(DocumentInput input, EquatableArray<FragmentFile> fragments = default)
    {
        var direct = DocumentParser.Parse(input, Settings, fragments, CancellationToken.None);
        // With the tree the outline step read (TreeHandoff), and with a tree the model step reads itself.
        var outline = OutlineReader.Read(input, Settings, fragments, CancellationToken.None);
        AssertSame(direct, Restored(DocumentParser.Parse(outline.Skeleton, CancellationToken.None), outline.Prose), input.Path);
        Assert.Null(TreeHandoff.Take(input.Path, input.Text));
        AssertSame(direct, Restored(DocumentParser.Parse(outline.Skeleton, CancellationToken.None), outline.Prose), input.Path + " (read again)");
        return outline;
    }

    /// <summary>
    /// The draft's result as the outputs see it: its diagnostics placed in the current text, and every type, client and
    /// security scheme with the prose put back the way the outputs put it back, one by one.
    /// </summary>
    private static ParseResult Restored(DraftResult draft, DocumentProse prose)
    {
        var result = ProseRestorer.Restore(draft, prose);
        if (result.Model is not { } model) return result;
        var texts = ProseRestorer.With(model, ImmutableArray.Create(prose)).Texts;
        return result with
        {
            Model = model with
            {
                Types = model.Types.Select(type => ProseRestorer.Restore(type, texts)).ToEquatableArray(),
                Surface = model.Surface with
                {
                    Clients = model.Surface.Clients.Select(client => ProseRestorer.Restore(client, texts)).ToEquatableArray(),
                    SecuritySchemes = ProseRestorer.Restore(model.Surface.SecuritySchemes, texts),
                },
            },
        };
    }

    /// <summary>Equal results, or the first difference named (a type, the surface, a diagnostic).</summary>
    private static void AssertSame(ParseResult expected, ParseResult actual, string what)
    {
        if (expected.Equals(actual)) return;
        Assert.Equal(expected.Diagnostics, actual.Diagnostics);
        Assert.Equal(expected.Model is null, actual.Model is null);
        var (left, right) = (expected.Model!, actual.Model!);
        Assert.Equal(left.Types.Count, right.Types.Count);
        foreach (var (a, b) in left.Types.Zip(right.Types)) Assert.True(a.Equals(b), $"{what}: {a.Name} differs: {a} / {b}");
        Assert.True(left.Surface.Equals(right.Surface), $"{what}: the surface differs");
        Assert.Fail($"{what}: the models differ");
    }

    private static string ReplaceOnce(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, $"'{find}' should be in the text once");
        return text.Substring(0, at) + replace + text.Substring(at + find.Length);
    }

    /// <summary>Upload with a short description before a property whose $ref is missing (OAG005 at it).</summary>
    private static readonly string WithAMissingReference = Document("""
                    description: Short.
                    properties:
                      part:
                        $ref: '#/components/schemas/Missing'
            """);

    /// <summary>A document with one schema, Upload, whose keywords are the given lines.</summary>
    private static string Document(string uploadKeywords) =>
        "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n  description: The API.\npaths: {}\ncomponents:\n  schemas:\n    Upload:\n      type: object\n"
        + string.Join("\n", uploadKeywords.Split('\n').Select(line => line.Length >= 2 ? line.Substring(2) : line)) + "\n";
}

/// <summary>The handoff is process-wide, so its own test runs alone (another test's outline would replace the offer).</summary>
[CollectionDefinition(nameof(TreeHandoffTests), DisableParallelization = true)]
public class TreeHandoffCollection
{
}

[Collection(nameof(TreeHandoffTests))]
public class TreeHandoffTests
{
    /// <summary>A document read whole (it has no component schemas to split): its model step takes the tree, once, and only for its text.</summary>
    [Fact]
    public void TheModelStepTakesTheOutlinesTreeOnceAndOnlyForItsText()
    {
        const string text = "openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths:\n  /a:\n    get:\n      description: Reads a.\n      responses: { '204': { description: Nothing } }\n";
        var input = new DocumentInput("/spec/whole.yaml", text, null, null, null);
        var outline = OutlineReader.Read(input, new ProjectSettings("Test.Api", 1200), default, CancellationToken.None);
        Assert.False(outline.Skeleton.Split);
        Assert.Null(TreeHandoff.Take(input.Path, new string(text.AsSpan())));
        Assert.Null(TreeHandoff.Take(input.Path, text)); // the wrong text's Take still used the offer up

        OutlineReader.Read(input, new ProjectSettings("Test.Api", 1200), default, CancellationToken.None);
        Assert.Null(TreeHandoff.Take("/spec/other.yaml", text));

        OutlineReader.Read(input, new ProjectSettings("Test.Api", 1200), default, CancellationToken.None);
        Assert.Null(TreeHandoff.Borrow(input.Path, text)); // not a split document's: only to be taken
        Assert.Null(OnAnotherThread(() => TreeHandoff.Take(input.Path, text)));
        var tree = TreeHandoff.Take(input.Path, text);
        Assert.NotNull(tree);
        Assert.Same(text, tree.Source.Text);
        Assert.Null(TreeHandoff.Take(input.Path, text));
        Assert.NotNull(outline.Skeleton.Fingerprint);
    }

    /// <summary>
    /// A split document's tree: the outline offers it as any other; the first part that asks makes its prose tokens and
    /// lends it to every other part of the run, only for its text; it is no longer to be taken.
    /// </summary>
    [Fact]
    public void ASplitDocumentsTreeIsLentToEveryPartAndOnlyForItsText()
    {
        string text = File.ReadAllText(Paths.UploadsSpec);
        var input = new DocumentInput("/spec/uploads.openapi.yaml", text, null, null, null);
        var outline = OutlineReader.Read(input, new ProjectSettings("Test.Api", 1200), default, CancellationToken.None);
        Assert.True(outline.Skeleton.Split);
        Assert.Null(TreeHandoff.Borrow(input.Path, text));

        var tree = PartReader.Tree(input);
        Assert.Same(text, tree.Text);
        Assert.Same(tree, TreeHandoff.Borrow(input.Path, text));
        Assert.Same(tree, PartReader.Tree(input));
        Assert.Null(TreeHandoff.Borrow(input.Path, new string(text.AsSpan())));
        Assert.Null(TreeHandoff.Borrow("/spec/other.yaml", text));
        Assert.Null(TreeHandoff.Take(input.Path, text));
        // Another thread (another project's run of the same file) reads its own.
        Assert.Null(OnAnotherThread(() => TreeHandoff.Borrow(input.Path, text)));
        Assert.Contains("Use Uploads to upload large files in multiple parts.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Use Uploads to upload large files in multiple parts.", tree.Root.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A shared tree outlives collections until its run releases it (the parts of a run are read between collections);
    /// then it is held only weakly. Only one is held at a time: sharing another lets the first go.
    /// </summary>
    [Fact]
    public void ASharedTreeIsHeldUntilItsRunReleasesItAndOnlyOneAtATime()
    {
        string text = File.ReadAllText(Paths.UploadsSpec);
        var first = new DocumentInput("/spec/first.yaml", text, null, null, null);
        var second = new DocumentInput("/spec/second.yaml", text, null, null, null);
        Share(first);
        CollectEverything();
        Assert.NotNull(TreeHandoff.Borrow(first.Path, text));

        Share(second);
        CollectEverything();
        Assert.Null(TreeHandoff.Borrow(first.Path, text));
        Assert.NotNull(TreeHandoff.Borrow(second.Path, text));

        TreeHandoff.Release(second.Path);
        CollectEverything();
        Assert.Null(TreeHandoff.Borrow(second.Path, text));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Share(DocumentInput input)
    {
        OutlineReader.Read(input, new ProjectSettings("Test.Api", 1200), default, CancellationToken.None);
        PartReader.Tree(input);
    }

    private static void CollectEverything()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static T? OnAnotherThread<T>(Func<T?> read)
        where T : class
    {
        T? result = null;
        var thread = new Thread(() => result = read());
        thread.Start();
        thread.Join();
        return result;
    }
}
