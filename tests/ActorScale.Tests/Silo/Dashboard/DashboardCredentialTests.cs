using System.Text;
using ActorScale.Silo.Dashboard;
using ActorScale.Silo.Hosting;

namespace ActorScale.Tests.Silo.Dashboard;

/// <summary>The dashboard's login: absent without a password, refused at start when unusable, and an exact match of user and password.</summary>
public sealed class DashboardCredentialTests
{
    private const string Password = "0123456789abcdef-long-enough";

    [Fact]
    public void From_NoPassword_NoDashboard()
    {
        Assert.Null(DashboardCredential.From(new SiloSettings()));
        Assert.Null(DashboardCredential.FindProblem(new SiloSettings()));
    }

    [Fact]
    public void Accepts_OnlyTheOperatorWithThePassword()
    {
        var credential = DashboardCredential.From(new SiloSettings { DashboardPassword = Password })!;

        Assert.True(credential.Accepts(Basic($"operator:{Password}")));
        Assert.True(credential.Accepts("basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"operator:{Password}"))));
        Assert.False(credential.Accepts(Basic($"operator:{Password}x")));
        Assert.False(credential.Accepts(Basic($"operator:{Password[..^1]}")));
        Assert.False(credential.Accepts(Basic($"admin:{Password}")));
        Assert.False(credential.Accepts(Basic("operator:")));
        Assert.False(credential.Accepts($"Bearer {Password}"));
        Assert.False(credential.Accepts("Basic not base64!"));
        Assert.False(credential.Accepts(null));
    }

    [Fact]
    public void From_PasswordFile_IsReadTrimmed()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, Password + "\n");
            var credential = DashboardCredential.From(new SiloSettings { DashboardPasswordFile = file })!;

            Assert.True(credential.Accepts(Basic($"operator:{Password}")));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void FindProblem_ShortPassword_NoManagementPort_UnreadableFile_NameTheKey()
    {
        Assert.Contains("at least 16 characters", DashboardCredential.FindProblem(new SiloSettings { DashboardPassword = "short" }), StringComparison.Ordinal);
        Assert.Contains("MetricsPort is 0", DashboardCredential.FindProblem(new SiloSettings { DashboardPassword = Password, MetricsPort = 0 }), StringComparison.Ordinal);
        Assert.Contains("DashboardPasswordFile: cannot read", DashboardCredential.FindProblem(new SiloSettings { DashboardPasswordFile = "/nonexistent/dashboard.password" }), StringComparison.Ordinal);
        Assert.Null(DashboardCredential.From(new SiloSettings { DashboardPassword = "short" }));
    }

    private static string Basic(string pair) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));
}
