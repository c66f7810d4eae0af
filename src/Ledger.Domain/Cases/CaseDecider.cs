using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Ledger.Domain.Terms;

namespace Ledger.Domain.Cases;

/// <summary>
/// The court-case decider: <see cref="Decide"/> checks a command against the case state and returns
/// the events it causes (an idempotent repeat returns none) or throws <see cref="CaseRuleViolation"/>;
/// <see cref="Evolve"/> folds an event into the state, including the procedural terms from the
/// rules table. Both are pure.
/// </summary>
public static partial class CaseDecider
{
    private static TermRuleBook Rules => TermRuleBook.Default;

    private static TermCalculator Calculator => TermCalculator.Default;

    /// <summary>Replays events from the empty state.</summary>
    public static CaseState Fold(IEnumerable<CaseEvent> events) => events.Aggregate(CaseState.Empty, Evolve);

    public static CaseEvent[] Decide(CaseCommand command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Exists && command.CaseId != state.CaseId)
        {
            throw CaseRules.CaseIdMismatch();
        }

        return command switch
        {
            ReceiveCriminalCase c => Receive(c, state),
            FileClaim c => File(c, state),
            AcceptCase c => Accept(c, state),
            ReturnCase c => Return(c, state),
            AdmitParticipants c => Admit(c, state),
            AttachMaterial c => Attach(c, state),
            FileMotion c => FileMotion(c, state),
            DecideMotion c => DecideMotion(c, state),
            CompletePreparation c => CompletePreparation(c, state),
            ScheduleHearing c => Schedule(c, state),
            HoldHearing c => Hold(c, state),
            PostponeHearing c => Postpone(c, state),
            SuspendProceedings c => Suspend(c, state),
            ResumeProceedings c => Resume(c, state),
            IssueJudgment c => Issue(c, state),
            EnterJudgmentIntoForce c => EnterIntoForce(c, state),
            FileAppeal c => FileAppeal(c, state),
            DecideAppeal c => DecideAppeal(c, state),
            SetAsideJudgment c => SetAside(c, state),
            CloseCase c => Close(c, state),
            TransferCase c => Transfer(c, state),
            OrderErasure c => Erase(c, state),
            RecordIntakeAssessment c => RecordIntake(c, state),
            ReviewIntake c => ReviewIntake(c, state),
            MarkClosedCategory c => MarkClosed(c, state),
            _ => throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command)),
        };
    }

    // ---------------------------------------------------------------- decide

    private static CaseEvent[] Receive(ReceiveCriminalCase c, CaseState s)
    {
        if (s.Exists)
        {
            return s.Kind == CaseKind.Criminal && s.CaseNumber == c.CaseNumber && s.ErdrNumber == c.ErdrNumber
                ? []
                : throw CaseRules.CaseAlreadyExists();
        }

        RequireCourt(c.CourtId);
        RequireCaseNumber(c.CaseNumber, CaseKind.Criminal, c.Now);
        if (c.ErdrNumber is null || !ErdrPattern().IsMatch(c.ErdrNumber))
        {
            throw CaseRules.ErdrInvalid();
        }

        RequireMaterials(c.Materials);
        var closed = ClosedCategoriesOf(c.ClosedCategories);
        return [new CriminalCaseReceived(c.CaseId, c.CourtId, c.CaseNumber, c.ErdrNumber, c.ProsecutorOffice ?? "", [.. c.Materials], c.Now, closed)];
    }

    private static CaseEvent[] File(FileClaim c, CaseState s)
    {
        if (s.Exists)
        {
            return s.Kind == c.Kind && s.CaseNumber == c.CaseNumber && s.ErdrNumber is null
                ? []
                : throw CaseRules.CaseAlreadyExists();
        }

        if (c.Kind == CaseKind.Criminal
            || (c.Kind == CaseKind.Administrative && c.Category is not (CaseCategory.General or CaseCategory.Simplified)))
        {
            throw CaseRules.CaseKindMismatch();
        }

        RequireCourt(c.CourtId);
        RequireCaseNumber(c.CaseNumber, c.Kind, c.Now);
        if (string.IsNullOrWhiteSpace(c.Subject))
        {
            throw CaseRules.SubjectRequired();
        }

        if (c.Claimant is null || !c.Claimant.IsValid || c.Claimant.Role != ParticipantRole.Plaintiff)
        {
            throw CaseRules.ParticipantInvalid();
        }

        RequireMaterials(c.Materials);
        var closed = ClosedCategoriesOf(c.ClosedCategories);
        return [new ClaimFiled(c.CaseId, c.Kind, c.Category, c.CourtId, c.CaseNumber, c.Subject, c.Claimant, [.. c.Materials], c.Now, closed)];
    }

    private static CaseEvent[] MarkClosed(MarkClosedCategory c, CaseState s)
    {
        RequireExisting(s);
        RequireClosedCategory(c.Category);
        if (s.ClosedCategories.Contains(c.Category))
        {
            return [];
        }

        RequireNotTerminal(s);
        return [new ClosedCategoryMarked(c.CaseId, c.Category, c.Now)];
    }

    /// <summary>The closed categories named on receipt, distinct and in order; null (no JSON member) when none.</summary>
    private static ClosedCategory[]? ClosedCategoriesOf(IReadOnlyList<ClosedCategory>? categories)
    {
        if (categories is null || categories.Count == 0)
        {
            return null;
        }

        foreach (var category in categories)
        {
            RequireClosedCategory(category);
        }

        return [.. categories.Distinct().Order()];
    }

    private static void RequireClosedCategory(ClosedCategory category)
    {
        if (!Enum.IsDefined(category))
        {
            throw CaseRules.ClosedCategoryUnknown();
        }
    }

    private static CaseEvent[] Accept(AcceptCase c, CaseState s)
    {
        RequireExisting(s);
        if (s.AcceptedAt is not null && c.Judge is not null && s.JudgeId == c.Judge.ParticipantId)
        {
            return [];
        }

        RequireNotTerminal(s);
        if (s.AcceptedAt is not null)
        {
            throw CaseRules.AlreadyAccepted();
        }

        if (c.Judge is null || !c.Judge.IsValid)
        {
            throw CaseRules.ParticipantInvalid();
        }

        if (c.Judge.Role != ParticipantRole.Judge)
        {
            throw CaseRules.JudgeRequired();
        }

        if (s.Participants.TryGetValue(c.Judge.ParticipantId, out var existing) && existing.Role != ParticipantRole.Judge)
        {
            throw CaseRules.ParticipantRoleConflict();
        }

        return [new CaseAccepted(c.CaseId, c.Judge, c.Now)];
    }

    private static CaseEvent[] Return(ReturnCase c, CaseState s)
    {
        RequireExisting(s);
        if (s.Status == CaseStatus.Returned)
        {
            return [];
        }

        RequireNotTerminal(s);
        if (s.AcceptedAt is not null)
        {
            throw CaseRules.AlreadyAccepted();
        }

        RequireText(c.Reason);
        RequireOptionalDocument(c.Ruling);
        return [new CaseReturned(c.CaseId, c.JudgeId, c.Reason, c.Ruling, c.Now)];
    }

    private static CaseEvent[] Admit(AdmitParticipants c, CaseState s)
    {
        RequireExisting(s);
        RequireNotTerminal(s);
        if (c.Participants is null || c.Participants.Count == 0 || c.Participants.Any(p => p is null || !p.IsValid))
        {
            throw CaseRules.ParticipantInvalid();
        }

        if (c.Participants.Any(p => p.Role == ParticipantRole.Judge))
        {
            throw CaseRules.JudgeByAcceptance();
        }

        var fresh = new List<Participant>();
        foreach (var p in c.Participants)
        {
            var known = s.Participants.GetValueOrDefault(p.ParticipantId) ?? fresh.Find(f => f.ParticipantId == p.ParticipantId);
            if (known is not null)
            {
                if (known.Role != p.Role)
                {
                    throw CaseRules.ParticipantRoleConflict();
                }

                continue;
            }

            fresh.Add(p);
        }

        return fresh.Count == 0 ? [] : [new ParticipantsAdmitted(c.CaseId, fresh, c.Now)];
    }

    private static CaseEvent[] Attach(AttachMaterial c, CaseState s)
    {
        RequireExisting(s);
        if (s.Materials.TryGetValue(c.MaterialId, out var material))
        {
            return c.Document is not null && material.Sha256Hex == c.Document.Sha256Hex ? [] : throw CaseRules.MaterialIdReused();
        }

        RequireNotTerminal(s);
        RequireDocument(c.Document);
        RequireParticipant(s, c.FiledBy);
        return [new MaterialAttached(c.CaseId, c.MaterialId, c.Document, c.FiledBy, c.Now)];
    }

    private static CaseEvent[] FileMotion(FileMotion c, CaseState s)
    {
        RequireExisting(s);
        if (s.Motions.ContainsKey(c.MotionId))
        {
            return [];
        }

        RequireNotTerminal(s);
        RequireAccepted(s);
        if (string.IsNullOrWhiteSpace(c.Kind))
        {
            throw CaseRules.MotionKindRequired();
        }

        RequireDocument(c.Document);
        var by = RequireParticipant(s, c.FiledBy);
        if (!CaseNames.IsParty(by.Role))
        {
            throw CaseRules.MotionNotAParty();
        }

        return [new MotionFiled(c.CaseId, c.MotionId, c.FiledBy, by.Role, c.Kind, c.Document, c.Now)];
    }

    private static CaseEvent[] DecideMotion(DecideMotion c, CaseState s)
    {
        RequireExisting(s);
        if (!s.Motions.TryGetValue(c.MotionId, out var motion))
        {
            throw CaseRules.MotionUnknown();
        }

        if (motion.Status == MotionStatus.Decided)
        {
            return motion.Outcome == c.Outcome ? [] : throw CaseRules.MotionAlreadyDecided();
        }

        RequireNotTerminal(s);
        RequireJudge(s, c.JudgeId);
        RequireOptionalDocument(c.Ruling);
        return [new MotionDecided(c.CaseId, c.MotionId, c.Outcome, c.JudgeId, c.Ruling, c.Now)];
    }

    private static CaseEvent[] CompletePreparation(CompletePreparation c, CaseState s)
    {
        RequireExisting(s);
        if (s.PreparationCompletedAt is not null)
        {
            return [];
        }

        RequireNotTerminal(s);
        RequireAccepted(s);
        RequireNotSuspended(s);
        if (s.Status != CaseStatus.Accepted)
        {
            throw CaseRules.JudgmentAlreadyIssued();
        }

        RequireJudge(s, c.JudgeId);
        return [new PreparationCompleted(c.CaseId, c.JudgeId, c.Now)];
    }

    private static CaseEvent[] Schedule(ScheduleHearing c, CaseState s)
    {
        RequireExisting(s);
        if (s.Hearings.TryGetValue(c.HearingId, out var hearing))
        {
            return hearing.StartsAt == c.StartsAt ? [] : throw CaseRules.HearingIdReused();
        }

        RequireNotTerminal(s);
        RequireAccepted(s);
        RequireNotSuspended(s);
        if (s.Status is not (CaseStatus.Accepted or CaseStatus.ReadyForTrial))
        {
            throw CaseRules.HearingStage();
        }

        if (c.StartsAt <= c.Now)
        {
            throw CaseRules.HearingInPast();
        }

        if (c.Format == HearingFormat.Video
            && !(Uri.TryCreate(c.VideoRoomUrl, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps))
        {
            throw CaseRules.VideoLinkRequired();
        }

        foreach (var id in c.ParticipantIds ?? [])
        {
            RequireParticipant(s, id);
        }

        foreach (var minimum in Rules.Rows.Where(r => r.Type == TermRuleType.Minimum
                     && r.StartsOn == CaseEventTypes.NameOf<HearingScheduled>()
                     && r.AppliesTo(CaseNames.Of(s.Kind), CaseNames.Of(s.Category), null)))
        {
            var earliest = Calculator.DueDate(minimum, c.Now);
            if (Calculator.LocalDate(c.StartsAt) < earliest)
            {
                throw CaseRules.HearingTooSoon(earliest);
            }
        }

        return [new HearingScheduled(c.CaseId, c.HearingId, c.StartsAt, c.Format, c.Courtroom ?? "", c.VideoRoomUrl, [.. c.ParticipantIds ?? []], c.Now)];
    }

    private static CaseEvent[] Hold(HoldHearing c, CaseState s)
    {
        RequireExisting(s);
        if (!s.Hearings.TryGetValue(c.HearingId, out var hearing))
        {
            throw CaseRules.HearingUnknown();
        }

        switch (hearing.Status)
        {
            case HearingStatus.Held:
                return [];
            case HearingStatus.Postponed:
                throw CaseRules.HearingPostponed();
        }

        RequireNotTerminal(s);
        RequireNotSuspended(s);
        if (c.Now < hearing.StartsAt)
        {
            throw CaseRules.HearingNotStarted();
        }

        if (c.Recordings is null || c.Recordings.Count == 0)
        {
            throw CaseRules.RecordingRequired();
        }

        foreach (var recording in c.Recordings)
        {
            RequireDocument(recording);
        }

        return [new HearingHeld(c.CaseId, c.HearingId, [.. c.Recordings], c.Now)];
    }

    private static CaseEvent[] Postpone(PostponeHearing c, CaseState s)
    {
        RequireExisting(s);
        if (!s.Hearings.TryGetValue(c.HearingId, out var hearing))
        {
            throw CaseRules.HearingUnknown();
        }

        switch (hearing.Status)
        {
            case HearingStatus.Postponed:
                return [];
            case HearingStatus.Held:
                throw CaseRules.HearingAlreadyHeld();
        }

        RequireNotTerminal(s);
        RequireText(c.Reason);
        return [new HearingPostponed(c.CaseId, c.HearingId, c.Reason, c.Now)];
    }

    private static CaseEvent[] Suspend(SuspendProceedings c, CaseState s)
    {
        RequireExisting(s);
        if (s.CurrentSuspension is { } current)
        {
            return current.Ground == c.Ground ? [] : throw CaseRules.Suspended();
        }

        RequireNotTerminal(s);
        RequireAccepted(s);
        if (s.Status is not (CaseStatus.Accepted or CaseStatus.ReadyForTrial))
        {
            throw CaseRules.JudgmentAlreadyIssued();
        }

        RequireJudge(s, c.JudgeId);
        var row = Rules.Ground(c.Ground.ToString());
        if (row is null || row.CaseKind != CaseNames.Of(s.Kind))
        {
            throw CaseRules.SuspensionGroundNotAllowed();
        }

        RequireOptionalDocument(c.Ruling);
        return [new ProceedingsSuspended(c.CaseId, c.JudgeId, c.Ground, c.Note, c.Ruling, c.Now)];
    }

    private static CaseEvent[] Resume(ResumeProceedings c, CaseState s)
    {
        RequireExisting(s);
        RequireNotTerminal(s);
        if (!s.IsSuspended)
        {
            return s.Suspensions.Count > 0 ? [] : throw CaseRules.NotSuspended();
        }

        RequireJudge(s, c.JudgeId);
        return [new ProceedingsResumed(c.CaseId, c.JudgeId, c.Note, c.Now)];
    }

    private static CaseEvent[] Issue(IssueJudgment c, CaseState s)
    {
        RequireExisting(s);
        if (s.Acts.ContainsKey(c.ActId))
        {
            return [];
        }

        RequireNotTerminal(s);
        RequireAccepted(s);
        RequireNotSuspended(s);
        if (s.CurrentActId is not null)
        {
            throw CaseRules.JudgmentAlreadyIssued();
        }

        RequireJudge(s, c.JudgeId);
        var kindFits = c.Kind switch
        {
            ActKind.Verdict => s.Kind == CaseKind.Criminal,
            ActKind.Decision => s.Kind != CaseKind.Criminal,
            _ => true,
        };
        if (!kindFits)
        {
            throw CaseRules.JudgmentKindMismatch();
        }

        RequireDocument(c.Document);
        if (s.Category != CaseCategory.Simplified)
        {
            if (s.Kind == CaseKind.Civil && s.PreparationCompletedAt is null)
            {
                throw CaseRules.PreparationIncomplete();
            }

            if (s.HearingsHeld == 0)
            {
                throw CaseRules.JudgmentNoHearing();
            }
        }

        return [new JudgmentIssued(c.CaseId, c.ActId, c.Kind, c.JudgeId, c.Document, c.Outcome, c.Now)];
    }

    private static CaseEvent[] EnterIntoForce(EnterJudgmentIntoForce c, CaseState s)
    {
        RequireExisting(s);
        var act = RequireAct(s, c.ActId);
        if (act.Status == ActStatus.InForce)
        {
            return [];
        }

        RequireNotTerminal(s);
        if (act.Status == ActStatus.SetAside)
        {
            throw CaseRules.ActSetAside();
        }

        if (s.Appeals.Values.Any(a => a.ActId == c.ActId && a.Status == AppealStatus.Pending))
        {
            throw CaseRules.AppealPending();
        }

        var window = AppealWindow(s, c.ActId);
        if (window is { IsRunning: true } && c.Now < window.DueAt)
        {
            throw CaseRules.AppealTermRunning(window.DueOn);
        }

        return [new JudgmentEnteredIntoForce(c.CaseId, c.ActId, c.Now)];
    }

    private static CaseEvent[] FileAppeal(FileAppeal c, CaseState s)
    {
        RequireExisting(s);
        if (s.Appeals.ContainsKey(c.AppealId))
        {
            return [];
        }

        RequireNotTerminal(s);
        if (s.Acts.IsEmpty)
        {
            throw CaseRules.AppealNoJudgment();
        }

        var act = RequireAct(s, c.ActId);
        switch (act.Status)
        {
            case ActStatus.SetAside:
                throw CaseRules.ActSetAside();
            case ActStatus.InForce:
                throw CaseRules.InForce();
        }

        var by = RequireParticipant(s, c.FiledBy);
        if (!CaseNames.IsParty(by.Role))
        {
            throw CaseRules.AppealNotAParty();
        }

        RequireDocument(c.Document);
        var late = false;
        var window = AppealWindow(s, c.ActId);
        if (window is not null && c.Now >= window.DueAt)
        {
            if (c.ReinstatementMotionId is null)
            {
                throw CaseRules.AppealTermExpired(window.DueOn);
            }

            if (!s.Motions.TryGetValue(c.ReinstatementMotionId.Value, out var motion)
                || motion.Outcome is not (MotionOutcome.Granted or MotionOutcome.PartiallyGranted))
            {
                throw CaseRules.ReinstatementNotGranted();
            }

            late = true;
        }

        return [new AppealFiled(c.CaseId, c.AppealId, c.ActId, c.FiledBy, by.Role, c.Document, late, c.Now)];
    }

    private static CaseEvent[] DecideAppeal(DecideAppeal c, CaseState s)
    {
        RequireExisting(s);
        if (!s.Appeals.TryGetValue(c.AppealId, out var appeal))
        {
            throw CaseRules.AppealUnknown();
        }

        switch (appeal.Status)
        {
            case AppealStatus.Decided:
                return appeal.Outcome == c.Outcome ? [] : throw CaseRules.AppealAlreadyDecided();
            case AppealStatus.Moot:
                throw CaseRules.AppealMoot();
        }

        RequireNotTerminal(s);
        if (CourtRegistry.Find(c.AppellateCourtId) is not { Level: CourtLevel.Regional })
        {
            throw CaseRules.CourtUnknown();
        }

        RequireDocument(c.Decision);
        if (c.Outcome == AppealOutcome.Amended)
        {
            if (c.AmendedAct is null)
            {
                throw CaseRules.AmendedActRequired();
            }

            RequireDocument(c.AmendedAct);
        }

        var decided = new AppealDecided(c.CaseId, c.AppealId, appeal.ActId, c.Outcome, c.AppellateCourtId, c.Decision, c.Now);
        var othersPending = s.Appeals.Values.Any(a => a.AppealId != c.AppealId && a.ActId == appeal.ActId && a.Status == AppealStatus.Pending);
        return c.Outcome switch
        {
            AppealOutcome.SetAside => [decided, new JudgmentSetAside(c.CaseId, appeal.ActId, c.AppealId, "appeal", c.Decision, c.Now)],
            AppealOutcome.Amended when othersPending => [decided, new JudgmentAmended(c.CaseId, appeal.ActId, c.AppealId, c.AmendedAct!, c.Now)],
            AppealOutcome.Amended => [
                decided,
                new JudgmentAmended(c.CaseId, appeal.ActId, c.AppealId, c.AmendedAct!, c.Now),
                new JudgmentEnteredIntoForce(c.CaseId, appeal.ActId, c.Now),
            ],
            _ when othersPending => [decided],
            _ => [decided, new JudgmentEnteredIntoForce(c.CaseId, appeal.ActId, c.Now)],
        };
    }

    private static CaseEvent[] SetAside(SetAsideJudgment c, CaseState s)
    {
        RequireExisting(s);
        var act = RequireAct(s, c.ActId);
        if (act.Status == ActStatus.SetAside)
        {
            return [];
        }

        RequireNotTerminal(s);
        RequireText(c.Ground);
        RequireDocument(c.Document);
        return [new JudgmentSetAside(c.CaseId, c.ActId, null, c.Ground, c.Document, c.Now)];
    }

    private static CaseEvent[] Close(CloseCase c, CaseState s)
    {
        RequireExisting(s);
        if (s.Status == CaseStatus.Closed && s.ClosureReason == c.Reason)
        {
            return [];
        }

        RequireNotTerminal(s);
        RequireAccepted(s);
        if (c.Reason == ClosureReason.Archived)
        {
            if (s.CurrentAct is not { Status: ActStatus.InForce })
            {
                throw CaseRules.NotInForce();
            }
        }
        else if (s.CurrentActId is not null)
        {
            throw CaseRules.JudgmentAlreadyIssued();
        }

        RequireOptionalDocument(c.Ruling);
        return [new CaseClosed(c.CaseId, c.Reason, c.Ruling, c.Now)];
    }

    private static CaseEvent[] Transfer(TransferCase c, CaseState s)
    {
        RequireExisting(s);
        if (s.Status == CaseStatus.Transferred && s.TransferredTo == c.ToCourtId)
        {
            return [];
        }

        RequireNotTerminal(s);
        if (CourtRegistry.Find(c.ToCourtId) is not { Level: CourtLevel.District })
        {
            throw CaseRules.CourtUnknown();
        }

        if (c.ToCourtId == s.CourtId)
        {
            throw CaseRules.CourtSame();
        }

        if (s.CurrentActId is not null)
        {
            throw CaseRules.JudgmentAlreadyIssued();
        }

        RequireText(c.Reason);
        return [new CaseTransferred(c.CaseId, c.ToCourtId, c.Reason, c.Now)];
    }

    private static CaseEvent[] Erase(OrderErasure c, CaseState s)
    {
        RequireExisting(s);
        if (s.Erasures.Contains(c.ErasureId))
        {
            return [];
        }

        if (c.EventVersions is null || c.EventVersions.Count == 0)
        {
            throw CaseRules.ErasureVersionsRequired();
        }

        foreach (var version in c.EventVersions)
        {
            if (version < 1 || version > s.Version)
            {
                throw CaseRules.ErasureUnknownVersion(version);
            }

            if (s.EventTypes[(int)(version - 1)] == CaseEventTypes.NameOf<ErasureOrdered>())
            {
                throw CaseRules.ErasureOfErasure();
            }
        }

        if (c.Reason == ErasureReason.RetentionExpired && !s.IsTerminal)
        {
            throw CaseRules.ErasureCaseActive();
        }

        var versions = c.EventVersions.Distinct().Where(v => !s.ErasedVersions.Contains(v)).Order().ToArray();
        return versions.Length == 0 ? [] : [new ErasureOrdered(c.CaseId, c.ErasureId, c.Reason, c.OrderReference, versions, c.Now)];
    }

    private static CaseEvent[] RecordIntake(RecordIntakeAssessment c, CaseState s)
    {
        RequireExisting(s);
        if (s.Intake.TryGetValue(c.AssessmentId, out var known))
        {
            return c.Filing is not null && known.FilingSha256Hex == c.Filing.Sha256Hex ? [] : throw CaseRules.IntakeIdReused();
        }

        RequireNotTerminal(s);
        RequireNotAccepted(s);
        RequireDocument(c.Filing);
        RequireSuggestion(c.Suggestion);
        if (string.IsNullOrWhiteSpace(c.ModelVersion))
        {
            throw CaseRules.IntakeModelVersionRequired();
        }

        return [new IntakeAssessed(c.CaseId, c.AssessmentId, c.Filing, c.Suggestion, c.ModelVersion, [.. c.Reasons ?? []], c.Now)];
    }

    private static CaseEvent[] ReviewIntake(ReviewIntake c, CaseState s)
    {
        RequireExisting(s);
        if (!s.Intake.TryGetValue(c.AssessmentId, out var record))
        {
            throw CaseRules.IntakeUnknown();
        }

        if (record.Status != IntakeStatus.Pending)
        {
            return record.ClerkId == c.ClerkId && record.Final!.SameAs(c.Final) ? [] : throw CaseRules.IntakeAlreadyReviewed();
        }

        RequireNotTerminal(s);
        RequireNotAccepted(s);
        if (c.ClerkId == Guid.Empty)
        {
            throw CaseRules.IntakeClerkRequired();
        }

        RequireSuggestion(c.Final);
        var outcome = record.Suggested.SameAs(c.Final) ? IntakeReviewOutcome.Confirmed : IntakeReviewOutcome.Overridden;
        if (outcome == IntakeReviewOutcome.Overridden)
        {
            RequireText(c.Note);
        }

        return [new IntakeReviewed(c.CaseId, c.AssessmentId, c.ClerkId, outcome, c.Final, c.Note, c.Now)];
    }

    // ---------------------------------------------------------------- guards

    private static void RequireExisting(CaseState s)
    {
        if (!s.Exists)
        {
            throw CaseRules.CaseUnknown();
        }
    }

    private static void RequireNotTerminal(CaseState s)
    {
        if (s.IsTerminal)
        {
            throw CaseRules.Closed();
        }
    }

    private static void RequireAccepted(CaseState s)
    {
        if (s.AcceptedAt is null)
        {
            throw CaseRules.NotAccepted();
        }
    }

    private static void RequireNotAccepted(CaseState s)
    {
        if (s.AcceptedAt is not null)
        {
            throw CaseRules.AlreadyAccepted();
        }
    }

    private static void RequireSuggestion(IntakeSuggestion? suggestion)
    {
        if (suggestion is null || !suggestion.IsValid)
        {
            throw CaseRules.IntakeSuggestionInvalid();
        }

        if (suggestion.SuggestedCourtId is not null && CourtRegistry.Find(suggestion.SuggestedCourtId) is not { Level: CourtLevel.District })
        {
            throw CaseRules.CourtUnknown();
        }
    }

    private static void RequireNotSuspended(CaseState s)
    {
        if (s.IsSuspended)
        {
            throw CaseRules.Suspended();
        }
    }

    private static void RequireJudge(CaseState s, Guid judgeId)
    {
        if (s.JudgeId is null || s.JudgeId != judgeId)
        {
            throw CaseRules.JudgeNotAssigned();
        }
    }

    private static Participant RequireParticipant(CaseState s, Guid id) =>
        s.Participants.TryGetValue(id, out var participant) ? participant : throw CaseRules.ParticipantUnknown();

    private static ActRecord RequireAct(CaseState s, Guid actId) =>
        s.Acts.TryGetValue(actId, out var act) ? act : throw CaseRules.ActUnknown();

    private static void RequireDocument(DocumentRef? document)
    {
        if (document is null || !document.IsValid)
        {
            throw CaseRules.DocumentInvalid();
        }
    }

    private static void RequireOptionalDocument(DocumentRef? document)
    {
        if (document is not null && !document.IsValid)
        {
            throw CaseRules.DocumentInvalid();
        }
    }

    private static void RequireMaterials(IReadOnlyList<DocumentRef>? materials)
    {
        if (materials is null || materials.Count == 0)
        {
            throw CaseRules.MaterialsRequired();
        }

        foreach (var material in materials)
        {
            RequireDocument(material);
        }
    }

    private static void RequireText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw CaseRules.ReasonRequired();
        }
    }

    private static void RequireCourt(string? courtId)
    {
        if (CourtRegistry.Find(courtId) is not { Level: CourtLevel.District })
        {
            throw CaseRules.CourtUnknown();
        }
    }

    private static void RequireCaseNumber(string? text, CaseKind kind, DateTimeOffset now)
    {
        var year = Calculator.LocalDate(now).Year;
        if (!Ledger.Domain.Cases.CaseNumber.TryParse(text, year, out var number) || number.Kind != kind || number.Year != year)
        {
            throw CaseRules.CaseNumberInvalid();
        }
    }

    private static Deadline? AppealWindow(CaseState s, Guid actId) =>
        s.Deadlines.LastOrDefault(d => d.SubjectId == actId && d.Type == TermRuleType.Window);

    [GeneratedRegex("^[0-9]{15}$", RegexOptions.CultureInvariant)]
    private static partial Regex ErdrPattern();

    // ---------------------------------------------------------------- evolve

    public static CaseState Evolve(CaseState state, CaseEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        var s = state with { Version = state.Version + 1, EventTypes = state.EventTypes.Add(@event.EventType) };
        s = Apply(s, @event);
        return UpdateDeadlines(s, @event);
    }

    private static CaseState Apply(CaseState s, CaseEvent @event) => @event switch
    {
        CriminalCaseReceived e => s with
        {
            CaseId = e.CaseId, Status = CaseStatus.Received, Kind = CaseKind.Criminal, Category = CaseCategory.General,
            CourtId = e.CourtId, CaseNumber = e.CaseNumber, ErdrNumber = e.ErdrNumber, ReceivedAt = e.ReceivedAt,
            ClosedCategories = s.ClosedCategories.Union(e.ClosedCategories ?? []),
        },
        ClaimFiled e => s with
        {
            CaseId = e.CaseId, Status = CaseStatus.Received, Kind = e.Kind, Category = e.Category,
            CourtId = e.CourtId, CaseNumber = e.CaseNumber, ReceivedAt = e.FiledAt,
            Participants = s.Participants.SetItem(e.Claimant.ParticipantId, e.Claimant),
            ClosedCategories = s.ClosedCategories.Union(e.ClosedCategories ?? []),
        },
        ClosedCategoryMarked e => s with { ClosedCategories = s.ClosedCategories.Add(e.Category) },
        CaseAccepted e => s with
        {
            Status = CaseStatus.Accepted, JudgeId = e.Judge.ParticipantId, AcceptedAt = e.AcceptedAt,
            Participants = s.Participants.SetItem(e.Judge.ParticipantId, e.Judge),
        },
        CaseReturned e => s with { Status = CaseStatus.Returned, ClosedAt = e.ReturnedAt },
        ParticipantsAdmitted e => s with
        {
            Participants = e.Participants.Aggregate(s.Participants, (map, p) => map.SetItem(p.ParticipantId, p)),
        },
        MaterialAttached e => s with
        {
            Materials = s.Materials.SetItem(e.MaterialId, new MaterialRecord(e.MaterialId, e.Document.Sha256Hex, e.FiledBy, e.AttachedAt)),
        },
        MotionFiled e => s with
        {
            Motions = s.Motions.SetItem(e.MotionId, new MotionRecord(e.MotionId, e.FiledBy, e.Kind, MotionStatus.Pending, null, e.FiledAt)),
        },
        MotionDecided e when s.Motions.TryGetValue(e.MotionId, out var m) => s with
        {
            Motions = s.Motions.SetItem(e.MotionId, m with { Status = MotionStatus.Decided, Outcome = e.Outcome }),
        },
        PreparationCompleted e => s with
        {
            PreparationCompletedAt = e.CompletedAt,
            Status = s.Status == CaseStatus.Accepted ? CaseStatus.ReadyForTrial : s.Status,
        },
        HearingScheduled e => s with
        {
            Hearings = s.Hearings.SetItem(e.HearingId, new HearingRecord(e.HearingId, e.StartsAt, e.Format, HearingStatus.Scheduled, [])),
        },
        HearingHeld e when s.Hearings.TryGetValue(e.HearingId, out var h) => s with
        {
            Hearings = s.Hearings.SetItem(e.HearingId, h with { Status = HearingStatus.Held, RecordingHashes = e.DocumentHashes }),
        },
        HearingPostponed e when s.Hearings.TryGetValue(e.HearingId, out var h) => s with
        {
            Hearings = s.Hearings.SetItem(e.HearingId, h with { Status = HearingStatus.Postponed }),
        },
        ProceedingsSuspended e => s with
        {
            StatusBeforeSuspension = s.Status,
            Status = CaseStatus.Suspended,
            Suspensions = s.Suspensions.Add(new SuspensionPeriod(e.Ground, e.SuspendedAt, null)),
        },
        ProceedingsResumed e when s.IsSuspended => s with
        {
            Status = s.StatusBeforeSuspension,
            StatusBeforeSuspension = CaseStatus.None,
            Suspensions = s.Suspensions.SetItem(s.Suspensions.Count - 1, s.Suspensions[^1] with { To = e.ResumedAt }),
        },
        JudgmentIssued e => s with
        {
            Acts = s.Acts.SetItem(e.ActId, new ActRecord(e.ActId, e.Kind, e.JudgeId, e.Document.Sha256Hex, null, ActStatus.Issued, e.IssuedAt, null)),
            CurrentActId = e.ActId,
            Status = CaseStatus.Decided,
        },
        JudgmentEnteredIntoForce e when s.Acts.TryGetValue(e.ActId, out var a) => s with
        {
            Acts = s.Acts.SetItem(e.ActId, a with { Status = ActStatus.InForce, InForceAt = e.EffectiveAt }),
            Status = s.CurrentActId == e.ActId && !s.IsTerminal ? CaseStatus.InForce : s.Status,
        },
        AppealFiled e => s with
        {
            Appeals = s.Appeals.SetItem(e.AppealId, new AppealRecord(e.AppealId, e.ActId, e.FiledBy, AppealStatus.Pending, null, e.FiledAt)),
            Status = CaseStatus.UnderAppeal,
        },
        AppealDecided e when s.Appeals.TryGetValue(e.AppealId, out var ap) => DecideAppealState(s, e, ap),
        JudgmentSetAside e when s.Acts.TryGetValue(e.ActId, out var a) => s with
        {
            Acts = s.Acts.SetItem(e.ActId, a with { Status = ActStatus.SetAside }),
            CurrentActId = s.CurrentActId == e.ActId ? null : s.CurrentActId,
            Appeals = s.Appeals.SetItems(s.Appeals.Values
                .Where(x => x.ActId == e.ActId && x.Status == AppealStatus.Pending)
                .Select(x => KeyValuePair.Create(x.AppealId, x with { Status = AppealStatus.Moot }))),
            Status = s.IsTerminal ? s.Status : s.PreparationCompletedAt is null ? CaseStatus.Accepted : CaseStatus.ReadyForTrial,
        },
        JudgmentAmended e when s.Acts.TryGetValue(e.ActId, out var a) => s with
        {
            Acts = s.Acts.SetItem(e.ActId, a with { AmendedDocumentHash = e.AmendedDocument.Sha256Hex }),
        },
        CaseClosed e => s with { Status = CaseStatus.Closed, ClosureReason = e.Reason, ClosedAt = e.ClosedAt },
        CaseTransferred e => s with { Status = CaseStatus.Transferred, TransferredTo = e.ToCourtId, ClosedAt = e.TransferredAt },
        IntakeAssessed e => s with
        {
            Intake = s.Intake.SetItem(e.AssessmentId, new IntakeRecord(
                e.AssessmentId, e.Filing.Sha256Hex, e.ModelVersion, IntakeStatus.Pending, e.Suggestion, null, null, e.AssessedAt, null)),
        },
        IntakeReviewed e when s.Intake.TryGetValue(e.AssessmentId, out var r) => s with
        {
            Intake = s.Intake.SetItem(e.AssessmentId, r with
            {
                Status = e.Outcome == IntakeReviewOutcome.Confirmed ? IntakeStatus.Confirmed : IntakeStatus.Overridden,
                Final = e.Final, ClerkId = e.ClerkId, ReviewedAt = e.ReviewedAt,
            }),
        },
        ErasureOrdered e => s with
        {
            ErasedVersions = s.ErasedVersions.Union(e.ErasedVersions),
            Erasures = s.Erasures.Add(e.ErasureId),
        },
        _ => s,
    };

    private static CaseState DecideAppealState(CaseState s, AppealDecided e, AppealRecord appeal)
    {
        var appeals = s.Appeals.SetItem(e.AppealId, appeal with { Status = AppealStatus.Decided, Outcome = e.Outcome });
        var pending = appeals.Values.Any(a => a.Status == AppealStatus.Pending);
        return s with
        {
            Appeals = appeals,
            Status = s.Status == CaseStatus.UnderAppeal && !pending ? CaseStatus.Decided : s.Status,
        };
    }

    private static CaseState UpdateDeadlines(CaseState s, CaseEvent @event)
    {
        var type = @event.EventType;
        var at = @event.OccurredAt;
        var deadlines = s.Deadlines.ToBuilder();
        var kind = CaseNames.Of(s.Kind);
        var category = CaseNames.Of(s.Category);

        // 1. Suspended time is added back to the terms that exclude it.
        if (@event is ProceedingsResumed && s.Suspensions.Count > 0 && s.Suspensions[^1].To == at)
        {
            var period = s.Suspensions[^1];
            for (var i = 0; i < deadlines.Count; i++)
            {
                var d = deadlines[i];
                if (!d.IsRunning || !d.ExcludesSuspension || !Rules.TryGet(d.SourceRowId, out var row))
                {
                    continue;
                }

                var from = period.From > d.StartsAt ? period.From : d.StartsAt;
                var dueOn = Calculator.ExtendForSuspension(
                    d.DueOn, row!.Unit, [(Calculator.LocalDate(from), Calculator.LocalDate(at))], row.MovesToNextWorkingDay);
                deadlines[i] = d with { DueOn = dueOn, DueAt = Calculator.EndOf(dueOn) };
            }
        }

        // 2. The event meets the terms it ends.
        for (var i = 0; i < deadlines.Count; i++)
        {
            var d = deadlines[i];
            if (!d.IsRunning || !Rules.TryGet(d.SourceRowId, out var row) || !row!.EndsOn.Contains(type, StringComparer.Ordinal))
            {
                continue;
            }

            if (d.SubjectId is { } subject && !(@event is AppealFiled appeal && appeal.ActId == subject))
            {
                continue;
            }

            var met = d.Obligation == TermObligation.Party || at < d.DueAt;
            deadlines[i] = d with { Status = met ? DeadlineStatus.Met : DeadlineStatus.Breached, ClosedAt = at };
        }

        // 3. Terms past their due moment are breached (court) or expired (party), unless suspended time is excluded and the case is suspended.
        var suspendedSince = s.CurrentSuspension?.From;
        for (var i = 0; i < deadlines.Count; i++)
        {
            var d = deadlines[i];
            if (!d.IsRunning || at < d.DueAt || (d.ExcludesSuspension && suspendedSince is { } since && since < d.DueAt))
            {
                continue;
            }

            deadlines[i] = d with
            {
                Status = d.Obligation == TermObligation.Court ? DeadlineStatus.Breached : DeadlineStatus.Expired,
                ClosedAt = d.DueAt,
            };
        }

        // 4. Terms that no longer apply are cancelled.
        for (var i = 0; i < deadlines.Count; i++)
        {
            var d = deadlines[i];
            var cancel = d.IsRunning && @event switch
            {
                CaseClosed or CaseReturned or CaseTransferred => true,
                JudgmentSetAside e => d.SubjectId == e.ActId,
                JudgmentEnteredIntoForce e => d.SubjectId == e.ActId,
                _ => false,
            };
            if (cancel)
            {
                deadlines[i] = d with { Status = DeadlineStatus.Cancelled, ClosedAt = at };
            }
        }

        // 5. The event starts new terms (a set-aside judgment restarts the consideration term).
        if (!s.IsTerminal)
        {
            var actKind = @event is JudgmentIssued issued ? CaseNames.Of(issued.Kind) : null;
            Guid? subject = @event is JudgmentIssued j ? j.ActId : null;
            var started = Rules.StartedBy(type, kind, category, actKind);
            if (@event is JudgmentSetAside)
            {
                started = Rules.Rows.Where(r => r.Type == TermRuleType.Deadline
                    && r.EndsOn.Contains(CaseEventTypes.NameOf<JudgmentIssued>(), StringComparer.Ordinal)
                    && r.AppliesTo(kind, category, null));
            }

            foreach (var row in started.Where(r => r.Type != TermRuleType.Minimum))
            {
                var rowSubject = row.Type == TermRuleType.Window ? subject : null;
                if (deadlines.Any(d => d.IsRunning && d.SourceRowId == row.Id && d.SubjectId == rowSubject))
                {
                    continue;
                }

                var dueOn = Calculator.DueDate(row, at);
                deadlines.Add(new Deadline(row.Kind, row.Id, rowSubject, row.Type, row.Obligation, at, dueOn,
                    Calculator.EndOf(dueOn), row.ExcludesSuspension, DeadlineStatus.Running, null));
            }
        }

        return s with { Deadlines = deadlines.ToImmutable() };
    }
}
