using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ActorScale.Domain;
using ActorScale.Http;
using ActorScale.Http.Contract;
using ActorScale.Http.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorScale.Tests.Http.Admission;

/// <summary>
/// The real route table and admission control on an in-memory server with <see cref="RefusingPorts"/>, so a test
/// chooses each request's TCP peer (which a loopback socket cannot, set by a test header before the forwarded-headers middleware) and the limits (<c>ActorScale:Limits</c>).
/// </summary>
public sealed class AdmissionApi : IAsyncDisposable
{
    /// <summary>Carries the TCP peer the in-memory server cannot have; read before the forwarded-headers middleware.</summary>
    private const string PeerHeader = "X-Test-Peer";

    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private AdmissionApi(WebApplication app)
    {
        _app = app;
        _client = app.GetTestClient();
    }

    /// <summary>Starts the API with these <c>ActorScale:Limits</c>; with <paramref name="screen"/>, tokens it refuses are screened out as forged.</summary>
    public static async Task<AdmissionApi> StartAsync(IDictionary<string, string?> limits, ITokenScreen? screen = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(limits.ToDictionary(l => $"ActorScale:Limits:{l.Key}", l => l.Value));
        builder.Services.AddActorScaleRules(builder.Configuration, AppContext.BaseDirectory);
        builder.Services.AddActorScaleHttpApi();
        var ports = new RefusingPorts();
        builder.Services.AddSingleton<IAccounts>(ports).AddSingleton<ISessions>(ports).AddSingleton<ICarts>(ports)
            .AddSingleton<IOrders>(ports).AddSingleton<IReadiness>(ports);
        if (screen is not null)
        {
            builder.Services.AddSingleton(screen);
        }

        var app = builder.Build();
        app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].ToString());
            return next(context);
        });
        app.MapActorScaleApi();
        await app.StartAsync();
        return new AdmissionApi(app);
    }

    /// <summary>A request from <paramref name="peer"/>, the TCP peer, with an optional <c>X-Forwarded-For</c> and bearer token.</summary>
    public Task<HttpResponseMessage> SendAsync(string method, string path, string peer, string? forwardedFor = null, string? token = null, string? json = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add(PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return _client.SendAsync(request);
    }

    /// <summary>A login of <paramref name="user"/> (always refused by the ports: 401) from <paramref name="peer"/>.</summary>
    public Task<HttpResponseMessage> LoginAsync(string peer, string? forwardedFor = null, string user = "alice") =>
        SendAsync("POST", "/api/sessions", peer, forwardedFor, json: $$"""{"userId":"{{user}}","password":"a password"}""");

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
