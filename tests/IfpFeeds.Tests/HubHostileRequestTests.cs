using System.Net;
using System.Text;

namespace IfpFeeds.Tests;

/// <summary>Whatever a client sends to <c>POST /websub</c> is answered with a 2xx or a 4xx problem, never a 5xx.</summary>
public sealed class HubHostileRequestTests
{
    private static readonly string Topic = Uri.EscapeDataString(HubHarness.Topic("all", "atom"));

    public static TheoryData<string, string> Bodies => new()
    {
        { "application/x-www-form-urlencoded; charset=bogus", "hub.mode=subscribe" },
        { "application/x-www-form-urlencoded; charset=utf-16", "hub.mode=subscribe" },
        { "application/x-www-form-urlencoded", "hub.mode=%zz&hub.topic=%&hub.callback=%%" },
        { "application/x-www-form-urlencoded", "hub.mode=subscribe&hub.topic=" + Topic + "&hub.callback=http://%5B::1" },
        { "application/x-www-form-urlencoded", "hub.mode=subscribe&hub.topic=" + Topic + "&hub.callback=" + Uri.EscapeDataString("http://пример.испытание/cb") },
        { "application/x-www-form-urlencoded", "hub.mode=subscribe&hub.topic=" + Topic + "&hub.callback=http://" + new string('a', 300) + ".example/cb" },
        { "application/x-www-form-urlencoded", "hub.mode=subscribe&hub.topic=" + Topic + "&hub.callback=http://a..b/cb" },
        { "application/x-www-form-urlencoded", "hub.mode=subscribe&hub.topic=" + Topic + "&hub.callback=http://xn--/cb" },
        { "application/x-www-form-urlencoded", "hub.mode=subscribe&hub.topic=" + Topic + "&hub.callback=http://127.0.0.1:99999/cb" },
        { "application/x-www-form-urlencoded", "hub.mode=subscribe&hub.topic=" + Uri.EscapeDataString("https://feeds.example.com/feeds/%ZZ.atom") + "&hub.callback=http://example.com/" },
        { "application/x-www-form-urlencoded", "hub.mode=subscribe&hub.topic=" + Uri.EscapeDataString("https://feeds.example.com/feeds/.atom") + "&hub.callback=http://example.com/" },
        { "application/x-www-form-urlencoded", "hub.mode=subscribe&hub.topic=" + Topic + "&hub.callback=http://example.com/&hub.lease_seconds=99999999999999999999" },
        { "application/x-www-form-urlencoded", "hub.mode=subscribe&hub.topic=" + Topic + "&hub.callback=http://example.com/&hub.secret=%00%01" },
        { "application/x-www-form-urlencoded", string.Join("&", Enumerable.Range(0, 500).Select(i => $"k{i}=v")) },
        { "application/x-www-form-urlencoded", "\u00ff\u00fe=\u0000" },
        { "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"hub.mode\"\r\n\r\nsubscribe\r\n--x--\r\n" },
        { "text/plain", "" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task AnyBodyIsA2xxOrA4xx(string contentType, string body)
    {
        await using var hub = await HubHarness.StartAsync(new() { ["Feeds:WebSub:AllowPrivateCallbacks"] = "false" });
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await hub.Client.PostAsync("/websub", content);
        Assert.True((int)response.StatusCode is >= 200 and < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task WithoutABaseUrlABadHostIs400()
    {
        await using var hub = await HubHarness.StartAsync(new() { ["Feeds:BaseUrl"] = "" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/websub")
        {
            Content = new StringContent("hub.mode=subscribe&hub.topic=" + Topic + "&hub.callback=http://example.com/", Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.TryAddWithoutValidation("Host", "a..b");
        using var response = await hub.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
