using System.Net;
using System.Net.Sockets;

namespace IfpFeeds.WebSub;

/// <summary>
/// Which addresses an outbound request (a WebSub callback, a hub ping) may reach when the URL came from a stranger:
/// only public unicast ones. Refused: unspecified, loopback, private (RFC 1918), carrier-grade NAT (RFC 6598),
/// link-local, the IETF and documentation blocks, benchmarking (RFC 2544), multicast, reserved and broadcast in IPv4;
/// in IPv6 the unspecified and loopback addresses, link-local, site-local, unique-local (RFC 4193), multicast,
/// documentation, and the tunnels that embed an IPv4 address (IPv4-mapped, NAT64, 6to4: judged by that address;
/// Teredo: refused).
/// </summary>
public static class OutboundAddresses
{
    /// <summary>True when <paramref name="address"/> is a public unicast address an outbound request may connect to.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> b = stackalloc byte[16];
        if (!address.TryWriteBytes(b, out var length))
        {
            return false;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork when length == 4 => IsPublicV4(b[..4]),
            AddressFamily.InterNetworkV6 when length == 16 => IsPublicV6(address, b),
            _ => false,
        };
    }

    private static bool IsPublicV4(ReadOnlySpan<byte> b) => !(
        b[0] == 0                                          // 0.0.0.0/8: "this network", unspecified
        || b[0] == 10                                      // 10/8: private
        || (b[0] == 100 && (b[1] & 0xC0) == 64)            // 100.64/10: carrier-grade NAT
        || b[0] == 127                                     // 127/8: loopback
        || (b[0] == 169 && b[1] == 254)                    // 169.254/16: link-local (cloud metadata among it)
        || (b[0] == 172 && (b[1] & 0xF0) == 16)            // 172.16/12: private
        || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)    // 192.0.0/24 IETF, 192.0.2/24 documentation
        || (b[0] == 192 && b[1] == 88 && b[2] == 99)       // 192.88.99/24: 6to4 relay anycast
        || (b[0] == 192 && b[1] == 168)                    // 192.168/16: private
        || (b[0] == 198 && (b[1] & 0xFE) == 18)            // 198.18/15: benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)      // 198.51.100/24: documentation
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)       // 203.0.113/24: documentation
        || b[0] >= 224);                                   // 224/4 multicast, 240/4 reserved, broadcast

    private static bool IsPublicV6(IPAddress address, ReadOnlySpan<byte> b)
    {
        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Loopback) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast)
        {
            return false;
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
        {
            return false; // 2001:db8::/32: documentation
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        {
            return false; // 2001::/32: Teredo, whose far end is not what the address says
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]); // 2002::/16: 6to4, the IPv4 address inside
        }

        if (b[..12].SequenceEqual((ReadOnlySpan<byte>)[0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]))
        {
            return IsPublicV4(b[12..]); // 64:ff9b::/96: NAT64, the IPv4 address inside
        }

        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return false; // ::/96: IPv4-compatible (deprecated) and the unspecified address
        }

        return (b[0] & 0xE0) == 0x20; // 2000::/3: global unicast; everything else is reserved
    }
}
