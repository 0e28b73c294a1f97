using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Uploads.Generators.Model;

namespace Uploads.Generators.Parsing;

/// <summary>Collects diagnostics by JSON pointer during the parse step and resolves them to spec positions at its end.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<(DiagnosticDescriptor Descriptor, string? Pointer, string[] Arguments)> _pending = new();
    private readonly List<DiagnosticInfo> _located = new();

    public void Add(DiagnosticDescriptor descriptor, string? pointer, params string[] arguments) =>
        _pending.Add((descriptor, pointer, arguments));

    /// <summary>A diagnostic already located, e.g. in another file of a multi-file document.</summary>
    public void AddLocated(DiagnosticDescriptor descriptor, SpecLocation location, params string[] arguments) =>
        _located.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    public void AddLocated(DiagnosticInfo diagnostic) => _located.Add(diagnostic);

    /// <summary>Everything <paramref name="other"/> holds, still to be located with this bag's.</summary>
    public void AddAll(DiagnosticBag other)
    {
        _pending.AddRange(other._pending);
        _located.AddRange(other._located);
    }

    public List<DiagnosticInfo> Resolve(SpecSource? source, string path)
    {
        var result = new List<DiagnosticInfo>(_pending.Count + _located.Count);
        result.AddRange(_located);
        source?.WillLocate(_pending.ConvertAll(item => item.Pointer));
        foreach (var (descriptor, pointer, arguments) in _pending)
        {
            var location = source?.Locate(pointer) ?? new SpecLocation(path, 0, 0, 0, 0, 0, 0);
            result.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        }
        return result;
    }
}
