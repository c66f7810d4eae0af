using System.Text.Json;
using Ledger.Api.Security;
using Ledger.Domain.Cases;

namespace Ledger.Api.Cases;

/// <summary>Builds the answers of the case reads from a <see cref="CaseFile"/>, keeping to what the caller may see.</summary>
public static class CaseViews
{
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static CaseResponse Case(CaseFile file, CaseVisibility visibility, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(file);
        var s = file.State;
        var personal = visibility >= CaseVisibility.Participant;
        return new CaseResponse
        {
            CaseId = s.CaseId,
            CaseNumber = s.CaseNumber,
            Kind = Name(s.Kind),
            Category = Name(s.Category),
            CourtId = s.CourtId,
            CourtName = CourtRegistry.Find(s.CourtId)?.NameRu,
            Status = Name(s.Status),
            Version = s.Version,
            Visibility = Name(visibility),
            JudgeId = s.JudgeId,
            ErdrNumber = s.ErdrNumber,
            ProsecutorOffice = file.ProsecutorOffice,
            ClaimSubject = personal ? file.ClaimSubject : null,
            ReceivedAt = s.ReceivedAt,
            AcceptedAt = s.AcceptedAt,
            ClosedAt = s.ClosedAt,
            ClosureReason = s.ClosureReason is { } reason ? Name(reason) : null,
            TransferredTo = s.TransferredTo,
            Participants = personal
                ? [.. s.Participants.Values.Select(p => new ParticipantResponse(
                    p.ParticipantId, Name(p.Role), p.DisplayName, visibility == CaseVisibility.Court ? p.Iin : null))]
                : [],
            Suspensions = [.. s.Suspensions.Select(p => new SuspensionResponse(Name(p.Ground), p.From, p.To))],
            Acts = [.. s.Acts.Values.OrderBy(a => a.IssuedAt).Select(a => new ActResponse(
                a.ActId, Name(a.Kind), Name(a.Status), a.JudgeId, a.DocumentHash, a.AmendedDocumentHash,
                personal ? file.JudgmentOutcomes.GetValueOrDefault(a.ActId) : null, a.IssuedAt, a.InForceAt))],
            Appeals = [.. s.Appeals.Values.OrderBy(a => a.FiledAt).Select(a => new AppealResponse(
                a.AppealId, a.ActId, a.FiledBy, Name(a.Status), a.Outcome is { } o ? Name(o) : null, a.FiledAt))],
            Deadlines = [.. s.Deadlines.Select(d => Deadline(d, now))],
            MaterialCount = s.Materials.Count,
            HearingCount = s.Hearings.Count,
            ClosedCategories = [.. s.ClosedCategories.Select(Name)],
        };
    }

    public static DeadlineResponse Deadline(Deadline d, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DeadlineResponse(
            d.Kind, d.SourceRowId, d.SubjectId, Name(d.Type), Name(d.Obligation), d.StartsAt, d.DueOn, d.DueAt, Name(d.Status),
            d.IsOverdueAt(now), d.ClosedAt);
    }

    public static CaseSummaryResponse Summary(CaseFile file, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(file);
        var s = file.State;
        var running = s.Deadlines.Where(d => d.IsRunning).ToList();
        return new CaseSummaryResponse(
            s.CaseId, s.CaseNumber, Name(s.Kind), s.CourtId, Name(s.Status), s.Version, s.ReceivedAt,
            running.Count(d => d.IsOverdueAt(now)), running.Count == 0 ? null : running.Min(d => d.DueOn));
    }

    public static CourtroomResponse Courtroom(CaseFile file, CaseVisibility visibility, Guid? you, VideoConferencing video, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(video);
        var s = file.State;
        var personal = visibility >= CaseVisibility.Participant;
        string? NameOf(Guid? id) => personal && id is { } value && s.Participants.TryGetValue(value, out var p) ? p.DisplayName : null;

        var documents = file.Documents.Select(d => new CourtroomDocumentResponse(
            d.Document.Sha256Hex, d.Document.Kind, personal ? d.Document.FileName : null, d.Document.MediaType, d.Document.SizeBytes,
            d.Role, d.SubjectId, d.FiledBy, NameOf(d.FiledBy), d.Event.EventId, d.Event.Version, d.Event.EventType, d.Event.OccurredAt,
            AppendResponse.ReceiptUrl(d.Event.EventId),
            d.Document.Signature is { } sig
                ? new CourtroomSignatureResponse(
                    sig.SignatureSha256Hex, personal ? sig.SignerName : null, visibility == CaseVisibility.Court ? sig.Iin : null,
                    sig.Status.ToString(), sig.Algorithm, sig.SigningTime, sig.VerifiedAt)
                : null)).ToList();
        var motions = s.Motions.Values.OrderBy(m => m.FiledAt).Select(m => new CourtroomMotionResponse(
            m.MotionId, m.Kind, m.FiledBy, NameOf(m.FiledBy), Name(m.Status), m.Outcome is { } o ? Name(o) : null, m.FiledAt)).ToList();
        var hearings = s.Hearings.Values.OrderBy(h => h.StartsAt).Select(h =>
        {
            var details = file.Hearings.GetValueOrDefault(h.HearingId) ?? new HearingDetails("", null, [], null);
            var summoned = you is { } me && (details.ParticipantIds.Contains(me) || s.JudgeId == me);
            var join = h.Format == HearingFormat.Video && h.Status == HearingStatus.Scheduled && summoned && details.VideoRoomUrl is { } room
                ? video.Join(h.HearingId, you!.Value, room)
                : null;
            return new CourtroomHearingResponse(
                h.HearingId, h.StartsAt, Name(h.Format), Name(h.Status), details.Courtroom, personal ? details.VideoRoomUrl : null,
                personal ? details.ParticipantIds : [], h.RecordingHashes, personal ? details.PostponementReason : null, join);
        }).ToList();
        return new CourtroomResponse(Case(file, visibility, now), you, documents, motions, hearings);
    }
}
