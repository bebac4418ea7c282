using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using ActorScale.Domain.Catalog;
using ActorScale.Domain.Errors;
using ActorScale.Domain.Validation;

namespace ActorScale.Domain.Catalog;

/// <summary>The seeded, read-only product catalog, loaded once per silo and shared by every grain.</summary>
public sealed class ProductCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private readonly FrozenDictionary<string, Product> _bySku;

    public ProductCatalog(IEnumerable<Product> products)
    {
        var list = products.ToList();
        foreach (var product in list)
        {
            InputRules.RequireSku(product.Sku);
            if (product.PriceCents < 0 || string.IsNullOrWhiteSpace(product.Name))
            {
                throw new InvalidDataException($"catalog product {product.Sku}: a name and a non-negative priceCents are required");
            }
        }

        var duplicate = list.GroupBy(p => p.Sku, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"catalog lists {duplicate.Key} more than once");
        }

        _bySku = list.ToFrozenDictionary(p => p.Sku, StringComparer.Ordinal);
        Products = [.. list.OrderBy(p => p.Sku, StringComparer.Ordinal)];
    }

    public ImmutableArray<Product> Products { get; }

    public Product? Find(string sku) => _bySku.GetValueOrDefault(sku);

    /// <summary>Reads <c>{"products":[{"sku","name","priceCents"}]}</c>; a bad file fails silo start with its path.</summary>
    public static ProductCatalog Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var file = JsonSerializer.Deserialize<CatalogFile>(stream, JsonOptions) ?? throw new InvalidDataException("empty file");
            return new ProductCatalog(file.Products);
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidDataException or ActorScaleException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot load the catalog {path}: {ex.Message}", ex);
        }
    }

    private sealed record CatalogFile(List<Product> Products);
}
