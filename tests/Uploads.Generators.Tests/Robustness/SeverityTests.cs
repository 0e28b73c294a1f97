using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Robustness;

/// <summary>
/// Severity of the generator's diagnostics honours the user's configuration (<c>dotnet_diagnostic.&lt;ID&gt;.severity</c>).
/// How the compiler applies it: the generator driver filters what a generator reports through the compilation's
/// options (<c>CompilationOptions.FilterDiagnostic</c>): <c>SpecificDiagnosticOptions</c> (NoWarn, WarningsAsErrors)
/// and the <c>SyntaxTreeOptionsProvider</c> that csc builds from the analyzer config files. Diagnostics located in the
/// OpenAPI document have no syntax tree, so only the provider's global values apply to them: those of a global
/// analyzer config (<c>.globalconfig</c>, or any config file with <c>is_global = true</c>). Section settings of an
/// ordinary <c>.editorconfig</c> (<c>[*.cs]</c>, <c>[*.yaml]</c>, even <c>[*]</c>) are per-tree and never reach them.
/// The in-process tests rebuild exactly that provider from config text; the build tests run a real <c>dotnet build</c>.
/// </summary>
public class SeverityTests(ITestOutputHelper output)
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: Probe, version: "1" }
        paths: {}
        components:
          schemas:
            Pet:
              type: object
              required: [id, missing_name]
              properties:
                id: { type: string }
        """;

    [Theory]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("warning", DiagnosticSeverity.Warning)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    [InlineData("silent", DiagnosticSeverity.Hidden)]
    [InlineData("default", DiagnosticSeverity.Warning)]
    public void GlobalConfigSeverityAppliesToADiagnosticInTheDocument(string configured, DiagnosticSeverity expected)
    {
        var d = Assert.Single(RunWithGlobalConfig($"is_global = true\ndotnet_diagnostic.OAG006.severity = {configured}\n"), x => x.Id == "OAG006");
        Assert.Equal(expected, d.Severity);
        Assert.Equal("/proj/spec.yaml", d.Location.GetLineSpan().Path);
    }

    [Fact]
    public void GlobalConfigSeverityNoneSuppressesTheDiagnostic()
    {
        var diagnostics = RunWithGlobalConfig("is_global = true\ndotnet_diagnostic.OAG006.severity = none\n");
        Assert.DoesNotContain(diagnostics, d => d.Id == "OAG006");
    }

    [Fact]
    public void OtherDiagnosticsKeepTheirDefaultSeverity()
    {
        var diagnostics = RunWithGlobalConfig("is_global = true\ndotnet_diagnostic.OAG005.severity = none\n");
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(diagnostics, d => d.Id == "OAG006").Severity);
    }

    [Theory]
    [InlineData(ReportDiagnostic.Error, DiagnosticSeverity.Error)]
    [InlineData(ReportDiagnostic.Suppress, null)]
    public void SpecificDiagnosticOptionsApply(ReportDiagnostic option, DiagnosticSeverity? expected)
    {
        // <WarningsAsErrors>OAG006</WarningsAsErrors> and <NoWarn>OAG006</NoWarn> become these options.
        var compilation = GeneratorHarness.CreateCompilation();
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["OAG006"] = option }));
        GeneratorHarness.CreateDriver(new[] { new SpecFile("/proj/spec.yaml", Spec) })
            .RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        var d = diagnostics.SingleOrDefault(x => x.Id == "OAG006");
        Assert.Equal(expected, d?.Severity);
    }

    /// <summary>csc's view of the configuration: global values from the global config, per-tree values from the sections.</summary>
    private static ImmutableArray<Diagnostic> RunWithGlobalConfig(string text)
    {
        var config = AnalyzerConfig.Parse(SourceText.From(text), "/proj/.globalconfig");
        var set = AnalyzerConfigSet.Create(ImmutableArray.Create(config));
        var global = set.GlobalConfigOptions.TreeOptions;
        var compilation = GeneratorHarness.CreateCompilation();
        compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new GlobalOnlyProvider(global)));
        GeneratorHarness.CreateDriver(new[] { new SpecFile("/proj/spec.yaml", Spec) })
            .RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        return diagnostics;
    }

    /// <summary>The part of csc's provider that matters for diagnostics outside syntax trees.</summary>
    private sealed class GlobalOnlyProvider(ImmutableDictionary<string, ReportDiagnostic> global) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            global.TryGetValue(diagnosticId, out severity);
    }

    // ---- real builds ------------------------------------------------------------------------------------------------

    public static TheoryData<string, string, string, string?> Builds => new()
    {
        // name, config file name, its text, what the build must show for OAG006 (null: nothing)
        { "no configuration", "", "", "warning OAG006" },
        { ".globalconfig error", ".globalconfig", "is_global = true\ndotnet_diagnostic.OAG006.severity = error\n", "error OAG006" },
        { ".globalconfig none", ".globalconfig", "is_global = true\ndotnet_diagnostic.OAG006.severity = none\n", null },
        { ".editorconfig with is_global error", ".editorconfig", "is_global = true\ndotnet_diagnostic.OAG006.severity = error\n", "error OAG006" },
        { ".editorconfig with is_global none", ".editorconfig", "is_global = true\ndotnet_diagnostic.OAG006.severity = none\n", null },
    };

    /// <summary>A real <c>dotnet build</c> of a tiny project that uses the generator as an analyzer, as the sample does.</summary>
    [Theory]
    [MemberData(nameof(Builds))]
    public void RealBuildHonoursTheConfiguredSeverity(string name, string configFile, string configText, string? expected)
    {
        string log = Build(configFile, configText);
        output.WriteLine(name + ":\n" + log);
        var lines = log.Split('\n').Where(l => l.Contains("OAG006", StringComparison.Ordinal)).ToList();
        if (expected is null)
        {
            Assert.Empty(lines);
            Assert.Contains("Build succeeded", log, StringComparison.Ordinal);
        }
        else
        {
            Assert.NotEmpty(lines);
            Assert.All(lines, l => Assert.Contains(expected, l, StringComparison.Ordinal));
            // At the document's line and column (1-based in MSBuild's format): line 8, column 7 is "required".
            Assert.All(lines, l => Assert.Contains("spec.yaml(8,7)", l, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The README's documented limit: a <c>dotnet_diagnostic.OAG006.severity</c> setting under a section of an ordinary
    /// <c>.editorconfig</c> has no effect on diagnostics in the document, because the compiler applies section settings
    /// per C# file (syntax tree) and these diagnostics have none. If a future compiler applies them, this test fails and
    /// the README's Diagnostics section can promise more.
    /// </summary>
    [Theory]
    [InlineData("[*]")]
    [InlineData("[*.yaml]")]
    [InlineData("[*.{cs,yaml}]")]
    public void RealBuildIgnoresAnEditorConfigSectionAsTheReadmeSays(string section)
    {
        string readme = File.ReadAllText(Path.Combine(Paths.RepoRoot, "README.md"));
        Assert.Contains("has no effect", readme, StringComparison.Ordinal);

        string log = Build(".editorconfig", $"root = true\n\n{section}\ndotnet_diagnostic.OAG006.severity = error\n");
        output.WriteLine(log);
        var lines = log.Split('\n').Where(l => l.Contains("OAG006", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains("warning OAG006", l, StringComparison.Ordinal));
    }

    private static string Build(string configFile, string configText)
    {
        string directory = Path.Combine(Path.GetTempPath(), "uploads-severity-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            // Nothing from above the temporary folder (a Directory.Build.props, an .editorconfig) may leak in.
            File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />");
            string analyzers = Path.GetDirectoryName(typeof(OpenApiGenerator).Assembly.Location)!;
            string analyzerItems = string.Join(";", new[] { "Uploads.Generators.dll", "Microsoft.OpenApi.dll", "Microsoft.OpenApi.YamlReader.dll", "SharpYaml.dll" }.Select(f => Path.Combine(analyzers, f)));
            File.WriteAllText(Path.Combine(directory, "Probe.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <Import Project="{Path.Combine(Paths.RepoRoot, "generator", "build", "Uploads.Generators.props")}" />
                  <PropertyGroup>
                    <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <RootNamespace>Severity.Probe</RootNamespace>
                  </PropertyGroup>
                  <ItemGroup>
                    <Analyzer Include="{analyzerItems}" />
                    <AdditionalFiles Include="spec.yaml" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(directory, "spec.yaml"), Spec);
            File.WriteAllText(Path.Combine(directory, "Anchor.cs"), "namespace Severity.Probe { public static class Anchor { } }\n");
            if (configFile.Length > 0) File.WriteAllText(Path.Combine(directory, configFile), configText);

            var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "build", "-nologo", "-v:q", "-clp:NoSummary", "--disable-build-servers", "-p:TreatWarningsAsErrors=false" }) start.ArgumentList.Add(arg);
            // The test host's MSBuild variables would point the child build at the wrong MSBuild.
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("_MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(key);
            }
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet build did not finish in 5 minutes");
            }
            var log = new StringBuilder(stdout.Result).Append(stderr.Result);
            log.Append(process.ExitCode == 0 ? "\nBuild succeeded (exit code 0)" : $"\nBuild failed (exit code {process.ExitCode})");
            return log.ToString();
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
