using System;
using System.Text;

namespace Uploads.Generators.Emit;

/// <summary>An indent-aware writer for generated C#; one line at a time, four spaces per level, '\n' line ends.</summary>
public sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0) _builder.Append(' ', _indent * 4).Append(text);
        _builder.Append('\n');
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

    public override string ToString() => _builder.ToString();
}
