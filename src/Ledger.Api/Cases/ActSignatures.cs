using System.Security.Claims;
using Ledger.Api.Security;
using Ledger.Domain.Cases;
using Ledger.Domain.Signatures;

namespace Ledger.Api.Cases;

/// <summary>
/// Judicial acts carry the electronic signature of who made them (docs/documents.md, "Signed acts"). With
/// <c>Cases:RequireSignedActs</c> on (the default; off in Development for <c>caseledger seed</c>), before a command is
/// stored:
/// <list type="bullet">
/// <item>the judge's acts — the judgment (<c>judgments</c>) and the rulings given with a motion decision, a suspension, a
/// return or a closure — must carry a verified signature of that judge: same IIN when the judge's IIN is known (given
/// at acceptance), else the same name (the judge's name in the case, or the caller's token when the judge acts);</item>
/// <item>the higher court's acts — the appellate decision, the amended act, the act setting a judgment aside — must carry
/// a verified signature (their signer is not a participant of the case).</item>
/// </list>
/// Filings of participants (claims, materials, motions, appeals) carry their signature when uploaded with one, and are
/// not refused without.
/// </summary>
public static class ActSignatures
{
    /// <summary>Throws a 422 <see cref="CaseProblemException"/> when an act of the command is unsigned or signed by someone else.</summary>
    public static void Check(CaseCommand command, CaseState state, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(user);
        switch (command)
        {
            case IssueJudgment c:
                ByJudge(c.Document, c.JudgeId, state, user);
                break;
            case DecideMotion c when c.Ruling is not null:
                ByJudge(c.Ruling, c.JudgeId, state, user);
                break;
            case SuspendProceedings c when c.Ruling is not null:
                ByJudge(c.Ruling, c.JudgeId, state, user);
                break;
            case ReturnCase c when c.Ruling is not null:
                ByJudge(c.Ruling, c.JudgeId, state, user);
                break;
            case CloseCase c when c.Ruling is not null:
                ByJudge(c.Ruling, state.JudgeId, state, user);
                break;
            case DecideAppeal c:
                Signed(c.Decision);
                if (c.AmendedAct is not null)
                {
                    Signed(c.AmendedAct);
                }

                break;
            case SetAsideJudgment c:
                Signed(c.Document);
                break;
            default:
                break;
        }
    }

    private static SignatureInfo Signed(DocumentRef document) =>
        document.Signature is { Status: SignatureStatus.Valid } signature ? signature : throw CaseProblemException.Unprocessable(
            "signature.required",
            $"Судебный акт ({document.Kind}, {document.Sha256Hex}) должен быть подписан ЭЦП: загрузите его с отсоединённой подписью CMS (POST /api/v1/documents, поле signature) и сошлитесь на него снова.",
            $"Сот актісі ({document.Kind}, {document.Sha256Hex}) ЭЦҚ-мен қол қойылуы керек: оны бөлек CMS қолтаңбасымен жүктеңіз (POST /api/v1/documents, signature өрісі) және оған қайта сілтеме жасаңыз.",
            $"The judicial act ({document.Kind}, {document.Sha256Hex}) must carry an electronic signature: upload it with a detached CMS signature (POST /api/v1/documents, field signature) and reference it again.");

    private static void ByJudge(DocumentRef document, Guid? judgeId, CaseState state, ClaimsPrincipal user)
    {
        var signature = Signed(document);
        string? name = null;
        string? iin = null;
        if (judgeId is { } id)
        {
            if (state.Participants.TryGetValue(id, out var judge) && judge.DisplayName != PersonalData.Erased)
            {
                name = judge.DisplayName;
                iin = judge.Iin == PersonalData.Erased ? null : judge.Iin;
            }

            if (name is null && CaseAccess.SubjectId(user) == id)
            {
                name = user.FindFirst(LedgerClaims.Name)?.Value;
            }
        }

        if (SignerIdentity.Compare(signature, name, iin) == SignerIdentity.Match.Different)
        {
            throw CaseProblemException.Unprocessable(
                "signature.not-by-judge",
                $"Документ {document.Sha256Hex} подписан «{signature.SignerName}», а не судьёй по делу ({name}). Судебный акт подписывает судья, который его выносит.",
                $"{document.Sha256Hex} құжатына «{signature.SignerName}» қол қойған, істің судьясы ({name}) емес. Сот актісіне оны шығаратын судья қол қояды.",
                $"Document {document.Sha256Hex} is signed by \"{signature.SignerName}\", not by the judge of the case ({name}). A judicial act is signed by the judge who makes it.");
        }
    }
}
