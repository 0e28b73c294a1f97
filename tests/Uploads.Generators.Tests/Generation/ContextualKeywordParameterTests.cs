using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Generation;

/// <summary>
/// Parameters named like C# contextual keywords: <c>await</c> cannot name a parameter of an async method (the generated
/// clients' and endpoints' are), nor <c>var</c> a local; both are escaped. The others are identifiers as they are.
/// Found by the fuzzer (seed 23, case 1073: a path parameter renamed "await").
/// </summary>
public class ContextualKeywordParameterTests
{
    [Fact]
    public void ParametersNamedLikeContextualKeywordsCompileInClientsAndServers()
    {
        const string spec = """
            openapi: 3.0.3
            info: { title: Words, version: "1" }
            paths:
              /words/{await}:
                get:
                  operationId: getWord
                  parameters:
                    - { name: await, in: path, required: true, schema: { type: string } }
                    - { name: var, in: query, schema: { type: string } }
                    - { name: async, in: query, schema: { type: string } }
                    - { name: nameof, in: query, schema: { type: string } }
                    - { name: value, in: header, schema: { type: string } }
                  responses:
                    '204': { description: Nothing }
            """;
        var compilation = GeneratorHarness.CreateRuntimeCompilation("Words");
        var driver = GeneratorHarness.CreateDriver(new[] { new SpecFile("/specs/words.yaml", spec, Generate: "Models,Client,Server") })
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        var run = driver.GetRunResult().Results.Single();
        Assert.Null(run.Exception);
        Assert.Contains(run.GeneratedSources, s => s.HintName.EndsWith("ApiEndpoints.g.cs", StringComparison.Ordinal));
        Assert.Empty(generated.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string client = run.GeneratedSources.Single(s => s.HintName.EndsWith("Client.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("string @await", client, StringComparison.Ordinal);
        Assert.Contains("string? @var", client, StringComparison.Ordinal);
    }
}
