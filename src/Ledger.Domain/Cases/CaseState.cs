using System.Collections.Immutable;
using Ledger.Domain.Terms;

namespace Ledger.Domain.Cases;

/// <summary>
/// A procedural term running in a case. <see cref="DueOn"/> is the last civil day of the term;
/// <see cref="DueAt"/> is the first moment after it (an exclusive bound). For a minimum-type row the
/// act may not happen before <see cref="DueAt"/>.
/// </summary>
public sealed record Deadline(
    string Kind,
    string SourceRowId,
    Guid? SubjectId,
    TermRuleType Type,
    TermObligation Obligation,
    DateTimeOffset StartsAt,
    DateOnly DueOn,
    DateTimeOffset DueAt,
    bool ExcludesSuspension,
    DeadlineStatus Status,
    DateTimeOffset? ClosedAt)
{
    public bool IsRunning => Status == DeadlineStatus.Running;

    /// <summary>Whether a running term has passed its due moment at <paramref name="now"/>.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => IsRunning && now >= DueAt;
}

public sealed record SuspensionPeriod(SuspensionGround Ground, DateTimeOffset From, DateTimeOffset? To);

public sealed record MaterialRecord(Guid MaterialId, string Sha256Hex, Guid FiledBy, DateTimeOffset AttachedAt);

public sealed record MotionRecord(Guid MotionId, Guid FiledBy, string Kind, MotionStatus Status, MotionOutcome? Outcome, DateTimeOffset FiledAt);

public sealed record HearingRecord(Guid HearingId, DateTimeOffset StartsAt, HearingFormat Format, HearingStatus Status, IReadOnlyList<string> RecordingHashes);

public sealed record ActRecord(Guid ActId, ActKind Kind, Guid JudgeId, string DocumentHash, string? AmendedDocumentHash, ActStatus Status, DateTimeOffset IssuedAt, DateTimeOffset? InForceAt);

/// <summary>An intake suggestion for a filing and, once a clerk has reviewed it, the clerk's decision.</summary>
public sealed record IntakeRecord(
    Guid AssessmentId,
    string FilingSha256Hex,
    string ModelVersion,
    IntakeStatus Status,
    IntakeSuggestion Suggested,
    IntakeSuggestion? Final,
    Guid? ClerkId,
    DateTimeOffset AssessedAt,
    DateTimeOffset? ReviewedAt);

public sealed record AppealRecord(Guid AppealId, Guid ActId, Guid FiledBy, AppealStatus Status, AppealOutcome? Outcome, DateTimeOffset FiledAt);

/// <summary>
/// The state of one case, folded from its events by <see cref="CaseDecider.Evolve"/>. <see cref="Status"/>
/// says where the case stands; the collections hold what the rules need. Version counts the events.
/// </summary>
public sealed record CaseState
{
    public static CaseState Empty { get; } = new();

    public Guid CaseId { get; init; }

    public long Version { get; init; }

    public CaseStatus Status { get; init; } = CaseStatus.None;

    /// <summary>Where the case was when it was suspended (restored on resumption).</summary>
    public CaseStatus StatusBeforeSuspension { get; init; } = CaseStatus.None;

    public CaseKind Kind { get; init; }

    public CaseCategory Category { get; init; }

    public string CourtId { get; init; } = "";

    public string CaseNumber { get; init; } = "";

    public string? ErdrNumber { get; init; }

    public Guid? JudgeId { get; init; }

    public DateTimeOffset? ReceivedAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public DateTimeOffset? PreparationCompletedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public ClosureReason? ClosureReason { get; init; }

    public string? TransferredTo { get; init; }

    public ImmutableList<SuspensionPeriod> Suspensions { get; init; } = [];

    public ImmutableSortedDictionary<Guid, Participant> Participants { get; init; } = ImmutableSortedDictionary<Guid, Participant>.Empty;

    public ImmutableSortedDictionary<Guid, MaterialRecord> Materials { get; init; } = ImmutableSortedDictionary<Guid, MaterialRecord>.Empty;

    public ImmutableSortedDictionary<Guid, MotionRecord> Motions { get; init; } = ImmutableSortedDictionary<Guid, MotionRecord>.Empty;

    public ImmutableSortedDictionary<Guid, HearingRecord> Hearings { get; init; } = ImmutableSortedDictionary<Guid, HearingRecord>.Empty;

    public ImmutableSortedDictionary<Guid, ActRecord> Acts { get; init; } = ImmutableSortedDictionary<Guid, ActRecord>.Empty;

    /// <summary>The act currently in effect (issued or in force, not set aside), if any.</summary>
    public Guid? CurrentActId { get; init; }

    public ImmutableSortedDictionary<Guid, AppealRecord> Appeals { get; init; } = ImmutableSortedDictionary<Guid, AppealRecord>.Empty;

    public ImmutableList<Deadline> Deadlines { get; init; } = [];

    /// <summary>Intake suggestions and their reviews, by assessment id. They never change the case's kind, category or court.</summary>
    public ImmutableSortedDictionary<Guid, IntakeRecord> Intake { get; init; } = ImmutableSortedDictionary<Guid, IntakeRecord>.Empty;

    /// <summary>Closed categories recorded for the case: its acts are never published.</summary>
    public ImmutableSortedSet<ClosedCategory> ClosedCategories { get; init; } = [];

    public bool IsClosedCategory => !ClosedCategories.IsEmpty;

    /// <summary>Event type of each version (index = version − 1).</summary>
    public ImmutableList<string> EventTypes { get; init; } = [];

    public ImmutableSortedSet<long> ErasedVersions { get; init; } = [];

    public ImmutableSortedSet<Guid> Erasures { get; init; } = [];

    public bool Exists => Version > 0;

    public bool IsSuspended => Status == CaseStatus.Suspended;

    public bool IsTerminal => CaseNames.IsTerminal(Status);

    public SuspensionPeriod? CurrentSuspension => IsSuspended && Suspensions.Count > 0 ? Suspensions[^1] : null;

    public ActRecord? CurrentAct => CurrentActId is { } id && Acts.TryGetValue(id, out var act) ? act : null;

    public int HearingsHeld => Hearings.Values.Count(h => h.Status == HearingStatus.Held);
}
