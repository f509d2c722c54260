namespace IfpFeeds.Pages;

/// <summary>The files the service ships inside its assembly (icons, <c>recent.js</c>), by their logical names in the project file.</summary>
public static class EmbeddedAssets
{
    public static byte[] Read(string name)
    {
        using var stream = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"no embedded asset '{name}'");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
