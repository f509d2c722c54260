using IfpFeeds.Configuration;
using IfpFeeds.Store.Dates;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Store;

/// <summary>Registers the article store over the captures folder, and the listeners of its snapshots.</summary>
public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// The store (a hosted service: it loads before the server starts) over <c>Feeds:ArticlesPath</c>, dated by the
    /// first-seen registry under <c>Feeds:DataPath</c> (or by file times, <c>Feeds:DatesFrom=file-time</c>).
    /// </summary>
    public static IServiceCollection AddArticleStore(this IServiceCollection services)
    {
        services.TryAddSingleton<ICaptureSource>(sp => new FolderCaptureSource(
            Path.GetFullPath(sp.GetRequiredService<IOptions<FeedsOptions>>().Value.ArticlesPath, sp.GetRequiredService<IHostEnvironment>().ContentRootPath),
            sp.GetRequiredService<ILogger<FolderCaptureSource>>()));
        services.TryAddSingleton(CreateFirstSeenRegistry);
        services.AddSingleton<StoreMetrics>();
        services.AddSingleton<ArticleStore>();
        services.AddHostedService(sp => sp.GetRequiredService<ArticleStore>());
        return services;
    }

    /// <summary>
    /// The instance's own first-seen registry: SQLite under <c>Feeds:DataPath</c>, or file times
    /// (<c>Feeds:DatesFrom=file-time</c>). A fleet wraps it in its shared one.
    /// </summary>
    public static IFirstSeenRegistry CreateFirstSeenRegistry(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<FeedsOptions>>().Value;
        return options.DatesFrom == FeedsOptions.FileTimeDates
            ? new FileTimeRegistry()
            : new SqliteFirstSeenRegistry(Path.GetFullPath(options.DataPath, sp.GetRequiredService<IHostEnvironment>().ContentRootPath),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteFirstSeenRegistry>>());
    }

    /// <summary>
    /// Registers <typeparamref name="TListener"/> as a singleton that hears of every snapshot, after the
    /// listeners registered before it.
    /// </summary>
    public static IServiceCollection AddSnapshotListener<TListener>(this IServiceCollection services)
        where TListener : class, ISnapshotListener
    {
        services.TryAddSingleton<TListener>();
        services.AddSingleton<ISnapshotListener>(sp => sp.GetRequiredService<TListener>());
        return services;
    }
}
