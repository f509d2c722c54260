using System.Collections.Immutable;

namespace IfpFeeds.Digest;

/// <summary><c>GET /recent.json</c>: the digest with labels written for <see cref="GeneratedAt"/>.</summary>
public sealed record RecentView(DateTimeOffset GeneratedAt, ImmutableArray<RecentPostView> Posts);
