using Ledger.Domain.Cases;
using Ledger.Domain.Terms;

namespace Ledger.Domain.Statistics;

/// <summary>A court term of a case that has ended: when, its net duration and whether it was met.</summary>
public sealed record EndedTerm(string RowId, string Kind, DateOnly EndedOn, int NetDays, int StatutoryDays, bool WithinTerm);

/// <summary>One suspension of a case: its ground and [from, to) (to null while it lasts).</summary>
public sealed record SuspensionFact(SuspensionGround Ground, DateTimeOffset From, DateTimeOffset? To);

/// <summary>The earliest court term of a pending case that is or will become overdue: its last day and rule.</summary>
public sealed record OverdueTerm(string RowId, string Kind, DateOnly DueOn, DateTimeOffset DueAt);

/// <summary>
/// The lean, personal-data-free facts of one case that every situation-center figure is computed from: where and
/// what the case is, its daily flows, its court terms that ended, its suspensions, and the term it is (or will be)
/// overdue on. The case number is kept for the drill-down lists of authorized roles only; the judge is a GUID.
/// </summary>
public sealed record CaseFacts(
    Guid CaseId,
    string CaseNumber,
    string CourtId,
    string Region,
    CaseKind Kind,
    CaseCategory Category,
    Guid? JudgeId,
    DateOnly ReceivedOn,
    bool Pending,
    bool Suspended,
    IReadOnlyList<DailyFlow> Daily,
    IReadOnlyList<EndedTerm> EndedTerms,
    IReadOnlyList<SuspensionFact> Suspensions,
    OverdueTerm? Overdue)
{
    /// <summary>The facts of a folded case (null before the case is received).</summary>
    public static CaseFacts? From(CaseStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var core = statistics.Core;
        if (!core.Exists || core.ReceivedAt is null)
        {
            return null;
        }

        var ended = statistics.CourtTerms()
            .Where(t => t.EndedAt is not null && t.NetDays is not null && t.WithinTerm is not null)
            .Select(t => new EndedTerm(t.RowId, t.Kind, TermCalculator.Default.LocalDate(t.EndedAt!.Value), t.NetDays!.Value, t.StatutoryDays, t.WithinTerm!.Value))
            .ToArray();
        var overdue = statistics.OverdueCandidate() is { } d ? new OverdueTerm(d.SourceRowId, d.Kind, d.DueOn, d.DueAt) : null;
        return new CaseFacts(
            core.CaseId, core.CaseNumber, core.CourtId, statistics.Region, core.Kind, core.Category, core.JudgeId,
            statistics.ReceivedOn!.Value, statistics.IsPending, statistics.IsSuspended, [.. statistics.Daily], ended,
            [.. core.Suspensions.Select(s => new SuspensionFact(s.Ground, s.From, s.To))], overdue);
    }

    /// <summary>Whether the case is past a court term at <paramref name="now"/>.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => Pending && Overdue is { } o && now >= o.DueAt;

    public SuspensionFact? CurrentSuspension => Suspended && Suspensions.Count > 0 && Suspensions[^1].To is null ? Suspensions[^1] : null;
}
