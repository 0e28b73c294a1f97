using Uploads.Generators.Parsing;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Parsing;

/// <summary>
/// The model step walks the tree for <see cref="BlankReferences"/> only when the prose scan (the outline's walk) says it
/// may find something. The scan may err towards walking, never towards skipping a reference that would be removed.
/// </summary>
public class BlankReferencesTests
{
    private const string Head = "openapi: 3.0.3\ninfo: { title: Blank, version: '1' }\n";

    public static TheoryData<string, string> Removed => new()
    {
        { "an empty $ref", Head + "paths: {}\ncomponents:\n  schemas:\n    Pet:\n      properties:\n        other: { $ref: '' }\n" },
        { "a $ref to a whitespace name", Head + "paths: {}\ncomponents:\n  schemas:\n    Pet:\n      properties:\n        other: { $ref: '#/components/schemas/ ' }\n" },
        { "a tag of whitespace", Head + "paths:\n  /pets:\n    get:\n      tags: [pets, \"\\t\"]\n      responses: { '200': { description: ok } }\n" },
        { "a security requirement named by whitespace", Head + "security:\n  - { ' ': [] }\npaths: {}\n" },
        {
            "a discriminator mapping to a blank name",
            Head + "paths: {}\ncomponents:\n  schemas:\n    Pet:\n      oneOf: [{ $ref: '#/components/schemas/Cat' }]\n      discriminator:\n        propertyName: kind\n        mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/ ' }\n    Cat: { type: object }\n"
        },
        { "a $ref inside an example (removed too)", Head + "paths: {}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      example: { $ref: '' }\n" },
    };

    [Theory]
    [MemberData(nameof(Removed))]
    public void WhatRemoveRemovesTheScanFlags(string name, string text)
    {
        Assert.True(Removes(text), name + ": the case must be one that Remove removes");
        Assert.True(Scan(text).MayHaveBlankReferences, name);
    }

    [Fact]
    public void ADocumentWithNothingToRemoveIsNotWalkedAgain()
    {
        string text = File.ReadAllText(Paths.UploadsSpec);
        Assert.False(Removes(text));
        Assert.False(Scan(text).MayHaveBlankReferences);
    }

    [SkippableFact]
    public void InEveryCorpusDocumentWhatRemoveRemovesTheScanFlags()
    {
        Skip.IfNot(Paths.HasCorpus, Paths.SkipReasonWithoutCorpus);
        foreach (var document in CorpusDocuments.All)
        {
            foreach (var file in CorpusDocuments.Files(document))
            {
                var source = SpecSource.Load(file.Path, file.Text, out _);
                if (source is null) continue;
                bool flagged = Prose.Scan(source.Root, fingerprint: null).MayHaveBlankReferences;
                var diagnostics = new DiagnosticBag();
                BlankReferences.Remove(source.Root, diagnostics);
                if (diagnostics.Resolve(source, file.Path).Count > 0) Assert.True(flagged, file.Path);
            }
        }
    }

    private static ProseScan Scan(string text, string path = "/spec/blank.yaml") =>
        Prose.Scan(SpecSource.Load(path, text, out _)!.Root, fingerprint: null);

    private static bool Removes(string text, string path = "/spec/blank.yaml")
    {
        var source = SpecSource.Load(path, text, out var error);
        Assert.Null(error);
        var diagnostics = new DiagnosticBag();
        BlankReferences.Remove(source!.Root, diagnostics);
        return diagnostics.Resolve(source, path).Count > 0;
    }
}
