using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>Reads the tracked steps (<see cref="TrackingNames"/>) of a generator run recorded with step tracking on.</summary>
public static class TrackingSteps
{
    /// <summary>Every step name declared in <see cref="TrackingNames"/>, found by reflection so a new name is never missed.</summary>
    public static IReadOnlyList<string> AllNames { get; } = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToList();

    /// <summary>The tracked steps of the (single) generator, restricted to our own tracking names.</summary>
    public static IReadOnlyDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> Of(GeneratorDriver driver)
    {
        var result = driver.GetRunResult().Results[0];
        return result.TrackedSteps
            .Where(pair => AllNames.Contains(pair.Key, StringComparer.Ordinal))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    /// <summary>All outputs of one tracked step (over every run of the step), with the step name for messages.</summary>
    public static IEnumerable<(string Step, object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorDriver driver, string step) =>
        Of(driver).TryGetValue(step, out var runs)
            ? runs.SelectMany(run => run.Outputs).Select(o => (step, o.Value, o.Reason))
            : Enumerable.Empty<(string, object, IncrementalStepRunReason)>();

    /// <summary>The generated sources as (hint name, text) pairs in hint-name order.</summary>
    public static IReadOnlyList<(string HintName, string Text)> Sources(GeneratorDriver driver) =>
        driver.GetRunResult().Results[0].GeneratedSources
            .Select(s => (s.HintName, s.SourceText.ToString()))
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .ToList();

    public static string Describe(IEnumerable<(string Step, object Value, IncrementalStepRunReason Reason)> outputs) =>
        string.Join(Environment.NewLine, outputs.Select(o => $"  {o.Step}: {o.Reason} {Short(o.Value)}"));

    private static string Short(object value)
    {
        string text = value?.ToString() ?? "null";
        return text.Length > 160 ? text.Substring(0, 160) + "…" : text;
    }
}

/// <summary>
/// Walks an object graph (fields, properties, arrays, enumerables, tuples) to find what a pipeline step must never hold:
/// compilations, symbols, syntax, locations, additional texts, source texts, or OpenAPI.NET objects. Holding any of them
/// keeps them alive across runs and defeats the incremental cache (their equality is by reference).
/// </summary>
public sealed class TrackingGraphWalker
{
    private static readonly Type[] Forbidden =
    {
        typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location),
        typeof(AdditionalText), typeof(SourceText),
    };

    private readonly HashSet<object> _visited = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _violations = new();
    private readonly HashSet<Type> _visitedTypes = new();

    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Every runtime type met during the walk (to prove the walk reached the model).</summary>
    public IReadOnlyCollection<Type> VisitedTypes => _visitedTypes;

    public int VisitedObjects { get; private set; }

    /// <summary>Why a type must not be held (the forbidden base type or namespace), or null when it may.</summary>
    public static string? ForbiddenReason(Type type)
    {
        var forbidden = Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type));
        if (forbidden is not null) return forbidden.Name;
        if (type.Namespace is { } ns && (ns == "Microsoft.OpenApi" || ns.StartsWith("Microsoft.OpenApi.", StringComparison.Ordinal))) return "Microsoft.OpenApi type";
        return null;
    }

    public void Walk(object? value, string path)
    {
        if (value is null) return;
        var type = value.GetType();
        _visitedTypes.Add(type);
        if (ForbiddenReason(type) is { } reason)
        {
            _violations.Add($"{path}: {type.FullName} ({reason})");
            return;
        }
        if (IsLeaf(type)) return;
        if (!type.IsValueType && !_visited.Add(value)) return;
        VisitedObjects++;

        if (value is Array array)
        {
            int i = 0;
            foreach (var item in array) Walk(item, $"{path}[{i++}]");
            return;
        }

        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike) continue;
                Walk(field.GetValue(value), $"{path}.{field.Name}");
            }
        }

        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType.IsByRefLike || property.PropertyType.IsPointer) continue;
            if (property.GetMethod is null) continue;
            object? propertyValue;
            try
            {
                propertyValue = property.GetValue(value);
            }
            catch (TargetInvocationException)
            {
                continue;
            }
            Walk(propertyValue, $"{path}.{property.Name}");
        }

        if (value is IEnumerable enumerable and not string)
        {
            int i = 0;
            IEnumerator enumerator;
            try
            {
                enumerator = enumerable.GetEnumerator();
            }
            catch (Exception ex) when (ex is InvalidOperationException or NullReferenceException)
            {
                return;
            }
            while (enumerator.MoveNext()) Walk(enumerator.Current, $"{path}<{i++}>");
        }

        if (value is ITuple tuple)
        {
            for (int i = 0; i < tuple.Length; i++) Walk(tuple[i], $"{path}.Item{i + 1}");
        }
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid)
        || typeof(Type).IsAssignableFrom(type) || typeof(MemberInfo).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type)
        || typeof(System.Text.Encoding).IsAssignableFrom(type);
}
