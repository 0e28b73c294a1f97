namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>
/// The documents the fuzzer mutates: the repository's spec always, plus small corpus documents when the corpus is
/// there (their outputs compile in well under a second). <c>FUZZ_DOCS=all</c> adds the larger single-file documents
/// for long campaigns (each compile of their output takes seconds).
/// </summary>
public static class FuzzSeeds
{
    private static readonly string[] Small =
    {
        "oai-examples/v2.0/petstore.yaml",
        "oai-examples/v2.0/uber.yaml",
        "oai-examples/v3.0/petstore.yaml",
        "oai-examples/v3.0/petstore-expanded.yaml",
        "oai-examples/v3.0/callback-example.yaml",
        "oai-examples/v3.0/link-example.yaml",
        "oai-examples/v3.0/uspto.yaml",
        "oai-examples/v3.1/webhook-example.yaml",
        "oai-examples/v3.1/non-oauth-scopes.yaml",
        "openapi-generator-tests/model-name-collision.yaml",
        "openapi-generator-tests/integer-enum.yaml",
        "openapi-generator-tests/composed-enum.yaml",
        "openapi-generator-tests/dates-api.yaml",
        "openapi-generator-tests/inline-enum-any-of.yaml",
        "openapi-generator-tests/3_1/csharp-null-types.yaml",
        "openapi-generator-tests/3_1/allof-nullable-type-array.yaml",
        "openapi-generator-tests/3_1/const-type-inference.yaml",
        "openapi-generator-tests/3_1/crystal-webhooks.yaml",
    };

    private static readonly string[] Large =
    {
        "openapi-generator-tests/3_1/java-petstore.yaml",
        "openapi-generator-tests/petstore-with-fake-endpoints-models-for-testing-with-http-signature.yaml",
        "twilio/twilio_lookups_v2.yaml",
        "oxide/nexus.json",
    };

    public static IReadOnlyList<FuzzSeed> Load(bool includeLarge)
    {
        var seeds = new List<FuzzSeed>
        {
            FuzzSeed.FromFile("spec/uploads.openapi.yaml", Paths.UploadsSpec),
        };
        if (Paths.HasCorpus)
        {
            foreach (var name in Small.Concat(includeLarge ? Large : Array.Empty<string>()))
            {
                string path = Path.Combine(Paths.CorpusRoot, name);
                if (File.Exists(path)) seeds.Add(FuzzSeed.FromFile(name, path));
            }
        }
        return seeds;
    }
}
