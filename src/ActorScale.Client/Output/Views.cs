using System.Globalization;
using ActorScale.Abstractions;
using ActorScale.Abstractions.Carts;
using ActorScale.Abstractions.Catalog;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Catalog;
using ActorScale.Lab;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorScale.Client.Output;

/// <summary>Tables for people; the JSON output uses the wire records as they are.</summary>
public static class Views
{
    public static string Money(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public static Table Cart(CartView cart)
    {
        var table = new Table().Title($"cart of {Markup.Escape(cart.UserId)} (version {cart.Version})").AddColumns("SKU", "Product", "Qty", "Unit", "Total");
        foreach (var line in cart.Lines)
        {
            table.AddRow(Markup.Escape(line.Sku), Markup.Escape(line.Name), line.Quantity.ToString(CultureInfo.InvariantCulture), Money(line.UnitPriceCents), Money(line.LineTotalCents));
        }

        table.AddRow("", "[bold]total[/]", "", "", $"[bold]{Money(cart.TotalCents)}[/]");
        return table;
    }

    public static Table Orders(IEnumerable<Order> orders)
    {
        var table = new Table().AddColumns("Order", "Placed (UTC)", "Lines", "Total");
        foreach (var order in orders)
        {
            table.AddRow(
                order.OrderId,
                order.PlacedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", order.Lines.Select(l => $"{l.Quantity}× {l.Sku}"))),
                Money(order.TotalCents));
        }

        return table;
    }

    public static Table Catalog(IEnumerable<Product> products)
    {
        var table = new Table().AddColumns("SKU", "Product", "Price");
        foreach (var product in products)
        {
            table.AddRow(Markup.Escape(product.Sku), Markup.Escape(product.Name), Money(product.PriceCents));
        }

        return table;
    }

    public static string Where(GrainLocation location) => $"[grey](served by {Markup.Escape(location.SiloName)} {Markup.Escape(location.SiloAddress)})[/]";

    /// <summary>A long run's live view: its figures in one row, the latest events below.</summary>
    public static IRenderable Progress(LabProgress progress)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(progress.Title).AddColumns([.. progress.Figures.Select(f => f.Name)]);
        table.AddRow([.. progress.Figures.Select(f => f.Value)]);
        return new Rows(table, new Markup(string.Join('\n', progress.Events)));
    }
}
