using System.Collections;
using System.Reflection;
using System.Text.Json;
using Ledger.Domain.Cases;
using Ledger.Domain.Signatures;
using static Ledger.Domain.Tests.Cases.CaseFixture;

namespace Ledger.Domain.Tests.Cases;

public class CaseEventTests
{
    /// <summary>One event of every published type, with personal data and documents wherever the type carries them.</summary>
    public static IReadOnlyList<CaseEvent> Samples()
    {
        var t = T0;
        return
        [
            new CriminalCaseReceived(Id, "astana-esil", "1-17-26", "261500031000123", "Прокуратура", [Doc("indictment"), Doc("protocol")], t),
            new ClaimFiled(Id, CaseKind.Civil, CaseCategory.General, "almaty-bostandyk", "2-101-26", "Иск Нурлановой к Ахметову", Plaintiff, [Doc("claim")], t),
            new CaseAccepted(Id, Judge, t),
            new CaseReturned(Id, Judge.ParticipantId, "Не подписан Нурлановой", Doc("return"), t),
            new ParticipantsAdmitted(Id, [Defendant, Witness], t),
            new MaterialAttached(Id, Guid.NewGuid(), Doc("response"), Defendant.ParticipantId, t),
            new MotionFiled(Id, MotionId, Defendant.ParticipantId, ParticipantRole.Defendant, "expert-examination", Signed(Doc("motion"), "АХМЕТОВ БЕРИК", "870412300123"), t),
            new MotionDecided(Id, MotionId, MotionOutcome.Granted, Judge.ParticipantId, Doc("motion-ruling"), t),
            new PreparationCompleted(Id, Judge.ParticipantId, t),
            new HearingScheduled(Id, HearingId, t.AddDays(10), HearingFormat.Video, "Зал 3", "https://vks.sud.kz/room/42", [Judge.ParticipantId], t),
            new HearingHeld(Id, HearingId, [Recording("audio"), Recording("video")], t),
            new HearingPostponed(Id, HearingId, "Болезнь Ахметова", t),
            new ProceedingsSuspended(Id, Judge.ParticipantId, SuspensionGround.PartyInHospital, "Ахметов в больнице", Doc("suspension"), t),
            new ProceedingsResumed(Id, Judge.ParticipantId, "Ахметов выписан", t),
            new JudgmentIssued(Id, ActId, ActKind.Decision, Judge.ParticipantId, Signed(Doc("judgment"), "СЕРИКОВА АЙГУЛЬ", "790101400456"), "Взыскать с Ахметова", t),
            new JudgmentEnteredIntoForce(Id, ActId, t),
            new AppealFiled(Id, AppealId, ActId, Defendant.ParticipantId, ParticipantRole.Defendant, Doc("appeal"), false, t),
            new AppealDecided(Id, AppealId, ActId, AppealOutcome.Amended, "almaty-regional", Doc("appeal-decision"), t),
            new JudgmentSetAside(Id, ActId, null, "Новые обстоятельства по заявлению Нурлановой", Doc("cassation"), t),
            new JudgmentAmended(Id, ActId, AppealId, Doc("amended"), t),
            new CaseClosed(Id, ClosureReason.Settlement, Doc("settlement"), t),
            new CaseTransferred(Id, "almaty-medeu", "По месту жительства Ахметова", t),
            new ErasureOrdered(Id, Guid.NewGuid(), ErasureReason.CourtOrder, "Определение № 12", [1, 2], t),
            new IntakeAssessed(Id, AssessmentId, Doc("claim"), Suggestion, "sha256:model/corpus", [new IntakeReason("party.iin", "ИИН Нурлановой 061211600012")], t),
            new IntakeReviewed(Id, AssessmentId, Clerk, IntakeReviewOutcome.Overridden, Suggestion with { SimplifiedEligible = false }, "Нурланова — ИП, порог иной", t),
            new ClosedCategoryMarked(Id, ClosedCategory.Minors, t),
        ];
    }

