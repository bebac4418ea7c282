using System.ComponentModel.DataAnnotations;

namespace ActorScale.Domain.Catalog;

/// <summary>Where the product catalog comes from; bound from <c>ActorScale:Catalog</c>.</summary>
public sealed class CatalogOptions
{
    public const string Section = "ActorScale:Catalog";

    /// <summary>The catalog JSON file, relative to the silo's base directory. Default <c>silo-config/catalog.json</c>.</summary>
    [Required]
    public string Path { get; set; } = "silo-config/catalog.json";
}
