namespace Ledger.Domain.Terms;

/// <summary>The unit a term is counted in.</summary>
public enum TermUnit
{
    CalendarDays,
    WorkingDays,
    Months,
}

/// <summary>What a row of the rules table constrains.</summary>
public enum TermRuleType
{
    /// <summary>The court must act before the due date.</summary>
    Deadline,

    /// <summary>A party may act until the due date (appeal, private complaint).</summary>
    Window,

    /// <summary>An act may not happen before the due date (trial not earlier than three days after notice).</summary>
    Minimum,
}

/// <summary>Who has to meet the term.</summary>
public enum TermObligation
{
    Court,
    Party,
}

/// <summary>Where a row of the rules table comes from: the Code, article and part, and a citation without URLs.</summary>
public sealed record LegalSource(string Code, string CodeEn, string Act, string Article, string? Part, string Citation)
{
    public override string ToString() =>
        Part is null ? $"{Code}, art. {Article}" : $"{Code}, art. {Article} part {Part}";
}

/// <summary>
/// One row of the procedural-terms table (<c>Terms/procedural-terms.json</c>). Case kinds, categories,
/// act kinds and event names are the stable kebab-case names used by the case domain.
/// </summary>
public sealed record TermRule(
    string Id,
    string Kind,
    string TitleRu,
    string TitleEn,
    string CaseKind,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> ActKinds,
    TermRuleType Type,
    TermObligation Obligation,
    string StartsOn,
    IReadOnlyList<string> EndsOn,
    int Amount,
    TermUnit Unit,
    bool ExcludesSuspension,
    bool MovesToNextWorkingDay,
    LegalSource Source,
    bool Verified,
    bool SuspensionRuleVerified,
    string? Note)
{
    /// <summary>Whether the row applies to a case of this kind and category, for an act of this kind (or no act).</summary>
    public bool AppliesTo(string caseKind, string category, string? actKind) =>
        string.Equals(CaseKind, caseKind, StringComparison.Ordinal)
        && (Categories.Count == 0 || Categories.Contains(category, StringComparer.Ordinal))
        && (ActKinds.Count == 0 || (actKind is not null && ActKinds.Contains(actKind, StringComparer.Ordinal)));
}

/// <summary>A suspension ground from the table, with the Code and article it comes from.</summary>
public sealed record SuspensionGroundRow(
    string Ground,
    string CaseKind,
    bool Mandatory,
    string Code,
    string Article,
    string? Item,
    string TextEn,
    string EndsWhen,
    bool Verified);
