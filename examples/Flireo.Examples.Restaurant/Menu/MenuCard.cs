using Flireo.Examples.Restaurant.Data;

namespace Flireo.Examples.Restaurant.Menu;

/// <summary>Holds the current menu; the default comes from the embedded <c>Data/menu.json</c>.</summary>
public sealed class MenuCard
{
    private readonly MenuItem[] _items;

    /// <summary>Initializes a new instance of the <see cref="MenuCard"/> class.</summary>
    /// <param name="items">The dishes and drinks, in the order the menu lists them.</param>
    public MenuCard(IEnumerable<MenuItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
    }

    /// <summary>Gets every dish and drink.</summary>
    public IReadOnlyList<MenuItem> Items => _items;

    /// <summary>Finds the dishes of a course that are safe for the given allergies and diet.</summary>
    /// <param name="category">The course, or <see langword="null"/> for all.</param>
    /// <param name="avoid">Allergens the guest must avoid.</param>
    /// <param name="vegetarianOnly">Whether to list vegetarian dishes only.</param>
    /// <returns>The matching items, in menu order.</returns>
    public IReadOnlyList<MenuItem> Find(MenuCategory? category, IReadOnlyCollection<Allergen> avoid, bool vegetarianOnly)
    {
        ArgumentNullException.ThrowIfNull(avoid);
        return [.. _items.Where(i => (category is null || i.Category == category)
            && (!vegetarianOnly || i.Vegetarian)
            && !i.Allergens.Any(avoid.Contains))];
    }

    /// <summary>Loads the menu embedded in this assembly.</summary>
    /// <returns>The default menu.</returns>
    public static MenuCard LoadEmbedded() => new(EmbeddedData.Load<MenuFile>("menu.json").Items);

    private sealed record MenuFile(IReadOnlyList<MenuItem> Items);
}
