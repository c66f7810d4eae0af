using Ledger.Domain.Cases;
using Ledger.Domain.Depersonalization;
using CaseRole = Ledger.Domain.Cases.ParticipantRole;
using DepersonalizationRole = Ledger.Domain.Depersonalization.ParticipantRole;

namespace Ledger.Projections.Publication;

/// <summary>A depersonalized public copy of an act in force.</summary>
/// <param name="OriginalHash">SHA-256 of the act as issued (<see cref="ActRecord.DocumentHash"/>): a party holding the original can check it.</param>
/// <param name="PublishedHash">SHA-256 of the text that was depersonalized: the amended act when the appeal court amended it, else the original.</param>
public sealed record PublishedAct(
    Guid ActId,
    Guid CaseId,
    string OriginalHash,
    string PublishedHash,
    string CaseNumber,
    string CourtId,
    string CaseKind,
    string Category,
    string ActKind,
    int Year,
    string Outcome,
    IReadOnlyList<string> Articles,
    string Language,
    string Text,
    int Replacements,
    DateTimeOffset IssuedAt,
    DateTimeOffset InForceAt,
    DateTimeOffset DepersonalizedAt);

/// <summary>Why an act was not published.</summary>
public static class WithheldReasons
{
    /// <summary>The case is in a closed category (recorded or suggested by the text); never published.</summary>
    public const string ClosedCategory = "closed-category";

    /// <summary>The act's document is not in the document store yet; publication is retried.</summary>
    public const string TextUnavailable = "text-unavailable";
}

/// <summary>An act that was not published, with the reason in Russian and English.</summary>
public sealed record WithheldAct(
    Guid ActId, Guid CaseId, long CaseVersion, string OriginalHash, string ReasonCode,
    IReadOnlyList<ClosedCategory> Categories, string ReasonRu, string ReasonEn);

/// <summary>The result of preparing an act for publication: exactly one of the two is set.</summary>
public sealed record PublicationResult(PublishedAct? Published, WithheldAct? Withheld, DepersonalizationResult? Depersonalization);

/// <summary>
/// Decides whether an act in force is published and prepares its public copy (pure: no I/O). The participants of
/// the case (names and roles) feed the depersonalizer; judges, prosecutors, lawyers and court staff keep their names.
/// </summary>
public static class ActPublication
{
    /// <summary>Articles of the Criminal Code on crimes against sexual inviolability (УК РК ch. 2, arts. 120–124).</summary>
    private static readonly string[] SexualOffenceArticles = ["УК 120", "УК 121", "УК 122", "УК 123", "УК 124"];

    /// <param name="state">The case as it was when the act entered into force.</param>
    /// <param name="history">The case's events up to that moment (for the outcome summary recorded with the judgment).</param>
    /// <param name="actText">The text of the act (amended text if amended), or null when it cannot be read yet.</param>
    public static PublicationResult Prepare(
        CaseState state, IReadOnlyList<CaseEvent> history, Guid actId, string? actText, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(history);
        if (!state.Acts.TryGetValue(actId, out var act))
        {
            throw new ArgumentException($"The case has no act {actId}.", nameof(actId));
        }

        // A case recorded as of a closed category is never published, whatever its text says (and even before the
        // text can be read).
        if (state.IsClosedCategory)
        {
            return new PublicationResult(null, ClosedCategoryWithheld(state, actId), null);
        }

        if (actText is null)
        {
            return new PublicationResult(null, new WithheldAct(
                actId, state.CaseId, state.Version, act.DocumentHash, WithheldReasons.TextUnavailable, [],
                "Текст акта ещё не поступил в хранилище документов; публикация будет повторена.",
                "The text of the act is not in the document store yet; publication will be retried."), null);
        }

        // The safety net for cases whose category was not recorded: signs of a closed category in the text.
        var articles = ActMetadata.Articles(actText);
        var categories = new HashSet<ClosedCategory>(PublicationPolicy.SuggestClosedCategories(actText));
        if (articles.Any(a => SexualOffenceArticles.Contains(a, StringComparer.Ordinal)))
        {
            categories.Add(ClosedCategory.SexualOffence);
        }

        var decision = PublicationPolicy.Decide(categories);
        if (!decision.MayPublish)
        {
            return new PublicationResult(null, new WithheldAct(
                actId, state.CaseId, state.Version, act.DocumentHash, WithheldReasons.ClosedCategory, decision.ClosedCategories,
                decision.ReasonRu, decision.ReasonEn), null);
        }

        var depersonalized = Depersonalizer.Depersonalize(Clean(actText), ContextOf(state));
        var recordedOutcome = history.OfType<JudgmentIssued>().LastOrDefault(e => e.ActId == actId)?.Outcome;
        if (recordedOutcome == PersonalData.Erased)
        {
            recordedOutcome = null;
        }

        var published = new PublishedAct(
            actId,
            state.CaseId,
            act.DocumentHash,
            act.AmendedDocumentHash ?? act.DocumentHash,
            state.CaseNumber,
            state.CourtId,
            CaseNames.Of(state.Kind),
            CaseNames.Of(state.Category),
            CaseNames.Of(act.Kind),
            act.IssuedAt.Year,
            ActMetadata.Outcome(actText, act.Kind, recordedOutcome),
            articles,
            ActMetadata.DetectLanguage(actText),
            depersonalized.Text,
            depersonalized.Replacements.Count,
            act.IssuedAt,
            act.InForceAt ?? now,
            now);
        return new PublicationResult(published, null, depersonalized);
    }

