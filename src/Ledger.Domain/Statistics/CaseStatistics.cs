using System.Collections.Immutable;
using Ledger.Domain.Cases;
using Ledger.Domain.Terms;

namespace Ledger.Domain.Statistics;

/// <summary>How a case moved in or out of the pending caseload.</summary>
public enum MovementKind
{
    Received,

    /// <summary>The judgment was set aside: the case is pending again.</summary>
    Reopened,
    Resolved,
}

/// <summary>One movement of a case in or out of the pending caseload, at a moment.</summary>
public sealed record CaseMovement(MovementKind Kind, DateTimeOffset At);

/// <summary>The flow counters of one case on one civil day.</summary>
public sealed record DailyFlow(DateOnly Day, FlowCounts Counts);

/// <summary>
/// A court term (a deadline the court must meet, from the rules table) of one case as statistics see it.
/// <see cref="StatutoryDueOn"/> is the last day of the term as the law sets it; <see cref="DueOn"/> is that day moved
/// later by the suspended days the row excludes. <see cref="EndedAt"/> is the moment of the act that ended the term
/// (null while it runs, or when the case left the court first). <see cref="NetDays"/> = civil days from the start to the
/// end (or to the moment asked) minus the suspended days the row excludes; the term is met when it is at most
/// <see cref="StatutoryDays"/>.
/// </summary>
public sealed record TermFact(
    string RowId,
    string Kind,
    DateTimeOffset StartsAt,
    DateOnly StatutoryDueOn,
    int StatutoryDays,
    DateOnly DueOn,
    DateTimeOffset DueAt,
    bool ExcludesSuspension,
    DeadlineStatus Status,
    DateTimeOffset? EndedAt,
    int? NetDays,
    bool? WithinTerm);

/// <summary>
/// The statistics view of one case, folded from its events: the case state as the decider keeps it (with every
/// participant, material, motion and hearing dropped: no names, no identity numbers), the case's movements in and out
/// of the pending caseload, when each court term ended, and the flow counters. Pure; <see cref="Evolve"/> is the only
/// way to change it, so a rebuild from the events gives the same value as live folding.
/// </summary>
public sealed record CaseStatistics
{
    public static CaseStatistics Empty { get; } = new();

    /// <summary>The decider's state of the case without personal data (see <see cref="Strip"/>).</summary>
    public CaseState Core { get; init; } = CaseState.Empty;

    public ImmutableList<CaseMovement> Movements { get; init; } = [];

    /// <summary>For each entry of <c>Core.Deadlines</c> (same index), the moment the act that ended it happened.</summary>
    public ImmutableList<DateTimeOffset?> TermEnds { get; init; } = [];

    /// <summary>Flow counters of this case since it was received.</summary>
    public FlowCounts Totals { get; init; }

    /// <summary>The flow counters of this case per civil day, in order of days.</summary>
    public ImmutableList<DailyFlow> Daily { get; init; } = [];

    public static CaseStatistics Fold(IEnumerable<CaseEvent> events) => events.Aggregate(Empty, Evolve);

    public static CaseStatistics Evolve(CaseStatistics statistics, CaseEvent @event)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(@event);
        var before = statistics.Core;
        var after = Strip(CaseDecider.Evolve(before, @event));
        var flows = CaseFlows.Of(@event);

        var movements = statistics.Movements;
        if (flows.Received > 0)
        {
            movements = movements.Add(new CaseMovement(MovementKind.Received, @event.OccurredAt));
        }

        if (flows.Reopened > 0 && !CaseFlows.IsPending(before.Status) && CaseFlows.IsPending(after.Status))
        {
            movements = movements.Add(new CaseMovement(MovementKind.Reopened, @event.OccurredAt));
        }
        else if (flows.Reopened > 0)
        {
            // Set aside while the case was not resolved at first instance (cannot happen with the decider's rules).
            flows = flows with { Reopened = 0 };
        }

        if (flows.Resolved > 0)
        {
            movements = movements.Add(new CaseMovement(MovementKind.Resolved, @event.OccurredAt));
        }

        var ends = statistics.TermEnds;
        while (ends.Count < after.Deadlines.Count)
        {
            ends = ends.Add(null);
        }

        for (var i = 0; i < before.Deadlines.Count; i++)
        {
            var old = before.Deadlines[i];
            if (ends[i] is not null || old.Obligation != TermObligation.Court || old.Type != TermRuleType.Deadline
                || old.Status is not (DeadlineStatus.Running or DeadlineStatus.Breached)
                || !TermRuleBook.Default.TryGet(old.SourceRowId, out var row)
                || !row!.EndsOn.Contains(@event.EventType, StringComparer.Ordinal))
            {
                continue;
            }

            if (after.Deadlines[i].Status is DeadlineStatus.Met or DeadlineStatus.Breached)
            {
                ends = ends.SetItem(i, @event.OccurredAt);
            }
        }

