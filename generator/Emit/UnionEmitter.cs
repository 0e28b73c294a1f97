using System.Globalization;
using System.Linq;
using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>
/// Emits a union (oneOf/anyOf of several schemas, or a 3.1 type array): a sealed class holding one branch, with
/// <c>Is{Branch}</c>/<c>As{Branch}</c> accessors, <c>From{Branch}</c> factories and implicit conversions. Its
/// converter picks the branch by discriminator value when the document declares one, otherwise by JSON token kind
/// and then by trying the branches in document order.
/// </summary>
public static class UnionEmitter
{
    public static string Emit(string @namespace, TypeModel type)
    {
        if (type.IsAbstractBase) return EmitAbstractBase(@namespace, type);
        var writer = GeneratedFile.StartType(@namespace, type, "public sealed partial class", out string fullName);
        writer.Line("private readonly object _value;");
        writer.Line("private readonly int _branch;");
        writer.Line();
        writer.Open($"private {type.Name}(object value, int branch)");
        writer.Line("_value = value;");
        writer.Line("_branch = branch;");
        writer.Close();
        writer.Line();
        writer.SummaryXml("The value of whichever branch this is.");
        writer.Line("public object Value => _value;");
        for (int i = 0; i < type.Branches.Count; i++)
        {
            var branch = type.Branches[i];
            var branchType = branch.Type.WithNullable(false);
            string index = I(i);
            string values = branch.DiscriminatorValues.Count > 0
                ? " (" + string.Join(", ", branch.DiscriminatorValues.Select(v => "<c>" + CSharpText.XmlInline(v) + "</c>")) + ")"
                : "";
            writer.Line();
            writer.SummaryXml($"True when the value is the {CSharpText.XmlInline(branch.Name)} branch{values}.");
            writer.Line($"public bool Is{branch.Name} => _branch == {index};");
            writer.Line();
            writer.SummaryXml($"The {CSharpText.XmlInline(branch.Name)} branch, or null when the value is another branch.");
            writer.Line($"public {branchType.FullName}? As{branch.Name} => _branch == {index} ? ({branchType.FullName})_value : default({branchType.FullName}?);");
            writer.Line();
            writer.SummaryXml($"A union holding the {CSharpText.XmlInline(branch.Name)} branch.");
            string check = branchType.IsValueType ? "value" : "value ?? throw new global::System.ArgumentNullException(nameof(value))";
            writer.Line($"public static {fullName} From{branch.Name}({branchType.FullName} value) => new({check}, {index});");
            if (CanConvertImplicitly(type, i))
            {
                writer.Line();
                writer.Line($"public static implicit operator {fullName}({branchType.FullName} value) => From{branch.Name}(value);");
            }
        }
        writer.Line();
        writer.Line("public override string ToString() => _value.ToString() ?? \"\";");
        writer.Close();
        writer.Line();
        EmitConverter(writer, type, fullName);
        return writer.ToString();
    }

