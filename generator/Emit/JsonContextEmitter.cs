using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>
/// Emits the document's <c>JsonSerializerContext</c>: typed <c>JsonTypeInfo</c> for every generated type (and lists
/// of them), so serialization works with reflection disabled (Native AOT, trimming). One line per type each for
/// the property and the lookup, to keep the file small for documents with thousands of types.
/// </summary>
public static class JsonContextEmitter
{
    public static JsonContextModel Model(ApiModel model) => new(
        model.Options.Namespace,
        model.Title,
        model.JsonContextName,
        new EquatableArray<JsonContextEntry>(System.Linq.Enumerable.Select(model.Types, t => new JsonContextEntry(t.Name, t.ContextPropertyName))));

    public static string HintName(JsonContextModel model) => model.Namespace + "." + model.Name + ".g.cs";

    public static string Emit(JsonContextModel model)
    {
        string ns = model.Namespace;
        string context = model.Name;
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

        foreach (var entry in model.Entries)
        {
            string full = $"global::{ns}.{entry.TypeName}";
            writer.Line($"private {TypeInfo}<{full}>? _{entry.PropertyName};");
            writer.Line($"public {TypeInfo}<{full}> {entry.PropertyName} => _{entry.PropertyName} ??= ({TypeInfo}<{full}>)Options.GetTypeInfo(typeof({full}));");
        }
        writer.Line();

        writer.SummaryXml("Metadata for the generated types and for List/IReadOnlyList of them; null for any other type.");
        writer.Open($"{TypeInfo}? global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, {JsonCode.Options} options)");
        if (model.Entries.Count > 0) writer.Line($"{TypeInfo}? info;");
        foreach (var entry in model.Entries)
        {
            string converter = $"global::{ns}.{entry.TypeName}JsonConverter";
            writer.Line($"if ({JsonCode.Runtime}.TryCreateTypeInfo<global::{ns}.{entry.TypeName}, {converter}>(type, options, {converter}.ReadValue, {converter}.WriteValue, out info)) return info;");
        }
        writer.Line("return null;");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
