using System.Collections.Concurrent;
using Ledger.Domain.Cases;
using Ledger.Domain.Integrity;
using Ledger.Projections.Ledger;
using Ledger.Projections.Sequencing;
using Ledger.Projections.Storage;
using Ledger.Projections.Tests.Infrastructure;

namespace Ledger.Projections.Tests.Ledger;

[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class CaseLedgerTests(StackFixture stack) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 2, 9, 0, 0, TimeSpan.FromHours(5));
    private LedgerTestContext _ledger = null!;

    public async Task InitializeAsync() =>
        _ledger = await LedgerTestContext.CreateAsync(await stack.CreateDatabaseAsync("case_ledger_tests"));

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task Given_small_bounds_on_kept_case_states_When_cases_grow_past_them_Then_the_kept_states_stay_within_the_bounds_and_appends_continue_from_the_store()
    {
        // Bounds far below the defaults (100 000 cases, 500 000 events), so the drop is reached in a test.
        const int caseLimit = 3, eventLimit = 12;
        var appender = new LedgerAppender<CaseState>(
            _ledger.Store, LedgerTestContext.Origin, global::Ledger.Projections.Cases.CaseLedger.Describe, MartenConfiguration.PayloadJson, CaseState.Empty,
            (state, e) => CaseDecider.Evolve(state, (CaseEvent)e), caseLimit, eventLimit);
        var cases = new List<(Guid CaseId, Guid ClaimantId)>();
        for (var n = 0; n < 5; n++)
        {
            var created = await _ledger.NewAcceptedCaseAsync(n, T0);
            cases.Add((created.CaseId, created.ClaimantId));
        }

        var versions = cases.ToDictionary(c => c.CaseId, _ => 2L);
        for (var i = 0; i < 40; i++)
        {
            var (caseId, claimantId) = cases[i % cases.Count];
            var command = new AttachMaterial(caseId, Guid.NewGuid(), LedgerTestContext.Document("bound", i), claimantId, T0.AddDays(2));
            var result = await appender.AppendAsync(caseId, versions[caseId], null, [], state => CaseDecider.Decide(command, state));

            // Each append starts from the right version whether the case's state was kept or read again.
            Assert.Equal(versions[caseId] + 1, result.Version);
            versions[caseId] = result.Version;
            Assert.InRange(appender.CachedCases, 1, caseLimit);
            Assert.InRange(appender.CachedEvents, 1, eventLimit);
        }

        // The case chains written through dropped and reloaded states are intact.
        await _ledger.SequenceAllAsync();
        foreach (var (caseId, _) in cases)
        {
            var state = await _ledger.Cases.LoadAsync(caseId);
            Assert.Equal(versions[caseId], state!.Version);
        }

        Assert.Equal(0, await _ledger.ScalarAsync("select count(*) from ledger.pending"));
        await AssertCaseChainsIntactAsync(cases.Select(c => c.CaseId));
    }

    [Fact]
    public async Task Given_16_concurrent_writers_on_overlapping_cases_When_all_appends_are_sequenced_Then_the_log_is_gapless_complete_and_every_proof_verifies()
    {
        const int writers = 16, perWriter = 500, caseCount = 100;
        var cases = new List<(Guid CaseId, Guid ClaimantId)>();
        for (var n = 0; n < caseCount; n++)
        {
            var created = await _ledger.NewAcceptedCaseAsync(n, T0);
            cases.Add((created.CaseId, created.ClaimantId));
        }

        var acknowledged = new ConcurrentBag<Guid>();
        await using var sequencer = _ledger.NewSequencer(batchSize: 2000);
        using var stop = new CancellationTokenSource();
        var sequencing = sequencer.RunAsync(stop.Token);

        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = 0; i < perWriter; i++)
            {
                var (caseId, claimantId) = cases[random.Next(cases.Count)];
                var command = new AttachMaterial(caseId, Guid.NewGuid(), LedgerTestContext.Document($"w{w}", i), claimantId, T0.AddDays(2));
                while (true)
                {
                    try
                    {
                        var result = await _ledger.Cases.HandleAsync(command);
                        foreach (var e in result.Events)
                        {
                            acknowledged.Add(e.EventId);
                        }

                        break;
                    }
                    catch (CaseVersionConflictException)
                    {
                        // Another writer appended to the same case first: decide again on the new state.
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        var expectedTotal = (caseCount * 2) + (writers * perWriter);
        Assert.Equal(writers * perWriter, acknowledged.Count);
        Assert.Equal(writers * perWriter, acknowledged.Distinct().Count());

        // Wait for the running sequencer to catch up.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await _ledger.Log.GetTreeSizeAsync() < expectedTotal && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await sequencing;

        Assert.Equal(expectedTotal, await _ledger.ScalarAsync("select count(*) from ledger.entries"));
        Assert.Equal(expectedTotal, await _ledger.ScalarAsync("select count(*) from ledger.leaves"));
        Assert.Equal(expectedTotal - 1, await _ledger.ScalarAsync("select max(leaf_index) from ledger.leaves"));
        Assert.Equal(0, await _ledger.ScalarAsync("select min(leaf_index) from ledger.leaves"));
        Assert.Equal(0, await _ledger.ScalarAsync("select count(*) from ledger.pending"));
        Assert.Equal(expectedTotal, await _ledger.ScalarAsync("select count(*) from caseledger.mt_events"));
        Assert.Equal(0, await _ledger.ScalarAsync(
            "select count(*) from caseledger.mt_events m left join ledger.entries e on e.event_id = m.id where e.event_id is null"));
        foreach (var id in acknowledged.Take(500))
        {
            Assert.NotNull(await _ledger.Log.GetLeafByEventAsync(id));
        }

        // Every inclusion proof verifies against the latest signed checkpoint.
        var checkpoint = (await _ledger.Log.GetLatestCheckpointAsync())!;
        Assert.Equal(expectedTotal, checkpoint.TreeSize);
        var verified = SignedCheckpoint.Verify(checkpoint.Note, NoteVerifier.FromVerifierKey(_ledger.Signer.VerifierKey));
        Assert.True(verified.IsValid, verified.Error);
        Assert.Equal(checkpoint.RootHash, verified.Checkpoint!.RootHash);
        var reference = new MerkleLog(new InMemoryNodeStore());
        for (long i = 0; i < checkpoint.TreeSize; i++)
        {
            var leaf = (await _ledger.Log.GetLeafAsync(i))!;
            Assert.Equal(MerkleHash.LeafHash(leaf.LeafInput), leaf.LeafHash);
            var proof = await _ledger.Log.GetInclusionProofAsync(i, checkpoint.TreeSize);
            Assert.True(ProofVerifier.VerifyInclusion(i, checkpoint.TreeSize, leaf.LeafHash, proof, checkpoint.RootHash), $"proof of leaf {i}");
            reference.Append(leaf.LeafInput);
        }

        Assert.Equal(checkpoint.RootHash, reference.Root(checkpoint.TreeSize));

        // Every per-case hash chain is intact: each envelope names the leaf hash of the case's previous event.
        await AssertCaseChainsIntactAsync(cases.Select(c => c.CaseId));
    }

    private async Task AssertCaseChainsIntactAsync(IEnumerable<Guid> cases)
    {
        foreach (var caseId in cases)
        {
            await using var command = _ledger.DataSource.CreateCommand(
                "select case_version, leaf_input, leaf_hash from ledger.entries where case_id = @c order by case_version");
            command.Parameters.AddWithValue("c", caseId);
            await using var reader = await command.ExecuteReaderAsync();
            byte[]? previous = null;
            long expectedVersion = 1;
            while (await reader.ReadAsync())
            {
                Assert.Equal(expectedVersion++, reader.GetInt64(0));
                var envelope = LeafEnvelope.Parse(reader.GetFieldValue<byte[]>(1));
                Assert.Equal(caseId, envelope.CaseId);
                Assert.Equal(previous, envelope.PreviousLeafHash);
                previous = reader.GetFieldValue<byte[]>(2);
            }
        }
    }

    [Theory]
    [InlineData(SequencerStep.PendingRead)]
    [InlineData(SequencerStep.LeavesWritten)]
    [InlineData(SequencerStep.NodesWritten)]
    [InlineData(SequencerStep.CheckpointWritten)]
    [InlineData(SequencerStep.Committed)]
    public async Task Given_a_sequencer_that_dies_between_its_steps_When_another_takes_over_Then_it_resumes_with_no_gap_and_no_duplicate(SequencerStep step)
    {
        await _ledger.SequenceAllAsync();
        var sizeBefore = await _ledger.Log.GetTreeSizeAsync();
        for (var n = 0; n < 7; n++)
        {
            await _ledger.NewAcceptedCaseAsync(500 + n, T0);
        }

        await using (var doomed = _ledger.NewSequencer(batchSize: 5))
        {
            Assert.True(await doomed.TryBecomeLeaderAsync());
            doomed.FaultHook = (at, _, _) => at == step ? throw new SequencerFaultException($"killed at {at}") : ValueTask.CompletedTask;
            await Assert.ThrowsAsync<SequencerFaultException>(() => doomed.SequenceBatchAsync());
        }

        await _ledger.SequenceAllAsync();
        var size = await _ledger.Log.GetTreeSizeAsync();
        Assert.Equal(sizeBefore + 14, size);
        Assert.Equal(size, await _ledger.ScalarAsync("select count(*) from ledger.leaves"));
        Assert.Equal(size - 1, await _ledger.ScalarAsync("select max(leaf_index) from ledger.leaves"));
        Assert.Equal(size, await _ledger.ScalarAsync("select count(distinct event_id) from ledger.leaves"));
        Assert.Equal(0, await _ledger.ScalarAsync("select count(*) from ledger.pending"));
        var reference = new MerkleLog(new InMemoryNodeStore());
        for (long i = 0; i < size; i++)
        {
            reference.Append((await _ledger.Log.GetLeafAsync(i))!.LeafInput);
        }

        Assert.Equal(reference.Root(size), (await _ledger.Log.GetLatestCheckpointAsync())!.RootHash);
        Assert.Equal(reference.Root(size), await _ledger.Log.GetRootAsync(size));
    }

    [Fact]
    public async Task Given_a_leader_sequencer_When_a_second_one_runs_Then_it_does_nothing_until_the_first_stops_and_then_takes_over()
    {
        await _ledger.SequenceAllAsync();
        var sizeBefore = await _ledger.Log.GetTreeSizeAsync();
        await using var first = _ledger.NewSequencer();
        Assert.True(await first.TryBecomeLeaderAsync());
        await _ledger.NewAcceptedCaseAsync(900, T0);

        await using var second = _ledger.NewSequencer();
        Assert.False(await second.TryBecomeLeaderAsync());
        using var stop = new CancellationTokenSource();
        var running = second.RunAsync(stop.Token);
        await Task.Delay(1500);
        Assert.Equal(sizeBefore, await _ledger.Log.GetTreeSizeAsync());
        Assert.Equal(2, await _ledger.ScalarAsync("select count(*) from ledger.pending"));

        await first.DisposeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await _ledger.Log.GetTreeSizeAsync() < sizeBefore + 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(sizeBefore + 2, await _ledger.Log.GetTreeSizeAsync());
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Given_a_log_kept_with_the_former_pending_table_When_the_schema_is_upgraded_Then_its_unsequenced_entries_follow_in_their_pending_order()
    {
        // A log as the former schema left it: sequenced entries without (tx, seq), unsequenced ones listed in the
        // ledger.pending table with their (tx, seq) — here in the reverse of their insertion order.
        for (var n = 0; n < 3; n++)
        {
            await _ledger.NewAcceptedCaseAsync(600 + n, T0);
        }

        await _ledger.SequenceAllAsync();
        var sizeBefore = await _ledger.Log.GetTreeSizeAsync();
        await _ledger.NewAcceptedCaseAsync(700, T0);
        await _ledger.NewAcceptedCaseAsync(701, T0);
        await using (var legacy = _ledger.DataSource.CreateCommand("""
            drop view ledger.pending;
            create table ledger.pending (event_id uuid not null, tx xid8 not null, seq bigserial not null);
            insert into ledger.pending (event_id, tx, seq)
            select event_id, min(tx) over (), 100 - row_number() over (order by tx, seq) from ledger.entries e
            where not exists (select 1 from ledger.leaves l where l.event_id = e.event_id);
            update ledger.entries set tx = null, seq = null;
            """))
        {
            await legacy.ExecuteNonQueryAsync();
        }

        var expectedOrder = new List<Guid>();
        await using (var order = _ledger.DataSource.CreateCommand("select event_id from ledger.pending order by tx, seq"))
        await using (var reader = await order.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                expectedOrder.Add(reader.GetGuid(0));
            }
        }

        Assert.Equal(4, expectedOrder.Count);
        await LedgerSchema.EnsureAsync(_ledger.DataSource);
        Assert.Equal(4, await _ledger.ScalarAsync("select count(*) from ledger.pending"));

        await _ledger.SequenceAllAsync();
        var size = await _ledger.Log.GetTreeSizeAsync();
        Assert.Equal(sizeBefore + 4, size);
        for (var i = 0; i < expectedOrder.Count; i++)
        {
            Assert.Equal(expectedOrder[i], (await _ledger.Log.GetLeafAsync(sizeBefore + i))!.EventId);
        }

        // New appends continue after them.
        await _ledger.NewAcceptedCaseAsync(702, T0);
        Assert.Equal(2, await _ledger.ScalarAsync("select count(*) from ledger.pending"));
        await _ledger.SequenceAllAsync();
        Assert.Equal(size + 2, await _ledger.Log.GetTreeSizeAsync());
        Assert.Equal(0, await _ledger.ScalarAsync("select count(*) from ledger.pending"));
        Assert.Equal(size + 2, await _ledger.ScalarAsync("select count(distinct event_id) from ledger.leaves"));
    }

    [Fact]
    public async Task Given_an_idempotency_key_When_the_same_request_is_retried_Then_nothing_is_appended_twice_and_another_body_is_refused()
    {
        var (caseId, _, claimantId) = await _ledger.NewAcceptedCaseAsync(1, T0);
        var command = new AttachMaterial(caseId, Guid.NewGuid(), LedgerTestContext.Document("idem", 1), claimantId, T0.AddDays(3));
        byte[] hash = [1, 2, 3];
        var first = await _ledger.Cases.HandleAsync(command, 2, "key-1", hash);
        var again = await _ledger.Cases.HandleAsync(command, 2, "key-1", hash);
        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Events.Single().EventId, again.Events.Single().EventId);
        Assert.Equal(3, await _ledger.ScalarAsync($"select count(*) from ledger.entries where case_id = '{caseId}'"));

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _ledger.Cases.HandleAsync(command, 3, "key-1", [9, 9]));
        Assert.Equal(3, await _ledger.ScalarAsync($"select count(*) from ledger.entries where case_id = '{caseId}'"));
    }

    [Fact]
    public async Task Given_a_stale_expected_version_or_an_illegal_command_When_appending_Then_it_is_refused_and_nothing_is_stored()
    {
        var (caseId, _, claimantId) = await _ledger.NewAcceptedCaseAsync(2, T0);
        var entries = await _ledger.ScalarAsync("select count(*) from ledger.entries");
        var events = await _ledger.ScalarAsync("select count(*) from caseledger.mt_events");
        var attach = new AttachMaterial(caseId, Guid.NewGuid(), LedgerTestContext.Document("stale", 2), claimantId, T0.AddDays(3));

        var conflict = await Assert.ThrowsAsync<CaseVersionConflictException>(() => _ledger.Cases.HandleAsync(attach, expectedVersion: 1));
        Assert.Equal(2, conflict.Actual);
        await Assert.ThrowsAsync<CaseRuleViolation>(() => _ledger.Cases.HandleAsync(
            new AcceptCase(caseId, new Participant(Guid.NewGuid(), ParticipantRole.Judge, "Другой судья", null), T0.AddDays(3)), 2, "key-illegal", [1]));

        Assert.Equal(entries, await _ledger.ScalarAsync("select count(*) from ledger.entries"));
        Assert.Equal(events, await _ledger.ScalarAsync("select count(*) from caseledger.mt_events"));
        Assert.Equal(0, await _ledger.ScalarAsync("select count(*) from ledger.idempotency where key = 'key-illegal'"));
    }

    [Fact]
    public async Task Given_an_erasure_order_When_it_is_appended_Then_payload_and_salt_are_gone_and_every_proof_still_verifies()
    {
        var (caseId, _, _) = await _ledger.NewAcceptedCaseAsync(3, T0);
        await _ledger.SequenceAllAsync();
        var before = await _ledger.Log.GetLatestCheckpointAsync();

        await _ledger.Cases.HandleAsync(new OrderErasure(caseId, Guid.NewGuid(), ErasureReason.CourtOrder, "№ 2-15/2026", [1, 2], T0.AddYears(1)));
        await _ledger.SequenceAllAsync();

        Assert.Equal(0, await _ledger.ScalarAsync($"select count(*) from ledger.entries where case_id = '{caseId}' and case_version <= 2 and salt is not null"));
        Assert.Equal(2, await _ledger.ScalarAsync($"select count(*) from ledger.entries where case_id = '{caseId}' and erased_at is not null"));
        Assert.Equal(0, await _ledger.ScalarAsync($"select count(*) from caseledger.mt_events where stream_id = '{caseId}' and data::text like '%Истец 3%'"));

        var state = (await _ledger.Cases.LoadAsync(caseId))!;
        Assert.All(state.Participants.Values, p => Assert.Equal(PersonalData.Erased, p.DisplayName));

        var checkpoint = (await _ledger.Log.GetLatestCheckpointAsync())!;
        for (long i = 0; i < checkpoint.TreeSize; i++)
        {
            var leaf = (await _ledger.Log.GetLeafAsync(i))!;
            var proof = await _ledger.Log.GetInclusionProofAsync(i, checkpoint.TreeSize);
            Assert.True(ProofVerifier.VerifyInclusion(i, checkpoint.TreeSize, MerkleHash.LeafHash(leaf.LeafInput), proof, checkpoint.RootHash));
        }

        var consistency = await _ledger.Log.GetConsistencyProofAsync(before!.TreeSize, checkpoint.TreeSize);
        Assert.True(ProofVerifier.VerifyConsistency(before.TreeSize, checkpoint.TreeSize, before.RootHash, checkpoint.RootHash, consistency));
    }
}
