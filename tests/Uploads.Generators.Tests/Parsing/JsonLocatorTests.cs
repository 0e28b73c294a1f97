using System.Text;
using Uploads.Generators.Parsing;
using Xunit;

namespace Uploads.Generators.Tests.Parsing;

/// <summary>
/// <see cref="JsonLocator"/> finds keys and items only along the pointers asked for. Each case is checked against the
/// place of a marker written in the text, in UTF-16 code units (what diagnostics count), after escaped keys, keys
/// outside the Basic Multilingual Plane (two units each) and arrays nested in arrays.
/// </summary>
public class JsonLocatorTests
{
    private const string Text = "{\n  \"🙂\": { \"x\": [ { \"y\": 1 } ] },\n  \"a\": { \"b\\/c\": [1, { \"d\": 2 }, [3, { \"\\u00e9\": 4 }]] },\n  \"z\": \"é\"\n}\n";

    public static TheoryData<string, string> Places => new()
    {
        { "#/a", "\"a\"" },
        { "#/a/b~1c", "\"b\\/c\"" },
        { "#/a/b~1c/0", "1, {" },
        { "#/a/b~1c/1", "{ \"d\"" },
        { "#/a/b~1c/1/d", "\"d\"" },
        { "#/a/b~1c/2", "[3," },
        { "#/a/b~1c/2/1/é", "\"\\u00e9\"" },
        { "#/🙂/x/0/y", "\"y\"" },
        { "#/z", "\"z\"" },
        // Not there: the nearest ancestor that is.
        { "#/a/missing/deeper", "\"a\"" },
        { "#/a/b~1c/03", "\"b\\/c\"" },
        { "#/a/b~1c/1/d/0", "\"d\"" },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void FindsTheKeyOrItemAtAPointerOrItsNearestAncestor(string pointer, string marker)
    {
        var locator = new JsonLocator(Encoding.UTF8.GetBytes(Text));
        Assert.Equal(At(marker), locator.Locate(pointer));
    }

    [Fact]
    public void PointersAskedTogetherAndLaterAreAllFound()
    {
        var locator = new JsonLocator(Encoding.UTF8.GetBytes(Text));
        locator.Want(new[] { "#/a/b~1c/1/d", "#/🙂/x/0/y", null });
        Assert.Equal(At("\"d\""), locator.Locate("#/a/b~1c/1/d"));
        Assert.Equal(At("\"y\""), locator.Locate("#/🙂/x/0/y"));
        // One not asked for before: a pass of its own, which keeps what the first found.
        Assert.Equal(At("\"z\""), locator.Locate("#/z"));
        Assert.Equal(At("\"d\""), locator.Locate("#/a/b~1c/1/d"));
        Assert.Equal(0, locator.Locate(null));
        Assert.Equal(0, locator.Locate("#"));
    }

    private static int At(string marker)
    {
        int at = Text.IndexOf(marker, System.StringComparison.Ordinal);
        Assert.True(at > 0 && Text.IndexOf(marker, at + 1, System.StringComparison.Ordinal) < 0, marker + " should be in the text once");
        return at;
    }
}
