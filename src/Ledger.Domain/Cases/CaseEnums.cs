using System.Text.Json;

namespace Ledger.Domain.Cases;

public enum CaseKind
{
    Criminal,
    Civil,
    Administrative,
}

/// <summary>Category of a case, where the Code sets a different term for it (ГПК РК art. 183).</summary>
public enum CaseCategory
{
    General,
    Reinstatement,
    Paternity,
    Alimony,
    SpecialClaim,
    SpecialProceedings,
    StrikeIllegal,
    Simplified,
}

public enum ParticipantRole
{
    Judge,
    Prosecutor,
    Lawyer,
    Plaintiff,
    Defendant,
    Accused,
    Victim,
    ThirdParty,
    Witness,
    Expert,
    Interpreter,
    Clerk,
}

public enum HearingFormat
{
    InPerson,
    Video,
    Mobile,
}

public enum MotionOutcome
{
    Granted,
    PartiallyGranted,
    Denied,
}

/// <summary>Kind of a final act: a civil or administrative decision (решение), a criminal verdict (приговор), or a ruling (определение, постановление).</summary>
public enum ActKind
{
    Decision,
    Verdict,
    Ruling,
}

public enum AppealOutcome
{
    Upheld,
    SetAside,
    Amended,
}

public enum ClosureReason
{
    /// <summary>Judgment in force; the case goes to the archive.</summary>
    Archived,
    ProceedingsTerminated,
    LeftWithoutConsideration,
    Settlement,
    ClaimWithdrawn,
}

public enum ErasureReason
{
    CourtOrder,
    RetentionExpired,
}

/// <summary>Grounds for suspending proceedings, per Code (rows in <c>Terms/procedural-terms.json</c> cite the article).</summary>
public enum SuspensionGround
{
    // Civil Procedure Code art. 272 (mandatory).
    PartyDiedOrReorganised,
    PartyLostCapacity,
    PartyInCombatService,
    DependsOnOtherCase,
    ConstitutionalCourtReferral,

    // Civil Procedure Code art. 273 (at the court's discretion).
    ExpertExamination,
    DefendantSearch,
    PartyInHospital,
    PartyOnBusinessTripOrStateDuty,
    GuardianshipReport,

    // Criminal Procedure Code art. 45.
    AccusedAbsconded,
    AccusedSeriouslyIll,
    AccusedAbroad,
    ForceMajeure,
    LegalAssistanceRequest,
    TortureComplaintCheck,
    CriminalConstitutionalCourtReferral,
    PrivateProsecutorUnavailable,

    // Administrative Procedural and Process Code (articles not confirmed).
    AdministrativeDependsOnOtherCase,
    AdministrativeConstitutionalCourtReferral,
    AdministrativeExpertExamination,
}

public enum CaseStatus
{
    /// <summary>No event yet.</summary>
    None,
    Received,
    Accepted,
    ReadyForTrial,
    Suspended,
    Decided,
    UnderAppeal,
    InForce,
    Returned,
    Closed,
    Transferred,
}

public enum DeadlineStatus
{
    Running,
    Met,
    Breached,

    /// <summary>A party's window ended unused.</summary>
    Expired,

    /// <summary>The case left the court (closed, returned, transferred) before the term ended.</summary>
    Cancelled,
}

public enum HearingStatus
{
    Scheduled,
    Held,
    Postponed,
}

public enum MotionStatus
{
    Pending,
    Decided,
}

public enum ActStatus
{
    Issued,
    InForce,
    SetAside,
}

public enum AppealStatus
{
    Pending,
    Decided,

    /// <summary>The act was set aside on another appeal before this one was decided.</summary>
    Moot,
}

/// <summary>
/// Categories of cases whose acts are never published, depersonalized or not (ГПК РК art. 19, УПК РК art. 29): recorded
/// on the case when it is received (<see cref="CriminalCaseReceived.ClosedCategories"/>,
/// <see cref="ClaimFiled.ClosedCategories"/>) or later (<see cref="ClosedCategoryMarked"/>). JSON: camelCase names.
/// </summary>
public enum ClosedCategory
{
    /// <summary>Cases concerning minors (juvenile offenders, minor victims, custody of children).</summary>
    Minors,

    /// <summary>Crimes against sexual inviolability and freedom.</summary>
    SexualOffence,

    /// <summary>Adoption (the secrecy of adoption is protected by law).</summary>
    Adoption,

    /// <summary>State secrets and other secrets protected by law.</summary>
    StateSecrets,

    /// <summary>Any hearing closed by the court (ГПК РК art. 19 and the corresponding УПК rules).</summary>
    ClosedHearing,
}

/// <summary>Stable kebab-case names used by the rules table and public formats.</summary>
public static class CaseNames
{
    public static string Of(CaseKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    public static string Of(CaseCategory category) => JsonNamingPolicy.KebabCaseLower.ConvertName(category.ToString());

    public static string Of(ActKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    public static bool IsParty(ParticipantRole role) =>
        role is ParticipantRole.Prosecutor or ParticipantRole.Lawyer or ParticipantRole.Plaintiff
            or ParticipantRole.Defendant or ParticipantRole.Accused or ParticipantRole.Victim or ParticipantRole.ThirdParty;

    /// <summary>Officials whose names are published (judges, prosecutors, lawyers, court staff).</summary>
    public static bool IsOfficial(ParticipantRole role) =>
        role is ParticipantRole.Judge or ParticipantRole.Prosecutor or ParticipantRole.Lawyer or ParticipantRole.Clerk;

    public static bool IsTerminal(CaseStatus status) =>
        status is CaseStatus.Returned or CaseStatus.Closed or CaseStatus.Transferred;
}
