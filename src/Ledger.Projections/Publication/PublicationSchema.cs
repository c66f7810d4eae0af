using Npgsql;

namespace Ledger.Projections.Publication;

/// <summary>
/// Read models built from the log (schema <c>publication</c>), created idempotently at start-up:
/// <list type="bullet">
/// <item><c>acts</c>: depersonalized public copies of acts in force, with the hash of the original, metadata for the
/// search filters and a full-text vector (Russian stems, or Kazakh lower-cased word forms, see docs/search.md).</item>
/// <item><c>withheld</c>: acts that were not published and why (closed category, or the text is not available yet).</item>
/// <item><c>participant_cases</c>: participant id → cases (the personal cabinet).</item>
/// <item><c>cursors</c>: the last log leaf each read model has processed.</item>
/// </list>
/// </summary>
public static class PublicationSchema
{
    public const string Name = "publication";

    /// <summary>The Kazakh text search configuration: lower-cased word forms (no stemmer exists for Kazakh in PostgreSQL).</summary>
    public const string KazakhConfiguration = "publication.kazakh_simple";

    /// <summary>
    /// The search vector of an act: Russian snowball stems for Russian acts, lower-cased word forms
    /// (<see cref="KazakhConfiguration"/>) for Kazakh acts. One half per act keeps the vector, the index and the cost of
    /// ranking small; the query is read both ways (see <see cref="ActSearch"/>), so either kind of act is found.
    /// </summary>
    public static string VectorOf(string textColumn, string languageColumn) =>
        $"case {languageColumn} when 'kk' then to_tsvector('publication.kazakh_simple'::regconfig, {textColumn}) " +
        $"else to_tsvector('pg_catalog.russian'::regconfig, {textColumn}) end";

    public static readonly string Ddl = $"""
        create schema if not exists publication;

        do $$
        begin
            if not exists (select 1 from pg_ts_config c join pg_namespace n on n.oid = c.cfgnamespace
                           where c.cfgname = 'kazakh_simple' and n.nspname = 'publication') then
                create text search configuration publication.kazakh_simple (copy = pg_catalog.simple);
            end if;
        end
        $$;

        create table if not exists publication.acts (
            act_id             uuid primary key,
            case_id            uuid not null,
            original_hash      text not null,
            published_hash     text not null,
            case_number        text not null,
            court_id           text not null,
            case_kind          text not null,
            category           text not null,
            act_kind           text not null,
            year               int not null,
            outcome            text not null,
            articles           text[] not null,
            language           text not null,
            text               text not null,
            replacements       int not null,
            issued_at          timestamptz not null,
            in_force_at        timestamptz not null,
            depersonalized_at  timestamptz not null,
            status             text not null default 'in-force',
            search             tsvector generated always as ({VectorOf("text", "language")}) stored
        );
        create index if not exists acts_search on publication.acts using gin (search);
        create index if not exists acts_articles on publication.acts using gin (articles);
        create index if not exists acts_court_year on publication.acts (court_id, year);
        create index if not exists acts_year on publication.acts (year);
        create index if not exists acts_in_force on publication.acts (in_force_at desc);
        create index if not exists acts_original_hash on publication.acts (original_hash);

        create table if not exists publication.withheld (
            act_id         uuid primary key,
            case_id        uuid not null,
            case_version   bigint not null,
            original_hash  text not null,
            reason_code    text not null,
            categories     text[] not null,
            reason_ru      text not null,
            reason_en      text not null,
            attempts       int not null default 1,
            recorded_at    timestamptz not null default now()
        );

        create table if not exists publication.participant_cases (
            participant_id  uuid not null,
            case_id         uuid not null,
            role            text not null,
            since           timestamptz not null,
            primary key (participant_id, case_id)
        );

        create table if not exists publication.cursors (
            name      text primary key,
            position  bigint not null
        );
        """;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_lock(7206112002)", connection))
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
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(7206112002)", connection);
            await unlock.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
