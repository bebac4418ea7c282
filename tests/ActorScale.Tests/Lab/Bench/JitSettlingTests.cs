using ActorScale.Lab.Bench;

namespace ActorScale.Tests.Lab.Bench;

/// <summary>Pure logic: the warm-up's reading of the servers' JIT time, fed made-up readings.</summary>
public sealed class JitSettlingTests
{
    [Fact]
    public void Parse_ScopedCounterAmongOthers_ReadsItsSeconds()
    {
        const string metrics = """
            # TYPE dotnet_jit_compilation_time_seconds_total counter
            dotnet_jit_compiled_il_size_bytes_total{otel_scope_name="System.Runtime"} 2657154
            dotnet_jit_compilation_time_seconds_total{otel_scope_name="System.Runtime"} 23.098162
            dotnet_jit_compiled_methods_total{otel_scope_name="System.Runtime"} 35755
            """;

        Assert.Equal(23.098162, JitSettling.Parse(metrics));
    }

    [Fact]
    public void Parse_WithoutLabelsAndWithATimestamp_ReadsTheValue()
    {
        Assert.Equal(1.5, JitSettling.Parse("dotnet_jit_compilation_time_seconds_total 1.5 1733120000000\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# HELP dotnet_jit_compilation_time_seconds_total The time the JIT spent\n")]
    [InlineData("dotnet_jit_compilation_time_seconds_total_extra 3\n")]
    public void Parse_WithoutTheCounter_IsNull(string metrics)
    {
        Assert.Null(JitSettling.Parse(metrics));
    }

    [Fact]
    public void Observe_FirstReading_HasNoShareAndIsNotSettled()
    {
        var jit = new JitSettling(0.02);

        Assert.Null(jit.Observe(TimeSpan.FromSeconds(10), Readings(("a", 5.0), ("b", 4.0))));
        Assert.False(jit.Settled);
    }

    [Fact]
    public void Observe_BusiestServerDecides()
    {
        var jit = new JitSettling(0.02);
        jit.Observe(TimeSpan.FromSeconds(10), Readings(("a", 5.0), ("b", 4.0)));

        // a compiled 0.05 s in 5 s (1 % of a core), b 1.5 s (30 %).
        var share = jit.Observe(TimeSpan.FromSeconds(15), Readings(("a", 5.05), ("b", 5.5)));

        Assert.Equal(0.3, share!.Value, 6);
        Assert.False(jit.Settled);
    }

    [Fact]
    public void Observe_EveryServerUnderTheShare_IsSettled()
    {
        var jit = new JitSettling(0.02);
        jit.Observe(TimeSpan.FromSeconds(10), Readings(("a", 5.0), ("b", 4.0)));
        jit.Observe(TimeSpan.FromSeconds(15), Readings(("a", 5.05), ("b", 5.5)));

        jit.Observe(TimeSpan.FromSeconds(20), Readings(("a", 5.1), ("b", 5.55)));

        Assert.True(jit.Settled);
        Assert.Equal(0.01, jit.LastShare!.Value, 6);
    }

    [Fact]
    public void Observe_AServerThatDidNotAnswer_IsNeverSettled()
    {
        var jit = new JitSettling(0.02);
        jit.Observe(TimeSpan.FromSeconds(10), Readings(("a", 5.0), ("b", 4.0)));

        Assert.Null(jit.Observe(TimeSpan.FromSeconds(15), Readings(("a", 5.0), ("b", null))));
        Assert.False(jit.Settled);

        // b answers again: one reading is not a share yet.
        Assert.Null(jit.Observe(TimeSpan.FromSeconds(20), Readings(("a", 5.0), ("b", 4.0))));
        Assert.Equal(0, jit.Observe(TimeSpan.FromSeconds(25), Readings(("a", 5.0), ("b", 4.0))));
        Assert.True(jit.Settled);
    }

    private static Dictionary<string, double?> Readings(params (string Server, double? Seconds)[] readings) =>
        readings.ToDictionary(r => r.Server, r => r.Seconds);
}
