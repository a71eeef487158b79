using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Antigravity.Dashboard.ProxyConfig;

/// <summary>This machine's IPv4 addresses on the network, for the "other machines use …" hint when LAN access is on.</summary>
internal sealed class LanAddresses
{
    public IReadOnlyList<string> Get()
    {
        List<string> addresses = [];
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                {
                    continue;
                }
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    if (unicast.Address.AddressFamily == AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(unicast.Address))
                    {
                        addresses.Add(unicast.Address.ToString());
                    }
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Not knowing the addresses only shortens the hint.
        }
        return addresses;
    }
}
