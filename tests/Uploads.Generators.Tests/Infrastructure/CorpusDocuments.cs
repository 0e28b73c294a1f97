using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi.YamlReader;
using SharpYaml.Serialization;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>
/// One document of the shared corpus, as its README lists it. <see cref="Name"/> is the root file relative to the
/// corpus. A multi-file document also names the folder whose other YAML files are its fragments: they are given to
/// the generator as AdditionalFiles too, as a user would list them.
/// </summary>
public sealed record CorpusDocument(string Name, string? FragmentsFolder = null)
{
    public string RootPath => Path.Combine(Paths.CorpusRoot, Name);

    public override string ToString() => Name;
}

/// <summary>The corpus's 31 documents (fixed here, not found on disk, so every case shows up even without the corpus).</summary>
public static class CorpusDocuments
{
    public static IReadOnlyList<CorpusDocument> All { get; } = new CorpusDocument[]
    {
        new("openai/openapi.yaml"),
        new("twilio/twilio_api_v2010.yaml"),
        new("twilio/twilio_lookups_v2.yaml"),
        new("twilio/twilio_messaging_v1.yaml"),
        new("twilio/twilio_verify_v2.yaml"),
        new("oai-examples/v2.0/petstore.yaml"),
        new("oai-examples/v2.0/uber.yaml"),
        new("oai-examples/v2.0/api-with-examples.yaml"),
        new("oai-examples/v2.0/petstore-separate/spec/swagger.yaml", "oai-examples/v2.0/petstore-separate"),
        new("oai-examples/v3.0/petstore.yaml"),
        new("oai-examples/v3.0/petstore-expanded.yaml"),
        new("oai-examples/v3.0/api-with-examples.yaml"),
        new("oai-examples/v3.0/callback-example.yaml"),
        new("oai-examples/v3.0/link-example.yaml"),
        new("oai-examples/v3.0/uspto.yaml"),
        new("oai-examples/v3.1/webhook-example.yaml"),
        new("oai-examples/v3.1/non-oauth-scopes.yaml"),
        new("openapi-generator-tests/petstore-with-fake-endpoints-models-for-testing-with-http-signature.yaml"),
        new("openapi-generator-tests/model-name-collision.yaml"),
        new("openapi-generator-tests/integer-enum.yaml"),
        new("openapi-generator-tests/composed-enum.yaml"),
        new("openapi-generator-tests/dates-api.yaml"),
        new("openapi-generator-tests/inline-enum-any-of.yaml"),
        new("openapi-generator-tests/3_1/csharp-null-types.yaml"),
        new("openapi-generator-tests/3_1/allof-nullable-type-array.yaml"),
        new("openapi-generator-tests/3_1/const-type-inference.yaml"),
        new("openapi-generator-tests/3_1/crystal-webhooks.yaml"),
        new("openapi-generator-tests/3_1/java-petstore.yaml"),
        new("github/api.github.com.json"),
        new("oxide/nexus.json"),
        new("digitalocean/specification/DigitalOcean-public.v2.yaml", "digitalocean/specification"),
    };

    public static CorpusDocument Get(string name) => All.Single(d => d.Name == name);

    /// <summary>
    /// The AdditionalFiles of a document, at their real paths: the root file first, then every other
    /// <c>.yaml</c>/<c>.yml</c> file of a multi-file document, in ordinal order.
    /// </summary>
    public static IReadOnlyList<SpecFile> Files(CorpusDocument document)
    {
        var root = Path.GetFullPath(document.RootPath);
        var files = new List<SpecFile> { new(root, File.ReadAllText(root)) };
        if (document.FragmentsFolder is not null)
        {
            var fragments = Directory.EnumerateFiles(Path.Combine(Paths.CorpusRoot, document.FragmentsFolder), "*", SearchOption.AllDirectories)
                .Where(path => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Select(Path.GetFullPath)
                .Where(path => path != root)
                .OrderBy(path => path, StringComparer.Ordinal);
            files.AddRange(fragments.Select(path => new SpecFile(path, File.ReadAllText(path))));
        }
        return files;
    }

    private static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    /// <summary>
    /// Schemas (<c>components.schemas</c>, or <c>definitions</c> for Swagger 2.0) and operations (HTTP-method keys of
    /// the <c>paths</c> entries) as written in the root file; what the corpus README counts.
    /// </summary>
    public static (int Schemas, int Operations) CountInRootFile(string path, string text)
    {
        var root = LoadTree(path, text) as JsonObject;
        if (root is null) return (0, 0);
        int schemas = 0;
        if (root["components"] is JsonObject components && components["schemas"] is JsonObject componentSchemas) schemas += componentSchemas.Count;
        if (root["definitions"] is JsonObject definitions) schemas += definitions.Count;
        int operations = 0;
        if (root["paths"] is JsonObject paths)
        {
            foreach (var item in paths)
            {
                if (item.Value is JsonObject pathItem) operations += Methods.Count(pathItem.ContainsKey);
            }
        }
        return (schemas, operations);
    }

    private static JsonNode? LoadTree(string path, string text)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 512 });
        }
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : YamlConverter.ToJsonNode(stream.Documents[0]);
    }
}
