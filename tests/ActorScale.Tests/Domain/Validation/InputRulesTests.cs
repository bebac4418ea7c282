using ActorScale.Domain.Errors;
using ActorScale.Domain.Validation;

namespace ActorScale.Tests.Domain.Validation;

public sealed class InputRulesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("alice.smith_01-x")]
    [InlineData("0ab")]
    public void RequireUserId_Valid_Passes(string user) => InputRules.RequireUserId(user);

    [Theory]
    [InlineData("ab")]
    [InlineData("Alice")]
    [InlineData("al ice")]
    [InlineData("al:ice")]
    [InlineData("ålice")]
    public void RequireUserId_Invalid_ThrowsInvalidUserId(string user) =>
        AssertCode(ActorScaleErrorCode.InvalidUserId, () => InputRules.RequireUserId(user));

    [Fact]
    public void RequireUserId_65Characters_ThrowsInvalidUserId() =>
        AssertCode(ActorScaleErrorCode.InvalidUserId, () => InputRules.RequireUserId(new string('a', 65)));

    [Fact]
    public void RequirePassword_Bounds()
    {
        InputRules.RequirePassword(new string('x', 8));
        InputRules.RequirePassword(new string('x', 256));
        AssertCode(ActorScaleErrorCode.InvalidPassword, () => InputRules.RequirePassword(new string('x', 7)));
        AssertCode(ActorScaleErrorCode.InvalidPassword, () => InputRules.RequirePassword(new string('x', 257)));
        AssertCode(ActorScaleErrorCode.InvalidPassword, () => InputRules.RequirePassword(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public void RequireSku_Invalid_ThrowsInvalidSku(string sku) =>
        AssertCode(ActorScaleErrorCode.InvalidSku, () => InputRules.RequireSku(sku));

    [Fact]
    public void RequireSku_LengthBounds()
    {
        InputRules.RequireSku("A");
        InputRules.RequireSku(new string('a', 64));
        AssertCode(ActorScaleErrorCode.InvalidSku, () => InputRules.RequireSku(new string('a', 65)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1000)]
    public void RequireQuantity_OutOfRange_ThrowsInvalidQuantity(int quantity) =>
        AssertCode(ActorScaleErrorCode.InvalidQuantity, () => InputRules.RequireQuantity(quantity));

    [Fact]
    public void RequireOperationId_Empty_ThrowsInvalidOperationId() =>
        AssertCode(ActorScaleErrorCode.InvalidOperationId, () => InputRules.RequireOperationId(Guid.Empty));

    internal static void AssertCode(ActorScaleErrorCode code, Action action)
    {
        var error = Assert.Throws<ActorScaleException>(action);
        Assert.Equal(code, error.Code);
        Assert.DoesNotContain('\n', error.Message);
    }
}
