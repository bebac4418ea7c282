using System.Net;
using System.Net.Sockets;

namespace ActorScale.ComposeTests.Running;

/// <summary>
/// The repository's docker-compose.yml run as a project of its own: a fresh name, its own secrets in a temporary
/// folder (written by docker/make-secrets.sh), the load balancer on a free loopback port. Compose creates the project's
/// bridge network and volume on <c>up</c>; disposing takes everything down again (<c>down -v</c>) and removes the secrets.
/// </summary>
internal sealed class ComposeProject : IAsyncDisposable
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan DockerTimeout = TimeSpan.FromMinutes(2);

    private readonly IReadOnlyList<string> _compose;
    private readonly Dictionary<string, string> _environment;
    private readonly string _secrets;

    private ComposeProject(IReadOnlyList<string> compose, IReadOnlyDictionary<string, string> images, string secrets)
    {
        _compose = compose;
        _secrets = secrets;
        // Compose lower-cases project names and keeps letters and digits, so this name is the one its labels carry.
        Name = $"actorscaletest{Guid.NewGuid():N}"[..20];
        HttpPort = FreeLoopbackPort();
        HttpsPort = FreeLoopbackPort();
        _environment = new Dictionary<string, string>(images)
        {
            ["ACTORSCALE_SECRETS_DIR"] = secrets,
            ["ACTORSCALE_HTTP_PORT"] = HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ACTORSCALE_HTTPS_PORT"] = HttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public string Name { get; }

    /// <summary>The host's loopback port of the load balancer's plain HTTP (it redirects).</summary>
    public int HttpPort { get; }

    /// <summary>The host's loopback port of the load balancer's HTTPS.</summary>
    public int HttpsPort { get; }

    /// <summary>The authority that issued the balancer's certificate (docker/make-certificates.sh).</summary>
    public string AuthorityFile => Path.Combine(_secrets, "tls", "ca.crt");

    /// <summary>Writes the project's secrets; nothing runs until <see cref="UpAsync"/>.</summary>
    public static async Task<ComposeProject> CreateAsync(DockerEngine engine, IReadOnlyDictionary<string, string> images)
    {
        var secrets = Directory.CreateTempSubdirectory("actorscale-compose-secrets-").FullName;
        var project = new ComposeProject(engine.Compose!, images, secrets);
        (await Command.RunAsync(RepoRoot.Combine("docker/make-secrets.sh"), [], DockerTimeout, project._environment)).EnsureSuccess();
        return project;
    }

    /// <summary><c>up -d</c> with the images given (never a build); returns once compose has started every service.</summary>
    public async Task UpAsync() => (await ComposeAsync(["up", "-d", "--no-build"], UpTimeout)).EnsureSuccess();

    /// <summary>The container of a service (running or not).</summary>
    public async Task<string> ContainerAsync(string service)
    {
        var result = (await DockerAsync(
            "ps", "-a", "-q",
            "--filter", $"label=com.docker.compose.project={Name}",
            "--filter", $"label=com.docker.compose.service={service}")).EnsureSuccess();
        var ids = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return ids.Length == 1 ? ids[0] : throw new InvalidOperationException($"expected one container of {service} in {Name}, found {ids.Length}");
    }

    public async Task<CommandResult> DockerOnServiceAsync(string command, string service, params string[] arguments) =>
        await DockerAsync([command, .. arguments, await ContainerAsync(service)]);

    /// <summary><c>docker exec</c> in a service's container.</summary>
    public async Task<CommandResult> ExecAsync(string service, params string[] command) =>
        await DockerAsync(["exec", await ContainerAsync(service), .. command]);

    /// <summary><c>docker exec</c> as <paramref name="user"/> in a service's container.</summary>
    public async Task<CommandResult> ExecAsAsync(string user, string service, params string[] command) =>
        await DockerAsync(["exec", "-u", user, await ContainerAsync(service), .. command]);

    public static Task<CommandResult> DockerAsync(params string[] arguments) => Command.RunAsync("docker", arguments, DockerTimeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            var down = await ComposeAsync(["down", "-v", "--remove-orphans", "-t", "5"], DockerTimeout);
            if (!down.Succeeded)
            {
                Console.Error.WriteLine($"compose test: tearing down {Name} failed: {down.Describe()}");
            }

            // down removes the network; this only catches one that a failed down left behind.
            await DockerAsync("network", "rm", $"{Name}_default");
        }
        finally
        {
            Directory.Delete(_secrets, recursive: true);
        }
    }

    private Task<CommandResult> ComposeAsync(IEnumerable<string> arguments, TimeSpan timeout) =>
        Command.RunAsync(
            _compose[0],
            [.. _compose.Skip(1), "-p", Name, "-f", RepoRoot.Combine(ComposeFile.FileName), .. arguments],
            timeout,
            _environment);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
