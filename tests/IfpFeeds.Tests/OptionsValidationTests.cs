using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using IfpFeeds.Configuration;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Tests;

/// <summary>
/// Options are validated at start with a message naming the key and the value. (That a bad option stops the
/// service itself, with that message as its one line and exit code 1, <see cref="StartupTests"/> shows on the
/// real process.)
/// </summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Feeds:BaseUrl", "not a url", "Feeds:BaseUrl")]
    [InlineData("Feeds:BaseUrl", "ftp://example.com/", "Feeds:BaseUrl")]
    [InlineData("Feeds:SiteTitle", "", "Feeds:SiteTitle")]
    [InlineData("Feeds:Language", "english please", "Feeds:Language")]
    [InlineData("Feeds:MaxCaptureBytes", "0", "Feeds:MaxCaptureBytes")]
    [InlineData("Feeds:RateLimit:WindowSeconds", "0", "Feeds:RateLimit:WindowSeconds")]
    [InlineData("Feeds:RateLimit:PermitsPerWindow", "-5", "Feeds:RateLimit:PermitsPerWindow")]
    [InlineData("Feeds:CacheSizeLimitBytes", "10", "Feeds:CacheSizeLimitBytes")]
    [InlineData("Feeds:IconUrl", "icon.png", "Feeds:IconUrl")]
    [InlineData("Feeds:LogoUrl", "javascript:alert(1)", "Feeds:LogoUrl")]
    [InlineData("Feeds:DatesFrom", "sometimes", "Feeds:DatesFrom")]
    [InlineData("Feeds:DataPath", "", "Feeds:DataPath")]
    [InlineData("Feeds:WebSub:TimeoutSeconds", "0", "Feeds:WebSub:TimeoutSeconds")]
    [InlineData("Feeds:WebSub:Hubs:0", "not a hub", "Feeds:WebSub:Hubs:0")]
    [InlineData("Feeds:WebSub:MinLeaseSeconds", "999999", "Feeds:WebSub:DefaultLeaseSeconds")]
    [InlineData("Feeds:WebSub:MaxSubscriptions", "0", "Feeds:WebSub:MaxSubscriptions")]
    [InlineData("Feeds:WebSub:Hubs:0", "https://hub.example.net/", "Feeds:WebSub:Hubs needs Feeds:BaseUrl")]
    [InlineData("Feeds:WebSub:BurstMilliseconds", "-1", "Feeds:WebSub:BurstMilliseconds")]
    [InlineData("Feeds:WebSub:RequestsPerMinute", "-1", "Feeds:WebSub:RequestsPerMinute")]
    public void BadOptionsAreRefusedWithAMessageNamingThem(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddFeedsOptions().BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FeedsOptions>>().Value);
        Assert.Contains(ex.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AGoodBaseUrlIsAccepted()
    {
        using var app = new TestApp(new() { ["Feeds:BaseUrl"] = "https://feeds.example.com/" });
        Assert.Equal("healthy", (string?)(await app.GetJsonAsync("/healthz"))["status"]);
    }
}
