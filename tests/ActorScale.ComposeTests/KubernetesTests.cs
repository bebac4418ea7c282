using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ActorScale.ComposeTests;

/// <summary>
/// The Kubernetes manifests of <c>deploy/k8s/</c>, read as YAML (no cluster runs here): the silo Deployment sets only
/// settings the silo reads and all it needs, its ports and probes are the silo's, its stop outlasts the silo's drain,
/// the Service, PodDisruptionBudget and HPA select its pods, and every Secret it mounts is one that
/// <c>deploy/k8s/README.md</c> creates from the files <c>docker/make-secrets.sh</c> writes.
/// </summary>
public sealed partial class KubernetesTests
{
    private const string Folder = "deploy/k8s";
    private const string Readme = Folder + "/README.md";
    private const string SiloDeployment = "actorscale-silo";
    private const string MigrateJob = "actorscale-migrate";
    private const string RequestsPerSecond = "http_server_requests_per_second";
    private const string RequestCounter = "http_server_request_duration_seconds_count";

    /// <summary>
    /// .NET's default <c>HostOptions.ShutdownTimeout</c>, which bounds the host's stop (the drain runs inside it). The
    /// silo does not change it; <see cref="Silo_HostShutdownTimeout_IsDotNetsDefault"/> fails when that changes.
    /// </summary>
    private static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The container ports and the settings that open them.</summary>
    private static readonly Dictionary<string, string> PortSettings = new(StringComparer.Ordinal)
    {
        ["silo"] = "ActorScale__Silo__SiloPort",
        ["gateway"] = "ActorScale__Silo__GatewayPort",
        ["http"] = "ActorScale__Silo__HttpPort",
        ["metrics"] = "ActorScale__Silo__MetricsPort",
    };

    /// <summary>Where the silo's host could be configured.</summary>
    private static readonly string[] SiloSources = ["src/ActorScale.Silo", "src/ActorScale.Hosting", "silo-config"];

    private static readonly IReadOnlyList<Manifest> Manifests = LoadManifests();

    [Fact]
    public void Kustomization_Resources_ListEveryManifestInTheFolder()
    {
        var kustomization = LoadDocuments(RepoRoot.Combine($"{Folder}/kustomization.yaml")).Single();
        var listed = Yaml.Scalars(Yaml.At(kustomization, "resources")).Order(StringComparer.Ordinal).ToList();
        var files = ManifestFiles().Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(files);
        Assert.Equal(files, listed);
        Assert.Equal("actorscale", Yaml.Scalar(kustomization, "namespace"));
    }

    [Fact]
    public void Deployment_Selector_MatchesItsPodTemplate()
    {
        var selector = SiloSelector();
        var labels = Labels(Yaml.At(Silo.Root, "spec", "template", "metadata", "labels"));

        Assert.NotEmpty(selector);
        Assert.All(selector, pair => Assert.Equal(pair.Value, labels.GetValueOrDefault(pair.Key)));
    }

    [Fact]
    public void Service_Selector_IsTheSiloPods()
    {
        var service = Single("Service", SiloDeployment);
        Assert.Equal(SiloSelector(), Labels(Yaml.At(service.Root, "spec", "selector")));
    }

    [Fact]
    public void PodDisruptionBudget_Selector_IsTheDeployments_OneSiloAtATime()
    {
        var budget = Single("PodDisruptionBudget", SiloDeployment);

        Assert.Equal(SiloSelector(), Labels(Yaml.At(budget.Root, "spec", "selector", "matchLabels")));
        Assert.Equal("1", Yaml.Scalar(budget.Root, "spec", "maxUnavailable"));
        Assert.Null(Yaml.At(budget.Root, "spec", "minAvailable"));
    }

    [Fact]
    public void Hpa_ScaleTarget_IsTheSiloDeployment()
    {
        var hpa = Single("HorizontalPodAutoscaler", SiloDeployment);

        Assert.Equal("autoscaling/v2", Yaml.Scalar(hpa.Root, "apiVersion"));
        Assert.Equal("apps/v1", Yaml.Scalar(hpa.Root, "spec", "scaleTargetRef", "apiVersion"));
        Assert.Equal("Deployment", Yaml.Scalar(hpa.Root, "spec", "scaleTargetRef", "kind"));
        Assert.Equal(SiloDeployment, Yaml.Scalar(hpa.Root, "spec", "scaleTargetRef", "name"));
        // The HPA owns the count: a replicas field would reset it at every apply.
        Assert.Null(Yaml.At(Silo.Root, "spec", "replicas"));
    }

