using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorScale.Tests.Lab.Cluster;

/// <summary>
/// A stand-in silo on a loopback port for balancer tests: it reads each request's headers and either answers
/// <c>200 {}</c> (or what its responder makes of the request's head: extra headers and a JSON body) or closes the
/// connection without a word, as a silo that dies mid-request does; it counts the requests.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _answer;
    private readonly Func<string, (string Headers, string Body)>? _respond;
    private readonly Task _loop;
    private int _requests;

    public FakeUpstream(bool answer, Func<string, (string Headers, string Body)>? respond = null)
    {
        _answer = answer;
        _respond = respond;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            Interlocked.Increment(ref _requests);
            if (_answer)
            {
                var (headers, body) = _respond?.Invoke(received.ToString()) ?? ("", "{}");
                var answer = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{headers}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
                await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), _stop.Token);
            }
        }
    }
}
