using System.Net;
using IfpFeeds.WebSub;
using Microsoft.AspNetCore.Http;

namespace IfpFeeds.Tests;

/// <summary>The rules for requests to URLs strangers give: which addresses, and the handler that enforces them at connect time.</summary>
public sealed class OutboundHttpTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.8")]
    [InlineData("192.0.2.1")]
    [InlineData("192.168.1.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("224.0.0.1")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::127.0.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2001:0:4136:e378::1")] // Teredo
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("64:ff9b::a00:1")] // NAT64 of 10.0.0.1
    [InlineData("4000::1")] // not global unicast
    public void NonPublicAddressesAreRefused(string address) => Assert.False(OutboundAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("100.128.0.1")] // just past carrier-grade NAT
    [InlineData("172.32.0.1")] // just past 172.16/12
    [InlineData("169.255.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2002:0808:0808::1")] // 6to4 of 8.8.8.8
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    public void PublicAddressesAreAllowed(string address) => Assert.True(OutboundAddresses.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task TheHandlerRefusesLoopbackAtConnectTimeByAddressAndByNameUnlessAllowed()
    {
        await using var server = await StartAsync();
        using var strict = new HttpClient(OutboundHttp.CreateHandler(allowPrivate: false, TimeSpan.FromSeconds(5)));
        foreach (var url in new[] { $"http://127.0.0.1:{server.Port}/ok", $"http://localhost:{server.Port}/ok", $"http://[::ffff:127.0.0.1]:{server.Port}/ok" })
        {
            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => strict.GetAsync(url));
            Assert.Contains("may not reach", ex.Message + ex.InnerException?.Message);
        }

        Assert.Empty(server.Requests);
        using var allowed = new HttpClient(OutboundHttp.CreateHandler(allowPrivate: true, TimeSpan.FromSeconds(5)));
        Assert.Equal("ok", await allowed.GetStringAsync($"http://127.0.0.1:{server.Port}/ok"));
    }

    [Fact]
    public async Task ARedirectIsNotFollowed()
    {
        await using var server = await StartAsync();
        using var client = new HttpClient(OutboundHttp.CreateHandler(allowPrivate: true, TimeSpan.FromSeconds(5)));
        using var response = await client.GetAsync($"http://127.0.0.1:{server.Port}/redirect");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(server.Requests); // /ok was never asked for
    }

    private static async Task<LoopbackSubscriber> StartAsync()
    {
        var server = await LoopbackSubscriber.StartAsync();
        server.Answer = (context, received) => received.PathAndQuery == "/redirect"
            ? Task.Run(() => context.Response.Redirect("/ok"))
            : context.Response.WriteAsync("ok");
        return server;
    }
}
