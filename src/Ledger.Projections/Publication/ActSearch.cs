using System.Text;
using Ledger.Domain.Cases;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Projections.Publication;

/// <summary>A search over published acts: key phrases and filters. <see cref="Page"/> counts from 1.</summary>
public sealed record ActSearchQuery(
    string? Text = null,
    string? CourtId = null,
    string? CaseKind = null,
    string? Category = null,
    int? Year = null,
    string? Article = null,
    string? Outcome = null,
    int Page = 1,
    int PageSize = 10);

/// <summary>One found act. <see cref="SnippetHtml"/> is HTML-escaped text with the matched words in <c>&lt;mark&gt;</c>.</summary>
public sealed record ActSearchHit(
    Guid ActId,
    string CaseNumber,
    string CourtId,
    string CourtName,
    string CaseKind,
    string Category,
    string ActKind,
    int Year,
    string Outcome,
    IReadOnlyList<string> Articles,
    string Language,
    DateTimeOffset InForceAt,
    string OriginalHash,
    double Rank,
    string SnippetHtml);

/// <summary>
/// A page of results and the number of acts that match. Only for a page past the end is the total counted apart, up to
/// <see cref="ActSearch.CountLimit"/>; beyond that limit <see cref="TotalIsLowerBound"/> is true.
/// </summary>
public sealed record ActSearchPage(IReadOnlyList<ActSearchHit> Hits, long Total, bool TotalIsLowerBound, int Page, int PageSize);

/// <summary>A published act in full.</summary>
public sealed record PublishedActView(
    Guid ActId, string CaseNumber, string CourtId, string CourtName, string CaseKind, string Category, string ActKind, int Year,
    string Outcome, IReadOnlyList<string> Articles, string Language, string Text, string OriginalHash, string PublishedHash,
    DateTimeOffset IssuedAt, DateTimeOffset InForceAt, DateTimeOffset DepersonalizedAt, string Status);

/// <summary>
/// Full-text search over published acts (PostgreSQL): the query is read twice — as Russian with the snowball stemmer
/// (<c>websearch_to_tsquery('russian', …)</c>) and as Kazakh prefix terms (<see cref="SearchQueryText"/>) — and an act
/// matches either; ranking is <c>ts_rank_cd</c> (cover density) and snippets come from <c>ts_headline</c>.
/// </summary>
public sealed class ActSearch(NpgsqlDataSource dataSource)
{
    public const int CountLimit = 10_000;
    public const int MaxPageSize = 50;
    private const char MarkStart = '\uE000';
    private const char MarkEnd = '\uE001';

    private static readonly string HeadlineOptions =
        $"StartSel={MarkStart}, StopSel={MarkEnd}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"";

    public async Task<ActSearchPage> SearchAsync(ActSearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();

        var where = new StringBuilder("a.status = 'in-force'");
        var parameters = new List<NpgsqlParameter>();
        if (text is not null)
        {
            where.Append(" and a.search @@ q.query");
        }

        AddFilter(where, parameters, "a.court_id = @court", "court", query.CourtId);
        AddFilter(where, parameters, "a.case_kind = @kind", "kind", query.CaseKind);
        AddFilter(where, parameters, "a.category = @category", "category", query.Category);
        AddFilter(where, parameters, "a.outcome = @outcome", "outcome", query.Outcome);
        if (query.Year is { } year)
        {
            where.Append(" and a.year = @year");
            parameters.Add(new NpgsqlParameter("year", year));
        }

        if (ActMetadata.NormalizeArticleFilter(query.Article) is { } article)
        {
            where.Append(" and a.articles @> @article");
            parameters.Add(new NpgsqlParameter("article", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = new[] { article } });
        }

        var kazakh = text is null ? null : SearchQueryText.KazakhTsQuery(text);
        var queryCte = text is null
            ? "with q as (select null::tsquery as query)"
            : kazakh is null
                ? "with q as (select websearch_to_tsquery('pg_catalog.russian'::regconfig, @text) as query)"
                : "with q as (select websearch_to_tsquery('pg_catalog.russian'::regconfig, @text) || to_tsquery('publication.kazakh_simple'::regconfig, @kazakh) as query)";
        if (text is not null)
        {
            parameters.Add(new NpgsqlParameter("text", text));
        }

        if (kazakh is not null)
        {
            parameters.Add(new NpgsqlParameter("kazakh", kazakh));
        }

        var order = text is null ? "a.in_force_at desc, a.act_id" : "rank desc, a.in_force_at desc, a.act_id";
        var rank = text is null ? "0::real" : "ts_rank_cd(a.search, q.query)";
        var headline = text is null
            ? "left(a.text, 400)"
            : "ts_headline(case a.language when 'kk' then 'publication.kazakh_simple'::regconfig else 'pg_catalog.russian'::regconfig end, a.text, q.query, @headline)";
        if (text is not null)
        {
            parameters.Add(new NpgsqlParameter("headline", HeadlineOptions));
        }

        var sql = $"""
            {queryCte},
            found as (
                select a.act_id, {rank} as rank, count(*) over () as total
                from publication.acts a, q
                where {where}
                order by {order}
                limit @limit offset @offset
            )
            select a.act_id, a.case_number, a.court_id, a.case_kind, a.category, a.act_kind, a.year, a.outcome, a.articles,
                   a.language, a.in_force_at, a.original_hash, f.rank, {headline}, f.total
            from found f join publication.acts a on a.act_id = f.act_id, q
            order by {order.Replace("rank", "f.rank", StringComparison.Ordinal)};
            """;
        // The total comes with the page (one scan ranks and counts every match). A page past the end has no rows to
        // carry it, so only then is it counted apart, up to CountLimit.
        var countSql = $"""
            {queryCte}
            select count(*) from (select 1 from publication.acts a, q where {where} limit {CountLimit + 1}) c;
            """;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(p);
        }

