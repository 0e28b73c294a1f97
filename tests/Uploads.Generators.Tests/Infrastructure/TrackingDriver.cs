using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>
/// A driver like <see cref="GeneratorHarness.CreateDriver"/> (step tracking on, same options) built around
/// <see cref="AdditionalText"/> instances the test holds, so that one can later be swapped with
/// <see cref="GeneratorDriver.ReplaceAdditionalText"/> (which finds the old text by reference).
/// </summary>
public static class TrackingDriver
{
    public static GeneratorDriver Create(IEnumerable<AdditionalText> texts, CSharpParseOptions? parseOptions = null, string rootNamespace = GeneratorHarness.RootNamespace)
    {
        var global = ImmutableDictionary<string, string>.Empty.Add("build_property.RootNamespace", rootNamespace);
        return CSharpGeneratorDriver.Create(
            new[] { new OpenApiGenerator().AsSourceGenerator() },
            texts,
            parseOptions ?? GeneratorHarness.ParseOptions,
            new TestOptionsProvider(global, ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }
}
