using System.Globalization;
using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>
/// Emits a string enum: a C# <c>enum</c> with exact wire-value mapping, or (<c>OpenApiEnumStyle=Extensible</c>)
/// a <c>readonly record struct</c> that round-trips values the document does not list yet.
/// </summary>
public static class EnumEmitter
{
    public static string Emit(string @namespace, TypeModel type, EnumStyle style) =>
        type.IsIntegerEnum ? EmitIntegerEnum(@namespace, type)
        : style == EnumStyle.Extensible ? EmitExtensible(@namespace, type)
        : EmitEnum(@namespace, type);

    /// <summary>An integer enum (both styles): C# members with their numbers, read and written as JSON numbers.</summary>
    private static string EmitIntegerEnum(string @namespace, TypeModel type)
    {
        var writer = GeneratedFile.StartType(@namespace, type, "public enum", out string fullName, "long");
        foreach (var member in type.Members)
        {
            writer.SummaryXml($"The wire value <c>{member.WireValue}</c>.");
            writer.Line($"{member.Name} = {member.WireValue}L,");
        }
        writer.Close();
        writer.Line();
        EmitExtensions(writer, type, fullName);
        writer.Line();
        GeneratedFile.OpenConverter(writer, type.Name, fullName, $"Reads and writes <see cref=\"{fullName}\"/> as JSON numbers; a number the document does not list is a <see cref=\"global::System.Text.Json.JsonException\"/>.");
        writer.Open($"public static {fullName} ReadValue(ref {JsonCode.Reader} reader, {JsonCode.Options} options)");
        writer.Line($"long number = {JsonCode.Runtime}.ReadInt64(ref reader);");
        writer.Open("switch (number)");
        foreach (var member in type.Members) writer.Line($"case {member.WireValue}L: return {fullName}.{member.Name};");
        writer.Line($"default: throw {JsonCode.Runtime}.UnknownEnumValue({CSharpText.StringLiteral(type.Name)}, number.ToString(global::System.Globalization.CultureInfo.InvariantCulture));");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Open($"public static void WriteValue({JsonCode.Writer} writer, {fullName} value, {JsonCode.Options} options)");
        writer.Line($"_ = {fullName}Extensions.ToWireValue(value);");
        writer.Line("writer.WriteNumberValue((long)value);");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static string EmitEnum(string @namespace, TypeModel type)
    {
        var writer = GeneratedFile.StartType(@namespace, type, "public enum", out string fullName);
        for (int i = 0; i < type.Members.Count; i++)
        {
            var member = type.Members[i];
            if (i > 0) writer.Line();
            writer.SummaryXml($"The wire value <c>{CSharpText.XmlInline(member.WireValue)}</c>.");
            writer.Line(member.Name + ",");
        }
        writer.Close();
        writer.Line();

        EmitExtensions(writer, type, fullName);
        writer.Line();

        GeneratedFile.OpenConverter(writer, type.Name, fullName, $"Reads and writes <see cref=\"{fullName}\"/> by exact wire value; an unknown value is a <see cref=\"global::System.Text.Json.JsonException\"/>.");
        writer.Open("private static readonly global::System.Text.Json.JsonEncodedText[] s_values =");
        foreach (var member in type.Members)
        {
            writer.Line($"global::System.Text.Json.JsonEncodedText.Encode({CSharpText.StringLiteral(member.WireValue)}),");
        }
        writer.Close(";");
        writer.Line();
        writer.Open($"public static {fullName} ReadValue(ref {JsonCode.Reader} reader, {JsonCode.Options} options)");
        writer.Line($"{JsonCode.Runtime}.ExpectString(ref reader, {CSharpText.StringLiteral(type.Name)});");
        foreach (var member in type.Members)
        {
            writer.Line($"if ({Match(member.WireValue)}) return {fullName}.{member.Name};");
        }
        writer.Line($"throw {JsonCode.Runtime}.UnknownEnumValue({CSharpText.StringLiteral(type.Name)}, reader.GetString());");
        writer.Close();
        writer.Line();
        writer.Open($"public static void WriteValue({JsonCode.Writer} writer, {fullName} value, {JsonCode.Options} options)");
        writer.Line("int index = (int)value;");
        writer.Line($"if ((uint)index >= (uint)s_values.Length) throw {JsonCode.Runtime}.UndefinedEnumValue({CSharpText.StringLiteral(type.Name)}, index);");
        writer.Line("writer.WriteStringValue(s_values[index]);");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static string EmitExtensible(string @namespace, TypeModel type)
    {
        var writer = GeneratedFile.StartType(@namespace, type, "public readonly partial record struct", out string fullName);
        writer.Line("private readonly string? _value;");
        writer.Line();
        writer.SummaryXml("Wraps a wire value, known to this version of the document or not.");
        writer.Open($"public {type.Name}(string value)");
        writer.Line("_value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
        writer.Close();
        writer.Line();
        writer.SummaryXml("The wire value.");
        writer.Line("public string Value => _value ?? \"\";");
        writer.Line();
        writer.SummaryXml("True when the value is one the document lists.");
        if (type.Members.Count > LargeEnum)
        {
            writer.Line("public bool IsKnown => s_known.Contains(Value);");
            writer.Line();
            writer.Open("private static readonly global::System.Collections.Generic.HashSet<string> s_known = new(global::System.StringComparer.Ordinal)");
            foreach (var member in type.Members) writer.Line($"Values.{member.Name},");
            writer.Close(";");
        }
        else
        {
            writer.Line("public bool IsKnown => Value switch");
            writer.Open();
            foreach (var member in type.Members) writer.Line($"Values.{member.Name} => true,");
            writer.Line("_ => false,");
            writer.Close(";");
        }
        writer.Line();
        foreach (var member in type.Members)
        {
            writer.SummaryXml($"The wire value <c>{CSharpText.XmlInline(member.WireValue)}</c>.");
            writer.Line($"public static {fullName} {member.Name} {{ get; }} = new(Values.{member.Name});");
            writer.Line();
        }
        writer.Line("public override string ToString() => Value;");
        writer.Line();
        writer.Line($"public static implicit operator {fullName}(string value) => new(value);");
        writer.Line();
        writer.SummaryXml("The known wire values as constants, usable in <c>switch</c> on <see cref=\"Value\"/>.");
        writer.Open("public static class Values");
        for (int i = 0; i < type.Members.Count; i++)
        {
            var member = type.Members[i];
            writer.Line($"public const string {member.Name} = {CSharpText.StringLiteral(member.WireValue)};");
        }
        writer.Close();
        writer.Close();
        writer.Line();

        GeneratedFile.OpenConverter(writer, type.Name, fullName, $"Reads and writes <see cref=\"{fullName}\"/>; values the document does not list round-trip unchanged.");
        writer.Open($"public static {fullName} ReadValue(ref {JsonCode.Reader} reader, {JsonCode.Options} options)");
        writer.Line($"{JsonCode.Runtime}.ExpectString(ref reader, {CSharpText.StringLiteral(type.Name)});");
        foreach (var member in type.Members)
        {
            writer.Line($"if ({Match(member.WireValue)}) return {fullName}.{member.Name};");
        }
        writer.Line("return new " + fullName + "(reader.GetString()!);");
        writer.Close();
        writer.Line();
        writer.Line($"public static void WriteValue({JsonCode.Writer} writer, {fullName} value, {JsonCode.Options} options) => writer.WriteStringValue(value.Value);");
        writer.Close();
        return writer.ToString();
    }

    /// <summary>
    /// Above this many members, lookups are tables instead of switches: Roslyn takes ~30 s to compile a string
    /// switch of 10,000 cases and ~12 s for a switch expression of 10,000 arms (a table compiles in about a second).
    /// </summary>
    private const int LargeEnum = 128;

    private static void EmitExtensions(SourceWriter writer, TypeModel type, string fullName)
    {
        writer.SummaryXml($"Converts <see cref=\"{fullName}\"/> to and from its exact wire values.");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open($"public static class {type.Name}Extensions");
        if (!type.IsIntegerEnum && type.Members.Count > LargeEnum)
        {
            EmitTableExtensions(writer, type, fullName);
            writer.Close();
            return;
        }
        writer.SummaryXml("The value as it is written on the wire.");
        writer.Open($"public static string ToWireValue(this {fullName} value) => value switch");
        foreach (var member in type.Members)
        {
            writer.Line($"{fullName}.{member.Name} => {CSharpText.StringLiteral(member.WireValue)},");
        }
        writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, null),");
        writer.Close(";");
        writer.Line();
        writer.SummaryXml("Parses an exact wire value; no case folding.");
        writer.Open($"public static bool TryParseWireValue(string? value, out {fullName} result)");
        writer.Open("switch (value)");
        foreach (var member in type.Members)
        {
            writer.Line($"case {CSharpText.StringLiteral(member.WireValue)}: result = {fullName}.{member.Name}; return true;");
        }
        writer.Line("default: result = default; return false;");
        writer.Close();
        writer.Close();
        writer.Close();
    }


    /// <summary>The members of a string enum are 0…n-1 in order, so the wire values are an array indexed by member.</summary>
    private static void EmitTableExtensions(SourceWriter writer, TypeModel type, string fullName)
    {
        writer.Open("private static readonly string[] s_wireValues =");
        foreach (var member in type.Members) writer.Line(CSharpText.StringLiteral(member.WireValue) + ",");
        writer.Close(";");
        writer.Line();
        writer.Line($"private static readonly global::System.Collections.Generic.Dictionary<string, {fullName}> s_members = CreateIndex();");
        writer.Line();
        writer.Open($"private static global::System.Collections.Generic.Dictionary<string, {fullName}> CreateIndex()");
        writer.Line($"var index = new global::System.Collections.Generic.Dictionary<string, {fullName}>(s_wireValues.Length, global::System.StringComparer.Ordinal);");
        writer.Line($"for (int i = 0; i < s_wireValues.Length; i++) index[s_wireValues[i]] = ({fullName})i;");
        writer.Line("return index;");
        writer.Close();
        writer.Line();
        writer.SummaryXml("The value as it is written on the wire.");
        writer.Line($"public static string ToWireValue(this {fullName} value) => (uint)(int)value < (uint)s_wireValues.Length ? s_wireValues[(int)value] : throw new global::System.ArgumentOutOfRangeException(nameof(value), value, null);");
        writer.Line();
        writer.SummaryXml("Parses an exact wire value; no case folding.");
        writer.Open($"public static bool TryParseWireValue(string? value, out {fullName} result)");
        writer.Line("if (value is not null && s_members.TryGetValue(value, out result)) return true;");
        writer.Line("result = default;");
        writer.Line("return false;");
        writer.Close();
    }

    private static string Match(string wireValue) => CSharpText.IsWellFormedUtf16(wireValue)
        ? $"reader.ValueTextEquals({CSharpText.Utf8Literal(wireValue)})"
        : $"reader.ValueTextEquals({CSharpText.StringLiteral(wireValue)})";
}
