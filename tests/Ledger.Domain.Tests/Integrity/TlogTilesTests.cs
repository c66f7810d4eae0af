using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Domain.Integrity;

namespace Ledger.Domain.Tests.Integrity;

public sealed class TlogTilesTests
{
    [Theory]
    [InlineData(0, "000")]
    [InlineData(7, "007")]
    [InlineData(999, "999")]
    [InlineData(1000, "x001/000")]
    [InlineData(1234067, "x001/x234/067")]
    public void Given_a_tile_index_When_formatted_Then_it_is_three_digit_groups_with_x_prefixes(long index, string expected) =>
        Assert.Equal(expected, TlogTiles.FormatIndex(index));

    [Theory]
    [InlineData("0/x001/x234/067", 0, 1234067L, 256, false)]
    [InlineData("2/000.p/17", 2, 0L, 17, false)]
    [InlineData("entries/x001/000.p/255", 0, 1000L, 255, true)]
    [InlineData("entries/005", 0, 5L, 256, true)]
    public void Given_a_valid_tile_path_When_parsed_Then_level_index_width_and_kind_are_read(string path, int level, long index, int width, bool entries)
    {
        Assert.True(TlogTiles.TryParse(path, out var tile));
        Assert.Equal(new TileId(level, index, width, entries), tile);
        Assert.Equal("tile/" + path, tile.Path());
    }

    [Theory]
    [InlineData("0/1")]
    [InlineData("0/0001")]
    [InlineData("0/x000/001")]
    [InlineData("0/001/002")]
    [InlineData("00/001")]
    [InlineData("64/001")]
    [InlineData("0/000.p/256")]
    [InlineData("0/000.p/0")]
    [InlineData("0/000.p/07")]
    [InlineData("data/000")]
    [InlineData("0")]
    [InlineData("")]
    public void Given_a_malformed_tile_path_When_parsed_Then_it_is_refused(string path) =>
        Assert.False(TlogTiles.TryParse(path, out _));

    [Property]
    public Property Given_any_tile_When_its_path_is_parsed_Then_the_same_tile_comes_back() =>
        Prop.ForAll(
            Gen.Choose(0, 63).ToArbitrary(),
            ArbMap.Default.ArbFor<long>().Filter(i => i >= 0),
            Gen.Choose(1, 256).ToArbitrary(),
            (level, index, width) =>
            {
                var tile = new TileId(level, index, width, false);
                return TlogTiles.TryParse(tile.Path()["tile/".Length..], out var parsed) && parsed == tile;
            });

    [Fact]
    public void Given_entries_of_various_lengths_When_bundled_and_read_back_Then_they_are_unchanged()
    {
        byte[][] entries = [[], [1], [.. Enumerable.Repeat((byte)7, 300)], new byte[ushort.MaxValue]];
        var bundle = TlogTiles.EncodeEntryBundle(entries);
        Assert.Equal(entries.Sum(e => 2 + e.Length), bundle.Length);
        Assert.Equal(0x01, bundle[2 + 0 + 1]); // second entry's length prefix is big-endian 0x0001
        Assert.Equal(entries, TlogTiles.DecodeEntryBundle(bundle));
        Assert.Throws<FormatException>(() => TlogTiles.DecodeEntryBundle(bundle.AsSpan(0, bundle.Length - 1)));
        Assert.Throws<ArgumentException>(() => TlogTiles.EncodeEntryBundle([new byte[ushort.MaxValue + 1]]));
    }

    [Theory]
    [InlineData(0, 0, 603, 256)]
    [InlineData(0, 2, 603, 91)]
    [InlineData(0, 3, 603, 0)]
    [InlineData(1, 0, 603, 2)]
    [InlineData(1, 0, 65536, 256)]
    [InlineData(2, 0, 65536, 1)]
    public void Given_a_tree_size_When_a_tile_width_is_asked_Then_it_counts_the_complete_subtrees(int level, long index, long size, int width) =>
        Assert.Equal(width, TlogTiles.WidthAt(level, index, size));
}
