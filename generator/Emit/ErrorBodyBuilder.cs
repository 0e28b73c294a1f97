using System;
using System.Collections.Generic;
using System.Linq;
using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>
/// Builds an instance of a document's error schema for a 400 the server answers itself: the problem text goes into
/// the message-like string (message, detail, error_description…), the parameter name into param-like strings, and
/// every other required member gets a neutral value. Null when the schema has no place for the message or a required
/// member that cannot be made up (then the endpoint answers with problem details).
/// </summary>
internal static class ErrorBodyBuilder
{
    private static readonly HashSet<string> MessageNames = new(StringComparer.OrdinalIgnoreCase) { "message", "detail", "details", "description", "error_description", "error_message", "msg", "title" };
    private static readonly HashSet<string> ParameterNames = new(StringComparer.OrdinalIgnoreCase) { "param", "parameter", "field", "property", "pointer" };
    private static readonly HashSet<string> KindNames = new(StringComparer.OrdinalIgnoreCase) { "type", "code", "error", "kind" };
    private static readonly HashSet<string> StatusNames = new(StringComparer.OrdinalIgnoreCase) { "status", "code", "status_code", "statuscode" };

    /// <param name="type">The declared error body type.</param>
    /// <param name="types">The record types reachable from it.</param>
    /// <returns>A C# expression using the locals <c>message</c> and <c>parameter</c>, or null.</returns>
    public static string? Build(TypeRef type, EquatableArray<TypeModel> types)
    {
        bool usesMessage = false;
        string? expression = Value(type, "", types, ref usesMessage, 0);
        return usesMessage ? expression : null;
    }

    private static string? Value(TypeRef type, string wireName, EquatableArray<TypeModel> types, ref bool usesMessage, int depth)
    {
        switch (type.Kind)
        {
            case ValueKind.String:
                if (MessageNames.Contains(wireName))
                {
                    usesMessage = true;
                    return "message";
                }
                if (ParameterNames.Contains(wireName)) return type.Nullable ? "parameter" : "parameter ?? \"\"";
                if (KindNames.Contains(wireName)) return type.Nullable && wireName.Equals("code", StringComparison.OrdinalIgnoreCase) ? "null" : "\"invalid_request_error\"";
                return type.Nullable ? "null" : "\"\"";
            case ValueKind.Int32:
            case ValueKind.Int64:
                return StatusNames.Contains(wireName) ? "400" : "0";
            case ValueKind.Single:
            case ValueKind.Double:
                return "0";
            case ValueKind.Boolean:
                return "false";
            case ValueKind.Array:
                return $"global::System.Array.Empty<{type.Element!.Declaration}>()";
            case ValueKind.Map:
                return $"new global::System.Collections.Generic.Dictionary<string, {type.Element!.Declaration}>()";
            case ValueKind.Record when depth < 4:
                var record = types.FirstOrDefault(t => type.FullName.EndsWith("." + t.Name, StringComparison.Ordinal));
                if (record is null) return type.Nullable ? "null" : null;
                var assignments = new List<string>();
                foreach (var property in record.Properties)
                {
                    bool informative = property.Type.Kind is ValueKind.String or ValueKind.Record
                        && (MessageNames.Contains(property.WireName) || ParameterNames.Contains(property.WireName) || property.Type.Kind == ValueKind.Record);
                    if (!property.Required && !informative) continue;
                    bool before = usesMessage;
                    string? value = Value(property.Type, property.WireName, types, ref usesMessage, depth + 1);
                    if (value is null)
                    {
                        if (property.Required) return null;
                        usesMessage = before;
                        continue;
                    }
                    assignments.Add(property.Name + " = " + value);
                }
                return $"new {type.FullName} {{ {string.Join(", ", assignments)} }}";
            default:
                return type.Nullable ? "null" : null;
        }
    }
}
