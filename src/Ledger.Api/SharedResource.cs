namespace Ledger.Api;

/// <summary>
/// Marker type for the strings shared by every page and by API error messages:
/// <c>Resources/SharedResource.resx</c> (Russian, the neutral language), <c>.kk.resx</c> and <c>.en.resx</c>.
/// Use <c>IStringLocalizer&lt;SharedResource&gt;</c>; page-specific text goes to the page's own resource files
/// (<c>Resources/Pages/{Page}.resx</c>) read through <c>IViewLocalizer</c>.
/// </summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T> must be instantiable as a type argument.
public sealed class SharedResource;
#pragma warning restore CA1052
