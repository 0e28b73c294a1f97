using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>
/// Emits the document's <c>JsonSerializerContext</c>: typed <c>JsonTypeInfo</c> for every generated type (and lists
/// of them), so serialization works with reflection disabled (Native AOT, trimming).
/// </summary>
public static class JsonContextEmitter
{
    public static string Emit(ApiModel model)
    {
        string ns = model.Options.Namespace;
        string context = model.JsonContextName;
        const string TypeInfo = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo";
        var writer = GeneratedFile.Start(ns);

        writer.SummaryXml($"System.Text.Json metadata for the types generated from <c>{CSharpText.XmlInline(model.Title)}</c>; use <see cref=\"Default\"/> or pass <see cref=\"Default\"/>.Options.");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"public sealed partial class {context} : global::System.Text.Json.Serialization.JsonSerializerContext, global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver");
        writer.SummaryXml("A context bound to default options.");
        writer.Line($"public static global::{ns}.{context} Default {{ get; }} = new(new {JsonCode.Options}());");
        writer.Line();
        writer.SummaryXml("Binds the context to <paramref name=\"options\"/>, which become read-only once used.");
        writer.Line($"public {context}({JsonCode.Options} options) : base(options)");
        writer.Open();
        writer.Close();
        writer.Line();
        writer.Line($"protected override {JsonCode.Options}? GeneratedSerializerOptions => null;");
        writer.Line();
        writer.Line($"public override {TypeInfo}? GetTypeInfo(global::System.Type type) => Options.TryGetTypeInfo(type, out var typeInfo) ? typeInfo : null;");
        writer.Line();

        foreach (var type in model.Types)
        {
            string full = $"global::{ns}.{type.Name}";
            writer.Line($"private {TypeInfo}<{full}>? _{type.ContextPropertyName};");
            writer.SummaryXml($"Metadata for <see cref=\"{full}\"/>.");
            writer.Line($"public {TypeInfo}<{full}> {type.ContextPropertyName} => _{type.ContextPropertyName} ??= ({TypeInfo}<{full}>)Options.GetTypeInfo(typeof({full}));");
            writer.Line();
        }

        writer.Open($"{TypeInfo}? global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, {JsonCode.Options} options)");
        foreach (var type in model.Types)
        {
            string full = $"global::{ns}.{type.Name}";
            string converter = full + "JsonConverter";
            writer.Line($"if (type == typeof({full})) return {JsonCode.Runtime}.CreateTypeInfo(options, new {converter}());");
            foreach (var list in new[] { "global::System.Collections.Generic.IReadOnlyList", "global::System.Collections.Generic.List" })
            {
                writer.Line($"if (type == typeof({list}<{full}>)) return {JsonCode.Runtime}.CreateTypeInfo(options, new {JsonCode.Runtime}.ListConverter<{list}<{full}>, {full}>({converter}.ReadValue, {converter}.WriteValue));");
            }
        }
        writer.Line("return null;");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
