using System.Text;
using Ledger.Domain.Integrity;

namespace Ledger.Domain.Tests.Integrity;

public class MerkleHashTests
{
    // Source: FIPS 180-4 SHA-256 of the empty string; RFC 6962 §2.1 "MTH({}) = SHA-256()".
    private const string EmptyTreeRoot = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void Given_no_leaves_When_the_root_is_asked_Then_it_is_the_hash_of_the_empty_string()
    {
        Assert.Equal(EmptyTreeRoot, TestHex.Of(MerkleHash.EmptyRoot));
        Assert.Equal(EmptyTreeRoot, TestHex.Of(new CompactRange().RootHash()));
        Assert.Equal(EmptyTreeRoot, TestHex.Of(new MerkleLog(new InMemoryNodeStore()).Root(0)));
    }

    [Fact]
    public void Given_the_leaf_L123456_When_hashed_Then_the_known_answer_is_returned()
    {
        // Source: transparency-dev/merkle rfc6962/rfc6962_test.go, "leaf hash" known answer.
        Assert.Equal(
            "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56",
            TestHex.Of(MerkleHash.LeafHash(Encoding.ASCII.GetBytes("L123456"))));
    }

    [Fact]
    public void Given_children_N123_and_N456_When_hashed_Then_the_known_answer_is_returned()
    {
        // Source: transparency-dev/merkle rfc6962/rfc6962_test.go, "node hash" known answer.
        Assert.Equal(
            "aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb",
            TestHex.Of(MerkleHash.NodeHash(Encoding.ASCII.GetBytes("N123"), Encoding.ASCII.GetBytes("N456"))));
    }

    [Fact]
    public void Given_an_empty_leaf_When_hashed_Then_it_is_the_hash_of_a_single_zero_byte()
    {
        // Source: RFC 6962 §2.1, MTH({d0}) = SHA-256(0x00 || d0); the CT reference test tree's first root.
        Assert.Equal(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            TestHex.Of(MerkleHash.LeafHash([])));
    }

    [Fact]
    public void Given_a_leaf_longer_than_the_stack_buffer_When_hashed_Then_it_matches_the_reference()
    {
        var input = new byte[5000];
        new Random(7).NextBytes(input);
        Assert.Equal(MerkleReference.LeafHash(input), MerkleHash.LeafHash(input));
    }

    [Fact]
    public void Given_many_threads_When_they_hash_at_once_Then_each_gets_the_reference_hashes()
    {
        var inputs = Enumerable.Range(0, 2000).Select(i => BitConverter.GetBytes(i)).ToArray();
        var expected = inputs.Select(MerkleReference.LeafHash).ToArray();
        var actual = new byte[inputs.Length][];
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            actual[i] = MerkleHash.NodeHash(MerkleHash.LeafHash(inputs[i]), MerkleHash.LeafHash(inputs[i]));
        });
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(MerkleReference.NodeHash(expected[i], expected[i]), actual[i]);
        }
    }

    // Source: the eight-leaf test tree of the Certificate Transparency reference implementation
    // (also in transparency-dev/merkle testonly/reference_test.go); the size-8 root equals root2 of
    // TestData/rfc6962/consistency/1/happy-path.json.
    public static TheoryData<int, string> CtTreeRoots => new()
    {
        { 1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d" },
        { 2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125" },
        { 3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77" },
        { 4, "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" },
        { 5, "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4" },
        { 6, "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef" },
        { 7, "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c" },
        { 8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328" },
    };

    internal static readonly string[] CtTreeLeaves =
    [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ];

    [Theory]
    [MemberData(nameof(CtTreeRoots))]
    public void Given_the_CT_reference_tree_When_its_root_is_computed_at_each_size_Then_it_is_the_published_one(int size, string root)
    {
        var log = new MerkleLog(new InMemoryNodeStore());
        foreach (var leaf in CtTreeLeaves)
        {
            log.Append(TestHex.Bytes(leaf));
        }

        Assert.Equal(root, TestHex.Of(log.Root(size)));
    }
}
