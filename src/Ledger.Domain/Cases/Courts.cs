using System.Collections.Frozen;

namespace Ledger.Domain.Cases;

public enum CourtLevel
{
    /// <summary>District (city) court of first instance.</summary>
    District,

    /// <summary>Regional court (city court of a city of republican significance): appellate instance.</summary>
    Regional,
}

/// <summary>A court: stable id, names, region, city, level and the regional court that hears its appeals.</summary>
public sealed record Court(string Id, string NameRu, string NameEn, string Region, string City, CourtLevel Level, string? AppellateCourtId);

/// <summary>
/// The courts CaseLedger knows (a representative set of district courts and their regional courts,
/// as data). Seeding, statistics and validation of court ids use it.
/// </summary>
public static class CourtRegistry
{
    public static IReadOnlyList<Court> All { get; } =
    [
        new("astana-regional", "Астанинский городской суд", "Astana City Court", "Astana", "Astana", CourtLevel.Regional, null),
        new("almaty-regional", "Алматинский городской суд", "Almaty City Court", "Almaty", "Almaty", CourtLevel.Regional, null),
        new("shymkent-regional", "Шымкентский городской суд", "Shymkent City Court", "Shymkent", "Shymkent", CourtLevel.Regional, null),
        new("karaganda-regional", "Карагандинский областной суд", "Karaganda Regional Court", "Karaganda Region", "Karaganda", CourtLevel.Regional, null),
        new("east-kz-regional", "Восточно-Казахстанский областной суд", "East Kazakhstan Regional Court", "East Kazakhstan Region", "Oskemen", CourtLevel.Regional, null),
        new("aktobe-regional", "Актюбинский областной суд", "Aktobe Regional Court", "Aktobe Region", "Aktobe", CourtLevel.Regional, null),
        new("pavlodar-regional", "Павлодарский областной суд", "Pavlodar Regional Court", "Pavlodar Region", "Pavlodar", CourtLevel.Regional, null),
        new("kostanay-regional", "Костанайский областной суд", "Kostanay Regional Court", "Kostanay Region", "Kostanay", CourtLevel.Regional, null),
        new("atyrau-regional", "Атырауский областной суд", "Atyrau Regional Court", "Atyrau Region", "Atyrau", CourtLevel.Regional, null),
        new("astana-esil", "Есильский районный суд города Астаны", "Esil District Court of Astana", "Astana", "Astana", CourtLevel.District, "astana-regional"),
        new("astana-almaty-district", "Алматинский районный суд города Астаны", "Almaty District Court of Astana", "Astana", "Astana", CourtLevel.District, "astana-regional"),
        new("astana-saryarka", "Сарыаркинский районный суд города Астаны", "Saryarka District Court of Astana", "Astana", "Astana", CourtLevel.District, "astana-regional"),
        new("astana-baikonur", "Байконурский районный суд города Астаны", "Baikonur District Court of Astana", "Astana", "Astana", CourtLevel.District, "astana-regional"),
        new("almaty-bostandyk", "Бостандыкский районный суд города Алматы", "Bostandyk District Court of Almaty", "Almaty", "Almaty", CourtLevel.District, "almaty-regional"),
        new("almaty-medeu", "Медеуский районный суд города Алматы", "Medeu District Court of Almaty", "Almaty", "Almaty", CourtLevel.District, "almaty-regional"),
        new("almaty-almaly", "Алмалинский районный суд города Алматы", "Almaly District Court of Almaty", "Almaty", "Almaty", CourtLevel.District, "almaty-regional"),
        new("almaty-auezov", "Ауэзовский районный суд города Алматы", "Auezov District Court of Almaty", "Almaty", "Almaty", CourtLevel.District, "almaty-regional"),
        new("almaty-nauryzbay", "Наурызбайский районный суд города Алматы", "Nauryzbay District Court of Almaty", "Almaty", "Almaty", CourtLevel.District, "almaty-regional"),
        new("shymkent-al-farabi", "Аль-Фарабийский районный суд города Шымкента", "Al-Farabi District Court of Shymkent", "Shymkent", "Shymkent", CourtLevel.District, "shymkent-regional"),
        new("shymkent-abay", "Абайский районный суд города Шымкента", "Abay District Court of Shymkent", "Shymkent", "Shymkent", CourtLevel.District, "shymkent-regional"),
        new("karaganda-kazybek-bi", "Районный суд района имени Казыбек би города Караганды", "Kazybek Bi District Court of Karaganda", "Karaganda Region", "Karaganda", CourtLevel.District, "karaganda-regional"),
        new("temirtau-city", "Темиртауский городской суд", "Temirtau City Court", "Karaganda Region", "Temirtau", CourtLevel.District, "karaganda-regional"),
        new("oskemen-city", "Усть-Каменогорский городской суд", "Oskemen City Court", "East Kazakhstan Region", "Oskemen", CourtLevel.District, "east-kz-regional"),
        new("ridder-city", "Риддерский городской суд", "Ridder City Court", "East Kazakhstan Region", "Ridder", CourtLevel.District, "east-kz-regional"),
        new("aktobe-city", "Актюбинский городской суд", "Aktobe City Court", "Aktobe Region", "Aktobe", CourtLevel.District, "aktobe-regional"),
        new("pavlodar-city", "Павлодарский городской суд", "Pavlodar City Court", "Pavlodar Region", "Pavlodar", CourtLevel.District, "pavlodar-regional"),
        new("ekibastuz-city", "Экибастузский городской суд", "Ekibastuz City Court", "Pavlodar Region", "Ekibastuz", CourtLevel.District, "pavlodar-regional"),
        new("kostanay-city", "Костанайский городской суд", "Kostanay City Court", "Kostanay Region", "Kostanay", CourtLevel.District, "kostanay-regional"),
        new("atyrau-city", "Атырауский городской суд", "Atyrau City Court", "Atyrau Region", "Atyrau", CourtLevel.District, "atyrau-regional"),
        new("aktobe-khromtau", "Хромтауский районный суд", "Khromtau District Court", "Aktobe Region", "Khromtau", CourtLevel.District, "aktobe-regional"),
    ];

    private static readonly FrozenDictionary<string, Court> ById = All.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);

    /// <summary>First-instance courts (the ones that receive cases).</summary>
    public static IReadOnlyList<Court> FirstInstance { get; } = All.Where(c => c.Level == CourtLevel.District).ToArray();

    public static Court? Find(string? id) => id is not null && ById.TryGetValue(id, out var court) ? court : null;

    public static bool Exists(string? id) => Find(id) is not null;
}
