using System.IO.Hashing;

namespace IfpFeeds.Captures;

/// <summary>
/// What one parse fills and drops (the line ranges, the body's lines, the fingerprint's hash state), kept per thread: a
/// start parses thousands of captures on a few threads, and each new list was garbage the collector had to make room for.
/// </summary>
internal sealed class ParseScratch
{
    /// <summary>Lists grown past this many items by an unusual capture are let go rather than kept for the next.</summary>
    private const int MaxKeptCapacity = 4096;

    [ThreadStatic]
    private static ParseScratch? t_current;

    /// <summary>This thread's scratch, empty. A parse never calls another parse, so one per thread is enough.</summary>
    public static ParseScratch Take()
    {
        var scratch = t_current ??= new ParseScratch();
        scratch.Lines.Clear();
        scratch.Body.Clear();
        scratch.Fingerprint.Reset();
        return scratch;
    }

    public List<Range> Lines { get; private set; } = [];

    public List<string> Body { get; private set; } = [];

    public XxHash3 Fingerprint { get; } = new();

    /// <summary>Lets go of the strings the body held (they belong to the article now, or to nothing) and of oversized lists.</summary>
    public void Release()
    {
        Body.Clear();
        if (Lines.Capacity > MaxKeptCapacity)
        {
            Lines = [];
        }

        if (Body.Capacity > MaxKeptCapacity)
        {
            Body = [];
        }
    }
}
