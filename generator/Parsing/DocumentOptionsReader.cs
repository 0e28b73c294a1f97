using System;
using Uploads.Generators.Diagnostics;
using Uploads.Generators.Model;
using Uploads.Generators.Naming;

namespace Uploads.Generators.Parsing;

/// <summary>Validates the raw <c>OpenApi*</c> metadata values of one document.</summary>
internal static class DocumentOptionsReader
{
    public const string FallbackNamespace = "OpenApiGenerated";

    public static DocumentOptions Read(DocumentInput input, ProjectSettings settings, DiagnosticBag diagnostics)
    {
        string @namespace = string.IsNullOrWhiteSpace(input.Namespace) ? settings.RootNamespace : input.Namespace!.Trim();
        if (!Identifier.IsValidNamespace(@namespace))
        {
            if (!string.IsNullOrWhiteSpace(input.Namespace))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidMetadata, null, input.Namespace!, "OpenApiNamespace", "a C# namespace such as 'Contoso.OpenAI'");
            }
            @namespace = FallbackNamespace;
        }

        var parts = GeneratedParts.Models | GeneratedParts.Client | GeneratedParts.ServerIfAspNetCore;
        if (!string.IsNullOrWhiteSpace(input.Generate))
        {
            parts = GeneratedParts.None;
            foreach (var item in input.Generate!.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string token = item.Trim();
                if (token.Equals("Models", StringComparison.OrdinalIgnoreCase)) parts |= GeneratedParts.Models;
                else if (token.Equals("Client", StringComparison.OrdinalIgnoreCase)) parts |= GeneratedParts.Client | GeneratedParts.Models;
                else if (token.Equals("Server", StringComparison.OrdinalIgnoreCase)) parts |= GeneratedParts.Server | GeneratedParts.Models;
                else diagnostics.Add(DiagnosticDescriptors.InvalidMetadata, null, token, "OpenApiGenerate", "a comma list of Models, Client, Server, or false");
            }
            if (parts == GeneratedParts.None) parts = GeneratedParts.Models | GeneratedParts.Client | GeneratedParts.ServerIfAspNetCore;
        }

        var style = EnumStyle.Enum;
        if (!string.IsNullOrWhiteSpace(input.EnumStyle))
        {
            string value = input.EnumStyle!.Trim();
            if (value.Equals("Extensible", StringComparison.OrdinalIgnoreCase)) style = EnumStyle.Extensible;
            else if (!value.Equals("Enum", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidMetadata, null, value, "OpenApiEnumStyle", "Enum or Extensible");
            }
        }

        return new DocumentOptions(@namespace, parts, style);
    }
}
