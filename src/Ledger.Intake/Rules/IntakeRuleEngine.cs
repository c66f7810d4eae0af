using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Domain.Cases;
using Ledger.Intake.Analysis;

namespace Ledger.Intake.Rules;

/// <summary>Eligibility for the simplified (written) procedure: null when it does not apply (not a money claim or no amount found).</summary>
public sealed record SimplifiedEligibility(
    bool? Eligible,
    decimal? ClaimTenge,
    int ThresholdMrp,
    int MrpYear,
    decimal MrpTenge,
    decimal ThresholdTenge,
    string Basis);

/// <summary>A completeness finding: "present:{id}", "missing:{id}", "state-duty:paid|exempt-by-category|exemption-claimed|missing", "attachments-list:missing".</summary>
public sealed record CompletenessFinding(string Code, string Ru, string En);

/// <summary>The competent court as intake sees it, the rule behind it and the other courts the claimant may choose.</summary>
public sealed record CourtSuggestion(string? CourtId, string Basis, IReadOnlyList<string> Alternatives, string? AddressedCourtId, bool? AddressedCourtCompetent);

/// <summary>Rules where rules are more reliable than a model: thresholds, completeness and jurisdiction, all driven by <see cref="IntakeRules"/>.</summary>
public sealed partial class IntakeRuleEngine(IntakeRules rules)
{
    public IntakeRules Rules { get; } = rules;

    /// <summary>
    /// Money claims up to the threshold (in МРП of the filing year) are eligible: the legal-entity
    /// threshold when the claimant is a legal entity, the individual threshold otherwise. Thresholds are
    /// configurable data, marked for verification.
    /// </summary>
    public SimplifiedEligibility Simplified(SubcategoryRule subcategory, decimal? claimTenge, bool claimantIsLegalEntity, int year)
    {
        ArgumentNullException.ThrowIfNull(subcategory);
        var (mrp, exact) = Rules.MrpFor(year);
        var thresholdMrp = claimantIsLegalEntity ? Rules.Simplified.LegalEntityMrp : Rules.Simplified.IndividualMrp;
        var thresholdTenge = thresholdMrp * mrp.Tenge;
        var yearNote = exact ? "" : string.Create(CultureInfo.InvariantCulture, $" (МРП {year} not in the table; {mrp.Year} used)");
        if (!subcategory.Monetary)
        {
            return new(null, claimTenge, thresholdMrp, mrp.Year, mrp.Tenge, thresholdTenge, $"not a money claim ({subcategory.Id})");
        }

        if (claimTenge is null)
        {
            return new(null, null, thresholdMrp, mrp.Year, mrp.Tenge, thresholdTenge, "no claim amount found");
        }

        var eligible = claimTenge.Value <= thresholdTenge;
        var who = claimantIsLegalEntity ? "legal entity" : "individual";
        var basis = string.Create(CultureInfo.InvariantCulture,
            $"{claimTenge.Value:0.##} ₸ {(eligible ? "≤" : ">")} {thresholdMrp} МРП × {mrp.Tenge:0} ₸ = {thresholdTenge:0} ₸ ({who} claimant, {Rules.Simplified.Status}){yearNote}");
        return new(eligible, claimTenge, thresholdMrp, mrp.Year, mrp.Tenge, thresholdTenge, basis);
    }

    /// <summary>Checks the attachments the subcategory requires against the filing's attachments list and the other uploaded files' names.</summary>
    public IReadOnlyList<CompletenessFinding> Completeness(SubcategoryRule subcategory, string text, IReadOnlyList<string>? attachmentNames)
    {
        ArgumentNullException.ThrowIfNull(subcategory);
        ArgumentNullException.ThrowIfNull(text);
        var section = FilingFacts.AttachmentsSection(text);
        var haystack = ((section ?? "") + "\n" + string.Join('\n', attachmentNames ?? [])).ToLowerInvariant();
        var findings = new List<CompletenessFinding>();
        if (section is null && (attachmentNames is null || attachmentNames.Count == 0))
        {
            findings.Add(new("attachments-list:missing", "В заявлении нет перечня приложений.", "The filing lists no attachments."));
        }

        foreach (var id in subcategory.Required)
        {
            var attachment = Rules.Attachments.First(a => a.Id == id);
            if (id == "state-duty-receipt")
            {
                continue; // reported as state-duty below
            }

            findings.Add(IntakeRules.Matches(attachment.Patterns, haystack)
                ? new($"present:{id}", $"Приложено: {attachment.Ru}.", $"Attached: {id}.")
                : new($"missing:{id}", $"Не приложено: {attachment.Ru}.", $"Missing: {id}."));
        }

        var lower = text.ToLowerInvariant();
        var duty = Rules.Attachments.First(a => a.Id == "state-duty-receipt");
        if (subcategory.StateDutyExempt)
        {
            findings.Add(new("state-duty:exempt-by-category", "Истец по этой категории освобождён от госпошлины.", "Claimants in this category are exempt from the state duty."));
        }
        else if (IntakeRules.Matches(Rules.StateDutyExemptionPatterns, lower))
        {
            findings.Add(new("state-duty:exemption-claimed", "Заявлено освобождение от госпошлины: проверьте основание.", "An exemption from the state duty is claimed: check its ground."));
        }
        else if (IntakeRules.Matches(duty.Patterns, haystack))
        {
            findings.Add(new("state-duty:paid", "Приложен документ об уплате госпошлины.", "The state-duty receipt is attached."));
        }
        else
        {
            findings.Add(new("state-duty:missing", "Нет документа об уплате госпошлины и не заявлено освобождение.", "No state-duty receipt and no exemption claimed."));
        }

        return findings;
    }

