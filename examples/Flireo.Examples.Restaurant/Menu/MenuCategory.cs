namespace Flireo.Examples.Restaurant.Menu;

/// <summary>Specifies the course a dish belongs to.</summary>
public enum MenuCategory
{
    /// <summary>Starters.</summary>
    Starter,

    /// <summary>Main courses.</summary>
    Main,

    /// <summary>Desserts.</summary>
    Dessert,

    /// <summary>Drinks.</summary>
    Drink,
}
