namespace Ledger.Api.Endpoints;

/// <summary>
/// Marker type for the situation center's strings (page and API messages): <c>Resources/Endpoints/SituationText.resx</c>
/// (Russian), <c>.kk.resx</c> and <c>.en.resx</c>. Use <c>IStringLocalizer&lt;SituationText&gt;</c>.
/// </summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T> must be instantiable as a type argument.
public sealed class SituationText;
#pragma warning restore CA1052
