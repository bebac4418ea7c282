using ActorScale.Domain.Carts;
using ActorScale.Domain.Errors;

namespace ActorScale.Tests.Domain.Carts;

public sealed class OrderPagingTests
{
    [Fact]
    public void Parse_Nothing_FromTheStartWithTheDefaultLimit() => Assert.Equal((0, OrderPaging.DefaultLimit), OrderPaging.Parse(null, null));

    [Fact]
    public void Parse_OrderId_ItsNumber() => Assert.Equal((123, 7), OrderPaging.Parse("ord-000123", 7));

    [Theory]
    [InlineData("ord-", 10)]
    [InlineData("ord-x1", 10)]
    [InlineData("123", 10)]
    [InlineData("ord-000000", 10)]
    [InlineData("ord-+5", 10)]
    [InlineData(null, 0)]
    [InlineData(null, OrderPaging.MaxLimit + 1)]
    public void Parse_BadCursorOrLimit_BadRequest(string? after, int limit) =>
        Assert.Equal(ActorScaleErrorCode.BadRequest, Assert.Throws<ActorScaleException>(() => OrderPaging.Parse(after, limit)).Code);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(100, 0)]
    [InlineData(101, 1)]
    public void PageOf_OrderNumber_ItsPage(int number, int page) => Assert.Equal(page, OrderPaging.PageOf(number));
}
