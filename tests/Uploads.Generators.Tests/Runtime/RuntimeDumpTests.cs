using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Runtime;

public class RuntimeDumpTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(null)]
    [InlineData("Extensible")]
    public void Dump(string? style)
    {
        var result = GeneratorHarness.Run(RuntimePaths.UploadsSpecFile(style));
        var dir = "/tmp/runtime-dump/" + (style ?? "Enum");
        Directory.CreateDirectory(dir);
        foreach (var s in result.Sources) File.WriteAllText(Path.Combine(dir, s.HintName), s.SourceText.ToString());
        foreach (var d in result.GeneratorDiagnostics) output.WriteLine(d.ToString());
        foreach (var d in result.CompilationProblems()) output.WriteLine(d.ToString());
    }
}