    /// <summary>A document with a verified signature, as the documents service gives it.</summary>
    public static DocumentRef Signed(DocumentRef document, string signer, string iin) => document with
    {
        Signature = new SignatureInfo(
            new string('a', 64), signer, iin, "123456789021", "3a1f", "CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST", "GOST R 34.10-2012 (256) / GOST R 34.11-2012 (256)",
            T0.AddMinutes(-5), T0, SignatureStatus.Valid),
    };

    [Fact]
    public void Given_an_unsigned_document_When_serialized_Then_it_has_no_signature_member_and_a_signed_one_round_trips()
    {
        var unsigned = JsonSerializer.Serialize(Doc("claim"), JsonSerializerOptions.Web);
        Assert.DoesNotContain("signature", unsigned, StringComparison.OrdinalIgnoreCase);
        using (var parsed = JsonDocument.Parse(unsigned))
        {
            Assert.Equal(
                ["sha256Hex", "kind", "fileName", "mediaType", "sizeBytes", "isValid"],
                parsed.RootElement.EnumerateObject().Select(p => p.Name));
        }

        var signed = Signed(Doc("claim"), "НУРЛАНОВА ДАНА", "900101400123");
        var back = JsonSerializer.Deserialize<DocumentRef>(JsonSerializer.Serialize(signed, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;
        Assert.Equal(signed.Signature, back.Signature);
        Assert.Equal(signed with { Signature = null }, back with { Signature = null });
    }

    [Fact]
    public void The_published_event_type_names_never_change()
    {
        string[] published =
        [
            "criminal-case-received", "claim-filed", "case-accepted", "case-returned", "participants-admitted",
            "material-attached", "motion-filed", "motion-decided", "preparation-completed", "hearing-scheduled",
            "hearing-held", "hearing-postponed", "proceedings-suspended", "proceedings-resumed", "judgment-issued",
            "judgment-entered-into-force", "appeal-filed", "appeal-decided", "judgment-set-aside", "judgment-amended",
            "case-closed", "case-transferred", "erasure-ordered", "intake-assessed", "intake-reviewed",
            "closed-category-marked",
        ];
        Assert.Equal(published.Order(), CaseEventTypes.All.Values.Order());
        Assert.Equal(published, Samples().Select(e => e.EventType));
    }

    [Fact]
    public void Every_concrete_event_type_is_published_and_sampled()
    {
        var concrete = typeof(CaseEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CaseEvent)) && !t.IsAbstract).ToHashSet();
        Assert.Equal(concrete.OrderBy(t => t.Name), CaseEventTypes.All.Keys.OrderBy(t => t.Name));
        Assert.Equal(concrete.OrderBy(t => t.Name), Samples().Select(e => e.GetType()).OrderBy(t => t.Name));
        Assert.All(concrete, t => Assert.Equal(t, CaseEventTypes.TypeOf(CaseEventTypes.NameOf(t))));
    }

