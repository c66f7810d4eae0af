using Npgsql;

namespace Ledger.Projections.Storage;

/// <summary>
/// The ledger's own tables, beside Marten's event store (schema <c>ledger</c>). Created idempotently at start-up.
/// <list type="bullet">
/// <item><c>entries</c>: one row per case event, written in the same transaction as the Marten event: its leaf input
/// (the canonical envelope), leaf hash and payload salt. Erasure clears the salt. It also carries the id of the transaction that wrote it (<c>tx</c>) and its insertion order (<c>seq</c>):
/// the sequencer reads entries after its cursor in (tx, seq) order, only those whose transaction is older than every
/// transaction still running (<c>pg_snapshot_xmin</c>), so no entry can later appear before its cursor: the leaf order
/// is final and gapless.</item>
/// <item><c>leaves</c>: leaf index → event, gapless from 0.</item>
/// <item><c>pending</c> (a view): the entries after the sequencer's cursor, not yet sequenced.</item>
/// <item><c>nodes</c>: hashes of every perfect subtree (level 0 = leaf hashes), enough for O(log n) proofs.</item>
/// <item><c>checkpoints</c>: signed checkpoints by tree size.</item>
/// <item><c>idempotency</c>: idempotency keys of appends with the hash of the request and the result.</item>
/// <item><c>anchors</c>: every anchor transaction of a checkpoint (written by the anchorer, Ledger.Anchoring): signed
/// and recorded as <c>pending</c> before it is broadcast, then <c>confirmed</c> after K confirmations or <c>failed</c>.
/// At most one non-failed anchor per (chain, contract, tree size).</item>
/// </list>
/// </summary>
public static class LedgerSchema
{
    public const string Name = "ledger";

    public const string Ddl = """
        create schema if not exists ledger;

        create table if not exists ledger.entries (
            event_id      uuid primary key,
            case_id       uuid not null,
            case_version  bigint not null,
            event_type    text not null,
            occurred_at   timestamptz not null,
            leaf_input    bytea not null,
            leaf_hash     bytea not null,
            salt          bytea,
            erased_at     timestamptz,
            erasure_event uuid,
            tx            xid8 default pg_current_xact_id(),
            seq           bigint
        );
        -- (case_id, case_version) is unique through the event store's own (stream, version) key, written in the same
        -- transaction; a second index here would only slow every append (logs created before this change lose it).
        alter table ledger.entries drop constraint if exists entries_case_id_case_version_key;

        -- The sequencer's order: the id of the writing transaction, then insertion order. It reads the entries after
        -- its cursor (the (tx, seq) of the last leaf's entry) whose transaction is below the xmin of its snapshot.
        -- Logs created before this change gain the columns empty (their entries, already sequenced, have no tx) and
        -- their unsequenced entries get the order they had in ledger.pending, which is then dropped.
        create sequence if not exists ledger.entries_seq as bigint;
        alter table ledger.entries add column if not exists tx xid8;
        alter table ledger.entries add column if not exists seq bigint;
        alter table ledger.entries alter column tx set default pg_current_xact_id();
        alter table ledger.entries alter column seq set default nextval('ledger.entries_seq');
        alter sequence ledger.entries_seq owned by ledger.entries.seq;
        create index if not exists entries_order on ledger.entries (tx, seq);
        do $migrate$
        begin
            if exists (select 1 from pg_class where oid = to_regclass('ledger.pending') and relkind = 'r') then
                update ledger.entries e set tx = p.tx, seq = p.seq from ledger.pending p where p.event_id = e.event_id;
                perform setval('ledger.entries_seq', greatest((select max(seq) from ledger.pending), 1));
                drop table ledger.pending;
            end if;
        end
        $migrate$;
        drop function if exists ledger.append_entries(uuid[], uuid, bigint[], text[], timestamptz[], bytea[], bytea[], bytea[]);
        drop function if exists ledger.append_entry(uuid, uuid, bigint, text, timestamptz, bytea, bytea, bytea);

        create table if not exists ledger.leaves (
            leaf_index    bigint primary key,
            event_id      uuid not null unique references ledger.entries (event_id),
            sequenced_at  timestamptz not null default now()
        );

        -- The entries not yet sequenced: those after the sequencer's cursor, the (tx, seq) of the last leaf's entry (for
        -- tests, the auditor and operators; the sequencer reads ledger.entries directly). An entry with no leaf that is
        -- not in here was skipped: the audit reports it.
        create or replace view ledger.pending as
        select e.event_id, e.tx, e.seq
        from ledger.entries e
        where (e.tx, e.seq) > (
            coalesce((select c.tx from ledger.leaves l join ledger.entries c on c.event_id = l.event_id order by l.leaf_index desc limit 1), '0'::xid8),
            coalesce((select c.seq from ledger.leaves l join ledger.entries c on c.event_id = l.event_id order by l.leaf_index desc limit 1), 0));

        create table if not exists ledger.nodes (
            level  int not null,
            idx    bigint not null,
            hash   bytea not null,
            primary key (level, idx)
        );

        create table if not exists ledger.checkpoints (
            tree_size   bigint primary key,
            root_hash   bytea not null,
            note        text not null,
            created_at  timestamptz not null default now()
        );

        create table if not exists ledger.idempotency (
            key           text primary key,
            request_hash  bytea not null,
            case_id       uuid not null,
            result        jsonb not null,
            created_at    timestamptz not null default now()
        );

        create table if not exists ledger.anchors (
            id            bigserial primary key,
            chain_id      bigint not null,
            contract      text not null,
            tree_size     bigint not null,
            root_hash     bytea not null,
            status        text not null check (status in ('pending', 'confirmed', 'failed')),
            tx_hash       text not null,
            raw_tx        text not null,
            sender        text not null,
            nonce         bigint not null,
            sent_at       timestamptz,
            block_number  bigint,
            block_hash    text,
            gas_used      bigint,
            error         text,
            created_at    timestamptz not null default now(),
            confirmed_at  timestamptz,
            updated_at    timestamptz not null default now()
        );
        create unique index if not exists anchors_live_size on ledger.anchors (chain_id, contract, tree_size) where status <> 'failed';
        create index if not exists anchors_by_size on ledger.anchors (tree_size);
        """;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Serialise concurrent start-ups: CREATE ... IF NOT EXISTS is not safe against itself.
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_lock(7206112001)", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using var command = new NpgsqlCommand(Ddl, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(7206112001)", connection);
            await unlock.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
