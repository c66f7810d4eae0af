using System.Numerics;
using Ledger.Domain.Integrity;

namespace Ledger.Domain.Tests.Integrity;

public class MerkleLogTests
{
    private const int ExhaustiveLimit = 48;

    internal static List<byte[]> LeafInputs(int count, int seed = 1)
    {
        var random = new Random(seed);
        var inputs = new List<byte[]>(count);
        for (int i = 0; i < count; i++)
        {
            var input = new byte[random.Next(0, 40)];
            random.NextBytes(input);
            inputs.Add(input);
        }

        return inputs;
    }

    [Fact]
    public void Given_every_size_up_to_48_When_roots_and_all_proofs_are_built_Then_they_equal_the_reference_and_verify()
    {
        var inputs = LeafInputs(ExhaustiveLimit);
        var leaves = inputs.Select(MerkleReference.LeafHash).ToList();
        var log = new MerkleLog(new InMemoryNodeStore());
        log.AppendRange(inputs);

        for (int size = 1; size <= ExhaustiveLimit; size++)
        {
            byte[] root = log.Root(size);
            Assert.Equal(MerkleReference.Mth(leaves, 0, size), root);
            for (int index = 0; index < size; index++)
            {
                var proof = log.InclusionProof(index, size);
                Assert.Equal(MerkleReference.Path(index, leaves, 0, size), proof);
                Assert.True(ProofVerifier.VerifyInclusion(index, size, leaves[index], proof, root));
            }

            for (int size1 = 1; size1 <= size; size1++)
            {
                var proof = log.ConsistencyProof(size1, size);
                Assert.Equal(MerkleReference.Proof(size1, leaves, size), proof);
                Assert.True(ProofVerifier.VerifyConsistency(size1, size, log.Root(size1), root, proof));
            }
        }
    }

    [Fact]
    public void Given_a_compact_range_When_leaves_are_appended_Then_every_perfect_node_is_reported_exactly_once()
    {
        var leaves = LeafInputs(100).Select(MerkleReference.LeafHash).ToList();
        var range = new CompactRange();
        var reported = new Dictionary<NodeId, byte[]>();
        foreach (var leaf in leaves)
        {
            range.Append(leaf, (id, hash) => reported.Add(id, hash));
        }

        // Every perfect subtree of [0, 100) at every level, and nothing else.
        int expected = 0;
        for (int level = 0; (1 << level) <= 100; level++)
        {
            for (long i = 0; (i + 1) << level <= 100; i++)
            {
                expected++;
                var id = new NodeId(level, i);
                Assert.Equal(MerkleReference.Mth(leaves, (int)id.Begin, (int)id.End), reported[id]);
            }
        }

        Assert.Equal(expected, reported.Count);
    }

    [Theory]
    [InlineData(0L, new int[0])]
    [InlineData(1L, new[] { 0 })]
    [InlineData(6L, new[] { 2, 1 })]
    [InlineData(13L, new[] { 3, 2, 0 })]
    public void Given_a_size_When_border_ids_are_asked_Then_they_are_the_perfect_subtrees_left_to_right(long size, int[] levels)
    {
        var ids = CompactRange.BorderIds(size);
        Assert.Equal(levels, ids.Select(i => i.Level));
        long begin = 0;
        foreach (var id in ids)
        {
            Assert.Equal(begin, id.Begin);
            begin = id.End;
        }

        Assert.Equal(size, begin);
    }

    [Fact]
    public void Given_a_log_When_it_is_resumed_from_its_store_Then_appends_continue_with_the_same_roots()
    {
        var inputs = LeafInputs(300);
        var store = new InMemoryNodeStore();
        var first = new MerkleLog(store);
        first.AppendRange(inputs.Take(157));

        var resumed = new MerkleLog(store, 157);
        Assert.Equal(first.Root(), resumed.Root());
        resumed.AppendRange(inputs.Skip(157));

        var straight = new MerkleLog(new InMemoryNodeStore());
        straight.AppendRange(inputs);
        Assert.Equal(straight.Root(), resumed.Root());

        var range = CompactRange.FromBorder(157, CompactRange.BorderIds(157).Select(id => store.Read(id)!).ToList());
        Assert.Equal(straight.Root(157), range.RootHash());
        Assert.Equal(range.BorderHashes(), CompactRange.BorderIds(157).Select(id => store.Read(id)!).ToList());
    }

