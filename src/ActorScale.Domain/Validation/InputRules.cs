using ActorScale.Domain.Errors;

namespace ActorScale.Domain.Validation;

/// <summary>The input rules every grain applies before it changes anything.</summary>
public static class InputRules
{
    public const int MinUserIdLength = 3;
    public const int MaxUserIdLength = 64;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;
    public const int MaxSkuLength = 64;
    public const int MinQuantity = 1;
    public const int MaxQuantity = 999;

    public static void RequireUserId(string userId)
    {
        if (userId.Length is < MinUserIdLength or > MaxUserIdLength || !userId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ActorScaleException(
                ActorScaleErrorCode.InvalidUserId,
                $"user id must be {MinUserIdLength}-{MaxUserIdLength} characters of a-z, 0-9, '.', '_' or '-'");
        }
    }

    public static void RequirePassword(string? password)
    {
        if (password is null || password.Length is < MinPasswordLength or > MaxPasswordLength)
        {
            throw new ActorScaleException(
                ActorScaleErrorCode.InvalidPassword,
                $"password must be {MinPasswordLength}-{MaxPasswordLength} characters long");
        }
    }

    public static void RequireSku(string? sku)
    {
        if (string.IsNullOrEmpty(sku) || sku.Length > MaxSkuLength || !sku.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ActorScaleException(
                ActorScaleErrorCode.InvalidSku,
                $"SKU must be 1-{MaxSkuLength} characters of A-Z, a-z, 0-9, '.', '_' or '-'");
        }
    }

    public static void RequireQuantity(int quantity)
    {
        if (quantity is < MinQuantity or > MaxQuantity)
        {
            throw new ActorScaleException(
                ActorScaleErrorCode.InvalidQuantity,
                $"quantity must be {MinQuantity}-{MaxQuantity}, got {quantity}");
        }
    }

    public static void RequireOperationId(Guid operationId)
    {
        if (operationId == Guid.Empty)
        {
            throw new ActorScaleException(ActorScaleErrorCode.InvalidOperationId, "operation id must be a non-empty GUID");
        }
    }
}