    [Fact]
    public void Deployment_ContainerPorts_AreTheSilosPortSettings()
    {
        var container = SiloContainer();
        var environment = EnvironmentOf(container);
        var ports = ContainerPorts(container);

        Assert.Equal(PortSettings.Keys.Order(StringComparer.Ordinal), ports.Keys.Order(StringComparer.Ordinal));
        Assert.All(PortSettings, pair => Assert.Equal($"{pair.Key}={environment.GetValueOrDefault(pair.Value)}", $"{pair.Key}={ports[pair.Key]}"));
    }

    [Fact]
    public void Deployment_ReadinessProbe_IsHealthReadyOnTheHttpPort()
    {
        AssertHttpProbe("readinessProbe", "/health/ready");
    }

    [Fact]
    public void Deployment_LivenessProbe_IsHealthLiveOnTheHttpPort()
    {
        AssertHttpProbe("livenessProbe", "/health/live");
    }

    [Fact]
    public void Deployment_PrometheusAnnotations_ScrapeTheMetricsPort()
    {
        var annotations = Labels(Yaml.At(Silo.Root, "spec", "template", "metadata", "annotations"));

        Assert.Equal("true", annotations.GetValueOrDefault("prometheus.io/scrape"));
        Assert.Equal("/metrics", annotations.GetValueOrDefault("prometheus.io/path"));
        Assert.Equal(ContainerPorts(SiloContainer())["metrics"], annotations.GetValueOrDefault("prometheus.io/port"));
    }

    [Fact]
    public void Workloads_EnvironmentVariables_AreKnownConfigurationKeys()
    {
        var unknown = Workloads().SelectMany(workload => Containers(workload)
            .SelectMany(container => EnvironmentEntries(container).Select(entry => entry.Name))
            .Where(name => name != "DOTNET_ENVIRONMENT" && !ConfigurationContract.Known.Contains(name))
            .Select(name => $"{workload.Name}: {name}"));
        Assert.Empty(unknown);
    }

    [Fact]
    public void Deployment_Environment_SetsEveryRequiredKey()
    {
        var environment = EnvironmentOf(SiloContainer());
        Assert.DoesNotContain(ConfigurationContract.RequiredBySilo, key => !ConfigurationContract.IsSet(environment, key));
        Assert.Equal("Postgres", environment["ActorScale__Storage__Provider"]);
        Assert.False(environment.ContainsKey("ActorScale__Cluster__Tls__Disabled"), "the silos turn TLS off");
    }

