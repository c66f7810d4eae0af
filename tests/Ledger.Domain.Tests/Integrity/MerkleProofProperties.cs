using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Domain.Integrity;

namespace Ledger.Domain.Tests.Integrity;

/// <summary>Properties over sampled (index, size) and (size1, size2) pairs of a 5,000-leaf log.</summary>
public class MerkleProofProperties
{
    private const int MaxSize = 5000;

    private static readonly Lazy<(MerkleLog Log, List<byte[]> Leaves)> Shared = new(() =>
    {
        var inputs = MerkleLogTests.LeafInputs(MaxSize, seed: 42);
        var log = new MerkleLog(new InMemoryNodeStore());
        log.AppendRange(inputs);
        return (log, inputs.Select(MerkleReference.LeafHash).ToList());
    });

    private static MerkleLog Log => Shared.Value.Log;

    private static List<byte[]> Leaves => Shared.Value.Leaves;

    private static Arbitrary<(int Index, int Size)> IndexAndSize =>
        Gen.Choose(1, MaxSize).SelectMany(size => Gen.Choose(0, size - 1).Select(index => (index, size))).ToArbitrary();

    private static Arbitrary<(int Size1, int Size2)> TwoSizes =>
        Gen.Choose(1, MaxSize).SelectMany(size2 => Gen.Choose(1, size2).Select(size1 => (size1, size2))).ToArbitrary();

    /// <summary>Which value to flip (0 leaf, 1 proof element, 2 root, 3 index, 4 size), a selector and a bit.</summary>
    private static Arbitrary<((int Index, int Size) Pair, int Target, int Selector, int Bit)> InclusionFlips =>
        IndexAndSize.Generator.SelectMany(pair =>
            Gen.Choose(0, 4).SelectMany(target =>
                Gen.Choose(0, 1 << 20).SelectMany(selector =>
                    Gen.Choose(0, 255).Select(bit => (pair, target, selector, bit))))).ToArbitrary();

    private static Arbitrary<((int Size1, int Size2) Pair, int Target, int Selector, int Bit)> ConsistencyFlips =>
        TwoSizes.Generator.SelectMany(pair =>
            Gen.Choose(0, 4).SelectMany(target =>
                Gen.Choose(0, 1 << 20).SelectMany(selector =>
                    Gen.Choose(0, 255).Select(bit => (pair, target, selector, bit))))).ToArbitrary();

    [Property(MaxTest = 150)]
    public Property Every_inclusion_proof_equals_the_reference_and_verifies() =>
        Prop.ForAll(IndexAndSize, pair =>
        {
            var (index, size) = pair;
            var proof = Log.InclusionProof(index, size);
            Assert.Equal(MerkleReference.Path(index, Leaves, 0, size), proof);
            Assert.Equal(MerkleReference.Mth(Leaves, 0, size), Log.Root(size));
            Assert.True(ProofVerifier.VerifyInclusion(index, size, Leaves[index], proof, Log.Root(size)));
        });

    [Property(MaxTest = 150)]
    public Property Every_consistency_proof_equals_the_reference_and_verifies() =>
        Prop.ForAll(TwoSizes, pair =>
        {
            var (size1, size2) = pair;
            var proof = Log.ConsistencyProof(size1, size2);
            Assert.Equal(MerkleReference.Proof(size1, Leaves, size2), proof);
            Assert.True(ProofVerifier.VerifyConsistency(size1, size2, Log.Root(size1), Log.Root(size2), proof));
        });

    [Property(MaxTest = 300)]
    public Property Flipping_one_bit_of_an_inclusion_proof_input_makes_verification_fail() =>
        Prop.ForAll(InclusionFlips, flip =>
        {
            var ((index, size), target, selector, bit) = flip;
            var leaf = (byte[])Leaves[index].Clone();
            var proof = Log.InclusionProof(index, size).Select(p => (byte[])p.Clone()).ToList();
            var root = Log.Root(size);
            long flippedIndex = index;
            long flippedSize = size;
            switch (target)
            {
                case 0:
                    Flip(leaf, bit);
                    break;
                case 1 when proof.Count > 0:
                    Flip(proof[selector % proof.Count], bit);
                    break;
                case 1:
                    Flip(root, bit); // a one-leaf tree has no proof elements
                    break;
                case 2:
                    Flip(root, bit);
                    break;
                case 3:
                    flippedIndex ^= 1L << (bit % 64);
                    break;
                default:
                    flippedSize ^= 1L << (bit % 64);
                    break;
            }

            bool accepted = ProofVerifier.VerifyInclusion(flippedIndex, flippedSize, leaf, proof, root);
            if (target <= 2)
            {
                Assert.False(accepted);
            }
            else
            {
                // RFC 9162 proofs bind the leaf's position but not every bit of the tree size: a flipped
                // (index, size) is accepted exactly when PATH gives the same hashing pattern for it.
                bool samePattern = MerkleReference.SymbolicInclusion(flippedIndex, flippedSize)
                    == MerkleReference.SymbolicInclusion(index, size);
                Assert.Equal(samePattern, accepted);
                if (target == 3)
                {
                    Assert.False(accepted);
                }
            }
        });

    [Property(MaxTest = 300)]
    public Property Flipping_one_bit_of_a_consistency_proof_input_makes_verification_fail() =>
        Prop.ForAll(ConsistencyFlips, flip =>
        {
            var ((size1, size2), target, selector, bit) = flip;
            var proof = Log.ConsistencyProof(size1, size2).Select(p => (byte[])p.Clone()).ToList();
            var root1 = Log.Root(size1);
            var root2 = Log.Root(size2);
            long flippedSize1 = size1;
            long flippedSize2 = size2;
            switch (target)
            {
                case 0 when proof.Count > 0:
                    Flip(proof[selector % proof.Count], bit);
                    break;
                case 0:
                case 1:
                    Flip(root1, bit);
                    break;
                case 2:
                    Flip(root2, bit);
                    break;
                case 3:
                    flippedSize1 ^= 1L << (bit % 64);
                    break;
                default:
                    flippedSize2 ^= 1L << (bit % 64);
                    break;
            }

            bool accepted = ProofVerifier.VerifyConsistency(flippedSize1, flippedSize2, root1, root2, proof);
            if (target <= 2)
            {
                Assert.False(accepted);
            }
            else
            {
                bool samePattern = MerkleReference.SymbolicConsistency(flippedSize1, flippedSize2)
                    == MerkleReference.SymbolicConsistency(size1, size2);
                Assert.Equal(samePattern, accepted);
            }
        });

    private static void Flip(byte[] bytes, int bit) => bytes[bit / 8 % bytes.Length] ^= (byte)(1 << (bit % 8));
}