    /// <summary>
    /// The competent court: by default where the defendant lives or is located (ГПК РК art. 29 [verify]);
    /// for alimony, paternity, labour reinstatement, consumer and special proceedings the claimant may also
    /// file where the claimant lives (art. 30 [verify]); claims on real estate go where the property is
    /// (art. 31 [verify]). Also says whether the court the filing is addressed to is among the competent ones.
    /// </summary>
    public CourtSuggestion Court(SubcategoryRule subcategory, IReadOnlyList<FoundParty> parties, string text)
    {
        ArgumentNullException.ThrowIfNull(subcategory);
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(text);
        var header = string.Join('\n', text.Split('\n').Take(4));
        var addressed = CourtOf(header);
        var defendant = parties.FirstOrDefault(p => p.Role is ParticipantRole.Defendant or ParticipantRole.Accused && p.Address is not null);
        var claimant = parties.FirstOrDefault(p => p.Role is ParticipantRole.Plaintiff or ParticipantRole.Victim && p.Address is not null);
        var defendantCourt = defendant is null ? null : CourtOf(defendant.Address!);
        var claimantCourt = claimant is null ? null : CourtOf(claimant.Address!);

        string? primary;
        string basis;
        var alternatives = new List<string>();
        if (subcategory.PropertyLocation && PropertyAddress().Match(text) is { Success: true } property && CourtOf(property.Groups["a"].Value) is { } propertyCourt)
        {
            primary = propertyCourt;
            basis = "property-location (exclusive jurisdiction, ГПК РК art. 31 [verify])";
        }
        else if (subcategory.Kind == CaseKind.Civil && subcategory.Category == CaseCategory.SpecialProceedings)
        {
            primary = claimantCourt;
            basis = "applicant-residence (special proceedings)";
        }
        else
        {
            primary = defendantCourt;
            basis = defendantCourt is null
                ? "defendant-address-not-recognised"
                : subcategory.Kind == CaseKind.Administrative ? "defendant-location (administrative body)" : "defendant-residence (ГПК РК art. 29 [verify])";
            if (subcategory.ClaimantResidence && claimantCourt is not null && claimantCourt != primary)
            {
                alternatives.Add(claimantCourt);
                basis += "; claimant-residence allowed (ГПК РК art. 30 [verify])";
                primary ??= claimantCourt;
            }
        }

        bool? competent = addressed is null || primary is null ? null : addressed == primary || alternatives.Contains(addressed);
        return new CourtSuggestion(primary, basis, alternatives, addressed, competent);
    }

    /// <summary>The first-instance court an address (or a court name) points to, by district first and then by city.</summary>
    public string? CourtOf(string place)
    {
        var lower = place.ToLowerInvariant();
        var city = Rules.Cities.FirstOrDefault(c => IntakeRules.Matches(c.Patterns, lower));
        foreach (var court in Rules.Courts)
        {
            if (!IntakeRules.Matches(court.Patterns, lower))
            {
                continue;
            }

            var courtCity = CourtRegistry.Find(court.CourtId)!.City;
            if (city is null || city.City == courtCity || Rules.Cities.All(c => c.City != courtCity))
            {
                return court.CourtId;
            }
        }

        return city?.DefaultCourtId;
    }

    [GeneratedRegex(@"(?:расположенн\w*|находящ\w*|орналасқан)\s+(?:по адресу|мекенжай\w*)\s*[:：]?\s*(?<a>[^;\n]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PropertyAddress();
}
