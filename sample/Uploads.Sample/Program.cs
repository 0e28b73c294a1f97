using Uploads.Sample;

// dotnet run --project sample/Uploads.Sample [-- <file> | serve] [options]; see CommandLine.Usage.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (args is ["serve", ..]) return; // The host stops itself on Ctrl+C.
    e.Cancel = true;
    cancel.Cancel();
};
return await SampleProgram.RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, cancel.Token);
