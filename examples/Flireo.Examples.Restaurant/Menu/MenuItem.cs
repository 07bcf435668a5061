namespace Flireo.Examples.Restaurant.Menu;

/// <summary>Represents a dish or drink on the menu.</summary>
/// <param name="Name">The name of the dish.</param>
/// <param name="Category">The course.</param>
/// <param name="Description">What is in it, as the waiter would say it.</param>
/// <param name="Price">The price in euros.</param>
/// <param name="Vegetarian">Whether the dish is vegetarian.</param>
/// <param name="Allergens">The declared allergens.</param>
public sealed record MenuItem(string Name, MenuCategory Category, string Description, decimal Price, bool Vegetarian, IReadOnlyList<Allergen> Allergens);
