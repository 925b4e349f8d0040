using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>
/// Where a webhook may be sent (SSRF): https (http only with Webhooks:AllowHttp) to a host that resolves to no loopback,
/// private, link-local, metadata, unspecified, shared (CGNAT) or multicast address, unless Webhooks:AllowedHosts lists
/// the host. Checked when a subscription is saved and again at every connection, since a name can resolve elsewhere later.
/// </summary>
public sealed class WebhookAddresses(IOptions<WebhookOptions> options)
{
    private static readonly (IPAddress Network, int Bits)[] Forbidden =
    [
        (IPAddress.Parse("0.0.0.0"), 8), (IPAddress.Parse("10.0.0.0"), 8), (IPAddress.Parse("100.64.0.0"), 10), (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("169.254.0.0"), 16), (IPAddress.Parse("172.16.0.0"), 12), (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("192.0.0.0"), 24), (IPAddress.Parse("198.18.0.0"), 15), (IPAddress.Parse("224.0.0.0"), 4), (IPAddress.Parse("240.0.0.0"), 4),
        (IPAddress.IPv6None, 128), (IPAddress.IPv6Loopback, 128), (IPAddress.Parse("fc00::"), 7), (IPAddress.Parse("fe80::"), 10),
        (IPAddress.Parse("fec0::"), 10), (IPAddress.Parse("ff00::"), 8),
    ];

    /// <summary>IPv6 prefixes that carry an IPv4 address, and the byte it starts at: NAT64, 6to4, IPv4-compatible.</summary>
    private static readonly (IPAddress Network, int Bits, int At)[] CarryIPv4 =
    [
        (IPAddress.Parse("64:ff9b::"), 96, 12), (IPAddress.Parse("2002::"), 16, 2), (IPAddress.IPv6Any, 96, 12),
    ];

    public bool AllowsHost(string host) => options.Value.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    /// <summary>The reason a URL may not receive webhooks, or null when it may.</summary>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && options.Value.AllowHttp))
        {
            return options.Value.AllowHttp ? "'url' must be an http or https URL." : "'url' must be an https URL.";
        }
        if (AllowsHost(url.IdnHost)) return null;
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.IdnHost, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            // A name over 255 characters is an ArgumentException: it cannot resolve either.
            return $"'url': the host '{url.Host}' does not resolve.";
        }
        return addresses.Length == 0 ? $"'url': the host '{url.Host}' does not resolve."
            : addresses.Any(IsForbidden) ? $"'url': the host '{url.Host}' resolves to a loopback, private, link-local or metadata address, which may not receive webhooks."
            : null;
    }

    public async Task CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(new Uri(url), cancellationToken) is { } refusal) throw new BadRequestFieldException("url", refusal);
    }

    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (CarryIPv4.FirstOrDefault(range => InRange(address, range.Network, range.Bits)) is { Network: not null } carrier)
        {
            address = new IPAddress(address.GetAddressBytes().AsSpan(carrier.At, 4));
        }
        return address.Equals(IPAddress.Broadcast) || Forbidden.Any(range => InRange(address, range.Network, range.Bits));
    }

    /// <summary>The handler webhooks are sent through: it connects only to an address <see cref="IsForbidden"/> allows, and follows no redirect.</summary>
    public SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        // Through a proxy the check below would see the proxy's address, not the receiver's.
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = await ResolveAsync(host, cancellationToken);
            if (!AllowsHost(host) && (addresses.Length == 0 || addresses.Any(IsForbidden)))
            {
                throw new HttpRequestException($"The host '{host}' resolves to an address that may not receive webhooks.");
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        => IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? new[] { literal } : await Dns.GetHostAddressesAsync(host, cancellationToken);

    private static bool InRange(IPAddress address, IPAddress network, int bits)
    {
        if (address.AddressFamily != network.AddressFamily) return false;
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (n[i] & mask)) return false;
        }
        return true;
    }
}
