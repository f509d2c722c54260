using System.Text.Encodings.Web;
using System.Text.Json;
using IfpFeeds.Caching;

namespace IfpFeeds.Feeds;

/// <summary>JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), written with <see cref="Utf8JsonWriter"/>.</summary>
public static class JsonFeedRenderer
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Not embedded in HTML: keep non-ASCII text readable; control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static SegmentedBytes Render(FeedDocument doc)
    {
        // A pooled buffer of the expected size: the render allocates only its result, in segments.
        using var buffer = new PooledBuffer(FeedXml.SizeHint(doc));
        using (var w = new Utf8JsonWriter((System.Buffers.IBufferWriter<byte>)buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("version", "https://jsonfeed.org/version/1.1");
            w.WriteString("title", doc.Title);
            w.WriteString("home_page_url", doc.HomePage.AbsoluteUri);
            w.WriteString("feed_url", doc.Self.AbsoluteUri);
            w.WriteString("description", doc.Description);
            w.WriteString("icon", doc.Logo.AbsoluteUri);
            w.WriteString("favicon", doc.Icon.AbsoluteUri);
            if (doc.Paging.Next is { } next)
            {
                w.WriteString("next_url", next.AbsoluteUri);
            }

            w.WriteString("language", doc.Language);
            if (doc.Hubs.Length > 0)
            {
                w.WriteStartArray("hubs"); // JSON Feed 1.1: "endpoints that can be used to subscribe to real-time notifications"
                foreach (var hub in doc.Hubs)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "WebSub");
                    w.WriteString("url", hub.AbsoluteUri);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteStartArray("authors");
            w.WriteStartObject();
            w.WriteString("name", doc.SiteTitle);
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteStartArray("items");
            foreach (var e in doc.Items)
            {
                w.WriteStartObject();
                w.WriteString("id", e.Id);
                w.WriteString("url", e.Link.AbsoluteUri);
                w.WriteString("title", e.Title);
                w.WriteString("summary", e.Summary);
                w.WriteString("content_html", e.ContentHtml);
                if (e.Image is { } image)
                {
                    w.WriteString("image", image.Url.AbsoluteUri);
                }

                w.WriteString("date_published", Rfc3339(e.Published));
                w.WriteString("date_modified", Rfc3339(e.Updated));
                // Every item names its author, the same in every format: its own, else the site's (not left to inheritance).
                w.WriteStartArray("authors");
                w.WriteStartObject();
                w.WriteString("name", e.Author ?? doc.SiteTitle);
                if (e.AuthorUrl is { } authorUrl)
                {
                    w.WriteString("url", authorUrl.AbsoluteUri);
                }

                w.WriteEndObject();
                w.WriteEndArray();

                w.WriteStartArray("tags");
                foreach (var category in e.Categories)
                {
                    w.WriteStringValue(category);
                }

                w.WriteEndArray();
                w.WriteString("language", e.Language ?? doc.Language);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.ToSegmented();
    }

    /// <summary>RFC 3339 in UTC with the invariant culture: <c>2024-05-05T10:00:00Z</c>.</summary>
    private static string Rfc3339(DateTimeOffset date) =>
        date.UtcDateTime.ToString(date.Millisecond == 0 && date.Microsecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
            System.Globalization.CultureInfo.InvariantCulture);
}
