using System.Xml.Linq;

namespace IfpFeeds.Tests;

/// <summary>Reading an Atom feed the tests fetched.</summary>
public static class AtomEntries
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>The titles of <paramref name="atom"/>'s entries, in order.</summary>
    public static List<string> Titles(string atom) =>
        [.. XDocument.Parse(atom).Descendants(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value)];
}
