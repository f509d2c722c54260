using System.Text;
using IfpFeeds.Captures;

namespace IfpFeeds.Tests;

/// <summary>
/// ARTICLE-FORMAT.md, "Body": each line trimmed and every run of white space folded to one space. The fold looks at
/// eight characters at once, so these compare it with the rule written plainly, for every white space character at
/// every place around the blocks' edges.
/// </summary>
public sealed class CaptureLinesTests
{
    /// <summary>Every character <see cref="char.IsWhiteSpace(char)"/> calls white space.</summary>
    private static readonly char[] WhiteSpace = Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsWhiteSpace).ToArray();

    [Fact]
    public void There_are_white_spaces_beyond_ascii_to_test()
    {
        Assert.Contains('\u00A0', WhiteSpace);
        Assert.Contains('\u3000', WhiteSpace);
        Assert.True(WhiteSpace.Length > 20);
    }

    [Fact]
    public void Any_white_space_but_a_single_space_is_folded_wherever_it_is()
    {
        // Words and single spaces (nothing to fold), 40 characters: every position lies in a block, at its edge, or in the tail.
        const string plain = "Tehran's metro adds two new lines by May";
        Assert.Equal(plain, CaptureLines.Fold(plain));
        foreach (var space in WhiteSpace)
        {
            for (var at = 1; at < plain.Length; at++)
            {
                var inserted = plain.Insert(at, space.ToString());
                Assert.Equal(Reference(inserted), CaptureLines.Fold(inserted));
                var replaced = plain[..at] + space + plain[(at + 1)..];
                Assert.Equal(Reference(replaced), CaptureLines.Fold(replaced));
            }
        }
    }

    [Fact]
    public void Random_lines_fold_as_the_rule_says()
    {
        var random = new Random(20261203);
        var alphabet = "abcXYZ09.,é\u0627\u0001\u0084\u0086".ToCharArray().Concat(WhiteSpace).Concat(Enumerable.Repeat(' ', 12)).ToArray();
        for (var n = 0; n < 20_000; n++)
        {
            var line = new StringBuilder();
            var length = random.Next(0, 70);
            for (var i = 0; i < length; i++)
            {
                line.Append(random.Next(4) == 0 ? alphabet[random.Next(alphabet.Length)] : (char)('a' + random.Next(26)));
            }

            var text = line.ToString();
            Assert.Equal(Reference(text), CaptureLines.Fold(text));
        }
    }

    /// <summary>The rule, plainly: trim, then every run of white space becomes one space.</summary>
    private static string Reference(string line)
    {
        var folded = new StringBuilder();
        var inSpace = false;
        foreach (var c in line.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                inSpace = true;
                continue;
            }

            if (inSpace)
            {
                folded.Append(' ');
            }

            folded.Append(c);
            inSpace = false;
        }

        return folded.ToString();
    }
}
