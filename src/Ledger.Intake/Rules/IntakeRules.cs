using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Ledger.Domain.Cases;

namespace Ledger.Intake.Rules;

public sealed record MrpValue(int Year, decimal Tenge, string Source);

/// <summary>Thresholds of the simplified (written) procedure, in МРП. Marked "verify" until the current Code's article is confirmed.</summary>
public sealed record SimplifiedThresholds(int IndividualMrp, int LegalEntityMrp, string Status, string Source);

/// <summary>A subcategory of cases: how it maps to the domain's kind and category, and what rules apply to it.</summary>
public sealed record SubcategoryRule(
    string Id,
    CaseKind Kind,
    CaseCategory Category,
    string Ru,
    string En,
    bool Monetary,
    bool ClaimantResidence,
    bool StateDutyExempt,
    bool PropertyLocation,
    IReadOnlyList<string> Required);

public sealed record AttachmentRule(string Id, string Ru, IReadOnlyList<string> Patterns);

public sealed record CourtPlaceRule(string CourtId, IReadOnlyList<string> Patterns);

public sealed record CityRule(string City, IReadOnlyList<string> Patterns, string DefaultCourtId);

/// <summary>
/// The data intake's rules run on (embedded <c>Rules/intake-rules.json</c>): МРП by year, simplified
/// procedure thresholds, subcategories with their required attachments and jurisdiction flags,
/// attachment patterns, and place names that map an address to a first-instance court.
/// </summary>
public sealed record IntakeRules(
    string Version,
    IReadOnlyList<MrpValue> Mrp,
    SimplifiedThresholds Simplified,
    IReadOnlyList<SubcategoryRule> Subcategories,
    IReadOnlyList<AttachmentRule> Attachments,
    IReadOnlyList<string> StateDutyExemptionPatterns,
    IReadOnlyList<CourtPlaceRule> Courts,
    IReadOnlyList<CityRule> Cities)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly Lazy<IntakeRules> Embedded = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Ledger.Intake.intake-rules.json")
            ?? throw new InvalidOperationException("The intake rules resource is missing.");
        return Load(stream);
    });

    public static IntakeRules Default => Embedded.Value;

    public static IntakeRules Load(Stream json)
    {
        var rules = JsonSerializer.Deserialize<IntakeRules>(json, Json) ?? throw new InvalidDataException("The intake rules are empty.");
        rules.Validate();
        return rules;
    }

    public SubcategoryRule Subcategory(string id) =>
        Subcategories.FirstOrDefault(s => s.Id == id) ?? throw new ArgumentException($"Unknown subcategory \"{id}\".", nameof(id));

    /// <summary>The МРП for a year, or the latest earlier year's value when the year is not in the table (with <c>exact</c> false).</summary>
    public (MrpValue Value, bool Exact) MrpFor(int year)
    {
        var exact = Mrp.FirstOrDefault(m => m.Year == year);
        if (exact is not null)
        {
            return (exact, true);
        }

        var earlier = Mrp.Where(m => m.Year < year).MaxBy(m => m.Year) ?? Mrp.MinBy(m => m.Year)!;
        return (earlier, false);
    }

    internal static bool Matches(IEnumerable<string> patterns, string lowerText) =>
        patterns.Any(p => Regex.IsMatch(lowerText, p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    private void Validate()
    {
        if (Mrp is not { Count: > 0 } || Subcategories is not { Count: > 0 } || Simplified is null)
        {
            throw new InvalidDataException("The intake rules need МРП values, simplified thresholds and subcategories.");
        }

        foreach (var court in Courts.Select(c => c.CourtId).Concat(Cities.Select(c => c.DefaultCourtId)))
        {
            if (CourtRegistry.Find(court) is not { Level: CourtLevel.District })
            {
                throw new InvalidDataException($"The intake rules name \"{court}\", which is not a first-instance court in the registry.");
            }
        }

        var attachmentIds = Attachments.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in Subcategories.SelectMany(s => s.Required).Where(r => !attachmentIds.Contains(r)))
        {
            throw new InvalidDataException($"The intake rules require the attachment \"{missing}\", which has no patterns.");
        }
    }
}
