using System.Text.Json;
using Ledger.Anchoring.Audit;
using Ledger.Domain.Cases;
using Ledger.Domain.Cases.Scenarios;
using Ledger.Domain.Integrity;
using Ledger.Domain.Signatures;
using Ledger.Projections.Storage;

namespace Ledger.Anchoring.Tests.Audit;

/// <summary>The audit derives the committed canonical form of an event from its written one: the bytes must be those of serializing it.</summary>
public sealed class CommittedFormTests
{
    [Fact]
    public void Given_every_event_type_When_its_shape_is_built_Then_the_committed_form_is_derived()
    {
        foreach (var (type, name) in CaseEventTypes.All)
        {
            Assert.True(LedgerAuditor.Committed.Derives(type), $"{name} ({type.Name}) is not derived");
        }
    }

    [Fact]
    public void Given_generated_cases_of_every_event_type_When_derived_Then_the_bytes_are_the_serialized_committed_form()
    {
        var seen = new HashSet<Type>();
        var count = 0;
        foreach (var seed in new[] { 3, 7, 11 })
        {
            foreach (var scenario in new CaseScenarioGenerator(seed, new CaseScenarioOptions { ErasureRate = 0.3, Days = 400 }).Generate(150))
            {
                var state = CaseState.Empty;
                foreach (var command in scenario.Commands)
                {
                    CaseEvent[] events;
                    try
                    {
                        events = CaseDecider.Decide(command, state);
                    }
                    catch (CaseRuleViolation)
                    {
                        continue;
                    }

                    foreach (var @event in events)
                    {
                        state = CaseDecider.Evolve(state, @event);
                        foreach (var form in new[] { @event, @event.Redact() })
                        {
                            AssertDerived(form);
                            seen.Add(form.GetType());
                            count++;
                        }
                    }
                }
            }
        }

        Assert.True(count > 1000, $"only {count} events");
        // Every event type the generator produces was compared; the others are listed for the record.
        var missing = CaseEventTypes.All.Keys.Where(t => !seen.Contains(t)).Select(t => t.Name).ToArray();
        Assert.True(missing.Length <= CaseEventTypes.All.Count / 4, $"event types never generated: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(EnumValues))]
    public void Given_an_event_with_each_enum_value_When_derived_Then_the_bytes_are_the_serialized_committed_form(CaseKind kind, CaseCategory category, ParticipantRole role)
    {
        var caseId = Guid.NewGuid();
        var document = new DocumentRef(new string('a', 64), "claim", "claim.pdf", "application/pdf", 10,
            new SignatureInfo(new string('b', 64), "Signer", null, null, "01", "CA", "ECDSA", null, DateTimeOffset.UnixEpoch,
                (SignatureStatus)((int)role % 3)));
        AssertDerived(new ClaimFiled(caseId, kind, category, "court", "2-1/2026", "subject",
            new Participant(Guid.NewGuid(), role, "Name", null), [document], DateTimeOffset.UnixEpoch,
            [ClosedCategory.Minors, (ClosedCategory)99]));
        AssertDerived(new MotionFiled(caseId, Guid.NewGuid(), Guid.NewGuid(), role, "kind", document, DateTimeOffset.UnixEpoch));
    }

    public static TheoryData<CaseKind, CaseCategory, ParticipantRole> EnumValues()
    {
        var data = new TheoryData<CaseKind, CaseCategory, ParticipantRole>();
        var roles = Enum.GetValues<ParticipantRole>();
        var categories = Enum.GetValues<CaseCategory>();
        var i = 0;
        foreach (var kind in Enum.GetValues<CaseKind>().Append((CaseKind)42))
        {
            foreach (var category in categories)
            {
                data.Add(kind, category, roles[i++ % roles.Length]);
            }
        }

        return data;
    }

    private static void AssertDerived(CaseEvent @event)
    {
        var type = @event.GetType();
        var written = JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToUtf8Bytes(@event, type, LedgerAuditor.EventJson));
        var expected = JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToUtf8Bytes(@event, type, MartenConfiguration.PayloadJson));
        var derived = new byte[written.Length];
        Assert.True(LedgerAuditor.Committed.TryDerive(type, written, derived), $"{type.Name} not derived");
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(derived));
    }
}
