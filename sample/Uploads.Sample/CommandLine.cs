using System.Globalization;
using Uploads.Sample.Demo;
using Uploads.Sample.OpenAI;

namespace Uploads.Sample;

/// <summary>The sample's command line.</summary>
public sealed class CommandLine
{
    public const string Usage = """
        Usage:
          Uploads.Sample [<file>] [options]   Start the service on 127.0.0.1 (a free port), upload <file> in parts
                                              (default: a generated 20 MiB training_examples.jsonl), print the File,
                                              then create a second Upload and cancel it.
          Uploads.Sample serve [options]      Run the service alone, until Ctrl+C.

        Options:
          --base-url <url>     Upload to the API at <url> (e.g. https://api.openai.com/v1) instead of starting the
                               service; the API key is read from OPENAI_API_KEY.
          --data-dir <dir>     Where the service keeps parts and files. Default: serve uses <temp>/uploads-sample;
                               the demo uses a fresh directory under <temp> that it deletes at exit.
          --port <n>           serve: the port on 127.0.0.1 (default 5080; 0 picks a free one).
          --part-size <size>   Bytes per part: 8M by default, at most 64M (suffixes K, M, G are powers of 1024).
          --parallelism <n>    Parts in flight at once (default 4).
          --purpose <purpose>  assistants, batch, fine-tune or vision (default: fine-tune for .jsonl, else assistants).
          -h, --help           Show this text.
        """;

    public bool Help { get; private set; }

    public bool Serve { get; private set; }

    public string? FilePath { get; private set; }

    public Uri? BaseUrl { get; private set; }

    public string? DataDirectory { get; private set; }

    public int Port { get; private set; } = 5080;

    public long PartSize { get; private set; } = 8 * 1024 * 1024;

    public int Parallelism { get; private set; } = 4;

    public CreateUploadRequestPurpose? Purpose { get; private set; }

    /// <exception cref="FormatException">The arguments are not valid; the message says why.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var command = new CommandLine();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "-h" or "--help" or "-?":
                    command.Help = true;
                    break;
                case "serve" when i == 0:
                    command.Serve = true;
                    break;
                case "--base-url":
                    string url = Value(args, ref i);
                    if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
                    {
                        throw new FormatException($"--base-url needs an http or https URL, not '{url}'.");
                    }
                    command.BaseUrl = baseUrl;
                    break;
                case "--data-dir":
                    command.DataDirectory = Path.GetFullPath(Value(args, ref i));
                    break;
                case "--port":
                    command.Port = Number(arg, Value(args, ref i), 0, 65535);
                    break;
                case "--parallelism":
                    command.Parallelism = Number(arg, Value(args, ref i), 1, 256);
                    break;
                case "--part-size":
                    string size = Value(args, ref i);
                    if (!Sizes.TryParse(size, out long partSize) || partSize < 1 || partSize > FileUploader.MaxPartSize)
                    {
                        throw new FormatException($"--part-size must be from 1 byte to 64M, not '{size}'.");
                    }
                    command.PartSize = partSize;
                    break;
                case "--purpose":
                    string purpose = Value(args, ref i);
                    command.Purpose = CreateUploadRequestPurposeExtensions.TryParseWireValue(purpose, out var parsed)
                        ? parsed
                        : throw new FormatException($"--purpose must be assistants, batch, fine-tune or vision, not '{purpose}'.");
                    break;
                default:
                    if (arg.StartsWith('-')) throw new FormatException($"Unknown option '{arg}'.");
                    if (command.FilePath is not null) throw new FormatException($"Only one file can be uploaded; '{arg}' is a second one.");
                    command.FilePath = Path.GetFullPath(arg);
                    break;
            }
        }
        if (command.Serve && (command.FilePath is not null || command.BaseUrl is not null))
        {
            throw new FormatException("serve takes no file and no --base-url.");
        }
        if (command.FilePath is not null && !File.Exists(command.FilePath))
        {
            throw new FormatException($"The file '{command.FilePath}' does not exist.");
        }
        return command;
    }

    private static string Value(IReadOnlyList<string> args, ref int index) =>
        index + 1 < args.Count ? args[++index] : throw new FormatException($"{args[index]} needs a value.");

    private static int Number(string option, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new FormatException($"{option} must be a number from {min} to {max}, not '{text}'.");
}
