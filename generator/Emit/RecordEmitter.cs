using System.Globalization;
using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>Emits a record for an object schema and its reflection-free JSON converter.</summary>
public static class RecordEmitter
{
    public static string Emit(string @namespace, TypeModel type)
    {
        var writer = GeneratedFile.StartType(@namespace, type, "public sealed partial record", out string fullName, type.BaseType);
        bool first = true;
        foreach (var property in type.Properties)
        {
            if (!first) writer.Line();
            first = false;
            writer.Summary(property.Description);
            GeneratedFile.Obsolete(writer, property.Deprecated);
            writer.Line($"[global::System.Text.Json.Serialization.JsonPropertyName({CSharpText.StringLiteral(property.WireName)})]");
            writer.Line(Declaration(property));
        }
        writer.Close();
        writer.Line();
        EmitConverter(writer, type, fullName);
        return writer.ToString();
    }

    private static string Declaration(PropertyModel property)
    {
        if (property.ConstValue is not null)
        {
            return $"public string {property.Name} {{ get; init; }} = {CSharpText.StringLiteral(property.ConstValue)};";
        }
        return property.Required
            ? $"public required {property.Type.Declaration} {property.Name} {{ get; init; }}"
            : $"public {property.Type.FullName}? {property.Name} {{ get; init; }}";
    }

    private static void EmitConverter(SourceWriter writer, TypeModel type, string fullName)
    {
        GeneratedFile.OpenConverter(writer, type.Name, fullName, $"Reads and writes <see cref=\"{fullName}\"/> with its exact wire names, without reflection.");
        for (int i = 0; i < type.Properties.Count; i++)
        {
            writer.Line($"private static readonly global::System.Text.Json.JsonEncodedText s_name{I(i)} = global::System.Text.Json.JsonEncodedText.Encode({CSharpText.StringLiteral(type.Properties[i].WireName)});");
        }
        if (type.Properties.Count > 0) writer.Line();
        EmitRead(writer, type, fullName);
        writer.Line();
        EmitWrite(writer, type, fullName);
        writer.Close();
    }

    private static void EmitRead(SourceWriter writer, TypeModel type, string fullName)
    {
        writer.Open($"public static {fullName} ReadValue(ref {JsonCode.Reader} reader, {JsonCode.Options} options)");
        writer.Line($"{JsonCode.Runtime}.ExpectStartObject(ref reader, {CSharpText.StringLiteral(type.Name)});");
        for (int i = 0; i < type.Properties.Count; i++)
        {
            var property = type.Properties[i];
            writer.Line($"{property.Type.FullName}? value{I(i)} = default;");
            if (IsCheckedOnRead(property)) writer.Line($"bool has{I(i)} = false;");
        }
        writer.Line("string? current = null;");
        writer.Open("try");
        writer.Open($"while ({JsonCode.Runtime}.NextProperty(ref reader))");
        string keyword = "if";
        for (int i = 0; i < type.Properties.Count; i++)
        {
            var property = type.Properties[i];
            string match = CSharpText.IsWellFormedUtf16(property.WireName)
                ? $"reader.ValueTextEquals({CSharpText.Utf8Literal(property.WireName)})"
                : $"reader.ValueTextEquals({CSharpText.StringLiteral(property.WireName)})";
            writer.Open($"{keyword} ({match})");
            writer.Line($"current = {CSharpText.StringLiteral(property.WireName)};");
            writer.Line("reader.Read();");
            // An optional member takes an explicit null as absent; a required one must match the schema.
            var readType = property.Required ? property.Type : property.Type.WithNullable(true);
            string read = property.ConstValue is not null
                ? $"reader.TokenType == {JsonCode.TokenType}.Null ? null : {JsonCode.Runtime}.ReadString(ref reader, {CSharpText.StringLiteral(property.ConstValue)})"
                : JsonCode.Read(readType, "reader", "options");
            writer.Line($"value{I(i)} = {read};");
            if (IsCheckedOnRead(property)) writer.Line($"has{I(i)} = true;");
            writer.Close();
            keyword = "else if";
        }
        if (type.Properties.Count > 0) writer.Open("else");
        writer.Line("reader.Read();");
        writer.Line("reader.Skip();");
        if (type.Properties.Count > 0) writer.Close();
        writer.Line("current = null;");
        writer.Close();
        writer.Close();
        writer.Open($"catch (global::System.Text.Json.JsonException exception) when (current is not null)");
        writer.Line($"throw {JsonCode.Runtime}.WithPath(exception, current);");
        writer.Close();

        for (int i = 0; i < type.Properties.Count; i++)
        {
            var property = type.Properties[i];
            if (IsCheckedOnRead(property))
            {
                writer.Line($"if (!has{I(i)}) throw {JsonCode.Runtime}.MissingProperty({CSharpText.StringLiteral(type.Name)}, {CSharpText.StringLiteral(property.WireName)});");
            }
        }

        writer.Open($"return new {fullName}");
        for (int i = 0; i < type.Properties.Count; i++)
        {
            var property = type.Properties[i];
            writer.Line($"{property.Name} = {Assigned(property, "value" + I(i))},");
        }
        writer.Close(";");
        writer.Close();
    }

    /// <summary>Required on the wire: required members and required consts must be present.</summary>
    private static bool IsCheckedOnRead(PropertyModel property) => property.Required;

    private static string Assigned(PropertyModel property, string local)
    {
        if (property.ConstValue is not null) return $"{local} ?? {CSharpText.StringLiteral(property.ConstValue)}";
        if (!property.Required || property.Type.Nullable) return local;
        return property.Type.IsValueType ? $"{local}.GetValueOrDefault()" : local + "!";
    }

    private static void EmitWrite(SourceWriter writer, TypeModel type, string fullName)
    {
        writer.Open($"public static void WriteValue({JsonCode.Writer} writer, {fullName}? value, {JsonCode.Options} options)");
        writer.Open("if (value is null)");
        writer.Line("writer.WriteNullValue();");
        writer.Line("return;");
        writer.Close();
        writer.Line("writer.WriteStartObject();");
        for (int i = 0; i < type.Properties.Count; i++)
        {
            var property = type.Properties[i];
            string name = "s_name" + I(i);
            var valueType = property.Type.WithNullable(false);
            bool mayBeNull = property.ConstValue is null && (!property.Required || property.Type.Nullable);
            if (!mayBeNull)
            {
                JsonCode.WriteProperty(writer, valueType, name, $"value.{property.Name}", "options");
                continue;
            }
            writer.Open($"if (value.{property.Name} is {{ }} value{I(i)})");
            JsonCode.WriteProperty(writer, valueType, name, "value" + I(i), "options");
            writer.Close();
            if (property.Required)
            {
                writer.Open("else");
                writer.Line($"writer.WriteNull({name});");
                writer.Close();
            }
        }
        writer.Line("writer.WriteEndObject();");
        writer.Close();
    }

    private static string I(int index) => index.ToString(CultureInfo.InvariantCulture);
}
