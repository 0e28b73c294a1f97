using System.Collections.Generic;
using System.Linq;
using Uploads.Generators.Model;

namespace Uploads.Generators.Emit;

/// <summary>Splits a document into per-tag server outputs, each with just the error record types it may have to build.</summary>
public static class ServerInputs
{
    public static IEnumerable<ServerToEmit> Create(ApiModel model)
    {
        var names = new ApiSurfaceNames(model.Surface.OptionsName, model.Surface.ExceptionName, model.Surface.FilePartName);
        var byName = model.Types.Where(t => t.Kind == TypeModelKind.Record).ToDictionary(t => "global::" + model.Options.Namespace + "." + t.Name);
        foreach (var group in model.Surface.Clients)
        {
            var reachable = new List<TypeModel>();
            var pending = new Stack<TypeRef>(group.Operations.SelectMany(o => o.Errors).Select(e => e.Type));
            while (pending.Count > 0)
            {
                var type = pending.Pop();
                if (type.Element is { } element) pending.Push(element);
                if (type.Kind != ValueKind.Record || !byName.TryGetValue(type.FullName, out var record) || reachable.Contains(record)) continue;
                reachable.Add(record);
                foreach (var property in record.Properties) pending.Push(property.Type);
            }
            yield return new ServerToEmit(model.Options.Namespace, model.Options.EnumStyle, names, group, reachable.OrderBy(t => t.Name, System.StringComparer.Ordinal).ToEquatableArray());
        }
    }
}