    [Fact]
    public void Deployment_NameAndAdvertisedAddress_ComeFromTheDownwardApi()
    {
        var entries = EnvironmentEntries(SiloContainer()).ToDictionary(entry => entry.Name, entry => entry.Node, StringComparer.Ordinal);

        Assert.Equal("metadata.name", Yaml.Scalar(entries.GetValueOrDefault("ActorScale__Silo__Name"), "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("status.podIP", Yaml.Scalar(entries.GetValueOrDefault("ActorScale__Silo__AdvertisedAddress"), "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("true", EnvironmentOf(SiloContainer()).GetValueOrDefault("ActorScale__Silo__ListenOnAnyHostAddress"));
        // With HttpsPort the plain port moves to the pod's loopback, where the kubelet's probes cannot reach it.
        Assert.False(EnvironmentOf(SiloContainer()).ContainsKey("ActorScale__Silo__HttpsPort"), "HttpsPort takes the probes' port off the pod's address");
    }

    [Fact]
    public void Workloads_FileSettings_PointToKeysOfMountedSecrets()
    {
        var created = ReadmeSecrets();
        var problems = new List<string>();
        foreach (var workload in Workloads())
        {
            var volumes = Items(Yaml.At(PodSpec(workload), "volumes"));
            foreach (var container in Containers(workload))
            {
                var mounts = Items(Yaml.At(container, "volumeMounts"))
                    .Select(mount => (Path: Yaml.Scalar(mount, "mountPath") ?? "", Volume: Yaml.Scalar(mount, "name") ?? ""))
                    .ToList();
                foreach (var (setting, file) in FileSettings(EnvironmentOf(container)))
                {
                    var mount = mounts.Where(m => file.StartsWith(m.Path.TrimEnd('/') + "/", StringComparison.Ordinal)).MaxBy(m => m.Path.Length);
                    var volume = volumes.SingleOrDefault(v => Yaml.Scalar(v, "name") == mount.Volume);
                    var secret = Yaml.Scalar(volume, "secret", "secretName");
                    if (mount.Path is null || secret is null)
                    {
                        problems.Add($"{workload.Name}: {setting}={file} is under no mounted secret");
                        continue;
                    }

                    var path = file[(mount.Path.TrimEnd('/').Length + 1)..];
                    var key = SecretItemKey(volume!, path);
                    if (key is null || !created.TryGetValue(secret, out var keys) || !keys.ContainsKey(key))
                    {
                        problems.Add($"{workload.Name}: {setting}={file} is no key of Secret {secret} as {Readme} creates it");
                    }
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Workloads_SecretReferences_AreCreatedByTheReadme()
    {
        var created = ReadmeSecrets();
        var problems = new List<string>();
        foreach (var workload in Workloads())
        {
            foreach (var volume in Items(Yaml.At(PodSpec(workload), "volumes")))
            {
                if (Yaml.Scalar(volume, "secret", "secretName") is { } secret)
                {
                    var keys = created.GetValueOrDefault(secret);
                    var items = Items(Yaml.At(volume, "secret", "items")).Select(item => Yaml.Scalar(item, "key") ?? "");
                    problems.AddRange(keys is null
                        ? [$"{workload.Name}: volume {Yaml.Scalar(volume, "name")} mounts Secret {secret}, which {Readme} does not create"]
                        : items.Where(key => !keys.ContainsKey(key)).Select(key => $"{workload.Name}: Secret {secret} has no key {key}"));
                }
            }

            foreach (var container in Containers(workload))
            {
                foreach (var (name, node) in EnvironmentEntries(container))
                {
                    if (Yaml.At(node, "valueFrom", "secretKeyRef") is { } reference
                        && !(created.GetValueOrDefault(Yaml.Scalar(reference, "name") ?? "")?.ContainsKey(Yaml.Scalar(reference, "key") ?? "") ?? false))
                    {
                        problems.Add($"{workload.Name}: {name} reads key {Yaml.Scalar(reference, "key")} of Secret {Yaml.Scalar(reference, "name")}, which {Readme} does not create");
                    }
                }

                foreach (var source in Items(Yaml.At(container, "envFrom")))
                {
                    if (Yaml.Scalar(source, "secretRef", "name") is { } secret && !created.ContainsKey(secret))
                    {
                        problems.Add($"{workload.Name}: envFrom Secret {secret}, which {Readme} does not create");
                    }
                }
            }
        }

        Assert.NotEmpty(created);
        Assert.Empty(problems);
    }

    [Fact]
    public void Readme_SecretSources_AreTheFilesTheSecretScriptsWrite_NoSecretManifest()
    {
        // Compose mounts exactly what docker/make-secrets.sh writes (SecretsTests), under the same folder.
        const string ComposeFolder = "${ACTORSCALE_SECRETS_DIR:-./docker/secrets}/";
        var written = ComposeFile.Repository.SecretFiles.Values
            .Where(file => file.StartsWith(ComposeFolder, StringComparison.Ordinal))
            .Select(file => file[ComposeFolder.Length..])
            .ToHashSet(StringComparer.Ordinal);
        var sources = ReadmeSecrets().SelectMany(secret => secret.Value.Select(key => (Secret: secret.Key, Key: key.Key, Source: key.Value))).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.True(
            s.Source.StartsWith("$dir/", StringComparison.Ordinal) && written.Contains(s.Source["$dir/".Length..]),
            $"{s.Secret}/{s.Key} comes from {s.Source}, not a file that docker/make-secrets.sh writes"));
        Assert.Contains("dir=\"${ACTORSCALE_SECRETS_DIR:-docker/secrets}\"", File.ReadAllText(RepoRoot.Combine(Readme)), StringComparison.Ordinal);
        Assert.DoesNotContain(Manifests, manifest => manifest.Kind == "Secret");
    }

    [Fact]
    public void Workloads_PasswordsAndKeys_OnlyFromMountedFiles()
    {
        var problems = new List<string>();
        foreach (var workload in Workloads())
        {
            foreach (var container in Containers(workload))
            {
                foreach (var (name, node) in EnvironmentEntries(container))
                {
                    // RedisPassword, PostgresPassword, Tokens__Key, Database__*Password: their *File twin instead.
                    if (IsSecretSetting(name))
                    {
                        problems.Add($"{workload.Name}: {name} is set in the manifest; use {name}File and a mounted Secret");
                    }

                    // The value stays out of the message: it may be a real password.
                    if (Yaml.Scalar(node, "value") is { } value && PasswordInConnectionString().IsMatch(value))
                    {
                        problems.Add($"{workload.Name}: {name} carries a password in its value");
                    }
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Deployment_GracePeriod_OutlastsPreStopDrainAndHostShutdown()
    {
        var grace = TimeSpan.FromSeconds(int.Parse(Yaml.Scalar(PodSpec(Silo), "terminationGracePeriodSeconds") ?? "30", CultureInfo.InvariantCulture));
        var preStop = PreStopSleep();
        var maxWait = DrainMaxWait();

        // After preStop, SIGTERM: the HTTP port closes (at most MaxWait), the quiet wait (at most MaxWait again), all
        // inside the host's stop; counted one after the other, to be safe.
        var needed = preStop + (2 * maxWait) + HostShutdownTimeout;
        Assert.True(preStop > TimeSpan.Zero, "no preStop sleep: SIGTERM would come while the Services still send the pod requests");
        Assert.True(grace > needed, $"terminationGracePeriodSeconds {grace.TotalSeconds} s must exceed preStop {preStop.TotalSeconds} s + 2 × Drain:MaxWait {maxWait.TotalSeconds} s + host shutdown {HostShutdownTimeout.TotalSeconds} s = {needed.TotalSeconds} s");
    }

    [Fact]
    public void Silo_HostShutdownTimeout_IsDotNetsDefault()
    {
        // The grace period's arithmetic assumes .NET's 30 s; a silo that sets its own must update HostShutdownTimeout above.
        var sources = SiloSources
            .SelectMany(folder => Directory.EnumerateFiles(RepoRoot.Combine(folder), "*", SearchOption.AllDirectories))
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.Ordinal))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.DoesNotContain(sources, file => File.ReadAllText(file).Contains("shutdownTimeout", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Deployment_RollingUpdate_AddsOneSiloBeforeStoppingAny()
    {
        Assert.Equal("RollingUpdate", Yaml.Scalar(Silo.Root, "spec", "strategy", "type"));
        Assert.Equal("0", Yaml.Scalar(Silo.Root, "spec", "strategy", "rollingUpdate", "maxUnavailable"));
        Assert.Equal("1", Yaml.Scalar(Silo.Root, "spec", "strategy", "rollingUpdate", "maxSurge"));
    }

    [Fact]
    public void Hpa_Metrics_CpuAndRequestsPerSecond_TheAdapterRuleDerivesIt()
    {
        var hpa = Single("HorizontalPodAutoscaler", SiloDeployment);
        var metrics = Items(Yaml.At(hpa.Root, "spec", "metrics"));
        var cpu = metrics.SingleOrDefault(m => Yaml.Scalar(m, "type") == "Resource" && Yaml.Scalar(m, "resource", "name") == "cpu");
        var requests = metrics.SingleOrDefault(m => Yaml.Scalar(m, "type") == "Pods");

        Assert.Equal("Utilization", Yaml.Scalar(cpu, "resource", "target", "type"));
        Assert.InRange(int.Parse(Yaml.Scalar(cpu, "resource", "target", "averageUtilization") ?? "0", CultureInfo.InvariantCulture), 1, 100);
        Assert.Equal(RequestsPerSecond, Yaml.Scalar(requests, "pods", "metric", "name"));
        Assert.Equal("AverageValue", Yaml.Scalar(requests, "pods", "target", "type"));
        Assert.False(string.IsNullOrEmpty(Yaml.Scalar(requests, "pods", "target", "averageValue")), "the requests metric has no averageValue");

        var min = int.Parse(Yaml.Scalar(hpa.Root, "spec", "minReplicas") ?? "1", CultureInfo.InvariantCulture);
        var max = int.Parse(Yaml.Scalar(hpa.Root, "spec", "maxReplicas") ?? "0", CultureInfo.InvariantCulture);
        Assert.True(min >= 2 && max > min, $"minReplicas {min}, maxReplicas {max}: a PodDisruptionBudget of one needs two silos at least");
        Assert.True(int.Parse(Yaml.Scalar(hpa.Root, "spec", "behavior", "scaleDown", "stabilizationWindowSeconds") ?? "0", CultureInfo.InvariantCulture) > 0, "no scale-down stabilization window");

        var rule = AdapterRules().SingleOrDefault(r => Yaml.Scalar(r, "name", "as") == RequestsPerSecond);
        Assert.True(rule is not null, $"prometheus-adapter-rules.yaml has no rule naming {RequestsPerSecond}");
        Assert.Contains(RequestCounter, Yaml.Scalar(rule, "seriesQuery") ?? "", StringComparison.Ordinal);
        Assert.Contains("pod", Yaml.Entries(Yaml.At(rule, "resources", "overrides")).Select(pair => Yaml.Scalar(pair.Value, "resource")));
        Assert.Matches(@"rate\(<<\.Series>>\{[^}]*\}\[1m\]\)", Yaml.Scalar(rule, "metricsQuery") ?? "");
    }

    [Fact]
    public void Hpa_MaxReplicasTimesPoolSize_StaysBelowPostgresConnections()
    {
        // PostgreSQL's default max_connections is 100; keep room for the migrate Job and an operator.
        var max = int.Parse(Yaml.Scalar(Single("HorizontalPodAutoscaler", SiloDeployment).Root, "spec", "maxReplicas") ?? "0", CultureInfo.InvariantCulture);
        var pool = int.Parse(EnvironmentOf(SiloContainer()).GetValueOrDefault("ActorScale__Storage__PostgresMaxPoolSize") ?? "20", CultureInfo.InvariantCulture);
        Assert.True(max * pool <= 90, $"maxReplicas {max} × PostgresMaxPoolSize {pool} = {max * pool} connections");
    }

    [Fact]
    public void Services_OfTheSiloPods_ExposeTheHttpPortOnly()
    {
        var silo = Labels(Yaml.At(Silo.Root, "spec", "template", "metadata", "labels"));
        var ports = ContainerPorts(SiloContainer());
        var services = Manifests.Where(m => m.Kind == "Service")
            .Where(m => Labels(Yaml.At(m.Root, "spec", "selector")) is { Count: > 0 } selector && selector.All(pair => silo.GetValueOrDefault(pair.Key) == pair.Value))
            .ToList();

        Assert.NotEmpty(services);
        foreach (var service in services)
        {
            var targets = Items(Yaml.At(service.Root, "spec", "ports"))
                .Select(port => Yaml.Scalar(port, "targetPort") ?? Yaml.Scalar(port, "port") ?? "")
                .Select(target => ports.SingleOrDefault(p => p.Key == target || p.Value == target).Key ?? target)
                .ToList();
            Assert.Equal(["http"], targets);
        }
    }

    [Fact]
    public void ExternalStores_AreServicesWithoutPods_ReachedOverVerifiedTls()
    {
        var silo = EnvironmentOf(SiloContainer());
        var redis = silo.GetValueOrDefault("ActorScale__Cluster__Redis") ?? "";
        var (redisHost, redisPort) = (redis.Split(':')[0], redis.Split(':').ElementAtOrDefault(1) ?? "6379");
        AssertExternalService(redisHost, redisPort);
        Assert.False(string.IsNullOrEmpty(silo.GetValueOrDefault("ActorScale__Cluster__RedisTrustFile")), "the silos reach Redis without TLS");

        var connectionStrings = Workloads().SelectMany(Containers).SelectMany(container => EnvironmentOf(container))
            .Where(pair => pair.Key.EndsWith("ConnectionString", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(connectionStrings, pair => pair.Key == "ActorScale__Storage__PostgresConnectionString");
        foreach (var (key, value) in connectionStrings)
        {
            var fields = value.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(field => field.Split('=', 2))
                .ToDictionary(field => field[0].Trim(), field => field.ElementAtOrDefault(1)?.Trim() ?? "", StringComparer.OrdinalIgnoreCase);
            AssertExternalService(fields.GetValueOrDefault("Host") ?? "", fields.GetValueOrDefault("Port") ?? "5432");
            Assert.Equal($"{key}: VerifyFull", $"{key}: {fields.GetValueOrDefault("SSL Mode")}");
        }
    }

    [Fact]
    public void Workloads_Containers_RunAsTheImagesUser_ReadOnly_NoCapabilities_WithResources()
    {
        foreach (var workload in Workloads())
        {
            Assert.Equal($"{workload.Name}: true", $"{workload.Name}: {Yaml.Scalar(PodSpec(workload), "securityContext", "runAsNonRoot")}");
            foreach (var container in Containers(workload))
            {
                var name = $"{workload.Name}/{Yaml.Scalar(container, "name")}";
                var context = Yaml.At(container, "securityContext");
                var user = Yaml.Scalar(context, "runAsUser") ?? Yaml.Scalar(PodSpec(workload), "securityContext", "runAsUser");
                Assert.Equal($"{name}: 10001", $"{name}: {user}");
                Assert.Equal($"{name}: false", $"{name}: {Yaml.Scalar(context, "allowPrivilegeEscalation")}");
                Assert.Equal($"{name}: true", $"{name}: {Yaml.Scalar(context, "readOnlyRootFilesystem")}");
                Assert.Equal($"{name}: [ALL]", $"{name}: [{string.Join(',', Yaml.Scalars(Yaml.At(context, "capabilities", "drop")))}]");
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.False(string.IsNullOrEmpty(Yaml.Scalar(container, "resources", "requests", resource)), $"{name} requests no {resource}");
                    Assert.False(string.IsNullOrEmpty(Yaml.Scalar(container, "resources", "limits", resource)), $"{name} has no {resource} limit");
                }
            }
        }
    }

    private static Manifest Silo => Single("Deployment", SiloDeployment);

    private static void AssertHttpProbe(string probe, string path)
    {
        var container = SiloContainer();
        var port = Yaml.Scalar(container, probe, "httpGet", "port");

        Assert.Equal(path, Yaml.Scalar(container, probe, "httpGet", "path"));
        Assert.True(port == "http" || port == ContainerPorts(container)["http"], $"{probe} asks port {port}, not the http port");
        Assert.True(Yaml.Scalar(container, probe, "httpGet", "scheme") is null or "HTTP", $"{probe} is not plain HTTP, which the http port speaks");
    }

    private static void AssertExternalService(string host, string port)
    {
        var service = Manifests.SingleOrDefault(m => m.Kind == "Service" && m.Name == host);
        Assert.True(service is not null, $"'{host}' is no Service of {Folder}");
        var external = Yaml.Scalar(service.Root, "spec", "type") == "ExternalName" && !string.IsNullOrEmpty(Yaml.Scalar(service.Root, "spec", "externalName"));
        var withoutSelector = Yaml.At(service.Root, "spec", "selector") is null
            && Manifests.Any(m => m.Kind is "Endpoints" or "EndpointSlice" && (m.Name == host || Yaml.Scalar(m.Root, "metadata", "labels", "kubernetes.io/service-name") == host));
        Assert.True(external || withoutSelector, $"Service {host} is neither an ExternalName nor a Service without selector with its endpoints");
        var ports = Items(Yaml.At(service.Root, "spec", "ports")).Select(p => Yaml.Scalar(p, "port")).ToList();
        Assert.True(ports.Contains(port), $"Service {host} does not list port {port}");
    }

    private static TimeSpan PreStopSleep()
    {
        var preStop = Yaml.At(SiloContainer(), "lifecycle", "preStop");
        if (Yaml.Scalar(preStop, "sleep", "seconds") is { } seconds)
        {
            return TimeSpan.FromSeconds(int.Parse(seconds, CultureInfo.InvariantCulture));
        }

        var command = Yaml.Scalars(Yaml.At(preStop, "exec", "command"));
        Assert.True(command.Count == 2 && command[0] == "sleep", $"preStop is not a sleep: [{string.Join(", ", command)}]");
        return TimeSpan.FromSeconds(double.Parse(command[1], CultureInfo.InvariantCulture));
    }

    /// <summary><c>ActorScale:Drain:MaxWait</c>: the default of <c>DrainOptions</c>, or what the appsettings the silo ships set.</summary>
    private static TimeSpan DrainMaxWait()
    {
        var source = File.ReadAllText(RepoRoot.Combine("src/ActorScale.Silo/Hosting/DrainOptions.cs"));
        var match = MaxWaitDefault().Match(source);
        Assert.True(match.Success, "DrainOptions.MaxWait's default is no longer TimeSpan.FromSeconds(n) or FromMilliseconds(n)");
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        var maxWait = match.Groups["unit"].Value == "Seconds" ? TimeSpan.FromSeconds(value) : TimeSpan.FromMilliseconds(value);

        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        foreach (var file in Directory.EnumerateFiles(RepoRoot.Combine("silo-config"), "appsettings*.json"))
        {
            using var settings = JsonDocument.Parse(File.ReadAllText(file), options);
            if (settings.RootElement.TryGetProperty("ActorScale", out var actorScale) && actorScale.TryGetProperty("Drain", out var drain) && drain.TryGetProperty("MaxWait", out var configured))
            {
                // The larger of the two, whichever file wins: the grace period must cover either.
                var parsed = TimeSpan.Parse(configured.GetString() ?? "", CultureInfo.InvariantCulture);
                maxWait = parsed > maxWait ? parsed : maxWait;
            }
        }

        return maxWait;
    }

    private static List<YamlNode> AdapterRules()
    {
        var configMap = Manifests.SingleOrDefault(m => m.Kind == "ConfigMap" && m.File == "prometheus-adapter-rules.yaml");
        Assert.True(configMap is not null, "no ConfigMap in prometheus-adapter-rules.yaml");
        var config = Yaml.Entries(Yaml.At(configMap.Root, "data")).Select(pair => ((YamlScalarNode)pair.Value).Value ?? "").SingleOrDefault() ?? "";
        var stream = new YamlStream();
        stream.Load(new StringReader(config));
        return stream.Documents.SelectMany(document => Items(Yaml.At(document.RootNode, "rules"))).ToList();
    }

    /// <summary>The key of the Secret a file at <paramref name="path"/> in the volume holds: an item's key, else the path itself.</summary>
    private static string? SecretItemKey(YamlNode volume, string path) => Yaml.At(volume, "secret", "items") is YamlSequenceNode items
        ? items.Where(item => Yaml.Scalar(item, "path") == path).Select(item => Yaml.Scalar(item, "key")).SingleOrDefault()
        : path;

    /// <summary>Every file a setting names: the <c>*File</c> settings, and the root certificates of connection strings.</summary>
    private static IEnumerable<(string Setting, string File)> FileSettings(IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (key, value) in environment)
        {
            if (key.EndsWith("File", StringComparison.Ordinal))
            {
                yield return (key, value);
            }

            foreach (Match certificate in RootCertificate().Matches(value))
            {
                yield return ($"{key} (Root Certificate)", certificate.Groups["file"].Value.Trim());
            }
        }
    }

    private static bool IsSecretSetting(string name) =>
        name.EndsWith("Password", StringComparison.Ordinal) || name.EndsWith("__Key", StringComparison.Ordinal) || name.EndsWith("__PreviousKeys", StringComparison.Ordinal);

    /// <summary>The Secrets the README's commands create: name to its keys, each with the file it comes from.</summary>
    private static Dictionary<string, Dictionary<string, string>> ReadmeSecrets()
    {
        var secrets = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var text = File.ReadAllText(RepoRoot.Combine(Readme)).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var line in text.Split('\n').Where(line => !line.TrimStart().StartsWith('#')))
        {
            if (CreateSecretCommand().Match(line) is { Success: true } command)
            {
                var keys = secrets[command.Groups["name"].Value] = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (Match file in FromFileOption().Matches(line))
                {
                    var source = file.Groups["source"].Value.Trim('"', '\'');
                    keys[file.Groups["key"].Success ? file.Groups["key"].Value : Path.GetFileName(source)] = source;
                }
            }
        }

        return secrets;
    }

    /// <summary>The items of a sequence; none for anything else.</summary>
    private static IReadOnlyList<YamlNode> Items(YamlNode? node) => node is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    private static Dictionary<string, string> SiloSelector() => Labels(Yaml.At(Silo.Root, "spec", "selector", "matchLabels"));

    private static Dictionary<string, string> Labels(YamlNode? node) =>
        Yaml.Entries(node).ToDictionary(pair => pair.Key, pair => ((YamlScalarNode)pair.Value).Value ?? "", StringComparer.Ordinal);

    private static IEnumerable<Manifest> Workloads() => [Silo, Single("Job", MigrateJob)];

    private static YamlNode? PodSpec(Manifest workload) => Yaml.At(workload.Root, "spec", "template", "spec");

    private static IReadOnlyList<YamlNode> Containers(Manifest workload) =>
        [.. Items(Yaml.At(PodSpec(workload), "containers")), .. Items(Yaml.At(PodSpec(workload), "initContainers"))];

    private static YamlNode SiloContainer() =>
        Containers(Silo).SingleOrDefault(container => Yaml.Scalar(container, "name") == "silo") ?? throw new InvalidOperationException($"Deployment {SiloDeployment} has no container 'silo'");

    /// <summary>The container's named ports: name to port number.</summary>
    private static Dictionary<string, string> ContainerPorts(YamlNode container) =>
        Items(Yaml.At(container, "ports")).ToDictionary(port => Yaml.Scalar(port, "name") ?? "", port => Yaml.Scalar(port, "containerPort") ?? "", StringComparer.Ordinal);

    private static IEnumerable<(string Name, YamlNode Node)> EnvironmentEntries(YamlNode container) =>
        Items(Yaml.At(container, "env")).Select(entry => (Yaml.Scalar(entry, "name") ?? "", entry));

    /// <summary>The container's environment: a literal as written, a value from elsewhere (downward API, Secret) as <c>valueFrom</c>.</summary>
    private static Dictionary<string, string> EnvironmentOf(YamlNode container) =>
        EnvironmentEntries(container).ToDictionary(entry => entry.Name, entry => Yaml.Scalar(entry.Node, "value") ?? (Yaml.At(entry.Node, "valueFrom") is null ? "" : "valueFrom"), StringComparer.Ordinal);

    private static Manifest Single(string kind, string name) =>
        Manifests.SingleOrDefault(m => m.Kind == kind && m.Name == name) ?? throw new InvalidOperationException($"{Folder} has no {kind} {name}");

    private static IEnumerable<string> ManifestFiles() =>
        Directory.EnumerateFiles(RepoRoot.Combine(Folder))
            .Where(file => (file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal)) && Path.GetFileName(file) != "kustomization.yaml");

    private static List<Manifest> LoadManifests() =>
        [.. ManifestFiles().SelectMany(file => LoadDocuments(file).Select(root => new Manifest(Path.GetFileName(file), root)))];

    private static IEnumerable<YamlMappingNode> LoadDocuments(string file)
    {
        using var reader = File.OpenText(file);
        var stream = new YamlStream();
        stream.Load(reader);
        return [.. stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>()];
    }

    [GeneratedRegex(@"MaxWait\s*\{\s*get;\s*set;\s*\}\s*=\s*TimeSpan\.From(?<unit>Seconds|Milliseconds)\((?<value>[0-9.]+)\)")]
    private static partial Regex MaxWaitDefault();

    [GeneratedRegex(@"Root Certificate\s*=\s*(?<file>[^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex RootCertificate();

    [GeneratedRegex(@"(^|;)\s*Password\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInConnectionString();

    [GeneratedRegex(@"\bkubectl\b.*\bcreate secret generic (?<name>[a-z0-9.-]+)")]
    private static partial Regex CreateSecretCommand();

    [GeneratedRegex(@"--from-file=(?:(?<key>[A-Za-z0-9._-]+)=)?(?<source>""[^""]+""|\S+)")]
    private static partial Regex FromFileOption();

    /// <summary>One document of a manifest file.</summary>
    private sealed record Manifest(string File, YamlMappingNode Root)
    {
        public string Kind => Yaml.Scalar(Root, "kind") ?? "";

        public string Name => Yaml.Scalar(Root, "metadata", "name") ?? "";
    }
}
