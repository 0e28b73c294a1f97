using SharpYaml.Serialization;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>
/// OpenAI's documented JSON examples (<c>x-oaiMeta</c>), read verbatim from <c>spec/uploads.openapi.yaml</c> so the runtime
/// tests use exactly what the document says, trailing commas included.
/// </summary>
public static class RuntimeSpecExamples
{
    private static readonly Lazy<YamlMappingNode> s_root = new(() =>
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Paths.UploadsSpec));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    });

    /// <summary>The <c>x-oaiMeta.examples.response</c> of the operation at <paramref name="path"/> (POST).</summary>
    public static string OperationResponse(string path) =>
        Scalar("paths", path, "post", "x-oaiMeta", "examples", "response");

    /// <summary>The <c>x-oaiMeta.example</c> of a component schema.</summary>
    public static string SchemaExample(string schema) =>
        Scalar("components", "schemas", schema, "x-oaiMeta", "example");

    public static string CreateUploadResponse => OperationResponse("/uploads");
    public static string CancelUploadResponse => OperationResponse("/uploads/{upload_id}/cancel");
    public static string CompleteUploadResponse => OperationResponse("/uploads/{upload_id}/complete");
    public static string AddUploadPartResponse => OperationResponse("/uploads/{upload_id}/parts");
    public static string UploadObject => SchemaExample("Upload");
    public static string OpenAIFileObject => SchemaExample("OpenAIFile");
    public static string UploadPartObject => SchemaExample("UploadPart");

    private static string Scalar(params string[] keys)
    {
        YamlNode node = s_root.Value;
        foreach (var key in keys)
        {
            var mapping = node as YamlMappingNode ?? throw new InvalidOperationException($"'{string.Join("/", keys)}': not a mapping before '{key}'.");
            node = mapping.Children.FirstOrDefault(p => p.Key is YamlScalarNode s && s.Value == key).Value
                ?? throw new InvalidOperationException($"'{string.Join("/", keys)}': no key '{key}'.");
        }
        return ((YamlScalarNode)node).Value;
    }
}
