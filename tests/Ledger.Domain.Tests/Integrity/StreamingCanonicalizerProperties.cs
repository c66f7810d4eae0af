using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Domain.Integrity;

namespace Ledger.Domain.Tests.Integrity;

/// <summary>
/// The streaming canonical writer (<see cref="JsonCanonicalizer.Canonicalize(ReadOnlySpan{byte}, IBufferWriter{byte})"/>,
/// reading tokens without a document) against the document-based one (<see cref="JsonCanonicalizer.Canonicalize(JsonElement)"/>)
/// over generated JSON text: numbers of every shape, strings with control characters, quotes, backslashes, non-ASCII,
/// characters in E000–FFFF and surrogate pairs, each character written raw or as a \u escape, nested objects whose
/// names need UTF-16 ordering, arrays, literals and whitespace.
/// </summary>
public class StreamingCanonicalizerProperties
{
    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue - 1).ToArbitrary();

    [Property(MaxTest = 1500)]
    public Property The_streaming_writer_writes_the_same_bytes_as_the_document_writer() =>
        Prop.ForAll(Seeds, seed =>
        {
            var text = new JsonText(new Random(seed)).Value(depth: 0);
            var utf8 = Encoding.UTF8.GetBytes(text);
            byte[] expected;
            using (var document = JsonDocument.Parse(utf8))
            {
                expected = JsonCanonicalizer.Canonicalize(document.RootElement);
            }

            var streamed = new ArrayBufferWriter<byte>();
            JsonCanonicalizer.Canonicalize(utf8, streamed);
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(streamed.WrittenSpan));
            Assert.Equal(expected, streamed.WrittenSpan.ToArray());
            Assert.Equal(expected, JsonCanonicalizer.Canonicalize(utf8));

            // Canonical text is a fixed point.
            Assert.Equal(expected, JsonCanonicalizer.Canonicalize(expected));
        });

    [Property(MaxTest = 300)]
    public Property A_repeated_member_name_however_spelled_is_refused_by_both_writers() =>
        Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            var json = new JsonText(random);
            var name = json.Name();
            var members = new List<string>
            {
                json.StringLiteral(name) + ":" + json.Value(2),
                json.StringLiteral(name) + ":" + json.Value(2),
            };
            for (var i = random.Next(4); i > 0; i--)
            {
                members.Add(json.StringLiteral(name + "x" + i) + ":" + json.Value(2));
            }

            var text = "{" + string.Join(",", members.OrderBy(_ => random.Next())) + "}";
            var nested = random.Next(2) == 0 ? text : "[1,{\"a\":" + text + "}]";
            var utf8 = Encoding.UTF8.GetBytes(nested);
            using var document = JsonDocument.Parse(utf8);
            Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(document.RootElement));
            Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(utf8, new ArrayBufferWriter<byte>()));
        });

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"a\\udc00b\"")]
    [InlineData("{\"\\ud83d\":1}")]
    [InlineData("[\"\\ude00\\ud83d\"]")]
    public void Given_a_lone_surrogate_When_canonicalized_by_streaming_Then_it_is_refused_as_the_document_writer_refuses_it(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        using var document = JsonDocument.Parse(utf8);
        Assert.ThrowsAny<Exception>(() => JsonCanonicalizer.Canonicalize(document.RootElement));
        Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(utf8, new ArrayBufferWriter<byte>()));
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("[-1e309]")]
    public void Given_a_number_beyond_doubles_When_canonicalized_by_streaming_Then_it_is_refused(string json) =>
        Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json), new ArrayBufferWriter<byte>()));

    [Theory]
    [InlineData("")]
    [InlineData("{} {}")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1")]
    [InlineData("/* c */ 1")]
    public void Given_text_that_is_not_one_JSON_value_When_canonicalized_by_streaming_Then_it_is_refused(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json), new ArrayBufferWriter<byte>()));

    [Fact]
    public void Given_names_that_UTF8_and_UTF16_order_differently_When_canonicalized_by_streaming_Then_UTF16_order_wins()
    {
        // U+1F600 (a surrogate pair, D83D DE00) sorts before U+FB33 in UTF-16 though after it by code point (RFC 8785 §3.2.3).
        var utf8 = Encoding.UTF8.GetBytes("{\"\uFB33\":1,\"\uD83D\uDE00\":2,\"\uFFFF\":3,\"\uE000\":4,\"\\ud83d\\ude01\":5}");
        var canonical = Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(utf8));
        Assert.Equal("{\"\uD83D\uDE00\":2,\"\uD83D\uDE01\":5,\"\uE000\":4,\"\uFB33\":1,\"\uFFFF\":3}", canonical);
    }

    /// <summary>Random JSON text, written with random (valid) spellings.</summary>
    private sealed class JsonText(Random random)
    {
        private static readonly string[] NameParts =
        [
            "a", "b", "A", "id", "caseId", "é", "\u00f6", "\u20ac", "\uFB33", "\uE000", "\uFFFF", "\uD83D\uDE00", "\uD83D\uDE01", "\u0080", "\r", "1", " ", "\"",
            "\\", "\u007f", "ж",
        ];

        public string Value(int depth)
        {
            var kind = random.Next(depth >= 4 ? 4 : 6);
            return kind switch
            {
                0 => Number(),
                1 => StringLiteral(Text()),
                2 => random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" },
                3 => random.Next(2) == 0 ? Number() : StringLiteral(Text()),
                4 => Array(depth),
                _ => Object(depth),
            };
        }

        public string Name()
        {
            var builder = new StringBuilder();
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                builder.Append(NameParts[random.Next(NameParts.Length)]);
            }

            return builder.ToString();
        }

        public string StringLiteral(string value)
        {
            var builder = new StringBuilder("\"");
            foreach (var rune in value.EnumerateRunes())
            {
                var escape = random.Next(4) == 0;
                var text = rune.ToString();
                if (rune.Value is '"' or '\\' || rune.Value < 0x20)
                {
                    builder.Append(rune.Value switch
                    {
                        '"' => "\\\"",
                        '\\' => random.Next(2) == 0 ? "\\\\" : "\\u005C",
                        '\n' when !escape => "\\n",
                        _ => $"\\u{rune.Value:x4}",
                    });
                }
                else if (rune.Value == '/' && escape)
                {
                    builder.Append("\\/");
                }
                else if (escape)
                {
                    foreach (var unit in text)
                    {
                        builder.Append(random.Next(2) == 0 ? $"\\u{(int)unit:x4}" : $"\\u{(int)unit:X4}");
                    }
                }
                else
                {
                    builder.Append(text);
                }
            }

            return builder.Append('"').ToString();
        }

        private string Text()
        {
            var builder = new StringBuilder();
            for (var i = random.Next(0, 12); i > 0; i--)
            {
                builder.Append(random.Next(10) switch
                {
                    0 => ((char)random.Next(0, 0x20)).ToString(),
                    1 => random.Next(2) == 0 ? "\"" : "\\",
                    2 => char.ConvertFromUtf32(random.Next(0x10000, 0x10FFFF)),
                    3 => ((char)random.Next(0xE000, 0x10000)).ToString(),
                    4 => ((char)random.Next(0x80, 0xD800)).ToString(),
                    5 => "/",
                    _ => ((char)random.Next(0x20, 0x7F)).ToString(),
                });
            }

            return builder.ToString();
        }

        private string Number()
        {
            switch (random.Next(8))
            {
                case 0:
                    return random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture);
                case 1:
                    return random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture);
                case 2:
                    return (random.Next(2) == 0 ? "-" : "") + "0";
                case 3:
                    // Plain decimals, with or without trailing zeros.
                    return $"{random.Next(-99999, 99999)}.{random.Next(0, 100000):D5}";
                case 4:
                    // Exponents of every sign and case.
                    return $"{random.Next(1, 10)}.{random.Next(0, 1000)}{(random.Next(2) == 0 ? "e" : "E")}{(random.Next(3) switch { 0 => "+", 1 => "-", _ => "" })}{random.Next(0, 40)}";
                case 5:
                {
                    double value;
                    do
                    {
                        value = BitConverter.Int64BitsToDouble(random.NextInt64());
                    }
                    while (!double.IsFinite(value));

                    return value.ToString("R", CultureInfo.InvariantCulture);
                }

                case 6:
                    // Around the 15-digit plain-integer shortcut and 2^53.
                    return (random.Next(2) == 0 ? "-" : "") + random.NextInt64(99_999_999_999_990, 100_000_000_000_010).ToString(CultureInfo.InvariantCulture);
                default:
                    return (9007199254740990L + random.Next(0, 6)).ToString(CultureInfo.InvariantCulture);
            }
        }

        private string Array(int depth)
        {
            var items = new List<string>();
            for (var i = random.Next(0, 5); i > 0; i--)
            {
                items.Add(Value(depth + 1));
            }

            return "[" + Space() + string.Join("," + Space(), items) + Space() + "]";
        }

        private string Object(int depth)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var members = new List<string>();
            for (var i = random.Next(0, 7); i > 0; i--)
            {
                var name = Name();
                if (names.Add(name))
                {
                    members.Add(StringLiteral(name) + Space() + ":" + Space() + Value(depth + 1));
                }
            }

            return "{" + Space() + string.Join("," + Space(), members) + Space() + "}";
        }

        private string Space() => random.Next(4) switch
        {
            0 => " ",
            1 => "\n  ",
            _ => "",
        };
    }
}
