using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Uploads.Generators.Diagnostics;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Makes the links <see cref="SchemaReader"/> leaves by name: a $ref becomes what its component is (an alias of a
/// string is a string), an allOf record gets the properties of the records it inherits, a union drops branches that
/// turned out alike (one left: the union is that branch) and finds each branch's discriminator value. A component is
/// thus read without the ones it refers to, and reading never recurses along chains of $refs.
/// </summary>
internal sealed class ComponentLinker
{
    private readonly IReadOnlyDictionary<string, RawUse> _read;
    private readonly string _componentsPointer;
    private readonly DiagnosticBag _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, RawUse> _components = new(StringComparer.Ordinal);
    private readonly HashSet<string> _linking = new(StringComparer.Ordinal);

    /// <summary>Records merged and linked, or being merged (<see cref="_merging"/>).</summary>
    private readonly HashSet<RawType> _records = new();
    private readonly HashSet<RawType> _merging = new();

    /// <summary>Unions linked: to null when they stay unions (or are being linked), else to the one branch they are.</summary>
    private readonly Dictionary<RawType, RawUse?> _unions = new();
    private readonly HashSet<string> _unresolved = new(StringComparer.Ordinal);
    private int _depth;

    public ComponentLinker(IReadOnlyDictionary<string, RawUse> read, string componentsPointer, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        _read = read;
        _componentsPointer = componentsPointer;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Links every type of <paramref name="types"/>; unions that are one branch leave the list.</summary>
    public void Link(List<RawType> types)
    {
        foreach (var key in _read.Keys.OrderBy(k => k, StringComparer.Ordinal)) Component(key);
        foreach (var type in types)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (type.Kind == RawTypeKind.Record) LinkRecord(type);
            else if (type.Kind == RawTypeKind.Union) LinkUnion(type);
        }
        types.RemoveAll(type => type.Kind == RawTypeKind.Union && _unions.TryGetValue(type, out var single) && single is not null);
    }

    /// <summary>A use as linked: its $ref, element and union resolved (a record's properties are linked by <see cref="Link"/>).</summary>
    public RawUse Use(RawUse use)
    {
        if (use.Reference is { } reference) return Resolves(reference) ? Component(reference.Key).OrNullable(use.Nullable) : RawUse.Of(Model.ValueKind.Any, nullable: true);
        if (use.Element is { } element)
        {
            var linked = Use(element);
            return ReferenceEquals(linked, element) ? use : use with { Element = linked };
        }
        if (use.Target is { Kind: RawTypeKind.Union } union && LinkUnion(union) is { } single) return single.OrNullable(use.Nullable);
        return use;
    }

    /// <summary>Whether <paramref name="reference"/> names a component that was read; reported once where it does not (OAG005).</summary>
    private bool Resolves(RawReference reference)
    {
        if (_read.ContainsKey(reference.Key)) return true;
        if (_unresolved.Add(reference.Pointer)) _diagnostics.Add(DiagnosticDescriptors.UnresolvedReference, reference.Pointer, reference.Text, "JsonElement");
        return false;
    }

    /// <summary>What the component <paramref name="key"/> is, through any chain of aliases.</summary>
    private RawUse Component(string key)
    {
        if (_components.TryGetValue(key, out var linked)) return linked;
        if (!_read.TryGetValue(key, out var read)) return RawUse.Of(Model.ValueKind.Any, nullable: true); // an explicit mapping's
        string pointer = JsonPointer.Append(_componentsPointer, key);
        if (read.Target is not null)
        {
            // A record or union is known before it is linked, so that it may refer back to itself.
            _components[key] = read;
            if (read.Target.Kind == RawTypeKind.Union && LinkUnion(read.Target) is { } single) _components[key] = single.OrNullable(read.Nullable);
            return _components[key];
        }
        if (!_linking.Add(key))
        {
            // A component that is only an alias of itself (an array of itself, an allOf cycle): nothing to generate.
            _diagnostics.Add(DiagnosticDescriptors.UnsupportedConstruct, pointer, "The self-referencing schema '" + key + "'", "JsonElement");
            return RawUse.Of(Model.ValueKind.Any);
        }
        try
        {
            linked = Deeper(pointer) ? Use(read) : RawUse.Of(Model.ValueKind.Any, nullable: true);
        }
        finally
        {
            _linking.Remove(key);
            _depth--;
        }
        _components[key] = linked;
        return linked;
    }

    /// <summary>
    /// The records an allOf record inherits merged into its properties, in order (a later property replaces an earlier
    /// one of the same wire name), its required names marked; then every property's use linked.
    /// </summary>
    private void LinkRecord(RawType record)
    {
        if (!_records.Add(record)) return;
        if (record.Merge is { } pieces)
        {
            _merging.Add(record);
            var byName = new Dictionary<string, RawProperty>(StringComparer.Ordinal);
            void Add(RawProperty property)
            {
                if (byName.TryGetValue(property.WireName, out var existing)) record.Properties.Remove(existing);
                byName[property.WireName] = property;
                record.Properties.Add(property);
            }

            foreach (var piece in pieces)
            {
                if (piece.Property is { } own)
                {
                    Add(own);
                    continue;
                }
                if (!Resolves(piece.Inherits!)) continue;
                var inherited = Component(piece.Inherits!.Key);
                if (inherited.Target is not { Kind: RawTypeKind.Record } parent) continue;
                if (_merging.Contains(parent))
                {
                    // A part that is still being merged further up is an allOf cycle (A allOf [B], B allOf [A]; A allOf
                    // [A, {...}]): its properties are not known yet, so the cycle is reported, not silently cut.
                    _diagnostics.Add(DiagnosticDescriptors.UnsupportedConstruct, piece.Pointer, "The allOf cycle through '" + piece.Inherits.Key + "'", "only the properties declared outside the cycle");
                    continue;
                }
                bool linked = Deeper(piece.Pointer);
                if (linked) LinkRecord(parent);
                _depth--;
                if (!linked) continue;
                foreach (var property in parent.Properties) Add(property.Copy());
            }
            foreach (var property in record.Properties)
            {
                if (record.MergeRequired!.Contains(property.WireName)) property.Required = true;
            }
            foreach (var name in record.DeclaredRequired ?? new List<string>())
            {
                if (!byName.ContainsKey(name))
                {
                    _diagnostics.Add(DiagnosticDescriptors.RequiredNotAProperty, JsonPointer.Append(record.Pointer, "required"), string.Join(".", record.NameParts), name);
                }
            }
            _merging.Remove(record);
        }
        foreach (var property in record.Properties) property.Type = Use(property.Type);
    }

    /// <summary>
    /// A union's branches linked, those alike dropped (in order, without nullability: {type: null} only makes the union
    /// nullable), and with a discriminator the value that picks each branch: the mapping, else the branch's const, else
    /// its schema name. Returns the one branch the union is, or null when it stays a union (or is being linked).
    /// </summary>
    private RawUse? LinkUnion(RawType union)
    {
        if (_unions.TryGetValue(union, out var known)) return known;
        _unions[union] = null;
        if (!Deeper(union.Pointer))
        {
            _depth--;
            return null;
        }
        try
        {
            var branches = new List<RawUse>(union.Branches.Count);
            foreach (var branch in union.Branches)
            {
                var linked = Use(branch) with { Nullable = false };
                if (!branches.Contains(linked)) branches.Add(linked);
            }
            union.Branches.Clear();
            union.Branches.AddRange(branches);
            if (union.DiscriminatorProperty is { } property) Discriminate(union, property);
        }
        finally
        {
            _depth--;
        }
        if (union.Branches.Count != 1 || union.Discriminator is not null) return null;
        return _unions[union] = union.Branches[0];
    }

    private void Discriminate(RawType union, string property)
    {
        var mapping = new List<(string Value, int Branch)>();
        foreach (var (value, component) in union.ExplicitMapping)
        {
            var target = Component(component).Target;
            int index = union.Branches.FindIndex(b => b.Target is not null && ReferenceEquals(b.Target, target));
            if (index >= 0) mapping.Add((value, index));
        }
        for (int index = 0; index < union.Branches.Count; index++)
        {
            if (mapping.Any(m => m.Branch == index)) continue;
            var target = union.Branches[index].Target;
            if (target is { Kind: RawTypeKind.Record }) LinkRecord(target);
            string? value = target?.Properties.FirstOrDefault(p => p.WireName == property)?.Type.ConstValue
                ?? (target is { IsComponent: true } ? target.NameParts[0] : null);
            if (value is null) return;
            mapping.Add((value, index));
        }
        union.Discriminator = property;
        union.Mapping.AddRange(mapping);
    }

    /// <summary>
    /// One level deeper along a chain of components (aliases, inherited records, union branches), each of which costs
    /// stack: beyond <see cref="SchemaReader.MaxSchemaDepth"/> the chain is cut and reported, as deep inline nesting is.
    /// The caller decrements <see cref="_depth"/> whatever this returns.
    /// </summary>
    private bool Deeper(string pointer) => SchemaReader.WithinDepth(++_depth, pointer, _diagnostics);
}
