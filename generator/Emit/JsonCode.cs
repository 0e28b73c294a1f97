using System;
using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>The read expression and write statement for a value of each <see cref="ValueKind"/>.</summary>
internal static class JsonCode
{
    public const string Runtime = "global::Uploads.Generators.Runtime.OpenApiJson";
    public const string Reader = "global::System.Text.Json.Utf8JsonReader";
    public const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    public const string Options = "global::System.Text.Json.JsonSerializerOptions";
    public const string TokenType = "global::System.Text.Json.JsonTokenType";

    /// <summary>An expression reading a value positioned at <paramref name="reader"/>; null handling included when the type allows null.</summary>
    public static string Read(TypeRef type, string reader, string options)
    {
        string value = ReadNonNull(type, reader, options);
        return type.Nullable
            ? $"{reader}.TokenType == {TokenType}.Null ? default({type.Declaration}) : ({type.Declaration}){value}"
            : value;
    }

    private static string ReadNonNull(TypeRef type, string reader, string options) => type.Kind switch
    {
        ValueKind.String => $"{Runtime}.ReadString(ref {reader})",
        ValueKind.Int32 => $"{Runtime}.ReadInt32(ref {reader})",
        ValueKind.Int64 => $"{Runtime}.ReadInt64(ref {reader})",
        ValueKind.Single => $"{Runtime}.ReadSingle(ref {reader})",
        ValueKind.Double => $"{Runtime}.ReadDouble(ref {reader})",
        ValueKind.Boolean => $"{Runtime}.ReadBoolean(ref {reader})",
        ValueKind.DateTimeOffset => $"{Runtime}.ReadDateTimeOffset(ref {reader})",
        ValueKind.UnixTime => $"{Runtime}.ReadUnixTime(ref {reader})",
        ValueKind.DateOnly => $"{Runtime}.ReadDateOnly(ref {reader})",
        ValueKind.Guid => $"{Runtime}.ReadGuid(ref {reader})",
        ValueKind.Bytes or ValueKind.Binary => $"{Runtime}.ReadBytes(ref {reader})",
        ValueKind.Any => $"{Runtime}.ReadAny(ref {reader})",
        ValueKind.Record or ValueKind.Enum or ValueKind.Union => $"{type.FullName}JsonConverter.ReadValue(ref {reader}, {options})",
        ValueKind.Array => $"{Runtime}.ReadList<{type.Element!.Declaration}>(ref {reader}, {options}, {ElementReader(type.Element!)})",
        ValueKind.Map => $"{Runtime}.ReadMap<{type.Element!.Declaration}>(ref {reader}, {options}, {ElementReader(type.Element!)})",
        _ => throw new InvalidOperationException("Unknown value kind " + type.Kind),
    };

    /// <summary>A static lambda matching OpenApiJsonReader&lt;T&gt; for <paramref name="element"/>.</summary>
    public static string ElementReader(TypeRef element)
    {
        string reader = "r" + Depth(element);
        string options = "o" + Depth(element);
        return $"static (ref {Reader} {reader}, {Options} {options}) => {Read(element, reader, options)}";
    }

    /// <summary>A statement writing a non-null <paramref name="value"/> (the caller handles null for optional values).</summary>
    public static string WriteNonNull(TypeRef type, string writer, string value, string options) => type.Kind switch
    {
        ValueKind.String or ValueKind.DateTimeOffset or ValueKind.Guid => $"{writer}.WriteStringValue({value});",
        ValueKind.Int32 or ValueKind.Int64 or ValueKind.Single or ValueKind.Double => $"{writer}.WriteNumberValue({value});",
        ValueKind.Boolean => $"{writer}.WriteBooleanValue({value});",
        ValueKind.UnixTime => $"{Runtime}.WriteUnixTime({writer}, {value});",
        ValueKind.DateOnly => $"{Runtime}.WriteDateOnly({writer}, {value});",
        ValueKind.Bytes or ValueKind.Binary => $"{writer}.WriteBase64StringValue({value});",
        ValueKind.Any => $"{value}.WriteTo({writer});",
        ValueKind.Record or ValueKind.Enum or ValueKind.Union => $"{type.FullName}JsonConverter.WriteValue({writer}, {value}, {options});",
        ValueKind.Array => $"{Runtime}.WriteList<{type.Element!.Declaration}>({writer}, {value}, {options}, {ElementWriter(type.Element!)});",
        ValueKind.Map => $"{Runtime}.WriteMap<{type.Element!.Declaration}>({writer}, {value}, {options}, {ElementWriter(type.Element!)});",
        _ => throw new InvalidOperationException("Unknown value kind " + type.Kind),
    };

    /// <summary>A property: name and value in one writer call where Utf8JsonWriter has one (as System.Text.Json's fast path does).</summary>
    public static void WriteProperty(SourceWriter writer, TypeRef type, string name, string value, string options)
    {
        switch (type.Kind)
        {
            case ValueKind.String:
            case ValueKind.DateTimeOffset:
            case ValueKind.Guid:
                writer.Line($"writer.WriteString({name}, {value});");
                return;
            case ValueKind.Int32:
            case ValueKind.Int64:
            case ValueKind.Single:
            case ValueKind.Double:
                writer.Line($"writer.WriteNumber({name}, {value});");
                return;
            case ValueKind.Boolean:
                writer.Line($"writer.WriteBoolean({name}, {value});");
                return;
            case ValueKind.UnixTime:
                writer.Line($"writer.WriteNumber({name}, {value}.ToUnixTimeSeconds());");
                return;
            default:
                writer.Line($"writer.WritePropertyName({name});");
                writer.Line(WriteNonNull(type, "writer", value, options));
                return;
        }
    }

    /// <summary>A static lambda matching OpenApiJsonWriter&lt;T&gt; for <paramref name="element"/>.</summary>
    public static string ElementWriter(TypeRef element)
    {
        string depth = Depth(element);
        string writer = "w" + depth;
        string value = "v" + depth;
        string options = "o" + depth;
        string body = element.Nullable
            ? $"{{ if ({value} is {{ }} x{depth}) {{ {WriteNonNull(element.WithNullable(false), writer, "x" + depth, options)} }} else {{ {writer}.WriteNullValue(); }} }}"
            : $"{{ {WriteNonNull(element, writer, value, options)} }}";
        return $"static ({Writer} {writer}, {element.Declaration} {value}, {Options} {options}) => {body}";
    }

    /// <summary>Lambda parameter names are suffixed with the nesting depth so nested lambdas never shadow.</summary>
    private static string Depth(TypeRef type)
    {
        int depth = 0;
        for (var current = type; current.Element is not null; current = current.Element) depth++;
        return depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
