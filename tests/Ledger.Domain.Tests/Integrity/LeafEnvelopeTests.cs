using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Domain.Integrity;

namespace Ledger.Domain.Tests.Integrity;

/// <summary>The envelope test vectors of docs/integrity.md, and the envelope's canonical-form rules.</summary>
public class LeafEnvelopeTests
{
    private const string Origin = "ledger.court.example/2026";

    internal sealed record Vector(
        string Name, byte[] Salt, string PayloadJson, string CanonicalPayloadHex, string Commitment, LeafEnvelope Envelope, string LeafInputHex, string LeafHash);

    private static byte[] Sha(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    internal static readonly Vector V1 = new(
        "V1",
        [.. Enumerable.Range(0, 32).Select(i => (byte)i)],
        """{ "kind": "civil", "court": "Астана", "claimant": "Иванов И.И." }""",
        "7b22636c61696d616e74223a22d098d0b2d0b0d0bdd0bed0b220d0982ed0982e222c22636f757274223a22d090d181d182d0b0d0bdd0b0222c226b696e64223a22636976696c227d",
        "008c7236fe4347fd167698a938e64635919a3f58ffca6123d532c34152b2ad5a",
        new LeafEnvelope(
            1, Origin, Guid.Parse("3f2b8c1e-9a4d-4e7b-8c21-5d6f7a8b9c0d"), 1, "CaseRegistered",
            new DateTimeOffset(2026, 3, 2, 9, 15, 30, TimeSpan.Zero).AddTicks(1_234_560),
            null, TestHex.Bytes("008c7236fe4347fd167698a938e64635919a3f58ffca6123d532c34152b2ad5a"), []),
        "7b22636173654964223a2233663262386331652d396134642d346537622d386332312d356436663761386239633064222c22646f63756d656e74486173686573223a5b5d2c226576656e7454797065223a224361736552656769737465726564222c226576656e7456657273696f6e223a312c22666f726d617456657273696f6e223a312c226f726967696e223a226c65646765722e636f7572742e6578616d706c652f32303236222c227061796c6f6164436f6d6d69746d656e74223a2230303863373233366665343334376664313637363938613933386536343633353931396133663538666663613631323364353332633334313532623261643561222c2270726576696f75734c65616648617368223a6e756c6c2c2274696d65223a22323032362d30332d30325430393a31353a33302e3132333435365a227d",
        "ac32d5f981846016b7d7de153fd91b8253157bdd53df100adaf87e30ba159b48");

    internal static readonly Vector V2 = new(
        "V2",
        [.. Enumerable.Repeat((byte)0xa5, 32)],
        """{"currency":"KZT","claim":"Взыскание долга","amount":150000}""",
        "7b22616d6f756e74223a3135303030302c22636c61696d223a22d092d0b7d18bd181d0bad0b0d0bdd0b8d0b520d0b4d0bed0bbd0b3d0b0222c2263757272656e6379223a224b5a54227d",
        "3b39ce80ea288893f9995c0ba510c8be8071009e86418480f7a4e4f512406576",
        new LeafEnvelope(
            1, Origin, Guid.Parse("3F2B8C1E-9A4D-4E7B-8C21-5D6F7A8B9C0D"), 2, "ClaimFiled",
            // 09:20:00.9876549 at UTC+5: converted to UTC and truncated to microseconds.
            new DateTimeOffset(2026, 3, 2, 9, 20, 0, TimeSpan.FromHours(5)).AddTicks(9_876_549),
            TestHex.Bytes("ac32d5f981846016b7d7de153fd91b8253157bdd53df100adaf87e30ba159b48"),
            TestHex.Bytes("3b39ce80ea288893f9995c0ba510c8be8071009e86418480f7a4e4f512406576"),
            // Given out of order and with a duplicate: the envelope sorts and de-duplicates.
            [Sha("power-of-attorney.pdf"), Sha("claim.pdf"), Sha("power-of-attorney.pdf")]),
        "7b22636173654964223a2233663262386331652d396134642d346537622d386332312d356436663761386239633064222c22646f63756d656e74486173686573223a5b2231323963653233616238373665633965633035383635623538363537653262353065316564306637636139616661333034326261326162353038396637306464222c2232303935383430343232396130366130313033643237636337323433636539646535306562366632323964396531376337383334666361646139343136393166225d2c226576656e7454797065223a22436c61696d46696c6564222c226576656e7456657273696f6e223a322c22666f726d617456657273696f6e223a312c226f726967696e223a226c65646765722e636f7572742e6578616d706c652f32303236222c227061796c6f6164436f6d6d69746d656e74223a2233623339636538306561323838383933663939393563306261353130633862653830373130303965383634313834383066376134653466353132343036353736222c2270726576696f75734c65616648617368223a2261633332643566393831383436303136623764376465313533666439316238323533313537626464353364663130306164616638376533306261313539623438222c2274696d65223a22323032362d30332d30325430343a32303a30302e3938373635345a227d",
        "595517c615d9c1303a45bd64bccca52ef4ae403ae6c3d1784b153775ef850cf0");

    internal static readonly Vector V3 = new(
        "V3",
        Sha("salt-3"),
        """{"note":"line\nbreak \"quoted\"","claim":{"b":2,"a":1},"amount":1e3}""",
        "7b22616d6f756e74223a313030302c22636c61696d223a7b2261223a312c2262223a327d2c226e6f7465223a226c696e655c6e627265616b205c2271756f7465645c22227d",
        "c25eff9c75b053a8bd7107e38b33af4556422b4a27026d886b97b191a737d193",
        new LeafEnvelope(
            1, Origin, Guid.Parse("00000000-0000-4000-8000-000000000001"), 9_007_199_254_740_991, "JudgmentIssued",
            new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999),
            TestHex.Bytes("595517c615d9c1303a45bd64bccca52ef4ae403ae6c3d1784b153775ef850cf0"),
            TestHex.Bytes("c25eff9c75b053a8bd7107e38b33af4556422b4a27026d886b97b191a737d193"),
            [Sha("protocol.pdf"), Sha("judgment.pdf"), Sha("judgment.docx")]),
        "7b22636173654964223a2230303030303030302d303030302d343030302d383030302d303030303030303030303031222c22646f63756d656e74486173686573223a5b2237353730313430346263643465346339623335666265386337663036646265333831323134366261336130343262363763396161663239653366623737303939222c2266323331376466666236663263393661316663386437636438373037653762333834656234363339333836326638376236326432653963353839393931643435222c2266326263336266313238653065346464316462353765613732633666653863616330316539623930396130313334633539323037343864373436323765633130225d2c226576656e7454797065223a224a7564676d656e74497373756564222c226576656e7456657273696f6e223a393030373139393235343734303939312c22666f726d617456657273696f6e223a312c226f726967696e223a226c65646765722e636f7572742e6578616d706c652f32303236222c227061796c6f6164436f6d6d69746d656e74223a2263323565666639633735623035336138626437313037653338623333616634353536343232623461323730323664383836623937623139316137333764313933222c2270726576696f75734c65616648617368223a2235393535313763363135643963313330336134356264363462636363613532656634616534303361653663336431373834623135333737356566383530636630222c2274696d65223a22313939392d31322d33315432333a35393a35392e3939393939395a227d",
        "f73cb02c9e7ede507f6722d0786be5c5c904c86f7320112618a3c4b470f2e8f2");

