namespace IfpFeeds.Caching;

/// <summary>
/// A second cache level under <see cref="RepresentationCache"/>, shared by every instance of a fleet: on a miss the cache
/// asks it for the rendered body, and it either has one (another instance rendered it) or lets one instance of the whole
/// fleet render it while the others wait for and reuse its bytes. Keys name the content version they were rendered
/// from, so an entry is never served for other content. Registered only in fleet mode (<c>ConnectionStrings:Redis</c>);
/// without it the cache renders locally, as ever.
/// </summary>
public interface ISharedRepresentations
{
    /// <summary>
    /// The body stored under <paramref name="key"/>, or the one <paramref name="render"/> makes (at most once in the fleet
    /// while the others wait, within a bound), stored until its <see cref="SharedBody.ExpiresAt"/> or a default lifetime.
    /// When the shared store is unreachable this renders locally: it never fails because of the store.
    /// </summary>
    Task<SharedBody> GetOrRenderAsync(string key, Func<CancellationToken, Task<SharedBody>> render, CancellationToken ct);
}
