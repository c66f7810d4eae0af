using System.Globalization;
using Ledger.Domain.Cases;
using Ledger.Intake.Analysis;
using Ledger.Intake.Classification;
using Ledger.Intake.Extraction;
using Ledger.Intake.Rules;

namespace Ledger.Intake;

/// <summary>Limits and data of the intake pipeline. <see cref="Rules"/> holds МРП, thresholds, attachments and places (configurable).</summary>
public sealed record IntakeOptions
{
    public long MaxFileBytes { get; init; } = FilingTextExtractor.DefaultMaxBytes;

    public IntakeRules Rules { get; init; } = IntakeRules.Default;

    /// <summary>How many model terms to give as reasons.</summary>
    public int TopTerms { get; init; } = 6;
}

/// <summary>
/// Pre-processing of an incoming filing: text extraction, language, the model's category, and rules for
/// what rules do better (parties and IIN/BIN check digits, amounts, dates, cited articles, completeness,
/// simplified-procedure thresholds, jurisdiction). It suggests; it never decides and never changes a case.
/// Thread-safe; build one per process and share it.
/// </summary>
public sealed class IntakePipeline
{
    private readonly IntakeClassifier _classifier;
    private readonly IntakeRuleEngine _rules;
    private readonly IntakeOptions _options;

    public IntakePipeline(IntakeClassifier classifier, string modelVersion, IntakeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelVersion);
        _classifier = classifier;
        _options = options ?? new IntakeOptions();
        _rules = new IntakeRuleEngine(_options.Rules);
        ModelVersion = modelVersion;
    }

    public string ModelVersion { get; }

    /// <summary>Loads the committed model (<c>models/intake-classifier.zip</c>) and its version from the JSON beside it.</summary>
    public static IntakePipeline Load(string modelPath, IntakeOptions? options = null)
    {
        var classifier = IntakeClassifier.Load(modelPath);
        var info = IntakeModelInfo.TryRead(IntakeModelInfo.PathFor(modelPath));
        return new IntakePipeline(classifier, info?.Version ?? IntakeModelInfo.VersionOf(IntakeModelInfo.Sha256OfFile(modelPath), "unknown"), options);
    }

    public IntakeAssessment Assess(Stream content, string fileName, string mediaType, IntakeContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var filing = FilingTextExtractor.Extract(content, fileName, mediaType, _options.MaxFileBytes);
        return AssessText(filing, fileName, mediaType, ctx);
    }

    /// <summary>Assesses text already extracted (used by <see cref="Assess"/> and by evaluation).</summary>
    public IntakeAssessment AssessText(ExtractedFiling filing, string fileName, string mediaType, IntakeContext ctx)
    {
        ArgumentNullException.ThrowIfNull(filing);
        ArgumentNullException.ThrowIfNull(ctx);
        var text = filing.Text;
        var reasons = new List<IntakeReason>();
        var language = LanguageDetector.Detect(text);
        reasons.Add(new("language", string.Create(CultureInfo.InvariantCulture,
            $"{language.Language}: Kazakh letters {language.KazakhLetters}, Kazakh words {language.KazakhWords}, Russian words {language.RussianWords}")));

        var classification = _classifier.Predict(text, _options.TopTerms);
        var subcategory = _options.Rules.Subcategories.FirstOrDefault(s => s.Id == classification.Label) ?? _options.Rules.Subcategories[0];
        reasons.Add(new("model.category", string.Create(CultureInfo.InvariantCulture,
            $"{subcategory.Id} p={classification.Confidence:0.000}; next: {string.Join(", ", classification.Alternatives.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Label} p={a.Probability:0.000}")))}")));
        if (classification.TopTerms.Count > 0)
        {
            reasons.Add(new("model.terms", string.Join(", ", classification.TopTerms)));
        }

        var parties = FilingFacts.Parties(text);
        foreach (var p in parties.Where(p => p.Identifier is not null))
        {
            reasons.Add(new(p.IdentifierValid ? "identifier.valid" : "identifier.check-digit-wrong", $"{p.Role}: {p.Identifier}"));
        }

        if (!parties.Any(p => p.Role is ParticipantRole.Defendant or ParticipantRole.Accused))
        {
            reasons.Add(new("parties.no-defendant", "no defendant found"));
        }

        var amounts = FilingFacts.Amounts(text);
        var claim = FilingFacts.ClaimAmount(amounts);
        if (claim is not null)
        {
            reasons.Add(new("amount.claim", $"{claim.Text} → {claim.Tenge.ToString("0.##", CultureInfo.InvariantCulture)} ₸"));
        }

        var claimant = parties.FirstOrDefault(p => p.Role == ParticipantRole.Plaintiff);
        var legalEntity = ctx.ClaimantIsLegalEntity ?? claimant?.IsLegalEntity ?? false;
        var simplified = _rules.Simplified(subcategory, claim?.Tenge, legalEntity, ctx.FiledOn.Year);
        reasons.Add(new(simplified.Eligible switch { true => "simplified.eligible", false => "simplified.over-threshold", _ => "simplified.not-applicable" }, simplified.Basis));

        var completeness = _rules.Completeness(subcategory, text, ctx.AttachmentNames);
        foreach (var f in completeness.Where(f => !f.Code.StartsWith("present:", StringComparison.Ordinal)))
        {
            reasons.Add(new("completeness", f.Code));
        }

        var court = _rules.Court(subcategory, parties, text);
        reasons.Add(new("jurisdiction", $"{court.CourtId ?? "none"}: {court.Basis}"
            + (court.AddressedCourtId is null ? "" : $"; addressed to {court.AddressedCourtId} ({(court.AddressedCourtCompetent == false ? "not the competent court" : "competent")})")));

        var articles = FilingFacts.Articles(text);
        if (articles.Count > 0)
        {
            reasons.Add(new("articles", string.Join("; ", articles.Select(a => a.ToString()))));
        }

        var dates = FilingFacts.Dates(text);
        if (dates.Count > 0)
        {
            reasons.Add(new("dates", IntakeReasonSummary.FormatDates(dates)));
        }

        return new IntakeAssessment(fileName, mediaType, filing.Format, filing.Sha256Hex, filing.SizeBytes, text.Length, language, subcategory,
            classification, parties, claim, amounts, dates, articles, simplified, court, completeness, reasons, ModelVersion);
    }
}
