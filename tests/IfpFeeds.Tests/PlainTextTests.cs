using IfpFeeds.Feeds;

namespace IfpFeeds.Tests;

/// <summary>Title cleaning: markup out, text that only resembles it kept.</summary>
public sealed class PlainTextTests
{
    [Theory]
    [InlineData("Iran <script>alert(1)</script> talks", "Iran alert(1) talks")]
    [InlineData("<b>Bold</b> move", "Bold move")]
    [InlineData("A <img src=x onerror=alert(1)> picture", "A picture")]
    [InlineData("Before<!-- hidden --> after", "Before after")]
    [InlineData("Unclosed <a href=\"x\"", "Unclosed")]
    [InlineData("Open comment <!-- never closed", "Open comment")]
    [InlineData("Oil < $80 and > $60", "Oil < $80 and > $60")]
    [InlineData("I <3 Tehran", "I <3 Tehran")]
    [InlineData("x<y and y<z", "x<y and y<z")]
    [InlineData("x<y and y>z", "x z")] // <y and y> is a tag to a browser: out
    [InlineData("<p></p>", "p/p")]
    [InlineData("فرهنگ <em>و</em> هنر", "فرهنگ و هنر")]
    [InlineData("Plain title", "Plain title")]
    public void MarkupIsRemovedAndLookAlikesAreKept(string title, string expected) => Assert.Equal(expected, PlainText.Title(title));
}
