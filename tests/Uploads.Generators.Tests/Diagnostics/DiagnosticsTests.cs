using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Diagnostics;

/// <summary>
/// Each diagnostic the generator reports for a problem in a document: its ID and severity, that it points at the spec
/// file at the offending line and column (0-based, as <see cref="FileLinePositionSpan.StartLinePosition"/>), and that
/// whatever can still be generated is generated. No case may make the generator throw (CS8785) or fail internally (OAG011).
/// </summary>
public class DiagnosticsTests(ITestOutputHelper output)
{
    private const string YamlPath = "/specs/x.yaml";
    private const string JsonPath = "/specs/x.json";

    [Fact]
    public void BrokenYamlIsOag001AtTheErrorLine()
    {
        const string Text = """
            openapi: 3.0.3
            info:
              title: Broken
              version: "1"
            paths: {}
            components:
              schemas:
                Pet:
                  type: object
                  required: [id, name
                  properties:
                    id:
                      type: string
            """;
        var result = Run(new SpecFile(YamlPath, Text));

        var d = Single(result, "OAG001", DiagnosticSeverity.Error);
        AssertInSpec(d, YamlPath);
        // The flow sequence opened on line 9 is never closed; the parser notices on the next line, where a block
        // mapping key appears inside it. Either line is a correct pointer to the error; nothing else is.
        int opened = LineOf(Text, "required: [id, name");
        int line = d.Location.GetLineSpan().StartLinePosition.Line;
        Assert.True(line == opened || line == opened + 1, $"OAG001 at line {line}, expected {opened} or {opened + 1}: {d}");
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void BrokenYamlIsOag001AtTheExactPosition()
    {
        // A tab-free, unambiguous syntax error: an unterminated quoted scalar starting on line 3.
        const string Text = """
            openapi: 3.0.3
            info:
              title: Broken
              version: "1
            paths: {}
            """;
        var result = Run(new SpecFile(YamlPath, Text));

        // The scanner reports the scalar from its opening quote.
        var d = Single(result, "OAG001", DiagnosticSeverity.Error);
        AssertAt(d, YamlPath, LineOf(Text, "version: \"1"), ColumnOf(Text, "\"1"));
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void BrokenJsonIsOag001AtTheErrorLine()
    {
        const string Text = """
            {
              "openapi": "3.0.3",
              "info": { "title": "Broken", "version": "1" },
              "paths": {},
              "components": { "schemas": { "Pet": { "type": "object" } } }
              "x-after-missing-comma": true
            }
            """;
        var result = Run(new SpecFile(JsonPath, Text));

        var d = Single(result, "OAG001", DiagnosticSeverity.Error);
        AssertAt(d, JsonPath, LineOf(Text, "\"x-after-missing-comma\""), ColumnOf(Text, "\"x-after-missing-comma\""));
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void UnsupportedVersionIsOag004AtTheOpenApiKey()
    {
        const string Text = """
            # A future version.
            info:
              title: Future
              version: "1"
            openapi: 4.0.0
            paths: {}
            components:
              schemas:
                Pet:
                  type: object
                  properties:
                    id: { type: string }
            """;
        var result = Run(new SpecFile(YamlPath, Text));

        var d = Single(result, "OAG004", DiagnosticSeverity.Error);
        AssertAt(d, YamlPath, LineOf(Text, "openapi: 4.0.0"), 0);
        Assert.Contains("4.0.0", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void RequiredNameThatIsNotAPropertyIsOag006AtTheRequiredKeyAndTheRecordIsStillGenerated()
    {
        const string Text = """
            openapi: 3.0.3
            info:
              title: Pets
              version: "1"
            paths: {}
            components:
              schemas:
                Owner:
                  type: object
                  required: [name]
                  properties:
                    name: { type: string }
                Pet:
                  type: object
                  properties:
                    id:
                      type: string
                    nickname:
                      type: string
                  required: [id, missing_name]
            """;
        var result = Run(new SpecFile(YamlPath, Text));

        var d = Single(result, "OAG006", DiagnosticSeverity.Warning);
        AssertAt(d, YamlPath, LineOf(Text, "required: [id, missing_name]"), ColumnOf(Text, "required: [id, missing_name]"));
        Assert.Contains("missing_name", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'Pet'", d.GetMessage(), StringComparison.Ordinal);

        string pet = result.Source("Test.Api.Pet.g.cs");
        Assert.Contains("public required string Id { get; init; }", pet, StringComparison.Ordinal);
        Assert.Contains("public string? Nickname { get; init; }", pet, StringComparison.Ordinal);
        Assert.DoesNotContain("MissingName", pet, StringComparison.Ordinal);
        Assert.Contains(result.Sources, s => s.HintName == "Test.Api.Owner.g.cs");
        AssertCompiles(result);
    }

    [Fact]
    public void InvalidEnumStyleMetadataIsOag009AndGenerationFallsBackToEnum()
    {
        const string Text = """
            openapi: 3.0.3
            info:
              title: Pets
              version: "1"
            paths: {}
            components:
              schemas:
                Pet:
                  type: object
                  properties:
                    status:
                      type: string
                      enum: [available, sold]
            """;
        var result = Run(new SpecFile(YamlPath, Text, EnumStyle: "Foo"));

        var d = Single(result, "OAG009", DiagnosticSeverity.Error);
        AssertInSpec(d, YamlPath);
        Assert.Contains("'Foo'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("OpenApiEnumStyle", d.GetMessage(), StringComparison.Ordinal);

        Assert.Contains("public enum PetStatus", result.Source("Test.Api.PetStatus.g.cs"), StringComparison.Ordinal);
        Assert.Contains(result.Sources, s => s.HintName == "Test.Api.Pet.g.cs");
        AssertCompiles(result);
    }

    [Fact]
    public void LanguageVersionBelow11IsOag010AndNothingIsGenerated()
    {
        var result = Run(Paths.UploadsSpecFile() with { Path = YamlPath }, new CSharpParseOptions(LanguageVersion.CSharp10));

        var d = Single(result, "OAG010", DiagnosticSeverity.Error);
        AssertInSpec(d, YamlPath);
        Assert.Contains("C# 10", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("x.yaml", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void LanguageVersion11IsEnough()
    {
        var result = Run(Paths.UploadsSpecFile() with { Path = YamlPath }, new CSharpParseOptions(LanguageVersion.CSharp11));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "OAG010");
        Assert.NotEmpty(result.Sources);
        AssertCompiles(result);
    }

    [Fact]
    public void UnresolvedRefIsOag005AtTheRefAndThePropertyIsJsonElement()
    {
        const string Text = """
            openapi: 3.0.3
            info:
              title: Pets
              version: "1"
            paths: {}
            components:
              schemas:
                Pet:
                  type: object
                  properties:
                    id:
                      type: string
                    owner:
                      $ref: '#/components/schemas/Nope'
            """;
        var result = Run(new SpecFile(YamlPath, Text));

        var d = Single(result, "OAG005", DiagnosticSeverity.Warning);
        Assert.Contains("#/components/schemas/Nope", d.GetMessage(), StringComparison.Ordinal);
        string pet = result.Source("Test.Api.Pet.g.cs");
        Assert.Contains("public global::System.Text.Json.JsonElement? Owner { get; init; }", pet, StringComparison.Ordinal);
        AssertCompiles(result);

        // The offending node is the $ref (where OpenAPI.NET's own OAG003 for the same problem points), not the
        // property key on the line above it.
        AssertAt(d, YamlPath, LineOf(Text, "$ref: '#/components/schemas/Nope'"), ColumnOf(Text, "$ref: '#/components/schemas/Nope'"));
    }

    [Fact]
    public void UnresolvedRefOnTheKeyLineIsOag005AtThatLine()
    {
        const string Text = """
            openapi: 3.0.3
            info: { title: Pets, version: "1" }
            paths: {}
            components:
              schemas:
                Pet:
                  type: object
                  properties:
                    id: { type: string }
                    owner: { $ref: '#/components/schemas/Nope' }
            """;
        var result = Run(new SpecFile(YamlPath, Text));

        var d = Single(result, "OAG005", DiagnosticSeverity.Warning);
        AssertAt(d, YamlPath, LineOf(Text, "$ref: '#/components/schemas/Nope'"), null);
        Assert.Contains("JsonElement? Owner", result.Source("Test.Api.Pet.g.cs"), StringComparison.Ordinal);
        AssertCompiles(result);
    }

    [Fact]
    public void SchemaNamesCollidingAfterConversionAreOag007AndBothTypesAreGenerated()
    {
        const string Text = """
            openapi: 3.0.3
            info:
              title: Uploads
              version: "1"
            paths: {}
            components:
              schemas:
                create_upload:
                  type: object
                  properties:
                    file_name: { type: string }
                CreateUpload:
                  type: object
                  properties:
                    size: { type: integer }
            """;
        var result = Run(new SpecFile(YamlPath, Text));

        var d = Single(result, "OAG007", DiagnosticSeverity.Info);
        // Components are named in ordinal order: "CreateUpload" < "create_upload", so the snake_case one is renamed.
        AssertAt(d, YamlPath, LineOf(Text, "create_upload:"), ColumnOf(Text, "create_upload:"));
        Assert.Contains("'create_upload'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'CreateUpload2'", d.GetMessage(), StringComparison.Ordinal);

        Assert.Contains("public sealed partial record CreateUpload\n", result.Source("Test.Api.CreateUpload.g.cs"), StringComparison.Ordinal);
        Assert.Contains("Size", result.Source("Test.Api.CreateUpload.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public sealed partial record CreateUpload2\n", result.Source("Test.Api.CreateUpload2.g.cs"), StringComparison.Ordinal);
        Assert.Contains("FileName", result.Source("Test.Api.CreateUpload2.g.cs"), StringComparison.Ordinal);
        AssertCompiles(result);
    }

    [Fact]
    public void CollisionSuffixFollowsOrdinalOrderEvenWhenAnEarlierSchemaReferencesTheOtherName()
    {
        // README: "Names that collide ... get a numeric suffix in a deterministic order: component schemas in ordinal
        // order first". A reference from another schema must not change which of the two gets the suffix (that would
        // rename a public type when an unrelated schema adds a $ref).
        const string Text = """
            openapi: 3.0.3
            info:
              title: Uploads
              version: "1"
            paths: {}
            components:
              schemas:
                Batch:
                  type: object
                  properties:
                    upload:
                      $ref: '#/components/schemas/create_upload'
                create_upload:
                  type: object
                  properties:
                    file_name: { type: string }
                CreateUpload:
                  type: object
                  properties:
                    size: { type: integer }
            """;
        var result = Run(new SpecFile(YamlPath, Text));

        var d = Single(result, "OAG007", DiagnosticSeverity.Info);
        AssertAt(d, YamlPath, LineOf(Text, "create_upload:"), ColumnOf(Text, "create_upload:"));
        Assert.Contains("Size", result.Source("Test.Api.CreateUpload.g.cs"), StringComparison.Ordinal);
        Assert.Contains("FileName", result.Source("Test.Api.CreateUpload2.g.cs"), StringComparison.Ordinal);
        Assert.Contains("global::Test.Api.CreateUpload2? Upload", result.Source("Test.Api.Batch.g.cs"), StringComparison.Ordinal);
        AssertCompiles(result);
    }

    [Fact]
    public void YamlWithoutOpenApiOrSwaggerRootKeyIsIgnored()
    {
        const string Text = """
            # Some other YAML file among the AdditionalFiles (a CI config, say).
            name: build
            on: [push]
            jobs:
              test:
                openapi: not at the root
                runs-on: ubuntu-latest
            """;
        var result = Run(new SpecFile(YamlPath, Text));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Sources);
        Assert.Empty(result.CompilationProblems());
    }

    [Fact]
    public void JsonWithoutOpenApiOrSwaggerRootKeyIsIgnored()
    {
        const string Text = """
            { "name": "package", "nested": { "openapi": "3.0.3" }, "broken": [ }
            """;
        var result = Run(new SpecFile(JsonPath, Text));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void OpenApiKeyAfterOtherRootKeysIsStillADocument()
    {
        const string Text = """
            components:
              schemas:
                Pet:
                  type: object
                  required: [id]
                  properties:
                    id: { type: string }
            info:
              title: Pets
              version: "1"
            paths: {}
            openapi: 3.0.3
            """;
        var result = Run(new SpecFile(YamlPath, Text));

        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Contains("public required string Id { get; init; }", result.Source("Test.Api.Pet.g.cs"), StringComparison.Ordinal);
        Assert.Contains(result.Sources, s => s.HintName == "Test.Api.PetsJsonContext.g.cs");
        AssertCompiles(result);
    }

    [Fact]
    public void JsonRequiredNameThatIsNotAPropertyIsOag006AtTheRequiredKey()
    {
        const string Text = """
            {
              "openapi": "3.0.3",
              "info": { "title": "Pets", "version": "1" },
              "paths": {},
              "components": {
                "schemas": {
                  "Pet": {
                    "type": "object",
                    "properties": {
                      "id": { "type": "string" }
                    },
                    "required": ["id", "missing_name"]
                  }
                }
              }
            }
            """;
        var result = Run(new SpecFile(JsonPath, Text));

        var d = Single(result, "OAG006", DiagnosticSeverity.Warning);
        AssertAt(d, JsonPath, LineOf(Text, "\"required\": [\"id\", \"missing_name\"]"), ColumnOf(Text, "\"required\": [\"id\", \"missing_name\"]"));
        Assert.Contains("public required string Id { get; init; }", result.Source("Test.Api.Pet.g.cs"), StringComparison.Ordinal);
        AssertCompiles(result);
    }

    [Fact]
    public void JsonUnresolvedRefIsOag005AtTheRef()
    {
        const string Text = """
            {
              "openapi": "3.0.3",
              "info": { "title": "Pets", "version": "1" },
              "paths": {},
              "components": {
                "schemas": {
                  "Pet": {
                    "type": "object",
                    "properties": {
                      "id": { "type": "string" },
                      "owner": {
                        "$ref": "#/components/schemas/Nope"
                      }
                    }
                  }
                }
              }
            }
            """;
        var result = Run(new SpecFile(JsonPath, Text));

        var d = Single(result, "OAG005", DiagnosticSeverity.Warning);
        Assert.Contains("JsonElement? Owner", result.Source("Test.Api.Pet.g.cs"), StringComparison.Ordinal);
        AssertCompiles(result);
        AssertAt(d, JsonPath, LineOf(Text, "\"$ref\": \"#/components/schemas/Nope\""), null);
    }

    [Fact]
    public void JsonUnsupportedVersionIsOag004AtTheOpenApiKey()
    {
        const string Text = """
            {
              "info": { "title": "Future", "version": "1" },
              "paths": {},
              "openapi": "4.0.0"
            }
            """;
        var result = Run(new SpecFile(JsonPath, Text));

        var d = Single(result, "OAG004", DiagnosticSeverity.Error);
        AssertAt(d, JsonPath, LineOf(Text, "\"openapi\": \"4.0.0\""), ColumnOf(Text, "\"openapi\": \"4.0.0\""));
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void EveryLocationInADocumentWithManyProblemsIsInTheSpec()
    {
        // Several problems at once, in two documents: every diagnostic must point into its own file.
        const string First = """
            openapi: 3.0.3
            info: { title: First, version: "1" }
            paths: {}
            components:
              schemas:
                a_b:
                  type: object
                  required: [x, nope]
                  properties:
                    x: { $ref: '#/components/schemas/Missing' }
                AB:
                  type: object
                  properties:
                    y: { type: string }
            """;
        const string Second = """
            openapi: 3.0.3
            info: { title: Second, version: "1" }
            paths: {}
            components:
              schemas:
                C:
                  type: object
                  required: [gone]
                  properties:
                    z: { type: string }
            """;
        var result = Run(new[] { new SpecFile("/specs/first.yaml", First, Namespace: "First"), new SpecFile("/specs/second.yaml", Second, Namespace: "Second") });

        // The dangling $ref is reported once, as OAG005 (OpenAPI.NET's own check for it is not run: see FaultIsolatingReader).
        var expected = new[]
        {
            "OAG005 /specs/first.yaml 9", "OAG006 /specs/first.yaml 7", "OAG007 /specs/first.yaml 5",
            "OAG006 /specs/second.yaml 7",
        };
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal(LocationKind.ExternalFile, d.Location.Kind));
        var actual = result.GeneratorDiagnostics
            .Select(d => $"{d.Id} {d.Location.GetLineSpan().Path} {d.Location.GetLineSpan().StartLinePosition.Line}")
            .OrderBy(x => x, StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), actual);
        Assert.Contains("'C'", result.GeneratorDiagnostics.Single(d => d.Location.GetLineSpan().Path == "/specs/second.yaml").GetMessage(), StringComparison.Ordinal);
        AssertCompiles(result);
    }

    [Fact]
    public void AnObjectValuedQueryParameterIsOag008AndSentAsAString()
    {
        const string Text = """
            openapi: 3.0.3
            info: { title: Pets, version: "1" }
            paths:
              /pets:
                get:
                  operationId: listPets
                  parameters:
                    - name: filter
                      in: query
                      style: deepObject
                      schema:
                        type: object
                        properties:
                          kind: { type: string }
                  responses: { "204": { description: ok } }
            """;
        var result = Run(new SpecFile(YamlPath, Text));

        var d = Single(result, "OAG008", DiagnosticSeverity.Info);
        AssertInSpec(d, YamlPath);
        Assert.Equal(LineOf(Text, "- name: filter"), d.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("string? filter = default", result.Source("Test.Api.PetsClient.g.cs"), StringComparison.Ordinal);
        AssertCompiles(result);
    }

    [Fact]
    public void TwoDocumentsGeneratingTheSameTypeAreOag012WithoutCompilerCrash()
    {
        const string Text = """
            openapi: 3.0.3
            info: { title: Pets, version: "1" }
            paths: {}
            components:
              schemas:
                Pet:
                  type: object
                  properties:
                    id: { type: string }
            """;
        var result = Run(new[] { new SpecFile("/specs/a.yaml", Text, Namespace: "Same"), new SpecFile("/specs/b.yaml", Text, Namespace: "Same") });

        var duplicates = result.GeneratorDiagnostics.Where(d => d.Id == "OAG012").ToList();
        Assert.NotEmpty(duplicates);
        Assert.All(duplicates, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Single(result.Sources, s => s.HintName == "Same.Pet.g.cs");
        // Every diagnostic points at a document: the second one, which lost the clash.
        Assert.All(duplicates, d => AssertInSpec(d, "/specs/b.yaml"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private GeneratorResult Run(SpecFile spec, CSharpParseOptions? parseOptions = null) => Run(new[] { spec }, parseOptions);

    private GeneratorResult Run(SpecFile[] specs, CSharpParseOptions? parseOptions = null)
    {
        var result = GeneratorHarness.Run(specs, parseOptions: parseOptions);
        foreach (var d in result.GeneratorDiagnostics) output.WriteLine($"{d} @ {d.Location.GetLineSpan()}");
        Assert.Null(result.RunResult.Exception);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "CS8785" or "OAG011");
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Id == "CS8785");
        // Every diagnostic, whatever the case, points into one of the documents.
        var paths = specs.Select(s => s.Path).ToList();
        Assert.All(result.GeneratorDiagnostics, d =>
        {
            Assert.True(d.Location.Kind == LocationKind.ExternalFile, $"{d.Id} has no file location: {d}");
            Assert.Contains(d.Location.GetLineSpan().Path, paths);
        });
        return result;
    }

    private static Diagnostic Single(GeneratorResult result, string id, DiagnosticSeverity severity)
    {
        var matches = result.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matches.Count == 1, $"Expected one {id}, got: [{string.Join("; ", result.GeneratorDiagnostics)}]");
        Assert.Equal(severity, matches[0].Severity);
        return matches[0];
    }

    private static void AssertInSpec(Diagnostic d, string path)
    {
        Assert.True(d.Location.Kind == LocationKind.ExternalFile, $"{d.Id} has location kind {d.Location.Kind}: {d}");
        Assert.Equal(path, d.Location.GetLineSpan().Path);
    }

    private static void AssertAt(Diagnostic d, string path, int line, int? column)
    {
        AssertInSpec(d, path);
        var start = d.Location.GetLineSpan().StartLinePosition;
        Assert.True(start.Line == line && (column is null || start.Character == column),
            $"{d.Id} at {start.Line}:{start.Character} (0-based), expected {line}:{(column?.ToString() ?? "*")}: {d}");
    }

    private void AssertCompiles(GeneratorResult result)
    {
        var problems = result.CompilationProblems();
        foreach (var p in problems) output.WriteLine(p.ToString());
        Assert.Empty(problems);
    }

    /// <summary>0-based line of the single line containing <paramref name="marker"/>.</summary>
    private static int LineOf(string text, string marker)
    {
        var lines = text.Split('\n');
        var hits = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.True(hits.Count == 1, $"Marker '{marker}' found on {hits.Count} lines");
        return hits[0];
    }

    /// <summary>0-based column of <paramref name="marker"/> on its line.</summary>
    private static int ColumnOf(string text, string marker) =>
        text.Split('\n')[LineOf(text, marker)].IndexOf(marker, StringComparison.Ordinal);

}
