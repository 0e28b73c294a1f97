using BenchmarkDotNet.Attributes;

namespace Uploads.Generators.Benchmarks.Generator;

/// <summary>
/// The same runs as <see cref="OpenAIDocumentBenchmarks"/>, without BenchmarkDotNet's full collection before each
/// iteration: every operation then pays for the garbage it leaves, as in an IDE that keeps editing. With the default,
/// a cold run (one operation per iteration) leaves much of its garbage to that untimed collection, while an edit (four
/// or five operations per iteration) pays for most of its own inside the timing. Supplementary rows of the targets
/// table; the targets themselves are read from the default runs.
/// </summary>
[GcForce(false)]
public class OpenAIDocumentSteadyStateBenchmarks : OpenAIDocumentBenchmarks
{
}
