using System;
using System.Text;

namespace Uploads.Generators.Emit;

/// <summary>
/// An indent-aware writer for generated C#; one line at a time, four spaces per level, '\n' line ends. Its text is
/// taken once, with <see cref="ToString"/>, which also hands the buffer on to the thread's next writer: growing a new
/// buffer for each of OpenAI's 2,500 types was a fifth of the cold run (allocation and the collections it caused).
/// </summary>
public sealed class SourceWriter
{
    /// <summary>Buffers larger than this are not kept for the next writer (the thread would hold on to them).</summary>
    private const int MaxKeptCapacity = 256 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_spare;

    private StringBuilder? _writing;
    private string? _text;
    private int _indent;

    public SourceWriter()
    {
        _writing = t_spare ?? new StringBuilder(4096);
        t_spare = null;
    }

    private StringBuilder Buffer => _writing ?? throw new InvalidOperationException("The writer's text was already taken.");

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0) Buffer.Append(' ', _indent * 4).Append(text);
        Buffer.Append('\n');
        return this;
    }

    public SourceWriter Open(string? header = null)
    {
        if (header is not null) Line(header);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Unindent()
    {
        _indent = Math.Max(0, _indent - 1);
        return this;
    }

    /// <summary>XML documentation lines from a spec description, escaped so no text can leave the comment.</summary>
    public SourceWriter Summary(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return this;
        Line("/// <summary>");
        foreach (var line in CSharpText.XmlDocLines(text!)) Line(line.Length == 0 ? "///" : "/// " + line);
        return Line("/// </summary>");
    }

    /// <summary>XML documentation written by the generator itself; spec text inside must go through <see cref="CSharpText.XmlInline"/>.</summary>
    public SourceWriter SummaryXml(string xml) => Line("/// <summary>" + xml + "</summary>");

    public override string ToString()
    {
        if (_text is not null) return _text;
        var builder = Buffer;
        _text = builder.ToString();
        _writing = null;
        if (builder.Capacity <= MaxKeptCapacity)
        {
            builder.Clear();
            t_spare = builder;
        }
        return _text;
    }
}
