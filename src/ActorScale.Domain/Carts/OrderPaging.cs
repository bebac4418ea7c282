using System.Globalization;
using ActorScale.Domain.Errors;

namespace ActorScale.Domain.Carts;

/// <summary>
/// Order numbers, ids and pages: order <c>n</c> of a user is <c>ord-{n:D6}</c>, and the history is read a page at a
/// time (<c>GET /api/orders?after=ord-000100&amp;limit=50</c>), so no request returns or rewrites all of it.
/// </summary>
public static class OrderPaging
{
    /// <summary>Orders per stored page of the grains' history. Fixed: stored pages are laid out by it.</summary>
    public const int PageSize = 100;

    /// <summary>Orders a list request returns when it names no limit.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The most orders one list request returns.</summary>
    public const int MaxLimit = 100;

    private const string Prefix = "ord-";

    /// <summary>The id of the user's <paramref name="number"/>th order.</summary>
    public static string IdOf(int number) => Prefix + number.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The stored page that holds order <paramref name="number"/>, counted from 0.</summary>
    public static int PageOf(int number) => (number - 1) / PageSize;

    /// <summary>
    /// The validated request: the number of the last order the caller has (0: from the start) and how many to return.
    /// A malformed cursor or a limit outside 1..<see cref="MaxLimit"/> is <see cref="ActorScaleErrorCode.BadRequest"/>.
    /// </summary>
    public static (int After, int Limit) Parse(string? after, int? limit)
    {
        var count = limit ?? DefaultLimit;
        if (count is < 1 or > MaxLimit)
        {
            throw new ActorScaleException(ActorScaleErrorCode.BadRequest, $"limit must be between 1 and {MaxLimit}");
        }

        if (after is null)
        {
            return (0, count);
        }

        return after.StartsWith(Prefix, StringComparison.Ordinal) && after.Length <= 16
            && int.TryParse(after.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? (number, count)
            : throw new ActorScaleException(ActorScaleErrorCode.BadRequest, $"after must be an order id such as {IdOf(1)}");
    }
}
