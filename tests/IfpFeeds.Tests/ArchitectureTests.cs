using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace IfpFeeds.Tests;

/// <summary>
/// The folders of <c>src/IfpFeeds</c> are stages of one data flow, and their arrows run one way (README, "Design"):
/// captures → store → features → caching → http, with configuration beneath everything and the composition
/// root (Program and <c>Hosting/</c>) above it. A folder may use only the folders listed for it, and no set of
/// folders may use each other in a cycle.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "IfpFeeds";

    private static readonly Architecture Architecture = new ArchLoader().LoadAssemblies(typeof(Program).Assembly).Build();

    /// <summary>Every folder, and the folders it may use. Features may use the stages below them and, one way, each other.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Configuration"] = [],
        ["Diagnostics"] = [],
        ["Captures"] = [],
        ["Store"] = ["Captures", "Configuration", "Diagnostics"],
        ["Http"] = ["Configuration"],
        ["Caching"] = ["Http", "Configuration", "Diagnostics"],
        ["Feeds"] = ["Captures", "Store", "Caching", "Http", "Configuration"],
        ["Pages"] = ["Feeds", "Captures", "Store", "Caching", "Http", "Configuration"],
        ["Digest"] = ["Feeds", "Pages", "Captures", "Store", "Caching", "Http", "Configuration"],
        ["Search"] = ["Feeds", "Pages", "Captures", "Store", "Caching", "Http", "Configuration"],
        ["Api"] = ["Captures", "Store", "Caching", "Http", "Configuration"],
        ["Publishing"] = ["Captures", "Store", "Http", "Configuration", "Diagnostics"],
        ["WebSub"] = ["Feeds", "Captures", "Store", "Caching", "Http", "Configuration", "Diagnostics"],
        ["Health"] = ["Captures", "Store", "Http", "Configuration"],
        ["Fleet"] = ["WebSub", "Caching", "Store", "Captures", "Http", "Configuration", "Diagnostics"],
        ["Hosting"] = ["Api", "Publishing", "WebSub", "Fleet", "Caching", "Captures", "Configuration", "Diagnostics", "Digest", "Feeds", "Health", "Http", "Pages", "Search", "Store"],
    };

    public static TheoryData<string> Folders() => [.. Allowed.Keys];

    [Theory]
    [MemberData(nameof(Folders))]
    public void AFolderUsesOnlyTheFoldersBelowIt(string folder)
    {
        var forbidden = Allowed.Keys.Where(other => other != folder && !Allowed[folder].Contains(other)).Select(Namespace).ToArray();
        var rule = Types().That().ResideInNamespaceMatching(Pattern(Namespace(folder))).Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching(AnyOf(forbidden)))
            .Because($"{folder}/ may use only {(Allowed[folder].Length == 0 ? "nothing of the service's" : string.Join(", ", Allowed[folder]))}");
        rule.Check(Architecture);
    }

    [Fact]
    public void NothingUsesTheCompositionRoot()
    {
        Types().That().DoNotResideInNamespaceMatching(Pattern(Namespace("Hosting"))).And().DoNotHaveFullName("Program")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Pattern(Namespace("Hosting"))).Or().HaveFullName("Program"))
            .Check(Architecture);
    }

    [Fact]
    public void FoldersFormNoCycle() =>
        SliceRuleDefinition.Slices().Matching(Root + ".(*)").Should().BeFreeOfCycles().Check(Architecture);

    [Fact]
    public void EveryTypeLivesInAKnownFolder()
    {
        var known = Allowed.Keys.Select(Namespace).ToHashSet(StringComparer.Ordinal);
        var strays = Architecture.Types
            .Where(t => t.Namespace.FullName.StartsWith(Root, StringComparison.Ordinal) && t.FullName != "Program")
            .Where(t => !known.Any(n => t.Namespace.FullName == n || t.Namespace.FullName.StartsWith(n + ".", StringComparison.Ordinal)))
            .Where(t => !t.FullName.Contains('<', StringComparison.Ordinal)) // compiler-generated
            .Select(t => t.FullName)
            .ToList();
        Assert.True(strays.Count == 0, "types outside the known folders (add the folder to the table): " + string.Join(", ", strays));
    }

    private static string Namespace(string folder) => Root + "." + folder;

    private static string Pattern(string ns) => "^" + ns.Replace(".", @"\.", StringComparison.Ordinal) + @"(\..*)?$";

    private static string AnyOf(string[] namespaces) =>
        namespaces.Length == 0 ? "^$" : "^(" + string.Join("|", namespaces.Select(n => n.Replace(".", @"\.", StringComparison.Ordinal))) + @")(\..*)?$";
}
