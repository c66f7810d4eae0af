using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Domain.Integrity;

namespace Ledger.Domain.Tests.Integrity;

public class JsonCanonicalizerTests
{
    private static string Canonical(string json) => Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Given_the_RFC_8785_primitive_example_When_canonicalized_Then_the_published_output_is_produced()
    {
        // Source: RFC 8785 §3.2.2 (input) and §3.2.3 / §3.2.4 (output, "literals", "numbers", "string").
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50,
                          2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        Assert.Equal(expected, Canonical(input));
    }

    [Fact]
    public void Given_the_RFC_8785_sorting_example_When_canonicalized_Then_members_are_in_UTF16_order()
    {
        // Source: RFC 8785 §3.2.3, sorting example.
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        using var doc = JsonDocument.Parse(Canonical(input));
        var names = doc.RootElement.EnumerateObject().Select(p => p.Value.GetString() ?? "").ToArray();
        Assert.Equal(
            ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"],
            names);
        Assert.StartsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"", Canonical(input), StringComparison.Ordinal);
    }

    // Source: RFC 8785 Appendix B, "Number Serialization Samples" (IEEE 754 bit pattern → JSON text).
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Given_an_RFC_8785_number_sample_When_formatted_Then_the_ECMAScript_form_is_produced(string bits, string expected)
    {
        double value = BitConverter.Int64BitsToDouble(Convert.ToInt64(bits, 16));
        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));
    }

    [Theory]
    [InlineData("7fffffffffffffff")]
    [InlineData("7ff0000000000000")]
    public void Given_NaN_or_infinity_When_formatted_Then_it_is_refused(string bits)
    {
        // Source: RFC 8785 Appendix B, NaN and Infinity "must cause an error".
        Assert.Throws<FormatException>(() => JsonCanonicalizer.FormatNumber(BitConverter.Int64BitsToDouble(Convert.ToInt64(bits, 16))));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("[\"\\ud800\"]")]
    [InlineData("[1e400]")]
    public void Given_input_that_is_not_I_JSON_When_canonicalized_Then_it_is_refused(string json)
    {
        Assert.ThrowsAny<Exception>(() => Canonical(json));
    }

    [Fact]
    public void Given_a_JsonNode_and_the_same_JSON_text_When_canonicalized_Then_the_bytes_are_equal()
    {
        var node = new JsonObject { ["b"] = 1.5, ["a"] = new JsonArray(1, "x", null, true) };
        Assert.Equal("{\"a\":[1,\"x\",null,true],\"b\":1.5}", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(node)));
        Assert.Equal("null", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize((JsonNode?)null)));
    }

    [Fact]
    public void Given_random_doubles_When_formatted_Then_they_parse_back_to_the_same_value()
    {
        var random = new Random(3);
        for (int i = 0; i < 20_000; i++)
        {
            double value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
            {
                continue;
            }

            string text = JsonCanonicalizer.FormatNumber(value);
            Assert.Equal(value == 0 ? 0 : value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("7")]
    [InlineData("-5")]
    [InlineData("1024")]
    [InlineData("123456789012345")]
    [InlineData("-123456789012345")]
    [InlineData("1234567890123456")]
    [InlineData("9007199254740993")]
    [InlineData("1e3")]
    [InlineData("1.0")]
    [InlineData("-0.0")]
    public void Given_an_integer_in_any_form_When_canonicalized_Then_it_is_the_ECMAScript_form_of_its_value(string number)
    {
        var expected = JsonCanonicalizer.FormatNumber(double.Parse(number, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal($"[{expected}]", Canonical($"[{number}]"));
    }

    [Fact]
    public void Given_random_strings_escaped_differently_When_canonicalized_Then_the_bytes_are_equal()
    {
        // The same values written with every non-ASCII character escaped, and with only what JSON requires escaped:
        // the canonical form must not depend on how the input was written.
        var random = new Random(8785);
        char[] alphabet = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\u0001', '\u001f', '\u007f', 'ж', 'қ', '€', '\u2028', '\ufeff'];
        var relaxed = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        for (int i = 0; i < 2_000; i++)
        {
            var value = new string([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            if (random.Next(4) == 0)
            {
                value += "😀";
            }

            var strict = JsonSerializer.Serialize(new Dictionary<string, object> { ["k" + value] = value, ["n"] = random.Next(-1000, 1000) });
            var loose = JsonSerializer.Serialize(new Dictionary<string, object> { ["k" + value] = value, ["n"] = 0 }, relaxed);
            loose = loose.Replace("\"n\":0", strict[strict.IndexOf("\"n\":", StringComparison.Ordinal)..^1], StringComparison.Ordinal);
            Assert.Equal(Canonical(strict), Canonical(loose));
            using var parsed = JsonDocument.Parse(Canonical(strict));
            Assert.Equal(value, parsed.RootElement.GetProperty("k" + value).GetString());
        }
    }
}
