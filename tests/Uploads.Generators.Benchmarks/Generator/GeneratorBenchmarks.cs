using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uploads.Generators.Benchmarks.Infrastructure;

namespace Uploads.Generators.Benchmarks.Generator;

/// <summary>
/// Our generator on one document, driven in-process as the compiler drives it (<see cref="CSharpGeneratorDriver"/>,
/// no step tracking). A subclass names the document; the four scenarios are the same for every document:
/// <list type="bullet">
/// <item><see cref="Cold"/>: a new driver runs on a fixed compilation (a command-line build's first generator run).</item>
/// <item><see cref="AfterOneLineDescriptionEdit"/>: a driver that already ran sees the document with one description
/// line changed (alternating between two prepared texts, so every call sees a change) and runs again. Only prose
/// changed: the model step stays cached (see the generator's Prose).</item>
/// <item><see cref="AfterOneLineTypeEdit"/>: the same with one property's type changed: the schema's part of the model is
/// read again.</item>
/// <item><see cref="AfterOneLineOperationEdit"/>: the same with one operation's operationId changed: the document's frame
/// (all of it but the component schemas) is read again.</item>
/// <item><see cref="AfterUnrelatedCSharpEdit"/>: a driver that already ran sees a new compilation whose one C# file was
/// edited and runs again: the IDE's keystroke cost. Each call makes a new <see cref="Compilation"/> object (as every
/// edit does; about 5 µs, included) so that per-compilation caches cannot hide work a generator does on the
/// compilation; the edited tree alternates between two prepared versions.</item>
/// </list>
/// Generated files are produced and parsed into syntax trees (the driver does that), but not compiled.
/// </summary>
[MemoryDiagnoser]
public abstract class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private SyntaxTree _tree = null!;
    private SyntaxTree _editedTree = null!;
    private SyntaxTree _editedAgainTree = null!;
    private AdditionalText _document = null!;
    private AdditionalText _editedDocument = null!;
    private AdditionalText _retypedDocument = null!;
    private AdditionalText _renamedDocument = null!;
    private GeneratorDriver _afterCSharpEdit = null!;
    private GeneratorDriver _afterDocumentEdit = null!;
    private GeneratorDriver _afterTypeEdit = null!;
    private GeneratorDriver _afterOperationEdit = null!;
    private bool _csharpEdited;
    private bool _documentEdited;
    private bool _typeEdited;
    private bool _operationEdited;

    /// <summary>The document's path on disk.</summary>
    protected abstract string SpecPath { get; }

    /// <summary>Text on one line of the document (a description) that the one-line edit appends a word to.</summary>
    protected abstract string EditMarker { get; }

    /// <summary>
    /// Lines of the document with one property's type; the type edit replaces the first "type: integer" in them with
    /// "type: number" (one line of the document).
    /// </summary>
    protected abstract string TypeEditMarker { get; }

    /// <summary>The operationId the operation edit changes: <c>cancelUpload</c> → <c>abandonUpload</c>.</summary>
    protected const string OperationEditMarker = "operationId: cancelUpload";

    /// <summary>The generated record whose file must change after either one-line edit of a schema (checked in setup).</summary>
    protected abstract string EditedTypeName { get; }

    /// <summary>At least this many generated types, or the setup fails (a broken generator must not look fast).</summary>
    protected abstract int MinimumGeneratedTypes { get; }

    protected const string Namespace = "Consumer.Generated";

    /// <summary>How many files the cold run generated (reported in the setup log).</summary>
    public int GeneratedFiles { get; private set; }

    [GlobalSetup(Targets = new[] { nameof(Cold), nameof(AfterOneLineDescriptionEdit), nameof(AfterOneLineTypeEdit), nameof(AfterOneLineOperationEdit), nameof(AfterUnrelatedCSharpEdit) })]
    public void SetupGenerator()
    {
        string text = File.ReadAllText(SpecPath);
        string path = "/consumer/" + Path.GetFileName(SpecPath);
        _document = new InMemoryAdditionalText(path, text);
        _editedDocument = new InMemoryAdditionalText(path, GeneratorInputs.WithOneLineEdit(text, EditMarker));
        _retypedDocument = new InMemoryAdditionalText(path, GeneratorInputs.WithTypeEdit(text, TypeEditMarker));
        _renamedDocument = new InMemoryAdditionalText(path, GeneratorInputs.WithOneLineReplaced(text, OperationEditMarker, "operationId: abandonUpload"));
        _compilation = GeneratorInputs.CreateCompilation();
        _tree = _compilation.SyntaxTrees.Single();
        _editedTree = GeneratorInputs.WithUnrelatedEdit(_compilation).SyntaxTrees.Single();
        _editedAgainTree = GeneratorInputs.WithUnrelatedEdit(GeneratorInputs.WithUnrelatedEdit(_compilation)).SyntaxTrees.Single();

        var cold = GeneratorInputs.CreateDriver(_document, Namespace).RunGenerators(_compilation);
        var run = GeneratorInputs.CheckRun(cold, MinimumGeneratedTypes);
        GeneratedFiles = run.GeneratedSources.Length;
        Console.WriteLine($"// {Path.GetFileName(SpecPath)}: {Uploads.Generators.Tests.Infrastructure.GeneratedTypes.Count(run.GeneratedSources)} types in {GeneratedFiles} generated files, {run.GeneratedSources.Sum(s => s.SourceText.Length):N0} chars, {run.Diagnostics.Length} diagnostics");

        _afterCSharpEdit = cold;
        _afterDocumentEdit = cold;
        _afterTypeEdit = cold;
        _afterOperationEdit = cold;

        // Each edited document must regenerate the edited type, or its warm benchmark would measure nothing.
        CheckEditReached(cold.ReplaceAdditionalText(_document, _editedDocument).RunGenerators(_compilation), "(edited)");
        CheckEditReached(cold.ReplaceAdditionalText(_document, _retypedDocument).RunGenerators(_compilation), " double ");
        var renamed = GeneratorInputs.CheckRun(cold.ReplaceAdditionalText(_document, _renamedDocument).RunGenerators(_compilation), MinimumGeneratedTypes);
        if (!renamed.GeneratedSources.Any(s => s.SourceText.ToString().Contains("AbandonUploadAsync(", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("The one-line operation edit did not reach the client: no AbandonUploadAsync.");
        }
    }

    private void CheckEditReached(GeneratorDriver edited, string expected)
    {
        // (Large documents share files between types, so the file is found by the type's declaration.)
        string declaration = "public sealed partial record " + EditedTypeName + "\n";
        var editedSource = GeneratorInputs.CheckRun(edited, MinimumGeneratedTypes).GeneratedSources
            .Single(s => s.SourceText.ToString().Contains(declaration, StringComparison.Ordinal)).SourceText.ToString();
        int start = editedSource.IndexOf(declaration, StringComparison.Ordinal);
        int end = editedSource.IndexOf("\n}\n", start, StringComparison.Ordinal);
        if (!editedSource.Substring(start, end - start).Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The one-line edit did not reach {EditedTypeName}: no '{expected}' in it.");
        }
    }

    [Benchmark]
    public GeneratorDriver Cold() => GeneratorInputs.CreateDriver(_document, Namespace).RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver AfterOneLineDescriptionEdit()
    {
        var (from, to) = _documentEdited ? (_editedDocument, _document) : (_document, _editedDocument);
        _documentEdited = !_documentEdited;
        return _afterDocumentEdit = _afterDocumentEdit.ReplaceAdditionalText(from, to).RunGenerators(_compilation);
    }

    [Benchmark]
    public GeneratorDriver AfterOneLineTypeEdit()
    {
        var (from, to) = _typeEdited ? (_retypedDocument, _document) : (_document, _retypedDocument);
        _typeEdited = !_typeEdited;
        return _afterTypeEdit = _afterTypeEdit.ReplaceAdditionalText(from, to).RunGenerators(_compilation);
    }

    [Benchmark]
    public GeneratorDriver AfterOneLineOperationEdit()
    {
        var (from, to) = _operationEdited ? (_renamedDocument, _document) : (_document, _renamedDocument);
        _operationEdited = !_operationEdited;
        return _afterOperationEdit = _afterOperationEdit.ReplaceAdditionalText(from, to).RunGenerators(_compilation);
    }

    [Benchmark]
    public GeneratorDriver AfterUnrelatedCSharpEdit()
    {
        _csharpEdited = !_csharpEdited;
        var edited = _compilation.ReplaceSyntaxTree(_tree, _csharpEdited ? _editedTree : _editedAgainTree);
        return _afterCSharpEdit = _afterCSharpEdit.RunGenerators(edited);
    }
}
