using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ActorScale.Tests.Support;

/// <summary>
/// A bare Redis protocol (RESP2) connection: sends exactly the command given and returns the server's answer as text, so
/// a test sees what Redis itself answered (a client library may refuse a command before sending it, or add its own).
/// </summary>
public sealed class RespConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly StreamReader _reader;

    private RespConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public static async Task<RespConnection> OpenAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        return new RespConnection(tcp);
    }

    /// <summary>A connection logged in as <paramref name="user"/>; fails the test if the login is refused.</summary>
    public static async Task<RespConnection> LogInAsync(int port, string user, string password)
    {
        var connection = await OpenAsync(port);
        var answer = await connection.SendAsync("AUTH", user, password);
        Assert.True(answer == "OK", $"AUTH {user} answered {answer}");
        return connection;
    }

    /// <summary>
    /// The answer: a status or error line without its prefix (<c>OK</c>, <c>NOPERM ...</c>), an integer, a bulk string's
    /// content (<c>(nil)</c> for none), or <c>[n]</c> for an array of n elements (read and dropped).
    /// </summary>
    public async Task<string> SendAsync(params string[] command)
    {
        var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{command.Length}\r\n");
        foreach (var part in command)
        {
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        return await ReadAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task<string> ReadAsync()
    {
        var line = await _reader.ReadLineAsync() ?? throw new IOException("Redis closed the connection");
        var value = line[1..];
        switch (line[0])
        {
            case '$':
                var length = int.Parse(value, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return "(nil)";
                }

                var buffer = new char[length + 2];
                await _reader.ReadBlockAsync(buffer);
                return new string(buffer, 0, length);
            case '*':
                var count = int.Parse(value, CultureInfo.InvariantCulture);
                for (var i = 0; i < count; i++)
                {
                    await ReadAsync();
                }

                return $"[{Math.Max(count, 0)}]";
            default:
                return value;
        }
    }
}
