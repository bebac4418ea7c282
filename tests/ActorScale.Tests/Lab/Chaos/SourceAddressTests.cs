using System.Net;
using System.Net.Sockets;
using ActorScale.Lab.Chaos;

namespace ActorScale.Tests.Lab.Chaos;

public sealed class SourceAddressTests
{
    [Fact]
    public async Task Client_ConnectsFromItsOwnLoopbackAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var http = SourceAddress.Client(SourceAddress.Flood(3), TimeSpan.FromSeconds(10));
        using var stop = new CancellationTokenSource();

        var request = http.GetAsync(new Uri($"http://127.0.0.1:{port}/"), stop.Token);
        using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IPAddress.Parse("127.0.0.5"), ((IPEndPoint)accepted.Client.RemoteEndPoint!).Address);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
    }

    [Theory]
    [InlineData(0, "127.0.1.1")]
    [InlineData(253, "127.0.1.254")]
    [InlineData(254, "127.0.2.1")]
    public void Honest_IndexToAddress_NeverAFloodAddress(int index, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), SourceAddress.Honest(index));
}
