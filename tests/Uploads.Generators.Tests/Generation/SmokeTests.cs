using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Generation;

public class SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void UploadsSpecGeneratesCompilingCode()
    {
        var result = GeneratorHarness.Run(Paths.UploadsSpecFile());
        foreach (var d in result.GeneratorDiagnostics) output.WriteLine(d.ToString());
        foreach (var s in result.Sources) output.WriteLine("=== " + s.HintName + "\n" + s.SourceText);
        foreach (var d in result.CompilationProblems()) output.WriteLine(d.ToString());
        Assert.Empty(result.CompilationProblems());
    }
}