    /// <summary>The base record of a discriminated union; the branch records derive from it and match with <c>is</c>.</summary>
    private static string EmitAbstractBase(string @namespace, TypeModel type)
    {
        var writer = GeneratedFile.StartType(@namespace, type, "public abstract partial record", out string fullName);
        writer.Close();
        writer.Line();
        GeneratedFile.OpenConverter(writer, type.Name, fullName, $"Reads the branch named by <c>{CSharpText.XmlInline(type.Discriminator!)}</c> and writes whichever branch the value is, without reflection.");
        writer.Open($"public static {fullName} ReadValue(ref {JsonCode.Reader} reader, {JsonCode.Options} options)");
        EmitDiscriminatorSwitch(writer, type, branch => JsonCode.Read(branch.Type.WithNullable(false), "reader", "options"));
        writer.Close();
        writer.Line();
        writer.Open($"public static void WriteValue({JsonCode.Writer} writer, {fullName}? value, {JsonCode.Options} options)");
        writer.Open("switch (value)");
        writer.Line("case null:");
        writer.Line("    writer.WriteNullValue();");
        writer.Line("    return;");
        for (int i = 0; i < type.Branches.Count; i++)
        {
            var branch = type.Branches[i].Type.WithNullable(false);
            writer.Line($"case {branch.FullName} branch{I(i)}:");
            writer.Line("    " + JsonCode.WriteNonNull(branch, "writer", "branch" + I(i), "options"));
            writer.Line("    return;");
        }
        writer.Line($"default: throw new global::System.NotSupportedException(value.GetType() + \" is not a branch of {type.Name}.\");");
        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>Reads the discriminator from a copy of the reader and returns the branch it names (first listed wins).</summary>
    private static void EmitDiscriminatorSwitch(SourceWriter writer, TypeModel type, System.Func<UnionBranchModel, string> read, string? wrap = null)
    {
        string property = CSharpText.StringLiteral(type.Discriminator!);
        writer.Line($"string? tag = {JsonCode.Runtime}.PeekDiscriminator(reader, {property});");
        writer.Open("switch (tag)");
        var seen = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
        foreach (var branch in type.Branches)
        {
            var fresh = branch.DiscriminatorValues.Where(seen.Add).ToList();
            if (fresh.Count == 0) continue;
            foreach (var value in fresh) writer.Line($"case {CSharpText.StringLiteral(value)}:");
            string expression = read(branch);
            writer.Line("    return " + (wrap is null ? expression : $"{wrap}.From{branch.Name}({expression})") + ";");
        }
        writer.Line($"default: throw {JsonCode.Runtime}.UnknownDiscriminator({CSharpText.StringLiteral(type.Name)}, {property}, tag);");
        writer.Close();
    }

    /// <summary>Implicit conversions only where C# allows them and they are unambiguous: no interfaces, distinct types.</summary>
    private static bool CanConvertImplicitly(TypeModel type, int index)
    {
        var branchType = type.Branches[index].Type;
        if (branchType.Kind is ValueKind.Array or ValueKind.Map) return false;
        return type.Branches.Count(b => b.Type.FullName == branchType.FullName) == 1;
    }

    private static void EmitConverter(SourceWriter writer, TypeModel type, string fullName)
    {
        GeneratedFile.OpenConverter(writer, type.Name, fullName, $"Reads and writes <see cref=\"{fullName}\"/> without reflection.");
        writer.Open($"public static {fullName} ReadValue(ref {JsonCode.Reader} reader, {JsonCode.Options} options)");
        if (type.Discriminator is not null)
        {
            EmitDiscriminatorSwitch(writer, type, branch => JsonCode.Read(branch.Type.WithNullable(false), "reader", "options"), fullName);
        }
        else
        {
            writer.Line("var token = reader.TokenType;");
            for (int i = 0; i < type.Branches.Count; i++)
            {
                var branch = type.Branches[i].Type.WithNullable(false);
                string tokens = string.Join(" || ", Tokens(branch).Select(t => "token == " + JsonCode.TokenType + "." + t));
                writer.Open($"if ({tokens})");
                writer.Line("var attempt = reader;");
                writer.Open("try");
                writer.Line($"var value = {JsonCode.Read(branch, "attempt", "options")};");
                writer.Line("reader = attempt;");
                writer.Line($"return {fullName}.From{type.Branches[i].Name}(value);");
                writer.Close();
                writer.Open("catch (global::System.Text.Json.JsonException)");
                writer.Line("// Not this branch; try the next.");
                writer.Close();
                writer.Close();
            }
            writer.Line($"throw {JsonCode.Runtime}.NoMatchingBranch({CSharpText.StringLiteral(type.Name)}, token);");
        }
        writer.Close();
        writer.Line();
        writer.Open($"public static void WriteValue({JsonCode.Writer} writer, {fullName}? value, {JsonCode.Options} options)");
        writer.Open("if (value is null)");
        writer.Line("writer.WriteNullValue();");
        writer.Line("return;");
        writer.Close();
        writer.Open("switch (value.Value)");
        for (int i = 0; i < type.Branches.Count; i++)
        {
            var branch = type.Branches[i].Type.WithNullable(false);
            writer.Line($"case {branch.FullName} branch{I(i)} when value.Is{type.Branches[i].Name}:");
            writer.Line("    " + JsonCode.WriteNonNull(branch, "writer", "branch" + I(i), "options"));
            writer.Line("    return;");
        }
        writer.Close();
        writer.Close();
        writer.Close();
    }

    /// <summary>The JSON tokens a branch can start with, so most values are matched without a failed attempt.</summary>
    private static string[] Tokens(TypeRef type) => type.Kind switch
    {
        ValueKind.String or ValueKind.DateTimeOffset or ValueKind.DateOnly or ValueKind.Guid or ValueKind.Bytes or ValueKind.Binary or ValueKind.Enum => new[] { "String" },
        ValueKind.Int32 or ValueKind.Int64 or ValueKind.Single or ValueKind.Double or ValueKind.UnixTime => new[] { "Number" },
        ValueKind.Boolean => new[] { "True", "False" },
        ValueKind.Record or ValueKind.Map => new[] { "StartObject" },
        ValueKind.Array => new[] { "StartArray" },
        _ => new[] { "StartObject", "StartArray", "String", "Number", "True", "False" },
    };

    private static string I(int index) => index.ToString(CultureInfo.InvariantCulture);
}
