using IfpFeeds.Captures;
using IfpFeeds.Store;

namespace IfpFeeds.Tests;

public sealed class SectionSlugTests
{
    [Theory]
    [InlineData("Foreign Policy", "foreign-policy")]
    [InlineData("IFP Exclusive", "ifp-exclusive")]
    [InlineData("  Economy  ", "economy")]
    [InlineData("Arts & Culture", "arts-culture")]
    [InlineData("Editor's Pick", "editors-pick")]
    [InlineData("Editor’s Pick", "editors-pick")]
    [InlineData("Économie / Société", "economie-societe")]
    [InlineData("Covid-19", "covid-19")]
    [InlineData("سیاست خارجی", "سیاست-خارجی")]
    [InlineData("سیاست‌خارجی", "سیاست-خارجی")] // a zero-width non-joiner separates like a space
    [InlineData("ＦＵＬＬＷＩＤＴＨ", "fullwidth")]
    [InlineData("Oil\uFFFE Gas\uD800", "oil-gas")] // what the normalizer refuses (a noncharacter, a lone surrogate) drops
    [InlineData("All", "all-section")] // /feeds/all.* belongs to the service
    [InlineData("Recent", "recent-section")]
    [InlineData("Search", "search-section")] // /feeds/search.* too
    public void SlugsAreLowerCaseHyphenatedAndReadable(string label, string slug) =>
        Assert.Equal(slug, SectionSlugs.From(label));

    [Fact]
    public void ALabelWithNoLettersGetsAStableHashSlug()
    {
        var slug = SectionSlugs.From("!!!");
        Assert.Matches("^section-[0-9a-f]{8}$", slug);
        Assert.Equal(slug, SectionSlugs.From("!!!"));
        Assert.NotEqual(slug, SectionSlugs.From("???"));
    }

    [Fact]
    public void DifferentPersianSectionsGetDifferentSlugs() =>
        Assert.NotEqual(SectionSlugs.From("سیاست خارجی"), SectionSlugs.From("اقتصاد"));
}