    [Fact]
    public void Every_event_lists_the_hash_of_every_document_it_carries()
    {
        foreach (var e in Samples())
        {
            var carried = Documents(e).Select(d => d.Sha256Hex).ToList();
            Assert.Equal(carried, e.DocumentHashes);
            Assert.All(e.DocumentHashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
        }
    }

    [Fact]
    public void Every_event_carries_its_case_id_and_time() =>
        Assert.All(Samples(), e => Assert.Equal((Id, T0), (e.CaseId, e.OccurredAt)));

    [Fact]
    public void Given_any_event_When_redacted_Then_no_personal_value_survives_and_the_committed_fields_stay()
    {
        foreach (var e in Samples())
        {
            var redacted = e.Redact();
            Assert.Equal(e.GetType(), redacted.GetType());
            Assert.Equal((e.CaseId, e.OccurredAt, e.EventType), (redacted.CaseId, redacted.OccurredAt, redacted.EventType));
            Assert.Equal(e.DocumentHashes, redacted.DocumentHashes);

            var personal = PersonalValues(e).Where(v => v is not null && v != PersonalData.Erased).ToList();
            Assert.All(PersonalValues(redacted), v => Assert.True(v is null || v == PersonalData.Erased, $"{e.EventType} kept '{v}'"));
            var json = JsonSerializer.Serialize(redacted, redacted.GetType());
            Assert.All(personal, v => Assert.DoesNotContain(v!, json, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_event_round_trips_through_json_with_its_runtime_type()
    {
        foreach (var e in Samples())
        {
            var json = JsonSerializer.Serialize(e, e.GetType());
            var back = (CaseEvent)JsonSerializer.Deserialize(json, e.GetType())!;
            Assert.Equal(json, JsonSerializer.Serialize(back, back.GetType()));
            Assert.Equal((e.CaseId, e.OccurredAt, e.EventType), (back.CaseId, back.OccurredAt, back.EventType));
            Assert.Equal(e.DocumentHashes, back.DocumentHashes);
        }
    }

    [Fact]
    public void The_sample_events_exercise_personal_data_in_most_types() =>
        Assert.True(Samples().Count(e => PersonalValues(e).Any(v => v is not null)) >= 15);

    private static IEnumerable<DocumentRef> Documents(object value) => Walk(value).OfType<DocumentRef>();

    private static IEnumerable<string?> PersonalValues(object value) =>
        Walk(value).SelectMany(o => o.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<PersonalDataAttribute>() is not null && p.PropertyType == typeof(string))
            .Select(p => (string?)p.GetValue(o)));

    private static IEnumerable<object> Walk(object value)
    {
        yield return value;
        foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == nameof(CaseEvent.DocumentHashes))
            {
                continue;
            }

            var v = p.GetValue(value);
            if (v is DocumentRef or Participant or SignatureInfo or IntakeSuggestion or IntakeParty or IntakeReason)
            {
                foreach (var inner in Walk(v))
                {
                    yield return inner;
                }
            }
            else if (v is IEnumerable list and not string)
            {
                foreach (var item in list.OfType<object>().Where(i => i is DocumentRef or Participant or IntakeParty or IntakeReason))
                {
                    foreach (var inner in Walk(item))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }
}

public class CaseNumberAndCourtTests
{
    [Theory]
    [InlineData(CaseKind.Civil, 1234, 2026, "2-1234-26")]
    [InlineData(CaseKind.Criminal, 7, 2025, "1-7-25")]
    [InlineData(CaseKind.Administrative, 99, 2027, "3-99-27")]
    public void Given_a_case_number_When_formatted_and_parsed_Then_it_round_trips(CaseKind kind, int sequence, int year, string text)
    {
        Assert.Equal(text, CaseNumber.Format(kind, sequence, year));
        Assert.True(CaseNumber.TryParse(text, year, out var parsed));
        Assert.Equal(new CaseNumber(kind, sequence, year), parsed);
    }

    [Theory]
    [InlineData("4-12-26")]
    [InlineData("2-0-26")]
    [InlineData("2-12-2026")]
    [InlineData("2/12/26")]
    [InlineData("")]
    public void Given_a_malformed_case_number_When_parsed_Then_it_is_rejected(string text) =>
        Assert.False(CaseNumber.TryParse(text, 2026, out _));

    [Fact]
    public void Given_the_court_registry_Then_it_has_about_twenty_first_instance_courts_each_with_a_regional_appellate_court()
    {
        Assert.InRange(CourtRegistry.FirstInstance.Count, 15, 25);
        Assert.Equal(CourtRegistry.All.Count, CourtRegistry.All.Select(c => c.Id).Distinct().Count());
        Assert.All(CourtRegistry.FirstInstance, c => Assert.Equal(CourtLevel.Regional, CourtRegistry.Find(c.AppellateCourtId)!.Level));
        Assert.True(CourtRegistry.FirstInstance.Select(c => c.Region).Distinct().Count() >= 5);
    }
}
