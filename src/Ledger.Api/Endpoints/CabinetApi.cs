using System.Globalization;
using System.Security.Claims;
using Ledger.Api.Hosting;
using Ledger.Api.Security;
using Ledger.Domain.Cases;
using Ledger.Projections.Cabinet;
using Ledger.Projections.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Endpoints;

public sealed record CabinetParticipant(Guid ParticipantId, string Role, string Name);

public sealed record CabinetHearing(Guid HearingId, DateTimeOffset StartsAt, string Format, string Status);

public sealed record CabinetAct(Guid ActId, string Kind, string Status, string DocumentHash, string? AmendedDocumentHash, DateTimeOffset IssuedAt, DateTimeOffset? InForceAt);

/// <summary>Something the participant filed: a material, a motion or an appeal.</summary>
public sealed record CabinetFiling(string Type, Guid Id, string? Kind, string Status, string? DocumentHash, DateTimeOffset FiledAt);

/// <summary>A procedural term of the case; <see cref="Mine"/> when it concerns something this participant filed or may file (appeal window).</summary>
public sealed record CabinetDeadline(string Kind, Guid? SubjectId, DateOnly DueOn, string Status, bool Overdue, bool Mine);

/// <summary>One of the participant's cases, in full (not depersonalized).</summary>
public sealed record CabinetCase(
    Guid CaseId,
    string CaseNumber,
    string CourtId,
    string CourtName,
    string Kind,
    string Category,
    string Status,
    string MyRole,
    long Version,
    IReadOnlyList<CabinetParticipant> Participants,
    IReadOnlyList<CabinetHearing> Hearings,
    IReadOnlyList<CabinetAct> Acts,
    IReadOnlyList<CabinetFiling> MyFilings,
    IReadOnlyList<CabinetDeadline> Deadlines);

/// <summary>JSON of <c>GET /api/v1/me/cases</c>.</summary>
public sealed record CabinetResponse(Guid ParticipantId, IReadOnlyList<CabinetCase> Cases);

/// <summary>
/// The personal cabinet: a participant signed in with a token whose <c>sub</c> is their participant id (roles party,
/// lawyer, prosecutor) sees the cases they were admitted to — in full — their filings and the terms running.
/// </summary>
public static class CabinetApi
{
    public static IEndpointRouteBuilder MapCabinetApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/me/cases", GetMyCasesAsync)
            .WithTags("Personal cabinet")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Party, Roles.Lawyer, Roles.Prosecutor))
            .AddEndpointFilter(PublicationDatabase.Filter)
            .WithSummary("The caller's cases (token subject = participant id): participants, hearings, acts, the caller's filings and the terms.");
        return endpoints;
    }

    public static async Task<Results<Ok<CabinetResponse>, ProblemHttpResult>> GetMyCasesAsync(
        ClaimsPrincipal user, ParticipantCases participantCases, CaseLedger ledger, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var subject = user.FindFirst(LedgerClaims.Subject)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (!Guid.TryParse(subject, out var participantId))
        {
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            return TypedResults.Problem(
                title: language switch { "kk" => "Қатысушы анықталмады", "en" => "Participant not identified", _ => "Участник не определён" },
                detail: language switch
                {
                    "kk" => "Кіру токенінде қатысушы идентификаторы (sub) жоқ. Сот берген токенмен кіріңіз.",
                    "en" => "The access token does not carry a participant id (sub). Sign in with the token issued by the court.",
                    _ => "В токене доступа нет идентификатора участника (sub). Войдите с токеном, выданным судом.",
                },
                statusCode: StatusCodes.Status403Forbidden);
        }

        var now = clock.GetUtcNow();
        var cases = new List<CabinetCase>();
        foreach (var entry in await participantCases.ForParticipantAsync(participantId, cancellationToken))
        {
            var state = await ledger.LoadAsync(entry.CaseId, cancellationToken);
            if (state is null || !state.Participants.TryGetValue(participantId, out var me))
            {
                continue;
            }

            cases.Add(ToCabinetCase(state, me, now));
        }

        return TypedResults.Ok(new CabinetResponse(participantId, cases));
    }

    public static CabinetCase ToCabinetCase(CaseState state, Participant me, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(me);
        var myId = me.ParticipantId;
        var filings = new List<CabinetFiling>();
        filings.AddRange(state.Materials.Values.Where(m => m.FiledBy == myId)
            .Select(m => new CabinetFiling("material", m.MaterialId, null, "attached", m.Sha256Hex, m.AttachedAt)));
        filings.AddRange(state.Motions.Values.Where(m => m.FiledBy == myId)
            .Select(m => new CabinetFiling("motion", m.MotionId, m.Kind, m.Outcome?.ToString() ?? m.Status.ToString(), null, m.FiledAt)));
        filings.AddRange(state.Appeals.Values.Where(a => a.FiledBy == myId)
            .Select(a => new CabinetFiling("appeal", a.AppealId, null, a.Outcome?.ToString() ?? a.Status.ToString(), null, a.FiledAt)));
        var mySubjects = filings.Select(f => f.Id).ToHashSet();
        var mayAppeal = CaseNames.IsParty(me.Role);

        return new CabinetCase(
            state.CaseId,
            state.CaseNumber,
            state.CourtId,
            CourtRegistry.Find(state.CourtId)?.NameRu ?? state.CourtId,
            CaseNames.Of(state.Kind),
            CaseNames.Of(state.Category),
            state.Status.ToString(),
            me.Role.ToString(),
            state.Version,
            [.. state.Participants.Values.Select(p => new CabinetParticipant(p.ParticipantId, p.Role.ToString(), p.DisplayName))],
            [.. state.Hearings.Values.OrderBy(h => h.StartsAt).Select(h => new CabinetHearing(h.HearingId, h.StartsAt, h.Format.ToString(), h.Status.ToString()))],
            [.. state.Acts.Values.OrderBy(a => a.IssuedAt).Select(a => new CabinetAct(a.ActId, CaseNames.Of(a.Kind), a.Status.ToString(), a.DocumentHash, a.AmendedDocumentHash, a.IssuedAt, a.InForceAt))],
            [.. filings.OrderBy(f => f.FiledAt)],
            [.. state.Deadlines.OrderBy(d => d.DueOn).Select(d => new CabinetDeadline(
                d.Kind, d.SubjectId, d.DueOn, d.Status.ToString(), d.IsOverdueAt(now),
                (d.SubjectId is { } s && mySubjects.Contains(s)) || (mayAppeal && d.Kind == "appeal")))]);
    }
}
