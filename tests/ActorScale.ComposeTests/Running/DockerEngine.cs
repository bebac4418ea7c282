namespace ActorScale.ComposeTests.Running;

/// <summary>
/// Whether this machine can run the compose topology: a Docker engine that answers and a Compose (v2's
/// <c>docker compose</c>, else Debian's <c>docker-compose</c> 1.29). Probed once per test run.
/// </summary>
internal sealed record DockerEngine(IReadOnlyList<string>? Compose, string? Problem)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

    private static readonly Lazy<Task<DockerEngine>> Probed = new(ProbeAsync);

    /// <summary>The engine as found on this machine.</summary>
    public static Task<DockerEngine> FindAsync() => Probed.Value;

    public bool Available => Problem is null;

    private static async Task<DockerEngine> ProbeAsync()
    {
        var engine = await Command.RunAsync("docker", ["version", "--format", "{{.Server.Version}}"], ProbeTimeout);
        if (!engine.Succeeded)
        {
            var reason = engine.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            return new DockerEngine(null, $"no Docker engine answers ({reason ?? $"docker exited {engine.ExitCode}"}); as root, .ci/run starts dockerd");
        }

        if ((await Command.RunAsync("docker", ["compose", "version"], ProbeTimeout)).Succeeded)
        {
            return new DockerEngine(["docker", "compose"], null);
        }

        if ((await Command.RunAsync("docker-compose", ["version"], ProbeTimeout)).Succeeded)
        {
            return new DockerEngine(["docker-compose"], null);
        }

        return new DockerEngine(null, "the Docker engine answers but no Compose runs: neither `docker compose` nor `docker-compose` (apt-get install docker-compose)");
    }
}
