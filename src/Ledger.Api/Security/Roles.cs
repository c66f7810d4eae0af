namespace Ledger.Api.Security;

/// <summary>
/// Roles carried by access tokens (claim <c>role</c>). Machine clients: court and law-enforcement systems. People: court
/// staff, judges, prosecutors, lawyers, parties, auditors, situation-center analysts and court chairs.
/// </summary>
public static class Roles
{
    public const string CourtSystem = "court-system";
    public const string LawEnforcementSystem = "law-enforcement-system";
    public const string Clerk = "clerk";
    public const string Judge = "judge";
    public const string Prosecutor = "prosecutor";
    public const string Lawyer = "lawyer";
    public const string Party = "party";
    public const string Auditor = "auditor";
    public const string Analyst = "analyst";
    public const string CourtChair = "court-chair";

    public static IReadOnlyList<string> All { get; } =
        [CourtSystem, LawEnforcementSystem, Clerk, Judge, Prosecutor, Lawyer, Party, Auditor, Analyst, CourtChair];
}

/// <summary>Claim names used in CaseLedger's access tokens.</summary>
public static class LedgerClaims
{
    /// <summary>The subject: for people admitted to cases, their participant id (a GUID).</summary>
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Name = "name";

    /// <summary>The court the caller works in (court staff, court systems, chairs); a court id of <c>CourtRegistry</c>.</summary>
    public const string Court = "court";
}
