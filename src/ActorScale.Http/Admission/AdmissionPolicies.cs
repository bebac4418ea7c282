namespace ActorScale.Http.Admission;

/// <summary>The rate-limiting policies the route table names (<see cref="Endpoints.ApiRoutes"/>).</summary>
public static class AdmissionPolicies
{
    /// <summary>Register and login, per client address: each costs a password hash, so the tight limit.</summary>
    public const string Credentials = "credentials";

    /// <summary>The rest of <c>/api</c>, per client address: the wide limit.</summary>
    public const string Api = "api";
}
