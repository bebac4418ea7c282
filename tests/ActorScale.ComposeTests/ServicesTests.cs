namespace ActorScale.ComposeTests;

/// <summary>The topology: which services exist, what each waits for, what it runs and what it exposes.</summary>
public sealed class ServicesTests
{
    private static readonly ComposeFile Compose = ComposeFile.Repository;

    [Theory]
    [InlineData("redis")]
    [InlineData("postgres")]
    [InlineData("migrate")]
    [InlineData("silo1")]
    [InlineData("silo2")]
    [InlineData("silo3")]
    [InlineData("client")]
    [InlineData("lb")]
    public void Service_OfTheTopology_IsDefined(string name) =>
        Assert.Contains(name, Compose.Services.Select(service => service.Name));

    [Theory]
    [InlineData("redis")]
    [InlineData("postgres")]
    public void BackingStore_Healthcheck_IsDefined(string name) =>
        Assert.True(Compose.Service(name).HasHealthcheck, $"{name} has no healthcheck, so nothing can wait for it to be ready");

    [Theory]
    [InlineData("redis")]
    [InlineData("postgres")]
    public void BackingStore_Ports_AreNotPublished(string name) =>
        Assert.Empty(Compose.Service(name).Ports);

    [Fact]
    public void DependsOn_ServiceHealthy_TargetsServiceWithHealthcheck()
    {
        var withoutHealthcheck = Compose.Services
            .SelectMany(service => service.DependsOn.Where(d => d.Value == "service_healthy").Select(d => d.Key))
            .Distinct()
            .Where(target => !Compose.Service(target).HasHealthcheck);
        Assert.Empty(withoutHealthcheck);
    }

    [Theory]
    [InlineData("silo1")]
    [InlineData("silo2")]
    [InlineData("silo3")]
    public void Silos_DependOnHealthyRedisAndCompletedMigration(string silo)
    {
        var dependsOn = Compose.Service(silo).DependsOn;
        Assert.Equal("service_healthy", dependsOn.GetValueOrDefault("redis"));
        Assert.Equal("service_completed_successfully", dependsOn.GetValueOrDefault("migrate"));
    }

    [Fact]
    public void Migrate_DependsOnHealthyPostgres() =>
        Assert.Equal("service_healthy", Compose.Service("migrate").DependsOn.GetValueOrDefault("postgres"));

    [Fact]
    public void Client_DependsOnEverySilo() =>
        Assert.Equal(ComposeFile.Silos, Compose.Service("client").DependsOn.Keys.Order());

    [Fact]
    public void LoadBalancer_DependsOnEveryHealthySilo() =>
        Assert.Equal(ComposeFile.Silos.Select(silo => $"{silo}: service_healthy"), Compose.Service("lb").DependsOn.Select(d => $"{d.Key}: {d.Value}").Order());

    [Theory]
    [InlineData("migrate", "db migrate")]
    [InlineData("client", "demo")]
    public void OneShot_Command_RunsItsActorscaleCommand(string service, string command) =>
        Assert.Equal(command, string.Join(' ', Compose.Service(service).Command));

    [Fact]
    public void Ports_Published_BindHostLoopbackOnly()
    {
        var exposed = Compose.Services.SelectMany(service => service.Ports.Where(p => !p.StartsWith("127.0.0.1:", StringComparison.Ordinal)).Select(p => $"{service.Name}: {p}"));
        Assert.Empty(exposed);
    }
}
