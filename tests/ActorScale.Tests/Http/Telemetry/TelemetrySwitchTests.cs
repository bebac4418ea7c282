using ActorScale.Http.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace ActorScale.Tests.Http.Telemetry;

/// <summary>The metrics switch the bench's A/B runs use: on by default, and off means no meter provider listens at all (so no instrument records).</summary>
public sealed class TelemetrySwitchTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Metrics_OnByDefault_OffMeansNoMeterProvider(string? setting, bool listening)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [TelemetryExtensions.MetricsSetting] = setting }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddActorScaleTelemetry("test", [], [], configuration);

        using var provider = services.BuildServiceProvider();

        Assert.Equal(listening, provider.GetService<MeterProvider>() is not null);
    }
}
