using System.Text;
using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Diagnostics;

/// <summary>Diagnostics for duplicate operationIds, int32 values that do not fit, and pathological nesting.</summary>
public class CatalogueTests
{
    [Fact]
    public void DuplicateOperationIdIsReportedAtTheSecondOneAndBothMethodsExist()
    {
        const string spec = """
            openapi: 3.0.3
            info: { title: Dup, version: "1" }
            paths:
              /a:
                get:
                  operationId: getThing
                  responses: { "204": { description: ok } }
              /b:
                get:
                  operationId: getThing
                  responses: { "204": { description: ok } }
            """;
        var result = GeneratorHarness.Run(new SpecFile("/specs/dup.yaml", spec));
        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "OAG014");
        Assert.Equal(9, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("GET /a", diagnostic.GetMessage());
        Assert.Empty(result.CompilationProblems());
        var client = result.Output.GetTypeByMetadataName("Test.Api.DupClient")!;
        Assert.NotEmpty(client.GetMembers("GetThingAsync"));
        Assert.NotEmpty(client.GetMembers("GetThingAsync2"));
    }

    [Fact]
    public void Int32WhoseExampleDoesNotFitIsGeneratedAsLongWithAWarning()
    {
        const string spec = """
            openapi: 3.0.3
            info: { title: Sizes, version: "1" }
            paths: {}
            components:
              schemas:
                File:
                  type: object
                  properties:
                    bytes:
                      type: integer
                      format: int32
                      example: 2147483648
                    count:
                      type: integer
                      format: int32
                      example: 12
            """;
        var result = GeneratorHarness.Run(new SpecFile("/specs/sizes.yaml", spec));
        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "OAG015");
        Assert.Equal(11, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("2147483648", diagnostic.GetMessage());
        var file = result.Output.GetTypeByMetadataName("Test.Api.File")!;
        Assert.Equal("long?", file.GetMembers("Bytes").OfType<IPropertySymbol>().Single().Type.ToDisplayString());
        Assert.Equal("int?", file.GetMembers("Count").OfType<IPropertySymbol>().Single().Type.ToDisplayString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NestingBeyondTheLimitIsAnErrorNotAStackOverflow(bool json)
    {
        const int levels = 5000;
        var text = new StringBuilder();
        if (json)
        {
            text.Append("{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Deep\",\"version\":\"1\"},\"paths\":{},\"x-deep\":");
            for (int i = 0; i < levels; i++) text.Append("{\"a\":");
            text.Append("1");
            text.Append('}', levels);
            text.Append('}');
        }
        else
        {
            text.Append("openapi: 3.0.3\ninfo: { title: Deep, version: '1' }\npaths: {}\nx-deep: ");
            text.Append('[', levels).Append(']', levels).Append('\n');
        }
        var result = GeneratorHarness.Run(new SpecFile(json ? "/specs/deep.json" : "/specs/deep.yaml", text.ToString()));
        Assert.Null(result.RunResult.Exception);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "OAG016");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(json ? "/specs/deep.json" : "/specs/deep.yaml", diagnostic.Location.GetLineSpan().Path);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HundredLevelNestingFinishesEitherReadOrRefusedWithALocatedDiagnostic(bool json)
    {
        // JSON allows 256 levels, so 100 are read; SharpYaml stops YAML at 64 levels, which is reported as OAG016.
        var text = new StringBuilder();
        if (json)
        {
            text.Append("{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Deep\",\"version\":\"1\"},\"paths\":{},\"components\":{\"schemas\":{\"Root\":");
            for (int i = 0; i < 24; i++) text.Append("{\"type\":\"object\",\"properties\":{\"child\":");
            text.Append("{\"type\":\"string\"}");
            text.Append('}', 48);
            text.Append("}}}");
        }
        else
        {
            text.Append("openapi: 3.0.3\ninfo: { title: Deep, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Root:\n");
            string indent = "      ";
            for (int i = 0; i < 50; i++)
            {
                text.Append(indent).Append("type: object\n").Append(indent).Append("properties:\n").Append(indent).Append("  child:\n");
                indent += "    ";
            }
            text.Append(indent).Append("type: string\n");
        }
        var result = GeneratorHarness.Run(new SpecFile(json ? "/specs/hundred.json" : "/specs/hundred.yaml", text.ToString()));
        Assert.Null(result.RunResult.Exception);
        Assert.Empty(result.CompilationProblems());
        if (json)
        {
            Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
            Assert.NotNull(result.Output.GetTypeByMetadataName("Test.Api.RootChildChild"));
        }
        else
        {
            var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "OAG016");
            Assert.True(diagnostic.Location.GetLineSpan().StartLinePosition.Line > 20);
        }
    }
}
