namespace Flireo.Examples.Restaurant.Menu;

/// <summary>Specifies one of the 14 allergens that EU law requires restaurants to declare.</summary>
public enum Allergen
{
    /// <summary>Cereals containing gluten.</summary>
    Gluten,

    /// <summary>Crustaceans, such as shrimp and crab.</summary>
    Crustaceans,

    /// <summary>Eggs.</summary>
    Eggs,

    /// <summary>Fish.</summary>
    Fish,

    /// <summary>Peanuts.</summary>
    Peanuts,

    /// <summary>Soybeans.</summary>
    Soy,

    /// <summary>Milk, including lactose.</summary>
    Milk,

    /// <summary>Tree nuts.</summary>
    Nuts,

    /// <summary>Celery.</summary>
    Celery,

    /// <summary>Mustard.</summary>
    Mustard,

    /// <summary>Sesame seeds.</summary>
    Sesame,

    /// <summary>Sulphur dioxide and sulphites.</summary>
    Sulphites,

    /// <summary>Lupin.</summary>
    Lupin,

    /// <summary>Molluscs, such as mussels and squid.</summary>
    Molluscs,
}