        var daily = statistics.Daily;
        if (!flows.IsZero)
        {
            var day = TermCalculator.Default.LocalDate(@event.OccurredAt);
            daily = daily.Count > 0 && daily[^1].Day == day
                ? daily.SetItem(daily.Count - 1, new DailyFlow(day, daily[^1].Counts + flows))
                : daily.Add(new DailyFlow(day, flows));
        }

        return new CaseStatistics { Core = after, Movements = movements, TermEnds = ends, Totals = statistics.Totals + flows, Daily = daily };
    }

    /// <summary>Drops what statistics never need and must not hold: participants, materials, motions, hearings, the ERDR number.</summary>
    public static CaseState Strip(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state with
        {
            Participants = ImmutableSortedDictionary<Guid, Participant>.Empty,
            Materials = ImmutableSortedDictionary<Guid, MaterialRecord>.Empty,
            Motions = ImmutableSortedDictionary<Guid, MotionRecord>.Empty,
            Hearings = ImmutableSortedDictionary<Guid, HearingRecord>.Empty,
            EventTypes = [],
            ErdrNumber = null,
        };
    }

    public bool IsPending => CaseFlows.IsPending(Core.Status);

    public bool IsSuspended => Core.IsSuspended;

    /// <summary>The court the case was received in (a transferred case stays counted where it was received).</summary>
    public string CourtId => Core.CourtId;

    public string Region => CourtRegistry.Find(Core.CourtId)?.Region ?? "";

    public DateOnly? ReceivedOn => Core.ReceivedAt is { } at ? TermCalculator.Default.LocalDate(at) : null;

    /// <summary>The court terms (deadlines the court must meet) of the case, with their end and net duration.</summary>
    public IReadOnlyList<TermFact> CourtTerms(DateTimeOffset? asOf = null)
    {
        var calculator = TermCalculator.Default;
        var result = new List<TermFact>();
        for (var i = 0; i < Core.Deadlines.Count; i++)
        {
            var d = Core.Deadlines[i];
            if (d.Obligation != TermObligation.Court || d.Type != TermRuleType.Deadline || !TermRuleBook.Default.TryGet(d.SourceRowId, out var row))
            {
                continue;
            }

            var startDay = calculator.LocalDate(d.StartsAt);
            var statutoryDueOn = calculator.DueDate(row!, d.StartsAt);
            var statutoryDays = statutoryDueOn.DayNumber - startDay.DayNumber;
            var ended = i < TermEnds.Count ? TermEnds[i] : null;
            var until = ended ?? (d.IsRunning ? asOf : null);
            int? net = until is { } end ? NetDays(row!, startDay, calculator.LocalDate(end)) : null;
            bool? within = ended is null
                ? null
                : row!.Unit == TermUnit.WorkingDays ? d.Status == DeadlineStatus.Met : net <= statutoryDays;
            result.Add(new TermFact(d.SourceRowId, d.Kind, d.StartsAt, statutoryDueOn, statutoryDays, d.DueOn, d.DueAt,
                d.ExcludesSuspension, d.Status, ended, net, within));
        }

        return result;
    }

    /// <summary>
    /// The earliest court term of a pending case that is past due or will be once its due moment passes (null when none):
    /// a term not yet ended and not cancelled. A term that excludes suspended time is frozen while the case is
    /// suspended (unless it was already past due when the suspension began), as the decider counts it.
    /// </summary>
    public Deadline? OverdueCandidate()
    {
        if (!IsPending)
        {
            return null;
        }

        var suspendedSince = Core.CurrentSuspension?.From;
        Deadline? earliest = null;
        for (var i = 0; i < Core.Deadlines.Count; i++)
        {
            var d = Core.Deadlines[i];
            if (d.Obligation != TermObligation.Court || d.Type != TermRuleType.Deadline
                || d.Status is not (DeadlineStatus.Running or DeadlineStatus.Breached)
                || (i < TermEnds.Count && TermEnds[i] is not null))
            {
                continue;
            }

            if (d.ExcludesSuspension && suspendedSince is { } since && since < d.DueAt)
            {
                continue;
            }

            if (earliest is null || d.DueAt < earliest.DueAt)
            {
                earliest = d;
            }
        }

        return earliest;
    }

    /// <summary>Days past the due day at <paramref name="now"/> (0 on the due day itself and before it).</summary>
    public static int DaysOverdue(Deadline deadline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return Math.Max(0, TermCalculator.Default.LocalDate(now).DayNumber - deadline.DueOn.DayNumber);
    }

    private int NetDays(TermRule row, DateOnly start, DateOnly end)
    {
        var calculator = TermCalculator.Default;
        IEnumerable<(DateOnly From, DateOnly To)> suspended = row.ExcludesSuspension
            ? Core.Suspensions.Select(s => (calculator.LocalDate(s.From), calculator.LocalDate(s.To ?? calculator.EndOf(end))))
            : [];
        return TermCalculator.NetDays(start, end, suspended);
    }
}
