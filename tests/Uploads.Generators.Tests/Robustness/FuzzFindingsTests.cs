using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Robustness;

/// <summary>
/// The fuzz campaigns' findings, each reduced to a minimal document: a fault in one schema, operation or other item
/// costs that item (with a located diagnostic), never the whole document, and never OAG011 ("a generator bug").
/// Every document also has a healthy schema, <c>Keep</c>, which must still be generated, and the output must compile.
/// </summary>
public class FuzzFindingsTests(ITestOutputHelper output)
{
    private const string Keep = "    Keep:\n      type: object\n      properties:\n        name: { type: string }\n";

    public static TheoryData<string, string, string> Findings => new()
    {
        // name, extension, document
        {
            "JSON duplicate key (23 of 300 cases, seed 20260101)", "json",
            """{ "openapi": "3.0.3", "info": { "title": "D", "version": "1" }, "paths": {}, "components": { "schemas": { "Keep": { "type": "object", "properties": { "name": { "type": "string" } } }, "Pet": { "type": "object", "properties": { "id": { "type": "string" }, "id": { "type": "integer" } } } } } }"""
        },
        {
            "security scheme that is not an object", "yaml",
            "openapi: 3.1.0\ninfo: { title: S, version: '1' }\nsecurity: [ { bearerAuth: [] } ]\npaths:\n  /users:\n    get:\n      operationId: getUsers\n      responses: { '200': { description: ok } }\ncomponents:\n  securitySchemes:\n    bearerAuth: [1, 2]\n  schemas:\n" + Keep
        },
        {
            "component schema that is not an object, referenced from a union", "yaml",
            "openapi: 3.0.0\ninfo: { title: C, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    State: a string instead of a schema\n    Code:\n      oneOf:\n        - $ref: '#/components/schemas/State'\n        - { type: integer }\n" + Keep
        },
        {
            "boolean field with a number (requestBody.required: 1)", "yaml",
            "openapi: 3.0.3\ninfo: { title: B, version: '1' }\npaths:\n  /pets:\n    post:\n      operationId: addPet\n      requestBody:\n        required: 1\n        content: { application/json: { schema: { $ref: '#/components/schemas/Keep' } } }\n      responses: { '200': { description: ok } }\ncomponents:\n  schemas:\n" + Keep
        },
        {
            "integer field with a string (maxLength: yes)", "yaml",
            "openapi: 3.0.3\ninfo: { title: L, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Bad:\n      type: object\n      properties:\n        code: { type: string, maxLength: yes }\n" + Keep
        },
        {
            "property schema that is a string (3.1)", "yaml",
            "openapi: 3.1.0\ninfo: { title: P, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Bad:\n      type: object\n      properties:\n        code: not a schema\n" + Keep
        },
        {
            "property with no value in a truncated 3.0 document", "yaml",
            "openapi: 3.0.0\ninfo: { title: T, version: '1' }\npaths:\n  /now:\n    get:\n      responses:\n        '200':\n          description: now\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  today:\ncomponents:\n  schemas:\n" + Keep
        },
        {
            "$ref of an empty string", "yaml",
            "openapi: 3.0.3\ninfo: { title: R, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Bad:\n      type: object\n      properties:\n        other: { $ref: '' }\n" + Keep
        },
        {
            "server variable that is a number", "yaml",
            "openapi: 3.0.0\ninfo: { title: V, version: '1' }\nservers:\n  - url: 'http://localhost:{port}'\n    variables:\n      port: 8080\npaths:\n  /x:\n    get:\n      operationId: getX\n      responses: { '200': { description: ok } }\ncomponents:\n  schemas:\n" + Keep
        },
        {
            "multipleOf beyond decimal (1e40)", "yaml",
            "openapi: 3.0.3\ninfo: { title: M, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Bad:\n      type: object\n      properties:\n        n: { type: number, multipleOf: 1e40 }\n" + Keep
        },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void AFaultCostsOnlyItsItem(string name, string extension, string text)
    {
        string path = "/specs/finding." + extension;
        output.WriteLine(name);
        var result = GeneratorHarness.Run(new SpecFile(path, text)).AssertNoCrash(output);

        Assert.Contains(result.GeneratorDiagnostics, d => d.Id.StartsWith("OAG", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning && FuzzRunner.IsLocatedIn(d, path));
        if (!name.StartsWith("JSON duplicate key", StringComparison.Ordinal))
        {
            // A duplicate key makes the JSON text itself invalid (OAG001, as YAML does); everything else keeps the rest.
            Assert.Contains(result.Sources, s => s.HintName == "Test.Api.Keep.g.cs");
        }
        Assert.Empty(result.CompilationProblems());
    }
}
