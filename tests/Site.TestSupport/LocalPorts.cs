using System.Net;
using System.Net.Sockets;

namespace Site.TestSupport;

/// <summary>Loopback ports for servers a test starts itself, or for addresses where nothing must answer.</summary>
public static class LocalPorts
{
    /// <summary>A port on 127.0.0.1 that nothing listened on a moment ago.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
