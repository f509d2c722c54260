using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IfpFeeds.Tests;

/// <summary>Small builders of capture text for the tests.</summary>
public static class CaptureText
{
    /// <summary>A minimal good capture: section, title, two paragraphs, and optional front matter lines.</summary>
    public static string Simple(string section = "Politics", string title = "A title", string? frontMatter = null, string? extra = null)
    {
        var header = frontMatter is null ? "" : $"---\n{frontMatter}\n---\n";
        return $"{header}{section}\n\n{title}\n\nThe first paragraph.\n\nThe second paragraph.\n{extra}";
    }

    public static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
