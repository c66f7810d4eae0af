using System.Text.Json;
using Ledger.Domain.Integrity;

namespace Ledger.Domain.Tests.Integrity;

/// <summary>The conformance vectors of transparency-dev/merkle (TestData/rfc6962, Apache-2.0).</summary>
public class Rfc6962VectorTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "TestData", "rfc6962");

    public static TheoryData<string> InclusionFiles => Files("inclusion");

    public static TheoryData<string> ConsistencyFiles => Files("consistency");

    [Fact]
    public void Given_the_copied_vectors_When_counted_Then_all_196_are_present_with_their_licence()
    {
        Assert.True(File.Exists(Path.Combine(Root, "LICENSE")));
        Assert.Equal(196, InclusionFiles.Count + ConsistencyFiles.Count);
    }

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void Given_an_inclusion_vector_When_verified_Then_only_happy_paths_are_accepted(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, file)));
        var v = doc.RootElement;
        bool accepted = ProofVerifier.VerifyInclusion(
            U64(v.GetProperty("leafIdx")),
            U64(v.GetProperty("treeSize")),
            B64(v.GetProperty("leafHash")),
            ProofOf(v),
            B64(v.GetProperty("root")));
        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), accepted);
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void Given_a_consistency_vector_When_verified_Then_only_happy_paths_are_accepted(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, file)));
        var v = doc.RootElement;
        bool accepted = ProofVerifier.VerifyConsistency(
            U64(v.GetProperty("size1")),
            U64(v.GetProperty("size2")),
            B64(v.GetProperty("root1")),
            B64(v.GetProperty("root2")),
            ProofOf(v));
        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), accepted);
    }

    private static TheoryData<string> Files(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(Root, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Root, f));
        }

        return data;
    }

    // The vectors use uint64; values above long.MaxValue (e.g. 2^64-1 for "leafIdx sub @1") keep their bits
    // and become negative, which the verifier refuses like any index or size outside the tree.
    private static long U64(JsonElement e) => unchecked((long)e.GetUInt64());

    private static byte[] B64(JsonElement e) => e.ValueKind == JsonValueKind.Null ? [] : Convert.FromBase64String(e.GetString() ?? "");

    private static List<byte[]> ProofOf(JsonElement v) =>
        v.TryGetProperty("proof", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(B64).ToList()
            : [];
}
