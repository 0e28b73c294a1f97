using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>One static JsonTypeInfo field per distinct body type a generated client or endpoint class reads or writes.</summary>
internal sealed class JsonTypeInfoFields
{
    private readonly List<TypeRef> _types = new();

    public int Count => _types.Count;

    public string Field(TypeRef type)
    {
        int index = _types.IndexOf(type);
        if (index < 0)
        {
            index = _types.Count;
            _types.Add(type);
        }
        return "s_json" + index.ToString(CultureInfo.InvariantCulture);
    }

    public IEnumerable<string> Declarations() => _types.Select((type, index) =>
        $"private static readonly global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{type.Declaration}> s_json{index.ToString(CultureInfo.InvariantCulture)} = {JsonCode.Runtime}.CreateTypeInfo<{type.Declaration}>({JsonCode.ElementReader(type)}, {JsonCode.ElementWriter(type)});");
}