    public static TheoryData<string> VectorNames => new() { "V1", "V2", "V3" };

    internal static Vector ByName(string name) => name switch { "V1" => V1, "V2" => V2, _ => V3 };

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Given_a_documented_vector_When_the_payload_is_committed_Then_canonical_bytes_and_commitment_match(string name)
    {
        var v = ByName(name);
        byte[] canonical = JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(v.PayloadJson));
        Assert.Equal(v.CanonicalPayloadHex, TestHex.Of(canonical));
        Assert.Equal(v.Commitment, TestHex.Of(PayloadCommitment.Compute(v.Salt, canonical)));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Given_a_documented_vector_When_the_envelope_is_encoded_Then_leaf_input_and_leaf_hash_match(string name)
    {
        var v = ByName(name);
        byte[] leafInput = v.Envelope.ToLeafInput();
        Assert.Equal(v.LeafInputHex, TestHex.Of(leafInput));
        Assert.Equal(v.LeafHash, TestHex.Of(MerkleHash.LeafHash(leafInput)));
        Assert.Equal(v.LeafHash, TestHex.Of(v.Envelope.LeafHash()));

        // The writer's bytes are exactly RFC 8785's canonical form of themselves.
        Assert.Equal(leafInput, JsonCanonicalizer.Canonicalize(leafInput));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Given_a_documented_leaf_input_When_parsed_Then_the_same_envelope_returns(string name)
    {
        var v = ByName(name);
        var parsed = LeafEnvelope.Parse(TestHex.Bytes(v.LeafInputHex));
        Assert.Equal(v.Envelope, parsed);
        Assert.True(parsed.ToView().Matches(v.Envelope.ToView()));
    }

    [Fact]
    public void Given_the_second_vector_When_viewed_Then_time_is_UTC_with_six_digits_and_documents_are_sorted_unique()
    {
        var view = V2.Envelope.ToView();
        Assert.Equal("2026-03-02T04:20:00.987654Z", view.Time);
        Assert.Equal(
            ["129ce23ab876ec9ec05865b58657e2b50e1ed0f7ca9afa3042ba2ab5089f70dd", "20958404229a06a0103d27cc7243ce9de50eb6f229d9e17c7834fcada941691f"],
            view.DocumentHashes);
        Assert.Equal("3f2b8c1e-9a4d-4e7b-8c21-5d6f7a8b9c0d", view.CaseId);
        Assert.Equal(V1.LeafHash, view.PreviousLeafHash);
    }

    public static TheoryData<string> NonCanonicalInputs()
    {
        string canonical = Encoding.UTF8.GetString(TestHex.Bytes(V2.LeafInputHex));
        return new TheoryData<string>
        {
            canonical + " ",                                                            // trailing whitespace
            canonical.Replace(",\"eventType\"", ", \"eventType\"", StringComparison.Ordinal),          // inner whitespace
            canonical.Replace("ac32d5f9", "AC32D5F9", StringComparison.Ordinal),                  // upper-case hex
            canonical.Replace("3f2b8c1e", "3F2B8C1E", StringComparison.Ordinal),                  // upper-case UUID
            canonical.Replace("\"eventVersion\":2", "\"eventVersion\":2.0", StringComparison.Ordinal), // number form
            canonical.Replace("\"ClaimFiled\"", "\"Claim\\u0046iled\"", StringComparison.Ordinal),   // needless escape
            canonical.Replace(".987654Z", ".987654+00:00", StringComparison.Ordinal),               // time form
            canonical.Replace(".987654Z", ".98765Z", StringComparison.Ordinal),                     // five digits
            canonical.Replace("\"formatVersion\":1", "\"formatVersion\":2", StringComparison.Ordinal), // unknown version
            canonical.Replace("{\"caseId\"", "{\"extra\":1,\"caseId\"", StringComparison.Ordinal),    // unknown member
            canonical.Replace("\"129ce23a", "\"20958404229a06a0103d27cc7243ce9de50eb6f229d9e17c7834fcada941691f\",\"129ce23a", StringComparison.Ordinal), // unsorted
            "{\"caseId\":\"3f2b8c1e-9a4d-4e7b-8c21-5d6f7a8b9c0d\"," + canonical[1..],           // repeated member
            canonical.Replace(",\"origin\":\"ledger.court.example/2026\"", "", StringComparison.Ordinal), // missing member
            "[]",
            "not json",
        };
    }

    [Theory]
    [MemberData(nameof(NonCanonicalInputs))]
    public void Given_a_non_canonical_leaf_input_When_parsed_Then_it_is_refused(string input)
    {
        Assert.Throws<FormatException>(() => LeafEnvelope.Parse(Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void Given_invalid_fields_When_encoded_Then_a_clear_error_is_raised()
    {
        var ok = V1.Envelope;
        Assert.Throws<ArgumentException>(() => (ok with { Origin = "" }).ToLeafInput());
        Assert.Throws<ArgumentException>(() => (ok with { EventType = "a\nb" }).ToLeafInput());
        Assert.Throws<ArgumentException>(() => (ok with { EventVersion = LeafEnvelope.MaxEventVersion + 1 }).ToLeafInput());
        Assert.Throws<ArgumentException>(() => (ok with { PayloadCommitment = new byte[31] }).ToLeafInput());
        Assert.Throws<ArgumentException>(() => (ok with { PreviousLeafHash = new byte[33] }).ToLeafInput());
        Assert.Throws<ArgumentException>(() => (ok with { Version = 2 }).ToLeafInput());
        Assert.Throws<ArgumentException>(() => ok with { DocumentHashes = [new byte[5]] });
    }

    private static Arbitrary<(Dictionary<string, int> Payload, int Seed)> Payloads =>
        Gen.Choose(0, 12).SelectMany(count =>
            Gen.Choose(0, int.MaxValue).Select(seed =>
            {
                var random = new Random(seed);
                var payload = new Dictionary<string, int>();
                for (int i = 0; i < count; i++)
                {
                    payload[$"k{random.Next(1000)}"] = random.Next();
                }

                return (payload, seed);
            })).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property Same_fields_give_the_same_bytes_and_payload_member_order_is_irrelevant() =>
        Prop.ForAll(Payloads, input =>
        {
            var (payload, seed) = input;
            var random = new Random(seed);
            var shuffled = payload.OrderBy(_ => random.Next()).ToList();
            string json1 = "{" + string.Join(",", payload.Select(p => $"\"{p.Key}\":{p.Value}")) + "}";
            string json2 = "{ " + string.Join(" , ", shuffled.Select(p => $"\"{p.Key}\" : {p.Value}")) + " }";
            byte[] salt = SHA256.HashData(BitConverter.GetBytes(seed));
            byte[] c1 = PayloadCommitment.Compute(salt, JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json1)));
            byte[] c2 = PayloadCommitment.Compute(salt, JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json2)));
            Assert.Equal(c1, c2);

            var docs = Enumerable.Range(0, seed % 4).Select(i => SHA256.HashData(BitConverter.GetBytes(seed + i))).ToList();
            var time = DateTimeOffset.UnixEpoch.AddTicks((long)(random.NextDouble() * 1e17));
            LeafEnvelope Make(IReadOnlyList<byte[]> documents) => new(1, Origin, new Guid(SHA256.HashData(salt)[..16]), seed, "EventHappened", time, null, c1, documents);
            var a = Make(docs);
            var b = Make(docs.AsEnumerable().Reverse().Concat(docs).ToList());
            Assert.Equal(a.ToLeafInput(), b.ToLeafInput());
            Assert.Equal(a.ToLeafInput(), Make(docs).ToLeafInput());
            Assert.Equal(a, LeafEnvelope.Parse(a.ToLeafInput()));
        });
}
