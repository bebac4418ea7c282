using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// A private nginx in front of the silos' HTTP APIs (<c>cluster up --lb</c>): each user routed to one silo (see
/// <see cref="AffinityMaps"/>) on a loopback port; a retriable request (<see cref="RetryMap"/>) that a silo refuses,
/// lets time out or answers 503 goes to the next one; admission limits and nginx's own refusals as problem+json come from
/// <see cref="NginxEdge"/>. It runs in the foreground (the recorded PID is
/// the master's) with its config, PID file and temp files under the cluster's folder; a new silo list is loaded with SIGHUP.
/// </summary>
public static class NginxServer
{
    public const string Program = "nginx";

    /// <summary>The Debian package that provides <see cref="Program"/>.</summary>
    public const string Package = "nginx";


    private const string UpstreamServer = "server 127.0.0.1:";

    private static readonly TimeSpan ExecGrace = TimeSpan.FromSeconds(1);

    /// <summary>The folder of one nginx under the cluster's: <c>nginx</c> for the silos', another name for a second balancer (bench's baseline).</summary>
    public static string Folder(ClusterHome home, string name = Program) => Path.Combine(home.Root, name);

    public static Task EnsureInstalledAsync(string logFile) => AptPackage.EnsureInstalledAsync(Program, Package, logFile);

    public static async Task<int> StartAsync(ClusterHome home, int port, IReadOnlyList<int> siloHttpPorts, BalancerTls? tls, string name = Program)
    {
        var config = WriteConfig(home, port, siloHttpPorts, tls, name);
        var log = Path.Combine(home.LogsDir, $"{name}.log");

        // -e stderr: errors before the config is read go to our log too, not to /var/log/nginx.
        var pid = NativeProcess.StartDetached(AptPackage.FindOnPath(Program)!, ["-p", Folder(home, name), "-c", config, "-e", "stderr"], new Dictionary<string, string>(), log);
        await WaitListeningAsync(port, pid, log, TimeSpan.FromSeconds(15));
        return pid;
    }

    /// <summary>
    /// Rewrites the config and reloads it; returns once the workers of the old config have exited (at most 5 s), so a
    /// silo left out is no longer sent new requests when this returns. One reload at a time per balancer, whichever
    /// process asks (the launcher, <see cref="BalancerWatch"/>).
    /// </summary>
    public static Task ReloadAsync(ClusterHome home, int port, int pid, IReadOnlyList<int> siloHttpPorts, BalancerTls? tls) =>
        WithReloadLockAsync(home, () => ReloadUnlockedAsync(home, port, pid, siloHttpPorts, tls));

