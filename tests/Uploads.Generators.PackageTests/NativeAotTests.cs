using System.Runtime.InteropServices;
using Uploads.Generators.PackageTests.Infrastructure;
using Xunit.Abstractions;

namespace Uploads.Generators.PackageTests;

/// <summary>
/// The consumer published with Native AOT (when a C toolchain is here: clang, or gcc which ILCompiler falls back to),
/// else trimmed and self-contained. Either way reflection-based JSON is off, the trim/AOT analysis must report zero
/// warnings for the generated code, and the published program must run and round-trip JSON.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class NativeAotTests(PackageFixture package, ITestOutputHelper output)
{
    [Fact]
    public void Consumer_publishes_native_aot_or_trimmed_without_warnings_and_round_trips_json()
    {
        bool nativeToolchain = DotNetCli.IsOnPath("clang") || DotNetCli.IsOnPath("gcc");
        string mode = nativeToolchain ? "PublishAot" : "PublishTrimmed";
        var consumer = package.CreateConsumer("consumer-publish");
        string publishDirectory = Path.Combine(consumer.Root, "publish");
        string runtime = RuntimeInformation.RuntimeIdentifier;

        var arguments = new List<string>
        {
            "-c", "Release", "-r", runtime, "-o", publishDirectory,
            // One warning per call site instead of one per assembly, so that a warning names the generated member.
            "-p:TrimmerSingleWarn=false",
        };
        arguments.AddRange(nativeToolchain
            ? new[] { "-p:PublishAot=true" }
            : new[] { "-p:PublishTrimmed=true", "--self-contained", "true" });

        var publish = consumer.DotNet("publish", arguments.ToArray());
        output.WriteLine($"mode: {mode} ({runtime}), {publish.Elapsed.TotalSeconds:F0} s, {publish.Warnings.Count} warning(s)");
        output.WriteLine(publish.Describe(lastLines: 15));
        Assert.True(publish.ExitCode == 0, publish.Describe());
        Assert.True(publish.Warnings.Count == 0, $"{mode} reported warnings:\n" + string.Join("\n", publish.Warnings));
        if (nativeToolchain) Assert.Contains("Generating native code", publish.Output);

        string executable = Path.Combine(publishDirectory, OperatingSystem.IsWindows() ? "Consumer.exe" : "Consumer");
        Assert.True(File.Exists(executable), $"{executable} was not published");
        if (nativeToolchain)
        {
            // A native image: no IL assembly of the app next to it.
            Assert.False(File.Exists(Path.Combine(publishDirectory, "Consumer.dll")), "PublishAot left Consumer.dll: not a native image");
        }

        var run = DotNetCli.Execute(executable, publishDirectory, TimeSpan.FromMinutes(2));
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("round trip: equal", run.Output);
        Assert.Contains("rejected: ", run.Output);
        Assert.Contains("client: upload_abc123 Cancelled", run.Output);
        Assert.Contains("ALL CHECKS PASSED", run.Output);
    }

    /// <summary>
    /// tests/PackageConsumers/ServerConsumer: the generated server stubs (IUploadsApi, MapUploadsApi) in a slim
    /// minimal-API app on 127.0.0.1:0, published with Native AOT (else trimmed, self-contained, with the trim and AOT
    /// analyzers), with zero warnings; the published app calls itself with the generated client (cancel, create, a
    /// ~1 MB multipart part, a 409 ApiException&lt;ErrorResponse&gt;, a malformed JSON body answered with 400).
    /// </summary>
    [Fact]
    public void Server_consumer_publishes_native_aot_or_trimmed_without_warnings_and_serves_the_generated_endpoints()
    {
        bool nativeToolchain = DotNetCli.IsOnPath("clang") || DotNetCli.IsOnPath("gcc");
        string mode = nativeToolchain ? "PublishAot" : "PublishTrimmed";
        var server = package.CreateConsumer("server-consumer-publish").ForProject("ServerConsumer");
        string publishDirectory = Path.Combine(server.Root, "server-publish");
        string runtime = RuntimeInformation.RuntimeIdentifier;

        var arguments = new List<string> { "-c", "Release", "-r", runtime, "-o", publishDirectory, "-p:TrimmerSingleWarn=false" };
        arguments.AddRange(nativeToolchain
            ? new[] { "-p:PublishAot=true" }
            : new[] { "-p:PublishAot=false", "-p:PublishTrimmed=true", "-p:EnableTrimAnalyzer=true", "-p:EnableAotAnalyzer=true", "--self-contained", "true" });

        var publish = server.DotNet("publish", arguments.ToArray());
        output.WriteLine($"mode: {mode} ({runtime}), {publish.Elapsed.TotalSeconds:F0} s, {publish.Warnings.Count} warning(s)");
        output.WriteLine(publish.Describe(lastLines: 15));
        Assert.True(publish.ExitCode == 0, publish.Describe());
        Assert.True(publish.Warnings.Count == 0, $"{mode} reported warnings:\n" + string.Join("\n", publish.Warnings));
        if (nativeToolchain) Assert.Contains("Generating native code", publish.Output);

        // The generator saw ASP.NET Core and emitted the server stubs (a publish with -r generates under obj/Release/net10.0/<rid>/).
        var generated = Directory.GetFiles(Path.Combine(server.ProjectDirectory, "obj"), "*.g.cs", SearchOption.AllDirectories)
            .Where(f => f.Contains("Uploads.Generators.OpenApiGenerator", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(generated, f => File.ReadAllText(f).Contains("MapUploadsApi(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder", StringComparison.Ordinal));

        string executable = Path.Combine(publishDirectory, OperatingSystem.IsWindows() ? "ServerConsumer.exe" : "ServerConsumer");
        Assert.True(File.Exists(executable), $"{executable} was not published");
        if (nativeToolchain)
        {
            Assert.False(File.Exists(Path.Combine(publishDirectory, "ServerConsumer.dll")), "PublishAot left ServerConsumer.dll: not a native image");
        }

        var run = DotNetCli.Execute(executable, publishDirectory, TimeSpan.FromMinutes(2));
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("cancel: upload_abc123 Cancelled", run.Output);
        Assert.Contains("create: upload_new Pending data.jsonl 1048576", run.Output);
        Assert.Contains("add part: part_1048576 upload_abc123", run.Output);
        Assert.Contains("complete: 409 invalid_request_error: Upload upload_abc123 is already completed", run.Output);
        Assert.Contains("malformed json: 400 ", run.Output);
        Assert.Contains("SERVER CHECKS PASSED", run.Output);
    }
}
