using System.ComponentModel;
using Flireo.Tools;

namespace MyToolsApp;

/// <summary>The status of an order.</summary>
/// <param name="OrderNumber">The order number.</param>
/// <param name="Status">Where the order is.</param>
public sealed record OrderStatus(string OrderNumber, string Status);

/// <summary>Tools the model calls about orders; replace the sample answer with your own system.</summary>
public sealed class OrderTools
{
    /// <summary>Looks up where an order is.</summary>
    [FlireoTool("get_order_status", Description = "Looks up where an order is.", Message = "Let me look that up.", Example = """{"orderNumber":"A-1001"}""")]
    public OrderStatus GetOrderStatus([Description("The order number the caller reads out, e.g. A-1001")] string orderNumber)
        => new(orderNumber, "shipped");
}
