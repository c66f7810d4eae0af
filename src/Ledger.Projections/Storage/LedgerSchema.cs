using Npgsql;

namespace Ledger.Projections.Storage;

/// <summary>
/// The ledger's own tables, beside Marten's event store (schema <c>ledger</c>). Created idempotently at start-up.
/// <list type="bullet">
/// <item><c>entries</c>: one row per case event, written in the same transaction as the Marten event: its leaf input
/// (the canonical envelope), leaf hash and payload salt. Erasure clears the salt.</item>
/// <item><c>pending</c>: events committed but not yet sequenced, with the id of the transaction that wrote them,
/// inserted by the same statement as their entries (so it carries no key or foreign key of its own to check).
/// The sequencer reads only rows whose transaction is older than every transaction still running
/// (<c>pg_snapshot_xmin</c>), so no row can later appear before its cursor: the leaf order is final and gapless.</item>
/// <item><c>leaves</c>: leaf index → event, gapless from 0.</item>
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
            erasure_event uuid
        );
        -- (case_id, case_version) is unique through the event store's own (stream, version) key, written in the same
        -- transaction; a second index here would only slow every append (logs created before this change lose it).
        alter table ledger.entries drop constraint if exists entries_case_id_case_version_key;

        create table if not exists ledger.pending (
            event_id  uuid not null,
            tx        xid8 not null default pg_current_xact_id(),
            seq       bigserial not null
        );
        -- Written only together with its entry, in one statement; no key or reference of its own to maintain on the
        -- append path (logs created before this change lose them here).
        alter table ledger.pending drop constraint if exists pending_event_id_fkey;
        alter table ledger.pending drop constraint if exists pending_pkey;
        create index if not exists pending_order on ledger.pending (tx, seq);

        -- The append path's one statement per event besides Marten's: the event's entry and its pending row.
        -- A PL/pgSQL function keeps its inner statements' plans across calls, so an append does not parse and plan
        -- two inserts each time.
        drop function if exists ledger.append_entries(uuid[], uuid, bigint[], text[], timestamptz[], bytea[], bytea[], bytea[]);
        create or replace function ledger.append_entry(
            the_event uuid, the_case uuid, the_version bigint, the_type text, the_time timestamptz,
            the_input bytea, the_hash bytea, the_salt bytea) returns void
        language plpgsql as $fn$
        begin
            insert into ledger.entries (event_id, case_id, case_version, event_type, occurred_at, leaf_input, leaf_hash, salt)
            values (the_event, the_case, the_version, the_type, the_time, the_input, the_hash, the_salt);
            insert into ledger.pending (event_id) values (the_event);
        end
        $fn$;

        create table if not exists ledger.leaves (
            leaf_index    bigint primary key,
            event_id      uuid not null unique references ledger.entries (event_id),
            sequenced_at  timestamptz not null default now()
        );

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
