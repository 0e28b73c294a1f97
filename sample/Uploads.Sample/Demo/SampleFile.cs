using System.Text;

namespace Uploads.Sample.Demo;

/// <summary>The demo's default file: fine-tuning examples in OpenAI's chat JSONL format.</summary>
public static class SampleFile
{
    public const string FileName = "training_examples.jsonl";

    /// <summary>Writes at least <paramref name="minimumBytes"/> bytes of examples (whole lines) to <paramref name="path"/>.</summary>
    public static void Write(string path, long minimumBytes)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        writer.NewLine = "\n";
        string[] operations = ["plus", "minus", "times"];
        long written = 0;
        for (long i = 0; written < minimumBytes; i++)
        {
            long a = i * 7919 % 10_000;
            long b = i * 104_729 % 1_000;
            string operation = operations[i % 3];
            long answer = operation switch { "plus" => a + b, "minus" => a - b, _ => a * b };
            string line = $$"""{"messages":[{"role":"system","content":"You are a calculator that answers with a number."},{"role":"user","content":"What is {{a}} {{operation}} {{b}}?"},{"role":"assistant","content":"{{answer}}"}]}""";
            writer.WriteLine(line);
            written += line.Length + 1; // ASCII

        }
    }
}
