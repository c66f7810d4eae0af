using System.Diagnostics;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Ledger.Anchoring.Audit;
using Ledger.Anchoring.Tests.Infrastructure;
using Ledger.Domain.Cases;
using Ledger.Domain.Cases.Scenarios;
using Ledger.Domain.Integrity;
using Ledger.Projections.Cases;
using Ledger.Projections.Sequencing;
using Ledger.Projections.Storage;
using Npgsql;
using Xunit.Abstractions;

namespace Ledger.Anchoring.Tests.Audit;

/// <summary>What a generated tampering does to the stored ledger.</summary>
public enum Tampering
{
    ChangePayload,
    DeleteEvent,
    DeleteLeaf,
    SwapLeaves,
    SwapPayloads,
    ForgeEvent,
    ForgeLeaf,
    AlterNode,
    AlterCheckpoint,
    AlterLeafInput,
}

/// <summary>One generated tampering: its kind and the random choices it makes (which rows, which field).</summary>
public sealed record TamperCase(Tampering Kind, int A, int B);

[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class LedgerAuditorTests(StackFixture stack, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Origin = "audit.ledger.court.example/2026";
    private NpgsqlDataSource _dataSource = null!;
    private NoteSigner _signer = null!;

    public async Task InitializeAsync()
    {
        _dataSource = LedgerDataSource.Create(await stack.CreateDatabaseAsync("ledger_auditor_tests"));
        await LedgerSchema.EnsureAsync(_dataSource);
        using var store = MartenConfiguration.CreateStore(_dataSource);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        _signer = NoteSigner.Generate(Origin);

        // A realistic ledger: generated cases (with erasure orders), sequenced in small batches (many checkpoints).
        var cases = new CaseLedger(store, Origin);
        var scenarios = new CaseScenarioGenerator(7, new CaseScenarioOptions { ErasureRate = 0.3, Days = 200 }).Generate(40);
        foreach (var command in CaseScenarioGenerator.Interleave(scenarios))
        {
            try
            {
                await cases.HandleAsync(command);
            }
            catch (CaseRuleViolation)
            {
                // The generator checks every command; a refusal here would only skip one event.
            }
        }

        await using var sequencer = new Sequencer(_dataSource, _signer, new SequencerOptions { Origin = Origin, BatchSize = 37 });
        Assert.True(await sequencer.TryBecomeLeaderAsync());
        while (await sequencer.SequenceBatchAsync() > 0)
        {
        }
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private LedgerAuditor Auditor() => new(new AuditOptions { Origin = Origin, LogKey = NoteVerifier.FromVerifierKey(_signer.VerifierKey) });

    [Fact]
    public async Task Given_an_untouched_ledger_with_erased_events_When_audited_Then_every_check_holds()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        var report = await Auditor().AuditAsync(connection);

        Assert.True(report.Passed, string.Join(Environment.NewLine, report.Findings.Take(20)));
        Assert.True(report.Leaves > 300, $"only {report.Leaves} leaves");
        Assert.True(report.Checkpoints > 5);
        Assert.True(report.ErasedEvents > 0, "the ledger should hold erased events");
        Assert.Equal(40, report.Cases);
        output.WriteLine($"{report.Leaves} leaves, {report.Checkpoints} checkpoints, {report.ErasedEvents} erased, {report.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Given_a_Marten_tombstone_event_When_audited_Then_it_is_ignored_in_its_own_stream_and_reported_in_a_case_stream(bool inCaseStream)
    {
        // Marten writes tombstones (type "tombstone", a stream of its own) for the sequence numbers of a save that
        // failed, e.g. while PostgreSQL restarted during an append (ReliabilityPostgresRestartTests found one).
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var tombstone = Guid.NewGuid();
        await using (var command = new NpgsqlCommand(
            $$"""
            create temp table tomb_stream on commit drop as select * from caseledger.mt_streams limit 1;
            update tomb_stream set id = @stream;
            {{(inCaseStream ? "" : "insert into caseledger.mt_streams select * from tomb_stream;")}}
            create temp table tomb on commit drop as select * from caseledger.mt_events limit 1;
            update tomb set id = @id, type = 'tombstone', data = '{}'::jsonb, version = version + 100000,
                seq_id = (select max(seq_id) + 1 from caseledger.mt_events){{(inCaseStream ? "" : ", stream_id = @stream")}};
            insert into caseledger.mt_events select * from tomb;
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("stream", Guid.NewGuid());
            command.Parameters.AddWithValue("id", tombstone);
            await command.ExecuteNonQueryAsync();
        }

        var report = await Auditor().AuditAsync(connection, transaction);
        await transaction.RollbackAsync();
        if (inCaseStream)
        {
            Assert.Contains(report.Findings, f => f.Kind == AuditFindingKind.Unlogged && f.EventId == tombstone);
        }
        else
        {
            Assert.True(report.Passed, string.Join(Environment.NewLine, report.Findings.Take(5)));
        }
    }

    [Fact]
    public async Task Given_600_generated_tamperings_of_the_stored_tables_When_each_is_audited_Then_every_one_is_detected_and_named()
    {
        var gen =
            from kind in Gen.Elements(Enum.GetValues<Tampering>())
            from a in Gen.Choose(0, int.MaxValue - 1)
            from b in Gen.Choose(0, int.MaxValue - 1)
            select new TamperCase(kind, a, b);
        var cases = gen.Sample(600, 100);

        var watch = Stopwatch.StartNew();
        var detected = 0;
        var missed = new List<string>();
        await using var connection = await _dataSource.OpenConnectionAsync();
        var facts = await LedgerFacts.ReadAsync(connection);
        foreach (var tamper in cases)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var touched = await ApplyAsync(connection, transaction, facts, tamper);
            var report = await Auditor().AuditAsync(connection, transaction);
            await transaction.RollbackAsync();
            if (!report.Passed && report.Findings.Any(touched))
            {
                detected++;
            }
            else
            {
                missed.Add($"{tamper}: {(report.Passed ? "audit passed" : string.Join("; ", report.Findings.Take(3)))}");
            }
        }

        output.WriteLine($"{detected}/{cases.Length} tamperings detected and named in {watch.Elapsed.TotalSeconds:F1} s");
        foreach (var kind in Enum.GetValues<Tampering>())
        {
            output.WriteLine($"  {kind}: {cases.Count(c => c.Kind == kind)}");
        }

        Assert.True(missed.Count == 0, string.Join(Environment.NewLine, missed.Take(20)));
        Assert.Equal(cases.Length, detected);
        Assert.True(cases.Length >= 500);
        foreach (var kind in Enum.GetValues<Tampering>())
        {
            Assert.Contains(cases, c => c.Kind == kind);
        }

        // The rollbacks left the ledger as it was.
        Assert.True((await Auditor().AuditAsync(connection)).Passed);
    }

    /// <summary>Applies a tampering and returns how to recognise a finding that names what was touched.</summary>
    private static async Task<Func<AuditFinding, bool>> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LedgerFacts facts, TamperCase tamper)
    {
        var leaf = facts.Leaves[tamper.A % facts.Leaves.Count];
        var other = facts.Leaves[tamper.B % facts.Leaves.Count];
        if (other.EventId == leaf.EventId)
        {
            other = facts.Leaves[(Array.IndexOf([.. facts.Leaves], leaf) + 1) % facts.Leaves.Count];
        }

        switch (tamper.Kind)
        {
            case Tampering.ChangePayload:
            {
                var target = facts.Unerased[tamper.A % facts.Unerased.Count];
                var data = JsonNode.Parse(await ScalarAsync<string>(connection, transaction, "select data::text from caseledger.mt_events where id = @a", target.EventId))!.AsObject();
                var fields = data.Where(p => p.Value is JsonValue).Select(p => p.Key).ToList();
                var field = fields[tamper.B % fields.Count];
                var value = data[field]!.AsValue();
                data[field] = value.GetValueKind() switch
                {
                    System.Text.Json.JsonValueKind.String => (JsonNode)(value.GetValue<string>() + "x"),
                    System.Text.Json.JsonValueKind.Number => value.GetValue<decimal>() + 1,
                    System.Text.Json.JsonValueKind.True => false,
                    _ => true,
                };
                await ExecuteAsync(connection, transaction, "update caseledger.mt_events set data = @b::jsonb where id = @a", target.EventId, data.ToJsonString());
                return f => f.EventId == target.EventId;
            }

            case Tampering.DeleteEvent:
                await ExecuteAsync(connection, transaction, "delete from caseledger.mt_events where id = @a", leaf.EventId);
                return f => f.EventId == leaf.EventId;

            case Tampering.DeleteLeaf:
                await ExecuteAsync(connection, transaction, "delete from ledger.leaves where leaf_index = @a", leaf.Index);
                // A middle leaf leaves a gap at its index; the last one shortens the log below its checkpoint.
                return f => f.LeafIndex == leaf.Index || (leaf.Index == facts.Leaves.Count - 1 && f.TreeSize == facts.Leaves.Count);

            case Tampering.SwapLeaves:
                await ExecuteAsync(connection, transaction, """
                    delete from ledger.leaves where leaf_index in (@a, @b);
                    insert into ledger.leaves (leaf_index, event_id) values (@a, @c), (@b, @d);
                    """, leaf.Index, other.Index, other.EventId, leaf.EventId);
                return f => f.LeafIndex == leaf.Index || f.LeafIndex == other.Index;

            case Tampering.SwapPayloads:
            {
                var first = facts.Unerased[tamper.A % facts.Unerased.Count];
                var second = facts.Unerased[tamper.B % facts.Unerased.Count];
                if (second.EventId == first.EventId)
                {
                    second = facts.Unerased[(tamper.B + 1) % facts.Unerased.Count];
                }

                await ExecuteAsync(connection, transaction, """
                    update caseledger.mt_events m set data = o.data, type = o.type
                    from caseledger.mt_events o
                    where (m.id = @a and o.id = @b) or (m.id = @b and o.id = @a)
                    """, first.EventId, second.EventId);
                return f => f.EventId == first.EventId || f.EventId == second.EventId;
            }

            case Tampering.ForgeEvent:
            {
                var forged = Guid.NewGuid();
                await ExecuteAsync(connection, transaction, """
                    create temp table forged on commit drop as select * from caseledger.mt_events where id = @a;
                    update forged set id = @b, version = version + 100000, seq_id = (select max(seq_id) + 1 from caseledger.mt_events);
                    insert into caseledger.mt_events select * from forged;
                    """, leaf.EventId, forged);
                return f => f.EventId == forged;
            }

            case Tampering.ForgeLeaf:
            {
                // A forged event appended at the end of the log, with a well-formed envelope and its own entry.
                var forged = Guid.NewGuid();
                var envelope = new LeafEnvelope(1, Origin, leaf.CaseId, 1000 + tamper.B % 1000, "judgment-issued", DateTimeOffset.UtcNow, null, new byte[32], []);
                var input = envelope.ToLeafInput();
                await ExecuteAsync(connection, transaction, """
                    insert into ledger.entries (event_id, case_id, case_version, event_type, occurred_at, leaf_input, leaf_hash, salt)
                    values (@a, @b, @c, 'judgment-issued', now(), @d, @e, null);
                    insert into ledger.leaves (leaf_index, event_id) values (@f, @a);
                    """, forged, leaf.CaseId, envelope.EventVersion, input, MerkleHash.LeafHash(input), (long)facts.Leaves.Count);
                return f => f.EventId == forged || f.LeafIndex == facts.Leaves.Count;
            }

            case Tampering.AlterNode:
            {
                var node = facts.Nodes[tamper.A % facts.Nodes.Count];
                var hash = new byte[32];
                new Random(tamper.B).NextBytes(hash);
                await ExecuteAsync(connection, transaction, "update ledger.nodes set hash = @c where level = @a and idx = @b", node.Level, node.Index, hash);
                return f => f.Node == node;
            }

            case Tampering.AlterCheckpoint:
            {
                var size = facts.Checkpoints[tamper.A % facts.Checkpoints.Count];
                if (tamper.B % 2 == 0)
                {
                    var root = new byte[32];
                    new Random(tamper.B).NextBytes(root);
                    await ExecuteAsync(connection, transaction, "update ledger.checkpoints set root_hash = @b where tree_size = @a", size, root);
                }
                else
                {
                    // A checkpoint note re-signed by another key.
                    var forger = NoteSigner.Generate(Origin);
                    var note = await ScalarAsync<string>(connection, transaction, "select note from ledger.checkpoints where tree_size = @a", size);
                    var body = note[..(note.IndexOf("\n\n", StringComparison.Ordinal) + 1)];
                    await ExecuteAsync(connection, transaction, "update ledger.checkpoints set note = @b where tree_size = @a",
                        size, SignedCheckpoint.Sign(Checkpoint.ParseBody(body), forger));
                }

                return f => f.TreeSize == size;
            }

            case Tampering.AlterLeafInput:
            {
                // The envelope re-encoded with another time, and its leaf hash updated to match: the tree and the
                // case chain no longer agree.
                var input = await ScalarAsync<byte[]>(connection, transaction, "select leaf_input from ledger.entries where event_id = @a", leaf.EventId);
                var envelope = LeafEnvelope.Parse(input);
                var altered = (envelope with { Time = envelope.Time.AddSeconds(1 + tamper.B % 1000) }).ToLeafInput();
                await ExecuteAsync(connection, transaction, "update ledger.entries set leaf_input = @b, leaf_hash = @c where event_id = @a",
                    leaf.EventId, altered, MerkleHash.LeafHash(altered));
                return f => f.LeafIndex == leaf.Index || f.EventId == leaf.EventId;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(tamper));
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        var names = new[] { "a", "b", "c", "d", "e", "f" };
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue(names[i], values[i]);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object a)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("a", a);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private sealed record LeafFact(long Index, Guid EventId, Guid CaseId);

    private sealed record LedgerFacts(IReadOnlyList<LeafFact> Leaves, IReadOnlyList<LeafFact> Unerased, IReadOnlyList<NodeId> Nodes, IReadOnlyList<long> Checkpoints)
    {
        public static async Task<LedgerFacts> ReadAsync(NpgsqlConnection connection)
        {
            var leaves = new List<LeafFact>();
            var unerased = new List<LeafFact>();
            await using (var command = new NpgsqlCommand(
                "select l.leaf_index, l.event_id, e.case_id, e.salt is not null from ledger.leaves l join ledger.entries e using (event_id) order by l.leaf_index", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var fact = new LeafFact(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2));
                    leaves.Add(fact);
                    if (reader.GetBoolean(3))
                    {
                        unerased.Add(fact);
                    }
                }
            }

            var nodes = new List<NodeId>();
            await using (var command = new NpgsqlCommand("select level, idx from ledger.nodes order by level, idx", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    nodes.Add(new NodeId(reader.GetInt32(0), reader.GetInt64(1)));
                }
            }

            var checkpoints = new List<long>();
            await using (var command = new NpgsqlCommand("select tree_size from ledger.checkpoints where tree_size > 0 order by tree_size", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    checkpoints.Add(reader.GetInt64(0));
                }
            }

            return new LedgerFacts(leaves, unerased, nodes, checkpoints);
        }
    }
}
