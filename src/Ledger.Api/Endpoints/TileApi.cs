using Ledger.Api.Hosting;
using Ledger.Api.RateLimiting;
using Ledger.Domain.Integrity;
using Ledger.Projections.Log;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ledger.Api.Endpoints;

/// <summary>
/// The log as C2SP tlog-tiles serves it, so that standard clients and witnesses can follow it: <c>/checkpoint</c>,
/// Merkle tiles <c>/tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> (height 8, built from the stored perfect subtrees) and entry
/// bundles <c>/tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c> (the leaf inputs, each after a big-endian uint16 length).
/// </summary>
public static class TileApi
{
    public static IEndpointRouteBuilder MapTileApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("").WithTags("Tiles (C2SP tlog-tiles)")
            .RequireRateLimiting(RateLimitPolicies.Public)
            .AddEndpointFilter(LedgerReady.Filter);
        group.MapGet("/checkpoint", LogApi.GetCheckpointAsync)
            .WithSummary("The latest signed checkpoint (tlog-tiles location).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        group.MapGet("/tile/{**path}", GetTileAsync)
            .WithSummary("A Merkle tile (tile/L/N[.p/W]) or an entry bundle (tile/entries/N[.p/W]), as C2SP tlog-tiles specifies.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        return endpoints;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetTileAsync(
        string path, NpgsqlDataSource dataSource, HttpContext context, CancellationToken cancellationToken)
    {
        if (!TlogTiles.TryParse(path, out var tile))
        {
            return TypedResults.Problem(
                title: "No such tile", detail: "Tile paths are tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>] (C2SP tlog-tiles).",
                statusCode: StatusCodes.Status404NotFound);
        }

        var content = tile.IsEntries
            ? await ReadEntriesAsync(dataSource, tile, cancellationToken)
            : await ReadHashesAsync(dataSource, tile, cancellationToken);
        if (content is null)
        {
            return TypedResults.Problem(
                title: "No such tile", detail: $"The log does not have {tile.Path()} (yet).", statusCode: StatusCodes.Status404NotFound);
        }

        // A full tile never changes; a partial one of a given width never changes either, but is superseded soon.
        context.Response.Headers.CacheControl = tile.IsPartial ? "public, max-age=60" : "public, max-age=31536000, immutable";
        return TypedResults.File(content, "application/octet-stream");
    }

    private static async Task<byte[]?> ReadHashesAsync(NpgsqlDataSource dataSource, TileId tile, CancellationToken cancellationToken)
    {
        var first = tile.Index * TileId.FullWidth;
        await using var command = dataSource.CreateCommand(
            "select hash from ledger.nodes where level = @level and idx >= @first and idx < @end order by idx");
        command.Parameters.AddWithValue("level", tile.MerkleLevel);
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("end", first + tile.Width);
        var content = new byte[tile.Width * MerkleHash.Size];
        var count = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var hash = reader.GetFieldValue<byte[]>(0);
            if (hash.Length != MerkleHash.Size)
            {
                throw new LogCorruptionException($"The stored Merkle node (level {tile.MerkleLevel}, index {first + count}) is not 32 bytes.");
            }

            hash.CopyTo(content, count * MerkleHash.Size);
            count++;
        }

        return count == tile.Width ? content : null;
    }

    private static async Task<byte[]?> ReadEntriesAsync(NpgsqlDataSource dataSource, TileId tile, CancellationToken cancellationToken)
    {
        var first = tile.Index * TileId.FullWidth;
        await using var command = dataSource.CreateCommand("""
            select e.leaf_input
            from ledger.leaves l join ledger.entries e on e.event_id = l.event_id
            where l.leaf_index >= @first and l.leaf_index < @end
            order by l.leaf_index
            """);
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("end", first + tile.Width);
        var entries = new List<byte[]>(tile.Width);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(reader.GetFieldValue<byte[]>(0));
        }

        return entries.Count == tile.Width ? TlogTiles.EncodeEntryBundle(entries) : null;
    }
}
