using IfpFeeds.Search;

namespace IfpFeeds.Tests;

/// <summary>What search folds away and what it keeps (<see cref="SearchText"/>): one row per rule, and the rows a rule must not break.</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Iran's economy grows", "ECONOMY", true)] // case
    [InlineData("Économie et société", "economie et societe", true)] // accents
    [InlineData("Economie", "Économie", true)] // either side
    [InlineData("ＩＲＡＮ ２０２４", "iran 2024", true)] // fullwidth letters and digits
    [InlineData("ﬁnance ministry", "finance", true)] // a ligature
    [InlineData("Straße", "STRASSE", true)]
    [InlineData("ΣΟΦΟΣ", "σοφος", true)] // final sigma
    [InlineData("𝐈𝐫𝐚𝐧 news", "iran", true)] // mathematical bold, outside the BMP
    [InlineData("کتاب تازه", "كتاب", true)] // Arabic kaf for Persian keheh
    [InlineData("ایران", "ايران", true)] // Arabic yeh for Persian yeh
    [InlineData("مصطفى", "مصطفی", true)] // alef maksura
    [InlineData("كِتَابٌ", "کتاب", true)] // vowel marks (harakat) drop
    [InlineData("آب", "اب", true)] // alef madda
    [InlineData("أحمد", "احمد", true)] // alef with hamza
    [InlineData("خانۀ دوست", "خانه دوست", true)] // heh with yeh above
    [InlineData("می‌شود", "میشود", true)] // the zero-width non-joiner (half-space) drops
    [InlineData("میشود", "می‌شود", true)]
    [InlineData("تهـــران", "تهران", true)] // kashida
    [InlineData("ﻛﺘﺎﺏ", "کتاب", true)] // Arabic presentation forms
    [InlineData("سال ۱۴۰۳", "1403", true)] // Persian digits
    [InlineData("in 1403", "۱۴۰۳", true)]
    [InlineData("عام ٢٠٢٤", "2024", true)] // Arabic-Indic digits
    [InlineData("Iran’s exports", "iran's", true)] // curly apostrophe
    [InlineData("«ایران»", "\"ایران\"", true)] // guillemets as quotation marks
    [InlineData("north—south", "north-south", true)] // dashes
    [InlineData("oil   and\u00A0\tgas", "oil and gas", true)] // every run of white space is one space
    [InlineData("oil", "  oil  ", true)]
    [InlineData("oilfield deal", "oil", true)] // a word's start
    [InlineData("Iranian", "Iran", true)]
    [InlineData("soil erosion", "oil", false)] // not inside a word
    [InlineData("turmoil", "oil", false)]
    [InlineData("Iran", "Iranian", false)]
    [InlineData("FY2024", "2024", false)]
    [InlineData("(oil)", "oil", true)] // punctuation starts a word
    [InlineData("#Iran", "#iran", true)]
    [InlineData("ایرانی", "ایران", true)] // Persian: a word's start too
    [InlineData("درایران", "ایران", false)]
    [InlineData("北京天安门广场", "天安门", true)] // no spaces between words: anywhere
    [InlineData("กรุงเทพมหานคร", "เทพ", true)]
    [InlineData("Oil", "gas", false)]
    public void FoldedQueriesMatchFoldedText(string text, string query, bool matches) =>
        Assert.Equal(matches, SearchText.Contains(SearchText.FoldFields(text, []), SearchText.Needle(SearchText.FoldQuery(query))));

    [Fact]
    public void NoMatchSpansTwoFields()
    {
        var text = SearchText.FoldFields("A title about oil", ["Gas prices rose."]);
        Assert.True(SearchText.Contains(text, Needle("about oil")));
        Assert.True(SearchText.Contains(text, Needle("gas prices")));
        Assert.False(SearchText.Contains(text, Needle("oil gas")));
    }

    private static byte[] Needle(string query) => SearchText.Needle(SearchText.FoldQuery(query));

    [Theory]
    [InlineData("\u064B\u064C")] // only vowel marks
    [InlineData("\u200C\u200D")] // only joiners
    [InlineData(" \t ")]
    public void AQueryOfMarksAndSpacesFoldsToNothing(string text) => Assert.Empty(SearchText.FoldQuery(text));

    [Fact]
    public void EveryCharacterFoldsWithoutThrowing()
    {
        // Noncharacters (U+FFFE), unassigned code points and lone surrogates included: captures and queries can hold anything.
        var all = new string([.. Enumerable.Range(0, 0x10000).Select(c => (char)c)]);
        var folded = SearchText.FoldFields(all, [all + "\uD835\uDC08\uD800"]);
        Assert.NotEmpty(folded);
    }
}
