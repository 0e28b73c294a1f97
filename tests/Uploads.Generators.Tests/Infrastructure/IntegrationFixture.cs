using System.Diagnostics;
using Xunit;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>
/// Shared by the integration tests: one Kestrel server, and the clients generated from spec/uploads.openapi.yaml and
/// Integration/Specs/params.openapi.yaml, each compiled with its driver and loaded into a collectible context.
/// The params document's first server is this Kestrel server (its <c>port</c> variable's default is set to the
/// bound port before the generator runs), so "no BaseAddress" can be tested against a real server.
/// </summary>
public sealed class IntegrationFixture : IAsyncLifetime
{
    public const string ParamsSpecRelativePath = "tests/Uploads.Generators.Tests/Integration/Specs/params.openapi.yaml";
    private const string PortPlaceholder = "default: \"65535\"";

    private RuntimeCompilation? _uploads;
    private RuntimeCompilation? _params;
    private IntegrationServer? _server;

    public IntegrationServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The client generated from OpenAI's Uploads document (namespace Test.Api) with the uploads driver.</summary>
    public RuntimeCompilation Uploads => _uploads ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The clients generated from the params document (namespace Test.Params) with the params driver.</summary>
    public RuntimeCompilation Params => _params ?? throw new InvalidOperationException("The fixture is not initialized.");

    public TimeSpan SetupTime { get; private set; }

    public async Task InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        _server = await IntegrationServer.StartAsync().ConfigureAwait(false);

        _uploads = RuntimeCompilation.Compile(
            Paths.UploadsSpecFile(),
            Integration.IntegrationDriverSources.UploadsDriver,
            "Integration.Uploads",
            Integration.IntegrationDriverSources.Uploads);

        string text = File.ReadAllText(Path.Combine(Paths.RepoRoot, ParamsSpecRelativePath));
        if (!text.Contains(PortPlaceholder, StringComparison.Ordinal)) throw new InvalidOperationException($"The params document no longer has the port placeholder '{PortPlaceholder}'.");
        text = text.Replace(PortPlaceholder, $"default: \"{_server.Port}\"", StringComparison.Ordinal);
        _params = RuntimeCompilation.Compile(
            new SpecFile("/spec/params.openapi.yaml", text, Namespace: "Test.Params"),
            Integration.IntegrationDriverSources.ParamsDriver,
            "Integration.Params",
            Integration.IntegrationDriverSources.Params);
        SetupTime = watch.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync().ConfigureAwait(false);
        _uploads?.Context.Unload();
        _params?.Context.Unload();
    }
}

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<IntegrationFixture>
{
    public const string Name = "Integration (Kestrel)";
}

public static class IntegrationCalls
{
    /// <summary>
    /// Calls a driver method that returns <c>Task&lt;T&gt;</c>, awaits it and returns its result; exceptions the
    /// generated client throws surface unwrapped (as awaiting them would in user code).
    /// </summary>
    public static async Task<object?> CallAsync(this RuntimeCompilation api, string method, params object?[] args)
    {
        var task = api.Call(method, args) as Task ?? throw new InvalidOperationException($"{method} did not return a Task.");
        await task.ConfigureAwait(false);
        return task.GetType().GetProperty("Result")!.GetValue(task);
    }

    /// <summary>Awaits <paramref name="task"/> for at most <paramref name="seconds"/>; a hang is a failure, not a stuck run.</summary>
    public static async Task<T> Within<T>(this Task<T> task, int seconds = 30) => await task.WaitAsync(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);

    public static async Task Within(this Task task, int seconds = 30) => await task.WaitAsync(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
}
