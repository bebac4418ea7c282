using System.Text.Json;
using ActorScale.Domain.Catalog;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ActorScale.Http.Caching;

/// <summary>The catalog as every server sends it: its JSON, written once with the API's options, and that JSON's tag.</summary>
public sealed class PublicCatalog
{
    public PublicCatalog(ProductCatalog catalog, IOptions<JsonOptions> json)
    {
        Json = JsonSerializer.SerializeToUtf8Bytes(catalog.Products, json.Value.SerializerOptions);
        Tag = CacheHeaders.TagOf(Json);
    }

    public byte[] Json { get; }

    public string Tag { get; }
}
