using System.Text.Json.Nodes;
using Uploads.Generators.Parsing;
using Xunit;

namespace Uploads.Generators.Tests.Parsing;

/// <summary>
/// <see cref="SpecSource.RawThroughReferences"/>: a pointer that passes through a local $ref continues in its target;
/// a key the reference object has itself is taken there; a cycle of references ends in nothing, not in a hang.
/// </summary>
public class RawThroughReferencesTests
{
    private const string Text = """
        paths:
          /a:
            get:
              responses:
                '200': { $ref: '#/components/responses/Ok' }
                '201': { $ref: '#/components/responses/Ok', description: own }
                '202': { $ref: '#/components/responses/Loop' }
                '203': { $ref: '#/components/responses/Chained' }
                '204': { $ref: 'other.yaml#/Ok' }
        components:
          responses:
            Ok: { description: target, content: { application/json: { schema: { type: string } } } }
            Chained: { $ref: '#/components/responses/Ok' }
            Loop: { $ref: '#/components/responses/Loop2' }
            Loop2: { $ref: '#/components/responses/Loop' }
        """;

    [Theory]
    [InlineData("#/paths/~1a/get/responses/200/content/application~1json/schema/type", "string")]
    [InlineData("#/paths/~1a/get/responses/200/description", "target")]
    [InlineData("#/paths/~1a/get/responses/201/description", "own")]
    [InlineData("#/paths/~1a/get/responses/203/content/application~1json/schema/type", "string")]
    [InlineData("#/components/responses/Ok/description", "target")]
    public void FollowsLocalReferencesAlongThePointer(string pointer, string expected)
    {
        var source = SpecSource.Load("/specs/refs.yaml", Text, out _)!;
        Assert.Equal(expected, (source.RawThroughReferences(pointer) as JsonValue)?.GetValue<string>());
    }

    [Theory]
    [InlineData("#/paths/~1a/get/responses/202/description")]
    [InlineData("#/paths/~1a/get/responses/204/description")]
    [InlineData("#/paths/~1b/get")]
    public void EndsInNothingWhereTheReferencesLeadNowhere(string pointer)
    {
        var source = SpecSource.Load("/specs/refs.yaml", Text, out _)!;
        Assert.Null(source.RawThroughReferences(pointer));
    }
}
