using IfpFeeds.Configuration;
using IfpFeeds.WebSub;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace IfpFeeds.Tests;

/// <summary>Reading a subscriber's form (W3C WebSub §5.1): what is a request, what is malformed, and the lease granted.</summary>
public sealed class HubRequestTests
{
    private const string Topic = "https://feeds.example.com/feeds/all.atom", Callback = "https://reader.example.net/push?id=1";

    private static HubRequest? Read(out string? error, params (string Key, string[] Values)[] fields) =>
        HubRequest.Read(new FormCollection(fields.ToDictionary(f => f.Key, f => new StringValues(f.Values))), out error);

    private static (string, string[])[] Good(params (string Key, string[] Values)[] changes)
    {
        var fields = new Dictionary<string, string[]> { ["hub.mode"] = ["subscribe"], ["hub.topic"] = [Topic], ["hub.callback"] = [Callback] };
        foreach (var (key, values) in changes)
        {
            if (values.Length == 0)
            {
                fields.Remove(key);
            }
            else
            {
                fields[key] = values;
            }
        }

        return [.. fields.Select(f => (f.Key, f.Value))];
    }

    [Fact]
    public void AWellFormedRequestIsReadAndUnknownParametersAreIgnored()
    {
        var request = Read(out var error, Good(("hub.lease_seconds", ["86400"]), ("hub.secret", ["s3cret"]), ("hub.extra", ["x"]), ("utm_source", ["y"])));
        Assert.Null(error);
        Assert.Equal(new HubRequest(true, Topic, new Uri(Callback), 86400, "s3cret"), request);
        Assert.False(Read(out _, Good(("hub.mode", ["unsubscribe"])))!.Subscribe);
    }

    [Theory]
    [InlineData("hub.mode", "publish")]
    [InlineData("hub.mode", "")]
    [InlineData("hub.mode", null)]
    [InlineData("hub.topic", "")]
    [InlineData("hub.topic", null)]
    [InlineData("hub.callback", null)]
    [InlineData("hub.callback", "/relative/path")]
    [InlineData("hub.callback", "ftp://reader.example.net/push")]
    [InlineData("hub.callback", "javascript:alert(1)")]
    [InlineData("hub.callback", "https://reader.example.net/push#frag")]
    [InlineData("hub.callback", "long")]
    [InlineData("hub.lease_seconds", "0")]
    [InlineData("hub.lease_seconds", "-5")]
    [InlineData("hub.lease_seconds", "ten")]
    [InlineData("hub.lease_seconds", "99999999999")]
    [InlineData("hub.secret", "long")]
    public void AMalformedRequestIsRefusedWithItsReason(string key, string? value)
    {
        value = value == "long" ? (key == "hub.secret" ? new string('s', 200) : "https://reader.example.net/" + new string('p', 2000)) : value;
        var request = Read(out var error, Good((key, value is null ? [] : [value])));
        Assert.Null(request);
        Assert.Contains(key, error);
    }

    [Fact]
    public void AParameterGivenTwiceIsMalformed()
    {
        Assert.Null(Read(out var error, Good(("hub.callback", [Callback, "https://other.example/"]))));
        Assert.Contains("once", error);
    }

    [Theory]
    [InlineData(null, 864_000)]
    [InlineData(10, 3_600)]
    [InlineData(7_200, 7_200)]
    [InlineData(100_000_000, 2_592_000)]
    public void TheLeaseIsTheRequestedOneWithinTheBounds(int? requested, int granted) =>
        Assert.Equal(granted, new HubRequest(true, Topic, new Uri(Callback), requested, null).LeaseWithin(new WebSubOptions()));
}
