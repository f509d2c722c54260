using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace IfpFeeds.Pages;

/// <summary>Renders a Razor component to UTF-8 bytes (static rendering), so pages can be cached like feeds.</summary>
public sealed class PageRenderer(IServiceScopeFactory scopes, ILoggerFactory loggerFactory)
{
    public const string HtmlType = "text/html; charset=utf-8";

    public async Task<byte[]> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        // The renderer uses scoped services: give it a scope of its own, outside any request.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
        return Encoding.UTF8.GetBytes(html);
    }
}
