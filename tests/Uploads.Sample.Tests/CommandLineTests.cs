using Uploads.Sample.Demo;
using Uploads.Sample.OpenAI;

namespace Uploads.Sample.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void NoArguments_IsTheDemoWithDefaults()
    {
        var command = CommandLine.Parse([]);
        Assert.False(command.Serve);
        Assert.Null(command.FilePath);
        Assert.Null(command.BaseUrl);
        Assert.Equal(8 * 1024 * 1024, command.PartSize);
        Assert.Equal(4, command.Parallelism);
    }

    [Fact]
    public void OptionsAreParsed()
    {
        var command = CommandLine.Parse(["serve", "--port", "0", "--data-dir", "data", "--part-size", "512K", "--parallelism", "16"]);
        Assert.True(command.Serve);
        Assert.Equal(0, command.Port);
        Assert.Equal(Path.GetFullPath("data"), command.DataDirectory);
        Assert.Equal(512 * 1024, command.PartSize);
        Assert.Equal(16, command.Parallelism);

        var remote = CommandLine.Parse(["--base-url", "https://api.openai.com/v1", "--purpose", "vision"]);
        Assert.Equal(new Uri("https://api.openai.com/v1"), remote.BaseUrl);
        Assert.Equal(CreateUploadRequestPurpose.Vision, remote.Purpose);
    }

    [Theory]
    [InlineData("--part-size", "65M")]
    [InlineData("--part-size", "lots")]
    [InlineData("--parallelism", "0")]
    [InlineData("--base-url", "ftp://example.com")]
    [InlineData("--purpose", "paused")]
    [InlineData("--nope")]
    [InlineData("--port")]
    [InlineData("/no/such/file")]
    public void BadArguments_AreRefusedWithAReason(params string[] args)
    {
        var exception = Assert.Throws<FormatException>(() => CommandLine.Parse(args));
        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
    }

    [Fact]
    public async Task BadArguments_ExitWith2_AndTheUsage()
    {
        var error = new StringWriter();
        int exit = await SampleProgram.RunAsync(["--parallelism", "none"], TextWriter.Null, error, interactive: false);
        Assert.Equal(2, exit);
        Assert.Contains("Usage:", error.ToString());
    }

    [Theory]
    [InlineData("8M", 8L << 20)]
    [InlineData("64MiB", 64L << 20)]
    [InlineData("512k", 512L << 10)]
    [InlineData("1G", 1L << 30)]
    [InlineData("1048576", 1048576)]
    public void SizesUsePowersOf1024(string text, long bytes)
    {
        Assert.True(Sizes.TryParse(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }
}