        command.Parameters.Add(new NpgsqlParameter("limit", pageSize));
        command.Parameters.Add(new NpgsqlParameter("offset", (page - 1) * pageSize));
        await using var disposeCommand = command;

        var hits = new List<ActSearchHit>(pageSize);
        long total = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var courtId = reader.GetString(2);
                var snippet = reader.IsDBNull(13) ? "" : reader.GetString(13);
                hits.Add(new ActSearchHit(
                    reader.GetGuid(0),
                    reader.GetString(1),
                    courtId,
                    CourtRegistry.Find(courtId)?.NameRu ?? courtId,
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.GetInt32(6),
                    reader.GetString(7),
                    PublicArticles(reader.GetFieldValue<string[]>(8)),
                    reader.GetString(9),
                    new DateTimeOffset(reader.GetDateTime(10), TimeSpan.Zero),
                    reader.GetString(11),
                    reader.GetFloat(12),
                    SnippetHtml(snippet, text is null)));
                total = reader.GetInt64(14);
            }
        }

        if (hits.Count == 0 && page > 1)
        {
            await using var count = new NpgsqlCommand(countSql, connection);
            foreach (var p in parameters.Where(p => p.ParameterName != "headline"))
            {
                count.Parameters.Add(p.Clone());
            }

            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        return new ActSearchPage(hits, Math.Min(total, CountLimit), total > CountLimit, page, pageSize);
    }

    public async Task<PublishedActView?> GetAsync(Guid actId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            select act_id, case_number, court_id, case_kind, category, act_kind, year, outcome, articles, language, text,
                   original_hash, published_hash, issued_at, in_force_at, depersonalized_at, status
            from publication.acts where act_id = @act
            """);
        command.Parameters.AddWithValue("act", actId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var courtId = reader.GetString(2);
        return new PublishedActView(
            reader.GetGuid(0), reader.GetString(1), courtId, CourtRegistry.Find(courtId)?.NameRu ?? courtId,
            reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.GetString(7),
            PublicArticles(reader.GetFieldValue<string[]>(8)), reader.GetString(9), reader.GetString(10),
            reader.GetString(11), reader.GetString(12),
            new DateTimeOffset(reader.GetDateTime(13), TimeSpan.Zero),
            new DateTimeOffset(reader.GetDateTime(14), TimeSpan.Zero),
            new DateTimeOffset(reader.GetDateTime(15), TimeSpan.Zero),
            reader.GetString(16));
    }

    /// <summary>Escapes the snippet for HTML, then turns the highlight markers into <c>&lt;mark&gt;</c>.</summary>
    public static string SnippetHtml(string headline, bool truncated = false)
    {
        ArgumentNullException.ThrowIfNull(headline);
        var html = new StringBuilder(headline.Length + 32);
        foreach (var c in headline)
        {
            html.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                MarkStart => "<mark>",
                MarkEnd => "</mark>",
                '\n' or '\r' or '\t' => " ",
                _ => c.ToString(),
            });
        }

        if (truncated)
        {
            html.Append(" …");
        }

        return html.ToString();
    }

    /// <summary>Articles as shown: the coded forms ("УК 188"), or the bare number when no code was recognised.</summary>
    private static string[] PublicArticles(string[] stored)
    {
        var coded = stored.Where(a => a.Contains(' ', StringComparison.Ordinal)).ToArray();
        var codedNumbers = coded.Select(a => a[(a.LastIndexOf(' ') + 1)..]).ToHashSet(StringComparer.Ordinal);
        return [.. coded, .. stored.Where(a => !a.Contains(' ', StringComparison.Ordinal) && !codedNumbers.Contains(a))];
    }

    private static void AddFilter(StringBuilder where, List<NpgsqlParameter> parameters, string condition, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            where.Append(" and ").Append(condition);
            parameters.Add(new NpgsqlParameter(name, value.Trim()));
        }
    }
}
