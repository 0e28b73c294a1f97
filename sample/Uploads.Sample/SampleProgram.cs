using System.Net;
using Uploads.Sample.Demo;
using Uploads.Sample.OpenAI;
using Uploads.Sample.Service;

namespace Uploads.Sample;

/// <summary>Runs a <see cref="CommandLine"/>: the demo (against the in-process service or <c>--base-url</c>) or <c>serve</c>.</summary>
public static class SampleProgram
{
    /// <returns>0 on success, 1 when the API refused or failed, 2 for bad arguments.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken = default)
    {
        CommandLine command;
        try
        {
            command = CommandLine.Parse(args);
        }
        catch (FormatException exception)
        {
            error.WriteLine(exception.Message);
            error.WriteLine();
            error.WriteLine(CommandLine.Usage);
            return 2;
        }
        if (command.Help)
        {
            output.WriteLine(CommandLine.Usage);
            return 0;
        }

        try
        {
            if (command.Serve)
            {
                await ServeAsync(command, output, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            await DemoAsync(command, output, error, interactive, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (ApiException<ErrorResponse> exception)
        {
            error.WriteLine($"{exception.Message} {exception.Error.Error.Type}: {exception.Error.Error.Message}");
            return 1;
        }
        catch (ApiException exception)
        {
            error.WriteLine($"{exception.Message} {exception.Response}");
            return 1;
        }
        catch (HttpRequestException exception)
        {
            error.WriteLine("The request failed: " + exception.Message);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("Cancelled.");
            return 1;
        }
    }

    private static async Task ServeAsync(CommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        var options = new SampleHostOptions
        {
            Port = command.Port,
            Store = new UploadStoreOptions { DataDirectory = command.DataDirectory ?? UploadStoreOptions.DefaultDataDirectory },
            MinimumLogLevel = LogLevel.Information,
        };
        await using var host = await SampleHost.StartAsync(options, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Serving the Uploads API at {host.BaseAddress} (data in {options.Store.DataDirectory}); Ctrl+C stops.");
        await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task DemoAsync(CommandLine command, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken)
    {
        var demo = new UploadDemoOptions
        {
            FilePath = command.FilePath,
            Purpose = command.Purpose,
            PartSize = command.PartSize,
            Parallelism = command.Parallelism,
        };
        if (command.BaseUrl is { } baseUrl)
        {
            output.WriteLine($"Using the Uploads API at {baseUrl}.");
            await RunDemoAsync(baseUrl, Environment.GetEnvironmentVariable("OPENAI_API_KEY"), demo, output, error, interactive, cancellationToken).ConfigureAwait(false);
            return;
        }

        string dataDirectory = command.DataDirectory ?? Path.Combine(Path.GetTempPath(), $"uploads-sample-demo-{Guid.NewGuid():N}");
        try
        {
            var options = new SampleHostOptions { Port = 0, Store = new UploadStoreOptions { DataDirectory = dataDirectory } };
            await using var host = await SampleHost.StartAsync(options, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"Started the Uploads service at {host.BaseAddress} (data in {dataDirectory}).");
            await RunDemoAsync(host.BaseAddress, null, demo, output, error, interactive, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (command.DataDirectory is null && Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task RunDemoAsync(Uri baseUrl, string? apiKey, UploadDemoOptions demo, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All })
        {
            Timeout = TimeSpan.FromMinutes(10),
        };
        var client = new UploadsClient(http, new OpenAIApiClientOptions { BaseAddress = baseUrl, ApiKeyAuth = apiKey });
        await new UploadDemo(client, output, new ProgressLine(error, interactive)).RunAsync(demo, cancellationToken).ConfigureAwait(false);
    }
}
