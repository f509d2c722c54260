namespace IfpFeeds.Feeds;

/// <summary>One page of a feed: <see cref="Limit"/> items from item <c>(Number - 1) × Limit</c> (RFC 5005 §3 paging).</summary>
public readonly record struct FeedPage(int Limit, int Number)
{
    public const int DefaultLimit = 50, MaxLimit = 200, MaxNumber = 1_000_000;

    /// <summary>The first page of the default size: what a feed URL without a query shows.</summary>
    public static FeedPage First { get; } = new(DefaultLimit, 1);

    /// <summary>How many items come before this page.</summary>
    public int Skip => (Number - 1) * Limit;

    /// <summary>The number of pages of <see cref="Limit"/> items that <paramref name="count"/> items make (at least 1).</summary>
    public int PageCount(int count) => Math.Max(1, (count + Limit - 1) / Limit);

    /// <summary>The same size, another page.</summary>
    public FeedPage WithNumber(int number) => new(Limit, number);
}
