namespace Ledger.Domain.Depersonalization;

/// <summary>What kind of personal datum a replacement removes.</summary>
public enum EntityType
{
    PersonName,
    Iin,
    Bin,
    Phone,
    Email,
    Address,
    BirthDate,
    IdentityDocument,
    VehiclePlate,
    BankAccount,
}

/// <summary>The procedural role of a case participant.</summary>
public enum ParticipantRole
{
    Plaintiff,
    Defendant,
    Applicant,
    ThirdParty,
    Accused,
    Victim,
    Witness,
    Representative,
    Expert,
    Interpreter,
    Other,
    Judge,
    Prosecutor,
    Lawyer,
    CourtSecretary,
    CourtStaff,
}

/// <summary>A natural person named in the case: full name as in the case file ("Фамилия Имя Отчество") and role.</summary>
public sealed record Participant(string FullName, ParticipantRole Role);

/// <summary>What the depersonalizer knows about the case.</summary>
public sealed record DepersonalizationContext
{
    /// <summary>Judges, prosecutors, lawyers and court staff stay in published acts.</summary>
    public static readonly IReadOnlySet<ParticipantRole> DefaultKeptRoles = new HashSet<ParticipantRole>
    {
        ParticipantRole.Judge,
        ParticipantRole.Prosecutor,
        ParticipantRole.Lawyer,
        ParticipantRole.CourtSecretary,
        ParticipantRole.CourtStaff,
    };

    public DepersonalizationContext(IReadOnlyList<Participant>? participants = null, IReadOnlySet<ParticipantRole>? keptRoles = null)
    {
        Participants = participants ?? [];
        KeptRoles = keptRoles ?? DefaultKeptRoles;
    }

    public static DepersonalizationContext Empty { get; } = new();

    public IReadOnlyList<Participant> Participants { get; init; }

    public IReadOnlySet<ParticipantRole> KeptRoles { get; init; }

    /// <summary>Whether names found by pattern and dictionary (not in the participant list) are removed too.</summary>
    public bool DetectUnlistedPersons { get; init; } = true;

    public bool IsKept(ParticipantRole role) => KeptRoles.Contains(role);
}

/// <summary>
/// One replaced span of the original text. <see cref="Reason"/> says which rule, participant or dictionary
/// entry fired, for the person who reviews the act before publication.
/// </summary>
public sealed record Replacement(int Start, int Length, string Original, string ReplacementText, EntityType Type, string Reason)
{
    public int End => Start + Length;
}

/// <summary>The depersonalized text and every replacement made, in text order (offsets refer to the original).</summary>
public sealed record DepersonalizationResult(string Text, IReadOnlyList<Replacement> Replacements);
