using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>
/// The generated code plus a test driver, compiled in-process, emitted to memory and loaded into a collectible
/// <see cref="AssemblyLoadContext"/>. The driver is C# compiled together with the generated code, so whatever it
/// does with the generated API is checked by the compiler; tests call its static methods by name.
/// </summary>
public sealed class RuntimeCompilation
{
    private readonly Type _driver;

    private RuntimeCompilation(Assembly assembly, AssemblyLoadContext context, GeneratorResult generator, string driverTypeName)
    {
        Assembly = assembly;
        Context = context;
        Generator = generator;
        _driver = assembly.GetType(driverTypeName, throwOnError: true)!;
    }

    public Assembly Assembly { get; }

    public AssemblyLoadContext Context { get; }

    public GeneratorResult Generator { get; }

    /// <summary>Runs the generator on <paramref name="spec"/>, adds the driver sources (one syntax tree each), emits and loads the result.</summary>
    /// <exception cref="InvalidOperationException">The emit reported any error or warning (listed in the message).</exception>
    public static RuntimeCompilation Compile(SpecFile spec, string driverTypeName, string assemblyName, params string[] driverSources)
    {
        var generator = GeneratorHarness.Run(spec);
        var compilation = generator.Output
            .WithAssemblyName(assemblyName)
            .AddSyntaxTrees(driverSources.Select((source, i) => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: $"Driver{i}.cs")));

        using var image = new MemoryStream();
        var emit = compilation.Emit(image);
        var problems = emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!emit.Success || problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"Emitting the generated code with the driver ({spec.EnumStyle ?? "default"} enum style) reported {problems.Count} error(s)/warning(s):\n"
                + string.Join("\n", problems.Select(d => d.ToString()))
                + "\nGenerator diagnostics:\n" + string.Join("\n", generator.GeneratorDiagnostics.Select(d => d.ToString())));
        }

        image.Position = 0;
        var context = new AssemblyLoadContext(assemblyName, isCollectible: true);
        var assembly = context.LoadFromStream(image);
        return new RuntimeCompilation(assembly, context, generator, driverTypeName);
    }

    /// <summary>A type of the loaded assembly (generated or driver) by full name.</summary>
    public Type Type(string fullName) => Assembly.GetType(fullName, throwOnError: true)!;

    /// <summary>Calls the driver's public static method <paramref name="method"/>; exceptions it throws surface unwrapped.</summary>
    public object? Call(string method, params object?[] args)
    {
        var info = _driver.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(_driver.FullName, method);
        try
        {
            return info.Invoke(null, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Calls a driver method that returns a string.</summary>
    public string CallString(string method, params object?[] args) =>
        Call(method, args) as string ?? throw new InvalidOperationException($"{method} returned null or a non-string.");
}
