using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Composition;

/// <summary>Integer enums, x-enum-varnames, and string enum values that are not identifiers.</summary>
public class EnumTests
{
    private const string Spec = """
        openapi: 3.0.1
        info: { title: Enums, version: "1" }
        paths: {}
        components:
          schemas:
            Level:
              type: integer
              format: int32
              enum: [0, 1, -1]
              x-enum-varnames: [None, Some, Negative]
            Code:
              type: integer
              enum: [200, -5]
            Odd:
              type: string
              enum: ["a\"b", "back\\slash", "tab\there", "", "off", "1024x1024"]
            Holder:
              type: object
              properties:
                level: { $ref: '#/components/schemas/Level' }
                code: { $ref: '#/components/schemas/Code' }
                odd: { $ref: '#/components/schemas/Odd' }
        """;

    private const string Driver = """
        using System.Text.Json;
        using Test.Api;

        public static class EnumDriver
        {
            private static readonly JsonSerializerOptions Options = new() { TypeInfoResolver = EnumsJsonContext.Default };

            public static string RoundTrip(string json) => JsonSerializer.Serialize(JsonSerializer.Deserialize<Holder>(json, Options)!, Options);

            public static string Names() => string.Join(",", Level.None, Level.Some, Level.Negative, (long)Level.Negative, Code.Value200, Code.ValueMinus5,
                Odd.AB, Odd.BackSlash, Odd.TabHere, Odd.Empty, Odd.Off, Odd._1024x1024, OddExtensions.ToWireValue(Odd.AB));
        }
        """;

    private static readonly Lazy<RuntimeCompilation> Compiled = new(() =>
        RuntimeCompilation.Compile(new SpecFile("/specs/enums.yaml", Spec), "EnumDriver", "EnumTests", Driver));

    [Fact]
    public void MembersUseVarnamesNumbersAndReadableNames()
    {
        Assert.Equal("None,Some,Negative,-1,Value200,ValueMinus5,AB,BackSlash,TabHere,Empty,Off,_1024x1024,a\"b", Compiled.Value.CallString("Names"));
    }

    [Theory]
    [InlineData("""{"level":-1,"code":200,"odd":"a\"b"}""")]
    [InlineData("""{"level":1,"code":-5,"odd":"tab\there"}""")]
    [InlineData("""{"level":0,"odd":""}""")]
    [InlineData("""{"odd":"back\\slash"}""")]
    public void IntegerAndOddStringEnumsRoundTripExactly(string json)
    {
        Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString(), System.Text.Json.Nodes.JsonNode.Parse(Compiled.Value.CallString("RoundTrip", json))!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"level":7}""", "'7' is not a value of Level")]
    [InlineData("""{"level":"1"}""", "Expected a number")]
    [InlineData("""{"odd":"A\"B"}""", "is not a value of Odd")]
    public void UnknownValuesAreErrors(string json, string message)
    {
        var exception = Assert.ThrowsAny<System.Text.Json.JsonException>(() => Compiled.Value.Call("RoundTrip", json));
        Assert.Contains(message, exception.Message);
    }
}
