using System.Text;
using IfpFeeds.Caching;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace IfpFeeds.Pages;

/// <summary>
/// Renders a Razor component to HTML (static rendering with the framework's <see cref="HtmlRenderer"/>, no
/// interactivity, no antiforgery or Data Protection), so pages can be cached like feeds.
/// </summary>
public sealed class PageRenderer(IServiceScopeFactory scopes, ILoggerFactory loggerFactory)
{
    /// <summary>The component's HTML.</summary>
    public async Task<string> RenderHtmlAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        // The renderer uses scoped services: give it a scope of its own, outside any request.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    /// <summary>The component's HTML as UTF-8, in slabs ready to cache.</summary>
    public async Task<SegmentedBytes> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        var html = await RenderHtmlAsync<TComponent>(parameters);
        using var buffer = new PooledBuffer(Encoding.UTF8.GetByteCount(html));
        Encoding.UTF8.GetBytes(html, buffer);
        return buffer.ToSegmented();
    }
}
