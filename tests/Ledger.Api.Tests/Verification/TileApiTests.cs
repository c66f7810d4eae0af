using System.Net;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain.Cases;
using Ledger.Domain.Integrity;
using Ledger.Projections.Cases;
using Ledger.Projections.Log;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Api.Tests.Verification;

[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class TileApiTests(StackFixture stack) : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(stack.Stack.ToApiSettings(await stack.CreateDatabaseAsync("tile_api_tests")))
        {
            ["Anchoring:Enabled"] = "false",
            ["RateLimiting:Public:PermitLimit"] = "100000",
        };
        _host = await ApiTestHost.StartAsync(settings);
        (await _host.Client.GetAsync("/api/v1/verify/documents/" + new string('0', 64))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Given_a_log_of_more_than_two_full_tiles_When_a_client_follows_only_the_tiles_Then_it_rebuilds_the_signed_root_and_every_leaf()
    {
        var cases = _host.Services.GetRequiredService<CaseLedger>();
        var scenarios = new JudgmentScenarios(cases);
        var issued = await scenarios.IssueAsync("Решение для проверки плиток");
        // 3 events so far; 600 materials make a tree of 603 leaves: two full level-0 tiles and a partial one.
        for (var i = 0; i < 600; i++)
        {
            var document = TestDocument.Create($"material {i}");
            await cases.HandleAsync(new AttachMaterial(issued.CaseId, Guid.NewGuid(), document.Ref("evidence"), issued.ClaimantId, DateTimeOffset.UtcNow));
        }

        var log = _host.Services.GetRequiredService<LogReader>();
        await JudgmentScenarios.WaitForSequencingAsync(log, _host.Services.GetRequiredService<NpgsqlDataSource>());

        var note = await _host.Client.GetStringAsync("/checkpoint");
        Assert.Equal(await _host.Client.GetStringAsync("/api/v1/log/checkpoint"), note);
        var key = NoteVerifier.FromVerifierKey(await _host.Client.GetStringAsync("/api/v1/log/key"));
        var verified = SignedCheckpoint.Verify(note, key);
        Assert.True(verified.IsValid, verified.Error);
        var checkpoint = verified.Checkpoint!;
        var size = checkpoint.TreeSize;
        Assert.True(size >= 603, $"tree size {size}");

        // Level-0 tiles: every leaf hash; entry bundles: every leaf input, whose leaf hash must match the tile.
        var leafHashes = new List<byte[]>();
        for (long n = 0; n * TileId.FullWidth < size; n++)
        {
            var width = TlogTiles.WidthAt(0, n, size);
            var tile = new TileId(0, n, width, IsEntries: false);
            var hashes = TlogTiles.SplitHashes(await GetBytesAsync(tile.Path()));
            Assert.Equal(width, hashes.Count);
            var entries = TlogTiles.DecodeEntryBundle(await GetBytesAsync((tile with { IsEntries = true }).Path()));
            Assert.Equal(width, entries.Count);
            for (var i = 0; i < width; i++)
            {
                Assert.Equal(MerkleHash.LeafHash(entries[i]), hashes[i]);
                LeafEnvelope.Parse(entries[i]);
            }

            leafHashes.AddRange(hashes);
        }

        Assert.Equal(size, leafHashes.Count);

        // The root from the tiles: each perfect subtree of the tree's border from the tile at its level (level-1 tiles
        // hold the roots of 256-leaf subtrees), hashed up within the tile where the subtree is not on a tile level.
        var border = CompactRange.BorderIds(size);
        var borderHashes = new List<byte[]>();
        foreach (var node in border)
        {
            var tileLevel = node.Level / TileId.Height;
            var within = node.Level % TileId.Height;
            var firstAtTileLevel = node.Index << within;
            var tileIndex = firstAtTileLevel / TileId.FullWidth;
            var tile = new TileId(tileLevel, tileIndex, TlogTiles.WidthAt(tileLevel, tileIndex, size), false);
            var hashes = TlogTiles.SplitHashes(await GetBytesAsync(tile.Path()));
            var start = (int)(firstAtTileLevel % TileId.FullWidth);
            var level = hashes.Skip(start).Take(1 << within).ToList();
            while (level.Count > 1)
            {
                level = [.. level.Chunk(2).Select(pair => MerkleHash.NodeHash(pair[0], pair[1]))];
            }

            borderHashes.Add(level[0]);
        }

        Assert.Equal(checkpoint.RootHash, CompactRange.FromBorder(size, borderHashes).RootHash());

        // Level-1 tile hashes are the roots of 256-leaf subtrees.
        var level1 = TlogTiles.SplitHashes(await GetBytesAsync(new TileId(1, 0, TlogTiles.WidthAt(1, 0, size), false).Path()));
        Assert.Equal((int)(size / 256), level1.Count);
        var first = leafHashes.Take(256).ToList();
        while (first.Count > 1)
        {
            first = [.. first.Chunk(2).Select(pair => MerkleHash.NodeHash(pair[0], pair[1]))];
        }

        Assert.Equal(first[0], level1[0]);

        // Tiles the tree does not have yet, and malformed paths, are 404.
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync("/tile/0/" + TlogTiles.FormatIndex(size / 256 + 5))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync("/tile/0/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync("/tile/0/000.p/256")).StatusCode);
        var full = await _host.Client.GetAsync("/tile/0/000");
        Assert.Contains("immutable", full.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    private async Task<byte[]> GetBytesAsync(string path)
    {
        var response = await _host.Client.GetAsync("/" + path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
