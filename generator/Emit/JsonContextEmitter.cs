using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>
/// Emits the document's <c>JsonSerializerContext</c>: typed <c>JsonTypeInfo</c> for every generated type (and lists
/// of them), so serialization works with reflection disabled (Native AOT, trimming). One line per type each for
/// the property and the lookup, to keep the file small for documents with thousands of types.
/// </summary>
public static class JsonContextEmitter
{
    /// <summary>
    /// Above this many types the lookup is spread over this many methods by a hash of the type's name. A method loads
    /// every type it names when it is compiled, and the lookup used to try each type in turn: the first lookup in a
    /// process took 0.4 s for OpenAI's 2,469 types. Now it compiles, and loads the types of, one method of a few dozen.
    /// </summary>
    public const int LookupMethods = 64;

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
        writer.Line($"var element = {JsonCode.Runtime}.ElementOf(type, out int list);");
        if (model.Entries.Count <= LookupMethods)
        {
            WriteLookups(writer, ns, model.Entries);
            writer.Close();
        }
        else
        {
            var methods = System.Linq.Enumerable.ToList(System.Linq.Enumerable.OrderBy(
                System.Linq.Enumerable.GroupBy(model.Entries, entry => LookupMethodOf(entry.TypeName)),
                group => group.Key));
            writer.Line($"return {JsonCode.Runtime}.LookupMethodOf(element, {LookupMethods}) switch");
            writer.Open();
            foreach (var method in methods) writer.Line($"{method.Key} => {LookupMethodName(method.Key)}(element, list, options),");
            writer.Line("_ => null,");
            writer.Close(";");
            writer.Close();
            foreach (var method in methods)
            {
                writer.Line();
                writer.Open($"private static {TypeInfo}? {LookupMethodName(method.Key)}(global::System.Type element, int list, {JsonCode.Options} options)");
                WriteLookups(writer, ns, method);
                writer.Close();
            }
        }
        writer.Close();
        return writer.ToString();
    }

    /// <summary>The type compared first, its converter made only on a match (lists of it too, see OpenApiJson.ElementOf).</summary>
    private static void WriteLookups(SourceWriter writer, string ns, System.Collections.Generic.IEnumerable<JsonContextEntry> entries)
    {
        foreach (var entry in entries)
        {
            string type = $"global::{ns}.{entry.TypeName}";
            string converter = type + "JsonConverter";
            writer.Line($"if (element == typeof({type})) return {JsonCode.Runtime}.CreateTypeInfo<{type}, {converter}>(list, options, {converter}.ReadValue, {converter}.WriteValue);");
        }
        writer.Line("return null;");
    }

    /// <summary>FNV-1a of the name as <c>System.Type.Name</c> gives it, as OpenApiJson.LookupMethodOf computes it at run time.</summary>
    private static int LookupMethodOf(string typeName) => (int)(Fnv1a.Hash(typeName.TrimStart('@')) % LookupMethods);

    private static string LookupMethodName(int index) => "GetTypeInfo" + index.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
}