    /// <summary>Runs <paramref name="action"/> holding the balancer's reload lock (a file lock, so it holds across processes).</summary>
    public static async Task WithReloadLockAsync(ClusterHome home, Func<Task> action, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder(home));
        var path = Path.Combine(Folder(home), "reload.lock");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        FileStream? held = null;
        while (held is null)
        {
            try
            {
                held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        await using (held)
        {
            await action();
        }
    }

    /// <summary>The silo HTTP ports of the running config (none when there is no config).</summary>
    public static IReadOnlyList<int> UpstreamPorts(ClusterHome home)
    {
        var path = Path.Combine(Folder(home), "nginx.conf");
        return File.Exists(path)
            ? [.. File.ReadLines(path).Select(l => l.Trim()).Where(l => l.StartsWith(UpstreamServer, StringComparison.Ordinal))
                .Select(l => int.Parse(l[UpstreamServer.Length..].Split(' ')[0], CultureInfo.InvariantCulture))]
            : [];
    }

    /// <summary><see cref="ReloadAsync"/> for a caller that holds the reload lock.</summary>
    public static async Task ReloadUnlockedAsync(ClusterHome home, int port, int pid, IReadOnlyList<int> siloHttpPorts, BalancerTls? tls)
    {
        WriteConfig(home, port, siloHttpPorts, tls);
        var oldWorkers = NativeProcess.ChildrenOf(pid);
        NativeProcess.Signal(pid, NativeProcess.SigHup);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && NativeProcess.ChildrenOf(pid).Intersect(oldWorkers).Any())
        {
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The whole nginx.conf: one upstream of the silos' HTTP ports, one loopback server proxying to it: HTTPS with HSTS
    /// when <paramref name="tls"/> is given (its plain-HTTP port only redirects), plain HTTP otherwise (the edge's tests).
    /// Readiness (with its reasons) and the silo's own counters are answered on each silo's port only: the balancer does
    /// not pass <c>/health/ready</c> or <c>/silo/</c> on (<c>/health/live</c>, a bare "live", it does).
    /// </summary>
    public static string Config(string folder, int port, IReadOnlyList<int> siloHttpPorts, BalancerTls? tls = null)
    {
        if (siloHttpPorts.Count == 0)
        {
            throw new InvalidOperationException("no silo has an HTTP port to balance");
        }

        var config = new StringBuilder();
        config.AppendLine("# Generated by `actorscale cluster up --lb`; rewritten and reloaded (SIGHUP) by `cluster add`.");
        config.AppendLine("daemon off;");
        // One worker per core: a worker is one thread, and one was the ceiling of the whole balancer.
        config.AppendLine("worker_processes auto;");
        config.AppendLine(CultureInfo.InvariantCulture, $"pid \"{folder}/nginx.pid\";");
        config.AppendLine("error_log stderr warn;");
        config.AppendLine("events { worker_connections 1024; }");
        config.AppendLine("http {");
        config.AppendLine("    access_log off;");
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"    {temp}_temp_path \"{folder}/{temp}-temp\";");
        }

        config.Append(NginxEdge.CacheZone($"{folder}/public-cache"));
        config.Append(NginxEdge.ClientKeys([LocalCluster.LabClientAddress]));
        config.Append(NginxEdge.Zones);
        config.Append(AffinityMaps);
        config.Append(RetryMap);
        config.AppendLine("    upstream actorscale_silos {");
        config.AppendLine("        hash $actorscale_affinity consistent;");
        foreach (var siloPort in siloHttpPorts)
        {
            // No failure accounting (max_fails=0): a 503 from a healthy silo is about one request (the user's grain sat
            // on a silo that just died, PostgreSQL is down), not about that silo, and counting it ejected every silo at
            // once (a freeze run logged 853 "no live upstreams"). Each retriable request still moves on to the next silo
            // after a refused connection (free), a 502-504 or 3 s of silence.
            config.AppendLine(CultureInfo.InvariantCulture, $"        {UpstreamServer}{siloPort} max_fails=0;");
        }

        // Idle connections kept open to the servers: room for every request bench keeps in flight (32), so that nginx
        // does not close and reopen connections to the servers under load.
        config.AppendLine("        keepalive 64;");
        config.AppendLine("    }");
        if (tls is not null)
        {
            config.AppendLine("    server {");
            config.AppendLine(CultureInfo.InvariantCulture, $"        listen 127.0.0.1:{tls.RedirectPort};");
            config.AppendLine(CultureInfo.InvariantCulture, $"        location / {{ return 301 https://$host:{port}$request_uri; }}");
            config.AppendLine("    }");
        }

        config.AppendLine("    server {");
        if (tls is null)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"        listen 127.0.0.1:{port};");
        }
        else
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"        listen 127.0.0.1:{port} ssl;");
            config.AppendLine(CultureInfo.InvariantCulture, $"        ssl_certificate \"{tls.CertificateFile}\";");
            config.AppendLine(CultureInfo.InvariantCulture, $"        ssl_certificate_key \"{tls.KeyFile}\";");
            config.AppendLine("        ssl_protocols TLSv1.2 TLSv1.3;");
            config.AppendLine("        ssl_session_cache shared:actorscale_tls:10m;");
            config.AppendLine("        ssl_session_timeout 1h;");
            config.AppendLine(CultureInfo.InvariantCulture, $"        add_header Strict-Transport-Security \"max-age={BalancerTls.HstsMaxAgeSeconds}\" always;");
        }

        config.Append(NginxEdge.CacheStatus);
        config.Append(NginxEdge.ServerLimits);
        config.Append(NginxEdge.ErrorPages);

        // Readiness and its reasons are for the launcher and the orchestrator, on each silo's own port.
        config.AppendLine("        location ^~ /health/ready { return 404; }");
        config.AppendLine("        location ^~ /silo/ { return 404; }");

        // A request that may be sent twice (GET, HEAD, or a mutation with an Idempotency-Key: the silo applies it once)
        // goes to the next silo when one refuses, answers 502-504, or says nothing for 3 s (a frozen silo); any other
        // request is never re-sent once it reached a silo, and may take as long as it needs: nginx itself never re-sends a
        // POST it sent, but counts PUT and DELETE as idempotent, so those go where nothing is re-sent at all.
        // Public answers from the edge's cache (any silo's copy serves every user); a GET may go to the next silo.
        foreach (var path in NginxEdge.PublicPaths)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"        location = {path} {{");
            config.Append(NginxEdge.PublicCache);
            AppendProxy(config, readTimeout: "3s", nextUpstream: "error timeout http_502 http_503 http_504");
            config.AppendLine("        }");
        }

        config.AppendLine("        location / {");
        config.AppendLine("            if ($actorscale_retriable) {");
        config.AppendLine("                rewrite ^ /@retriable$uri last;");
        config.AppendLine("            }");
        config.AppendLine("            if ($actorscale_once) {");
        config.AppendLine("                rewrite ^ /@once$uri last;");
        config.AppendLine("            }");
        AppendProxy(config, readTimeout: "60s", nextUpstream: "error");
        config.AppendLine("        }");
        config.AppendLine("        location /@once/ {");
        config.AppendLine("            internal;");
        config.AppendLine("            rewrite ^/@once(/.*)$ $1 break;");
        AppendProxy(config, readTimeout: "60s", nextUpstream: "off");
        config.AppendLine("        }");
        config.AppendLine("        location /@retriable/ {");
        config.AppendLine("            internal;");
        config.AppendLine("            rewrite ^/@retriable(/.*)$ $1 break;");
        AppendProxy(config, readTimeout: "3s", nextUpstream: "error timeout http_502 http_503 http_504 non_idempotent");
        config.AppendLine("            proxy_next_upstream_tries 3;");
        config.AppendLine("            proxy_next_upstream_timeout 20s;");
        config.AppendLine("        }");
        config.AppendLine("    }");
        config.AppendLine("}");
        return config.ToString();
    }

    /// <summary>
    /// The routing key: each user's requests go to one silo (consistent hashing, so adding a silo moves few users), where
    /// the user's grain is placed by its first call (prefer-local placement): a request is then a local grain call. The
    /// user comes from our bearer token (<c>as1.{user}.{secret}.{keyId}.{mac}</c>, or the Redis baseline's <c>as1.{user}.{secret}</c>) or, for register and login, from the JSON body's
    /// <c>userId</c>. Other bearer tokens (the baseline's JWTs) keep one server per token; anything else goes anywhere.
    /// A wrong guess (a user id typed in capitals, say) costs one hop between silos, never a wrong answer.
    /// </summary>
    public const string AffinityMaps = """
            map $http_authorization $actorscale_token_user {
                "~^Bearer\s+as1\.(?<user>[a-z0-9._-]+)\.[A-Za-z0-9_-]{43}(\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{22})?$" $user;
                default "";
            }
            map $request_body $actorscale_body_user {
                "~\"userId\"\s*:\s*\"(?<user>[^\"]+)\"" $user;
                default "";
            }
            map $http_authorization $actorscale_other {
                "" $request_id;
                default $http_authorization;
            }
            map "$actorscale_token_user:$actorscale_body_user" $actorscale_affinity {
                "~^(?<user>[^:]+):" $user;
                "~^:(?<user>.+)$" $user;
                default $actorscale_other;
            }

        """;

    /// <summary>
    /// Which requests nginx may send to a second silo (<c>$actorscale_retriable</c>: GET, HEAD, and any request with an
    /// <c>Idempotency-Key</c>), and which it must never re-send, not even after a failed connection, because nginx would
    /// otherwise re-send them once sent (<c>$actorscale_once</c>: PUT and DELETE without a key). A POST without a key is
    /// neither: nginx moves it to the next silo only when it was never sent.
    /// </summary>
    public const string RetryMap = """
            map "$request_method:$http_idempotency_key" $actorscale_retriable {
                "~^(GET|HEAD):" 1;
                "~^[A-Z]+:.+" 1;
                default "";
            }
            map "$request_method:$http_idempotency_key" $actorscale_once {
                "~^(PUT|DELETE):$" 1;
                default "";
            }

        """;

    private static void AppendProxy(StringBuilder config, string readTimeout, string nextUpstream)
    {
        config.AppendLine("            proxy_pass http://actorscale_silos;");
        config.AppendLine("            proxy_http_version 1.1;");
        config.AppendLine("            proxy_set_header Connection \"\";");
        config.AppendLine("            proxy_set_header Host $host;");
        config.AppendLine("            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
        config.AppendLine("            proxy_connect_timeout 1s;");
        config.AppendLine(CultureInfo.InvariantCulture, $"            proxy_read_timeout {readTimeout};");
        config.AppendLine(CultureInfo.InvariantCulture, $"            proxy_next_upstream {nextUpstream};");
    }

    private static string WriteConfig(ClusterHome home, int port, IReadOnlyList<int> siloHttpPorts, BalancerTls? tls, string name = Program)
    {
        var folder = Folder(home, name);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "nginx.conf");

        // Whole or not at all: a reload must never read a half-written file.
        PrivateFile.Write(path, Config(folder, port, siloHttpPorts, tls));
        return path;
    }

    private static async Task WaitListeningAsync(int port, int pid, string log, TimeSpan timeout)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            using (var probe = new TcpClient())
            {
                try
                {
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException)
                {
                    // Not listening yet.
                }
            }

            // For a moment after the start the PID still execs through setsid and sh, its command line briefly empty.
            if (DateTime.UtcNow - started > ExecGrace && !NativeProcess.IsRunning(pid, Program))
            {
                throw new InvalidOperationException($"nginx exited at start; see {log}");
            }

            if (DateTime.UtcNow - started > timeout)
            {
                throw new TimeoutException($"nginx did not listen on port {port} within {timeout.TotalSeconds:0} s; see {log}");
            }

            await Task.Delay(100);
        }
    }
}