    [Fact]
    public void Given_a_wrong_number_of_border_hashes_When_a_range_is_rebuilt_Then_it_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CompactRange.FromBorder(3, [new byte[32]]));
    }

    [Theory]
    [InlineData(0L, 1L)]
    [InlineData(5L, 1_000_003L)]
    [InlineData(999_999L, 1_000_000L)]
    [InlineData(123_456_789L, 100_000_000_000L)]
    [InlineData(0L, long.MaxValue)]
    public void Given_any_tree_When_an_inclusion_shape_is_computed_Then_it_reads_O_log_n_stored_nodes(long index, long size)
    {
        var shape = ProofShape.Inclusion(index, size);
        int depth = 64 - BitOperations.LeadingZeroCount((ulong)(size - 1));
        Assert.True(shape.ProofLength <= depth);
        Assert.True(shape.NodeIds.Count <= 2 * depth + 1, $"{shape.NodeIds.Count} nodes for depth {depth}");
        Assert.All(shape.NodeIds, id => Assert.True(id.End <= size, $"{id} is not a stored (perfect) node of size {size}"));
    }

    [Theory]
    [InlineData(1L, 2L)]
    [InlineData(7L, 1_000_003L)]
    [InlineData(999_999L, 1_000_000L)]
    [InlineData(123_456_789L, 100_000_000_000L)]
    public void Given_any_two_sizes_When_a_consistency_shape_is_computed_Then_it_reads_O_log_n_stored_nodes(long size1, long size2)
    {
        var shape = ProofShape.Consistency(size1, size2);
        int depth = 64 - BitOperations.LeadingZeroCount((ulong)(size2 - 1));
        Assert.True(shape.ProofLength <= depth + 1);
        Assert.True(shape.NodeIds.Count <= 2 * depth + 2, $"{shape.NodeIds.Count} nodes for depth {depth}");
        Assert.All(shape.NodeIds, id => Assert.True(id.End <= size2));
    }

    [Fact]
    public void Given_fetched_hashes_of_the_wrong_count_When_a_shape_is_assembled_Then_it_is_refused()
    {
        var shape = ProofShape.Inclusion(2, 7);
        Assert.Throws<ArgumentException>(() => shape.Assemble([]));
    }

    [Fact]
    public void Given_an_index_outside_the_tree_When_a_proof_is_asked_Then_it_is_refused()
    {
        var log = new MerkleLog(new InMemoryNodeStore());
        log.AppendRange(LeafInputs(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.InclusionProof(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.InclusionProof(0, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.ConsistencyProof(4, 3));
    }

    [Fact]
    public void Given_a_proof_that_cannot_be_evaluated_When_the_root_is_asked_Then_the_reason_is_given()
    {
        var ex = Assert.Throws<InvalidProofException>(() => ProofVerifier.RootFromInclusionProof(0, 4, new byte[32], [new byte[32]]));
        Assert.Contains("shorter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_in_memory_store_When_nodes_are_written_far_apart_Then_only_written_nodes_are_read_back()
    {
        var store = new InMemoryNodeStore();
        var a = new NodeId(0, 5);
        var b = new NodeId(3, 1_000_000);
        store.Write([new(a, Enumerable.Repeat((byte)1, 32).ToArray()), new(b, Enumerable.Repeat((byte)2, 32).ToArray()), new(a, Enumerable.Repeat((byte)3, 32).ToArray())]);
        Assert.Equal(2, store.Count);
        Assert.Equal(Enumerable.Repeat((byte)3, 32), store.Read(a));
        Assert.Equal(Enumerable.Repeat((byte)2, 32), store.Read(b));
        Assert.Null(store.Read(new NodeId(0, 4)));
        Assert.Null(store.Read(new NodeId(3, 999_999)));
        Assert.Null(store.Read(new NodeId(7, 0)));
        Assert.Throws<ArgumentException>(() => store.Write([new(new NodeId(0, 1), new byte[31])]));
    }

    [Fact]
    public void Given_a_node_id_When_its_coverage_is_asked_Then_it_spans_two_to_the_level_leaves()
    {
        var id = new NodeId(3, 5);
        Assert.Equal(40, id.Begin);
        Assert.Equal(48, id.End);
    }
}
