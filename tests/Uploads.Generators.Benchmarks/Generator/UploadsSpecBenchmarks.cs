using Uploads.Generators.Benchmarks.Infrastructure;

namespace Uploads.Generators.Benchmarks.Generator;

/// <summary>Our generator on <c>spec/uploads.openapi.yaml</c> (OpenAI's Uploads API: 5 paths, 10 schemas).</summary>
public class UploadsSpecBenchmarks : GeneratorBenchmarks
{
    protected override string SpecPath => RepoPaths.UploadsSpec;

    protected override string EditMarker => "for when the Upload was created.";

    protected override string TypeEditMarker => "        bytes:\n          type: integer\n          description: The intended number of bytes to be uploaded.";

    protected override string EditedTypeName => "Upload";

    protected override int MinimumGeneratedTypes => 10;
}
