using IfpFeeds.Feeds;

namespace IfpFeeds.WebSub;

/// <summary>A feed that is a WebSub topic: its name (as the feed sources know it), its format, and its canonical self URL.</summary>
public sealed record FeedTopic(string Name, FeedFormat Format, string SelfUrl);
