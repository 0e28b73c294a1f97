using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Integration;

/// <summary>
/// With Microsoft.Extensions.Http among the references, each client also gets <c>services.Add{Tag}Client(...)</c>;
/// compiled against the running framework (which carries it with ASP.NET Core) and used through a real container.
/// </summary>
public class HttpClientFactoryTests
{
    private const string Driver = """
        using System.Net;
        using System.Net.Http;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Test.Api;

        public static class FactoryDriver
        {
            private sealed class Stub : HttpMessageHandler
            {
                public string? Seen;

                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    Seen = request.Method + " " + request.RequestUri + " " + request.Headers.Authorization;
                    var body = "{\"id\":\"upload_abc123\",\"object\":\"upload\",\"bytes\":2147483648,\"created_at\":1719184911,\"filename\":\"training_examples.jsonl\",\"purpose\":\"fine-tune\",\"status\":\"cancelled\",\"expires_at\":1719127296}";
                    return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
                }
            }

            public static async Task<string> Run()
            {
                var stub = new Stub();
                var services = new ServiceCollection();
                IHttpClientBuilder builder = services.AddUploadsClient(new OpenAIApiClientOptions { ApiKeyAuth = "sk-test" });
                builder.ConfigurePrimaryHttpMessageHandler(() => stub);
                using var provider = services.BuildServiceProvider();
                var client = provider.GetRequiredService<IUploadsClient>();
                var upload = await client.CancelUploadAsync("upload_abc123");
                return upload.Status + " | " + stub.Seen;
            }
        }
        """;

    [Fact]
    public async Task AddClientRegistersATypedClientThatSendsTheConfiguredCredential()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => !Path.GetFileName(path).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        Assert.Contains(references, r => r.Display!.EndsWith("Microsoft.Extensions.Http.dll", StringComparison.Ordinal));

        var compilation = CSharpCompilation.Create(
            "FactoryConsumer",
            new[] { CSharpSyntaxTree.ParseText(Driver, GeneratorHarness.ParseOptions, path: "Driver.cs") },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorHarness.CreateDriver(new[] { Paths.UploadsSpecFile() }).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);

        using var image = new MemoryStream();
        var emit = output.Emit(image);
        var problems = emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(emit.Success && problems.Count == 0, string.Join("\n", problems));

        var context = new AssemblyLoadContext("FactoryConsumer", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var run = assembly.GetType("FactoryDriver", throwOnError: true)!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
            string result = await (Task<string>)run.Invoke(null, null)!;
            Assert.Equal("Cancelled | POST https://api.openai.com/v1/uploads/upload_abc123/cancel Bearer sk-test", result);
        }
        finally
        {
            context.Unload();
        }
    }
}
