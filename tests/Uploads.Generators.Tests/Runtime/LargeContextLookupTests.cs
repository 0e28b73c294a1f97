using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Runtime;

/// <summary>
/// A context with more types than one lookup method holds spreads its lookup over methods by a hash of the type's
/// name (see JsonContextEmitter.LookupMethods): every generated type, and List/IReadOnlyList of it, is still found, at
/// run time, in the method the generator put it in, and nothing else is.
/// </summary>
public class LargeContextLookupTests
{
    private const int Records = 120;
    private const int Enums = 40;

    private static readonly Lazy<RuntimeCompilation> Compiled = new(() => RuntimeCompilation.Compile(
        new SpecFile("/specs/large.yaml", Spec()),
        "LargeDriver",
        "LargeContextLookup",
        "public static class LargeDriver { public static int Ping() => 1; }"));

    private static string Spec()
    {
        var text = new StringBuilder("openapi: 3.1.0\ninfo: { title: Large, version: \"1\" }\npaths: {}\ncomponents:\n  schemas:\n");
        for (int i = 0; i < Records; i++)
        {
            text.Append($"    Thing{i:D3}:\n      type: object\n      required: [id, kind]\n      properties:\n        id: {{ type: integer, format: int32 }}\n        kind: {{ $ref: '#/components/schemas/Kind{i % Enums:D3}' }}\n");
        }
        for (int i = 0; i < Enums; i++) text.Append($"    Kind{i:D3}: {{ type: string, enum: [first, second] }}\n");
        return text.ToString();
    }

    private static JsonSerializerContext Context(RuntimeCompilation api) =>
        (JsonSerializerContext)api.Type("Test.Api.LargeJsonContext").GetProperty("Default")!.GetValue(null)!;

    [Fact]
    public void TheLookupIsSpreadOverSeveralMethods()
    {
        string context = Compiled.Value.Generator.Source("LargeJsonContext.g.cs");
        Assert.Contains("LookupMethodOf(element, 64) switch", context, StringComparison.Ordinal);
        Assert.True(context.Split("private static global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo").Length > 30);
    }

    [Fact]
    public void EveryTypeAndListsOfItAreFound()
    {
        var api = Compiled.Value;
        var context = Context(api);
        var names = Enumerable.Range(0, Records).Select(i => $"Thing{i:D3}").Concat(Enumerable.Range(0, Enums).Select(i => $"Kind{i:D3}"));
        foreach (var name in names)
        {
            var type = api.Type("Test.Api." + name);
            foreach (var requested in new[] { type, typeof(List<>).MakeGenericType(type), typeof(IReadOnlyList<>).MakeGenericType(type) })
            {
                var info = context.GetTypeInfo(requested);
                Assert.True(info is not null, "no metadata for " + requested);
                Assert.Equal(requested, info!.Type);
            }
        }
    }

    [Fact]
    public void ValuesRoundTripThroughTheFoundMetadata()
    {
        var api = Compiled.Value;
        var context = Context(api);
        const string Json = """[{"id":7,"kind":"second"},{"id":8,"kind":"first"}]""";
        var listType = typeof(List<>).MakeGenericType(api.Type("Test.Api.Thing077"));
        object? value = JsonSerializer.Deserialize(Json, context.GetTypeInfo(listType)!);
        Assert.Equal(Json, JsonSerializer.Serialize(value, context.GetTypeInfo(listType)!));
    }

    [Theory]
    [InlineData(typeof(string))]
    [InlineData(typeof(List<string>))]
    [InlineData(typeof(Dictionary<string, int>))]
    [InlineData(typeof(int[]))]
    public void OtherTypesAreNotFound(Type type) => Assert.Null(Context(Compiled.Value).GetTypeInfo(type));
}
