using BenchmarkDotNet.Attributes;
using Microsoft.OpenApi.YamlReader;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;
using SharpYaml.Serialization;
using Uploads.Generators.Benchmarks.Infrastructure;

namespace Uploads.Generators.Benchmarks.Generator;

/// <summary>
/// OpenAI's whole document (3 MB of YAML, 1,422 schemas, ~290 operations): our generator (models, JSON and whatever
/// else it emits today, clients included once they land) against NSwag 14.8.0 reading the same document's JSON and
/// generating a C# client with its DTOs, in the same process. NSwag is the baseline, so Ratio and Alloc Ratio of our
/// rows are "ours / NSwag".
/// </summary>
/// <remarks>
/// NSwag gets the document as JSON, converted once in setup and not timed (NSwag.Core reads JSON; YAML would need
/// NSwag.Core.Yaml). Our generator reads the YAML, so its timings include a YAML parse that NSwag is spared.
/// </remarks>
public class OpenAIDocumentBenchmarks : GeneratorBenchmarks
{
    private string _json = null!;

    protected override string SpecPath => RepoPaths.OpenAISpec;

    protected override string EditMarker => "The Unix timestamp (in seconds) for when the Upload was created.";

    protected override string TypeEditMarker => "        bytes:\n          type: integer\n          description: The intended number of bytes to be uploaded.";

    protected override string EditedTypeName => "Upload";

    protected override int MinimumGeneratedTypes => 2000;

    /// <summary>OpenAI's YAML as JSON, the way NSwag is given it (SharpYaml + OpenAPI.NET's converter).</summary>
    public static string ConvertToJson(string yamlPath)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(yamlPath)) stream.Load(reader);
        return YamlConverter.ToJsonNode(stream.Documents[0]).ToJsonString();
    }

    /// <summary>The settings NSwag is run with: DTOs and clients, System.Text.Json (as our generated code uses).</summary>
    public static CSharpClientGeneratorSettings NSwagSettings() => new()
    {
        ClassName = "{controller}Client",
        GenerateClientClasses = true,
        GenerateDtoTypes = true,
        CSharpGeneratorSettings =
        {
            Namespace = "Consumer.NSwag",
            JsonLibrary = CSharpJsonLibrary.SystemTextJson,
        },
    };

    /// <summary>What NSwag does with the document: read its JSON, generate the client and DTO file.</summary>
    public static string NSwagReadAndGenerate(string json)
    {
        var document = NSwag.OpenApiDocument.FromJsonAsync(json).GetAwaiter().GetResult();
        return new CSharpClientGenerator(document, NSwagSettings()).GenerateFile();
    }

    [GlobalSetup(Targets = new[] { nameof(NSwag_ReadAndGenerateClient), nameof(NSwag_ReadOnly) })]
    public void SetupNSwag()
    {
        _json = ConvertToJson(SpecPath);
        string code = NSwagReadAndGenerate(_json);
        Console.WriteLine($"// NSwag: {_json.Length:N0} chars of JSON in, {code.Length:N0} chars of C# out");
    }

    [Benchmark(Baseline = true)]
    public string NSwag_ReadAndGenerateClient() => NSwagReadAndGenerate(_json);

    [Benchmark]
    public NSwag.OpenApiDocument NSwag_ReadOnly() => NSwag.OpenApiDocument.FromJsonAsync(_json).GetAwaiter().GetResult();
}
