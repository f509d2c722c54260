namespace IfpFeeds.Store;

/// <summary>What looking at one file again found: nothing new, gone, not ready yet (and when to look again), or read.</summary>
internal readonly record struct ExamineOutcome(ExamineOutcome.Kinds Kind, DateTimeOffset Due, TrackedFile? Entry)
{
    public enum Kinds
    {
        Unchanged,
        Removed,
        Deferred,
        Read,
    }

    public static ExamineOutcome Unchanged => new(Kinds.Unchanged, default, null);

    public static ExamineOutcome Removed => new(Kinds.Removed, default, null);

    public static ExamineOutcome Defer(DateTimeOffset due) => new(Kinds.Deferred, due, null);

    public static ExamineOutcome Read(TrackedFile entry) => new(Kinds.Read, default, entry);
}
