using System.Text;

namespace IfpFeeds.Pages;

/// <summary>The stylesheet every page links to (the pages' Content-Security-Policy allows no inline style).</summary>
internal static class SiteStylesheet
{
    public static readonly byte[] Bytes = Encoding.UTF8.GetBytes("""
        body { font: 17px/1.55 system-ui, sans-serif; max-width: 44rem; margin: 0 auto; padding: 1rem; color: #1b1b1b; }
        header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; border-bottom: 1px solid #ddd; padding-bottom: .5rem; }
        form.search { display: flex; gap: .3rem; flex: 1 1 12rem; max-width: 20rem; } form.search input { flex: 1; min-width: 0; font: inherit; }
        a { color: #0b5cad; } .site { font-weight: 700; text-decoration: none; }
        .feeds, .count, time, .byline, .section { color: #666; font-size: .9rem; }
        ul.sections li, ol.articles li { margin: .6rem 0; }
        ol.articles p { margin: .2rem 0 0; }
        ol.articles time { margin-left: .5em; white-space: nowrap; }
        .bio { border-top: 1px solid #ddd; margin-top: 1.5rem; padding-top: .75rem; font-size: .95rem; }
        img { max-width: 100%; height: auto; }
        footer { border-top: 1px solid #ddd; margin-top: 2rem; padding-top: .5rem; color: #666; font-size: .85rem; }

        """);
}
