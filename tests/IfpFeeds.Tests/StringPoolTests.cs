using IfpFeeds.Captures;

namespace IfpFeeds.Tests;

public sealed class StringPoolTests
{
    [Fact]
    public void FromItsSecondSightingAStringComesBackAsOneSharedInstance()
    {
        var pool = new StringPool();
        var first = new string("Recent post title".AsSpan());
        var second = new string("Recent post title".AsSpan());
        var third = new string("Recent post title".AsSpan());
        Assert.Same(first, pool.Intern(first)); // seen once: not kept
        Assert.Same(second, pool.Intern(second)); // seen again: kept
        Assert.Same(second, pool.Intern(third));
        Assert.Null(pool.InternOrNull(null));
    }

    [Fact]
    public void PastItsCapacityStringsAreReturnedUnsharedAndTheFirstOnesStayShared()
    {
        var pool = new StringPool(capacity: 2);
        string Twice(string s)
        {
            pool.Intern(new string(s.AsSpan()));
            return pool.Intern(new string(s.AsSpan()));
        }

        var a = Twice("a");
        var b = Twice("b");
        var c = Twice("c");
        Assert.NotSame(c, pool.Intern(new string("c".AsSpan()))); // "c" was not kept
        Assert.Same(a, pool.Intern(new string("a".AsSpan())));
        Assert.Same(b, pool.Intern(new string("b".AsSpan())));
    }

    [Fact]
    public void ParallelReadersGetEqualStringsAndThePoolKeepsAtMostItsCapacity()
    {
        const int Capacity = 1_000, Readers = 8;
        var pool = new StringPool(Capacity);
        var texts = Enumerable.Range(0, 5_000).Select(i => $"post {i % 2_000}").ToArray();
        var results = new string[Readers][];
        Parallel.For(0, Readers, new ParallelOptions { MaxDegreeOfParallelism = Readers }, r =>
            results[r] = [.. texts.Select(s => pool.Intern(new string(s.AsSpan())))]);

        Assert.All(results, r => Assert.Equal(texts, r));

        // A string the pool kept comes back as one shared instance; one it did not, as the instance given.
        bool Kept(string s) => ReferenceEquals(pool.Intern(new string(s.AsSpan())), pool.Intern(new string(s.AsSpan())));
        var kept = texts.Distinct().Count(Kept);
        Assert.InRange(kept, Capacity - Readers, Capacity);
    }
}