    /// <summary>
    /// The withheld record of an act of a case recorded as of a closed category (<see cref="CaseState.ClosedCategories"/>):
    /// used when the act enters into force, and when the category is marked after the act was published (the public
    /// copy is then withdrawn).
    /// </summary>
    public static WithheldAct ClosedCategoryWithheld(CaseState state, Guid actId)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Acts.TryGetValue(actId, out var act))
        {
            throw new ArgumentException($"The case has no act {actId}.", nameof(actId));
        }

        var decision = PublicationPolicy.Decide(state.ClosedCategories);
        return new WithheldAct(
            actId, state.CaseId, state.Version, act.DocumentHash, WithheldReasons.ClosedCategory, decision.ClosedCategories,
            decision.ReasonRu, decision.ReasonEn);
    }

    /// <summary>The depersonalizer's context: every admitted participant whose name has not been erased.</summary>
    public static DepersonalizationContext ContextOf(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new DepersonalizationContext(
        [
            .. state.Participants.Values
                .Where(p => !string.IsNullOrWhiteSpace(p.DisplayName) && p.DisplayName != PersonalData.Erased)
                .Select(p => new Domain.Depersonalization.Participant(p.DisplayName, RoleOf(p.Role))),
        ]);
    }

    public static DepersonalizationRole RoleOf(CaseRole role) => role switch
    {
        CaseRole.Judge => DepersonalizationRole.Judge,
        CaseRole.Prosecutor => DepersonalizationRole.Prosecutor,
        CaseRole.Lawyer => DepersonalizationRole.Lawyer,
        CaseRole.Plaintiff => DepersonalizationRole.Plaintiff,
        CaseRole.Defendant => DepersonalizationRole.Defendant,
        CaseRole.Accused => DepersonalizationRole.Accused,
        CaseRole.Victim => DepersonalizationRole.Victim,
        CaseRole.ThirdParty => DepersonalizationRole.ThirdParty,
        CaseRole.Witness => DepersonalizationRole.Witness,
        CaseRole.Expert => DepersonalizationRole.Expert,
        CaseRole.Interpreter => DepersonalizationRole.Interpreter,
        CaseRole.Clerk => DepersonalizationRole.CourtSecretary,
        _ => DepersonalizationRole.Other,
    };

    /// <summary>Removes the private-use characters that search snippets use as highlight markers, and NUL.</summary>
    private static string Clean(string text) =>
        text.Contains('\uE000', StringComparison.Ordinal) || text.Contains('\uE001', StringComparison.Ordinal) || text.Contains('\0', StringComparison.Ordinal)
            ? text.Replace("\uE000", "", StringComparison.Ordinal).Replace("\uE001", "", StringComparison.Ordinal).Replace("\0", "", StringComparison.Ordinal)
            : text;
}
