using System.Security.Cryptography;
using System.Text.Json;
using Ledger.Domain.Cases;
using Ledger.Domain.Integrity;
using Ledger.Projections.Cases;
using Ledger.Projections.Ledger;
using Ledger.Projections.Storage;

namespace Ledger.Projections.Tests.Ledger;

/// <summary>
/// The append path's per-event compute (reused buffers, one hasher per thread) gives exactly the bytes of the
/// reference path: <c>SerializeToUtf8Bytes</c> → RFC 8785 → SHA-256(salt ‖ payload) → <see cref="LeafEnvelope.ToLeafInput"/>.
/// </summary>
public sealed class LedgerEntryComputeTests
{
    private const string Origin = "compute.ledger.court.example/2026";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, 123, 457, TimeSpan.FromHours(5));

    public static TheoryData<int> Seeds => [0, 1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Given_case_events_When_the_entry_is_computed_on_the_append_path_Then_leaf_input_and_hash_equal_the_reference(int seed)
    {
        var caseId = Guid.NewGuid();
        var documents = Enumerable.Range(0, seed + 1)
            .Select(i => new DocumentRef(Convert.ToHexStringLower(SHA256.HashData([(byte)seed, (byte)i])), "evidence",
                i % 2 == 0 ? "заявление \"№1\".pdf" : "a\\b\u0001\u2028😀.pdf", "application/pdf", 1024 + i))
            .ToArray();
        var claimant = new Participant(Guid.NewGuid(), ParticipantRole.Plaintiff, "Истец 𝄞 \t" + seed, seed % 2 == 0 ? null : "900101300123");
        CaseEvent[] events =
        [
            new ClaimFiled(caseId, CaseKind.Civil, CaseCategory.General, "almaty-bostandyk", "2-1/2026", "О взыскании 1e21 ₸", claimant,
                documents, T0.AddTicks(seed * 7)),
            new MaterialAttached(caseId, Guid.NewGuid(), documents[^1], claimant.ParticipantId, T0.AddDays(2)),
        ];

        var previous = seed == 0 ? null : RandomNumberGenerator.GetBytes(32);
        for (var round = 0; round < 3; round++)
        {
            for (var v = 0; v < events.Length; v++)
            {
                var data = events[v];
                var description = CaseLedger.Describe(data);
                var salt = RandomNumberGenerator.GetBytes(PayloadCommitment.SaltSize);

                var reference = new LeafEnvelope(
                    LeafEnvelope.CurrentVersion, Origin, caseId, v + 1, description.EventType, description.OccurredAt, previous,
                    PayloadCommitment.Compute(salt, JsonCanonicalizer.Canonicalize(
                        JsonSerializer.SerializeToUtf8Bytes(data, data.GetType(), MartenConfiguration.PayloadJson))),
                    [.. description.DocumentHashes.Select(Convert.FromHexString)]).ToLeafInput();

                var (leafInput, leafHash) = LedgerAppender<CaseState>.ComputeEntry(
                    Origin, MartenConfiguration.PayloadJson, caseId, v + 1, data, description, previous, salt);

                Assert.Equal(reference, leafInput);
                Assert.Equal(MerkleHash.LeafHash(reference), leafHash);
            }
        }
    }
}
