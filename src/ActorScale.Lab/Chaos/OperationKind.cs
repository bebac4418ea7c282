namespace ActorScale.Lab.Chaos;

/// <summary>What a virtual user did.</summary>
public enum OperationKind
{
    Register,
    Login,
    Logout,
    RevokeAll,
    Validate,
    Read,
    Add,
    Set,
    Remove,
    Clear,
    Checkout,
}
