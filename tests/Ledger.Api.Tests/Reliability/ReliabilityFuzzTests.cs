using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Ledger.Api.Security;
using Ledger.Api.Tests.Cases;
using Npgsql;
using Xunit.Abstractions;

namespace Ledger.Api.Tests.Reliability;

/// <summary>What a generated request does wrong (or right) in its body.</summary>
public enum FuzzBody { None, Empty, Example, MutatedExample, TruncatedExample, WrongTypes, MissingFields, ExtraFields, HugeString, DeepNesting, InvalidUtf8, HugeNumbers, RandomJson, NotJson }

/// <summary>Which headers a generated request carries.</summary>
public enum FuzzHeader { None, IfMatchGarbage, IfMatchNumber, IdempotencyOversize, IdempotencyOdd, OccurredAtGarbage, OccurredAtFuture, AcceptLanguageGarbage, ManyHeaders }

/// <summary>Whose token, if any.</summary>
public enum FuzzToken { None, Garbage, WrongKey, CourtSystem, OtherCourtSystem, Clerk, Judge, AdmittedLawyer, StrangerLawyer, Party, Prosecutor, Auditor, Analyst, LawEnforcement, CourtChair }

/// <summary>What the path (and query) parameters are.</summary>
public enum FuzzPath { Known, RandomGuid, Garbage, Long, Encoded, QueryGarbage }

/// <summary>The request's content type.</summary>
public enum FuzzContent { Json, None, TextPlain, Xml, Form, Multipart, JsonLatin1 }

/// <summary>One generated request: FsCheck picks the kinds and a seed; the seed drives the details.</summary>
public sealed record FuzzCase(FuzzBody Body, FuzzHeader Header, FuzzToken Token, FuzzPath Path, FuzzContent Content, int Seed);

/// <summary>
/// Issue #11, fuzzing: for every operation of the OpenAPI document (<c>/openapi/v1.json</c>), generated malformed
/// requests — mutated and mistyped bodies, huge strings, deep nesting, invalid UTF-8, bad path and query values,
/// garbage headers, wrong content types — with tokens of every role, of no role and forged ones. None may be
/// answered with a 5xx or make the server drop the connection, and a refused request (any non-2xx) must not change
/// the row counts of the ledger's tables (entries, events, pending + leaves, idempotency keys).
/// </summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class ReliabilityFuzzTests(StackFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Inputs per operation (CASELEDGER_FUZZ_INPUTS overrides).</summary>
    private static readonly int InputsPerOperation =
        int.TryParse(Environment.GetEnvironmentVariable("CASELEDGER_FUZZ_INPUTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 60;

    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private readonly Guid _caseId = Guid.NewGuid();
    private readonly Guid _lawyer = Guid.NewGuid();
    private CaseApiHost _api = null!;
    private Guid _eventId;

    public async Task InitializeAsync()
    {
        _api = await CaseApiHost.StartAsync(fixture, "reliability_fuzz", s =>
        {
            s["RateLimiting:Public:PermitLimit"] = "1000000";
            s["Publication:Enabled"] = "false";
        });
        var cs = _api.CourtSystem();
        var filed = await _api.PostAsync("/api/v1/cases/claims", cs, new
        {
            caseId = _caseId, kind = "civil", courtId = CaseApiHost.Court, caseNumber = "2-4242-26", subject = "О взыскании долга",
            claimant = new { participantId = Guid.NewGuid(), role = "plaintiff", displayName = "Нурланова Айгерим" },
            materials = new[] { CaseApiHost.Doc("fuzz-claim", "claim") },
        });
        Assert.Equal(201, filed.Status);
        _eventId = filed.Json.GetProperty("events")[0].GetProperty("eventId").GetGuid();
        Assert.Equal(201, (await _api.PostAsync($"/api/v1/cases/{_caseId}/participants", cs, new
        {
            participants = new[] { new { participantId = _lawyer, role = "lawyer", displayName = "Касымова Р." } },
        })).Status);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Given_generated_malformed_requests_to_every_OpenAPI_operation_When_sent_with_every_role_Then_none_gets_a_5xx_and_refused_ones_write_nothing()
    {
        using var document = JsonDocument.Parse(await _api.Client.GetStringAsync("openapi/v1.json"));
        var operations = Operations(document.RootElement).ToList();
        Assert.True(operations.Count > 20, $"only {operations.Count} operations in the OpenAPI document");

        var gen =
            from body in Gen.Elements(Enum.GetValues<FuzzBody>())
            from header in Gen.Elements(Enum.GetValues<FuzzHeader>())
            from token in Gen.Frequency((3, Gen.Constant(FuzzToken.CourtSystem)), (7, Gen.Elements(Enum.GetValues<FuzzToken>())))
            from path in Gen.Frequency((4, Gen.Constant(FuzzPath.Known)), (6, Gen.Elements(Enum.GetValues<FuzzPath>())))
            from content in Gen.Frequency((6, Gen.Constant(FuzzContent.Json)), (4, Gen.Elements(Enum.GetValues<FuzzContent>())))
            from seed in Gen.Choose(0, int.MaxValue - 1)
            select new FuzzCase(body, header, token, path, content, seed);

        var failures = new List<string>();
        var total = 0;
        var closedEarly = 0;
        output.WriteLine($"{"operation",-75} inputs  statuses");
        foreach (var operation in operations)
        {
            var statuses = new SortedDictionary<int, int>();
            foreach (var input in gen.Sample(InputsPerOperation, InputsPerOperation))
            {
                total++;
                var before = await CountRowsAsync();
                int status;
                string text;
                using (var request = Build(operation, input))
                {
                    var described = $"{operation.Method} {request.RequestUri} {input}";
                    try
                    {
                        using var response = await _api.Client.SendAsync(request);
                        status = (int)response.StatusCode;
                        text = await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException ex) when (ex.InnerException is IOException && request.Content?.Headers.ContentLength > 64 * 1024)
                    {
                        // The server answered (404, 401 …) before reading a large body and closed the connection while
                        // the client was still sending it: normal HTTP, but nothing must have been written.
                        closedEarly++;
                        statuses[0] = statuses.GetValueOrDefault(0) + 1;
                        if (await CountRowsAsync() != before)
                        {
                            failures.Add($"{described}: connection closed early and rows changed");
                        }

                        continue;
                    }
                    catch (HttpRequestException ex)
                    {
                        failures.Add($"{described}: connection failed: {ex.Message}");
                        continue;
                    }

                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    if (status >= 500)
                    {
                        failures.Add($"{described}: {status} {Shorten(text)}");
                    }
                    else if (status is < 200 or > 299)
                    {
                        var after = await CountRowsAsync();
                        if (after != before)
                        {
                            failures.Add($"{described}: refused with {status} but rows changed {before} → {after}");
                        }
                    }
                }
            }

            output.WriteLine($"{operation.Method.ToUpperInvariant() + " " + operation.Path,-75} {InputsPerOperation,6}  {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        }

        output.WriteLine($"{operations.Count} operations, {total} inputs, {failures.Count} failures; status 0 = connection closed by the server after an early answer, while a large body was still being sent ({closedEarly})");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(25)));
    }

    [Theory]
    [InlineData("claim")]
    [InlineData("search")]
    public async Task Given_a_NUL_character_in_text_When_sent_Then_it_is_a_400_problem_and_nothing_is_stored(string where)
    {
        // Found by the fuzzing above: PostgreSQL cannot hold U+0000, and its error was answered 503 "database unavailable".
        var before = await CountRowsAsync();
        var answer = where == "claim"
            ? await _api.PostAsync("/api/v1/cases/claims", _api.CourtSystem(), new
            {
                caseId = Guid.NewGuid(), kind = "civil", courtId = CaseApiHost.Court, caseNumber = "2-4243-26", subject = "О взыскании\u0000 долга",
                claimant = new { participantId = Guid.NewGuid(), role = "plaintiff", displayName = "Нурланова\u0000 Айгерим" },
                materials = new[] { CaseApiHost.Doc("fuzz-claim-nul", "claim") },
            })
            : await _api.GetAsync("/api/v1/acts/search?q=%00&outcome=%00", _api.CourtSystem());
        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [InlineData("api/v1/documents")]
    [InlineData("api/v1/verify/documents")]
    [InlineData("api/v1/acts/depersonalize")]
    [InlineData("api/v1/intake/cases/{caseId}/filings")]
    public async Task Given_a_truncated_multipart_body_When_uploaded_Then_it_is_a_4xx_problem_and_nothing_is_stored(string path)
    {
        // Found by the fuzzing above: a multipart body without its closing boundary was a 500 (IOException).
        var before = await CountRowsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path.Replace("{caseId}", _caseId.ToString(), StringComparison.Ordinal));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _api.CourtSystem());
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(
            "--fuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 trunc"));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=fuzz");
        using var response = await _api.Client.SendAsync(request);
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{path}: {status} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(before, await CountRowsAsync());
    }

    private sealed record Operation(string Method, string Path, IReadOnlyList<(string Name, string In)> Parameters, JsonNode? Example, IReadOnlyList<string> Fields, bool HasBody);

    private static IEnumerable<Operation> Operations(JsonElement root)
    {
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                var parameters = new List<(string, string)>();
                foreach (var holder in new[] { path.Value, method.Value })
                {
                    if (holder.TryGetProperty("parameters", out var list))
                    {
                        parameters.AddRange(list.EnumerateArray()
                            .Where(p => p.TryGetProperty("name", out _) && p.TryGetProperty("in", out _))
                            .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!)));
                    }
                }

                JsonNode? example = null;
                var fields = new List<string>();
                var hasBody = method.Value.TryGetProperty("requestBody", out var body);
                if (hasBody && body.TryGetProperty("content", out var content))
                {
                    foreach (var media in content.EnumerateObject())
                    {
                        if (media.Value.TryGetProperty("example", out var single))
                        {
                            example ??= JsonNode.Parse(single.GetRawText());
                        }
                        else if (media.Value.TryGetProperty("examples", out var many))
                        {
                            foreach (var e in many.EnumerateObject().Where(e => e.Value.TryGetProperty("value", out _)))
                            {
                                example ??= JsonNode.Parse(e.Value.GetProperty("value").GetRawText());
                            }
                        }

                        if (media.Value.TryGetProperty("schema", out var schema))
                        {
                            fields.AddRange(PropertyNames(root, schema));
                        }
                    }
                }

                yield return new Operation(method.Name, path.Name, parameters, example, fields.Distinct().ToList(), hasBody);
            }
        }
    }

    private static List<string> PropertyNames(JsonElement root, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal))
        {
            var name = r["#/components/schemas/".Length..];
            if (root.TryGetProperty("components", out var components) && components.GetProperty("schemas").TryGetProperty(name, out var resolved))
            {
                schema = resolved;
            }
        }

        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).ToList()
            : [];
    }

    private HttpRequestMessage Build(Operation operation, FuzzCase input)
    {
        var random = new Random(input.Seed);
        var url = new StringBuilder(operation.Path.TrimStart('/'));
        foreach (var (name, where) in operation.Parameters.Where(p => p.In == "path"))
        {
            url.Replace("{" + name + "}", PathValue(name, input.Path, random));
        }

        var query = operation.Parameters.Where(p => p.In == "query").Select(p => p.Name).ToList();
        if (query.Count > 0 || input.Path == FuzzPath.QueryGarbage)
        {
            var names = query.Count > 0 ? query : ["limit"];
            url.Append('?').AppendJoin('&', names.Where(_ => random.Next(3) > 0).Select(q => q + "=" + Uri.EscapeDataString(QueryValue(random))));
        }

        var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), new Uri(url.ToString(), UriKind.Relative));
        var token = TokenFor(input.Token, random);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        AddHeaders(request, input.Header, random);
        var body = Body(operation, input.Body, random);
        if (body is not null && (operation.HasBody || random.Next(4) == 0))
        {
            var content = new ByteArrayContent(body);
            var type = input.Content switch
            {
                FuzzContent.Json => "application/json",
                FuzzContent.TextPlain => "text/plain",
                FuzzContent.Xml => "application/xml",
                FuzzContent.Form => "application/x-www-form-urlencoded",
                FuzzContent.Multipart => "multipart/form-data; boundary=" + Pick(random, ["fuzz", "fuzz", "", "\"\"", new string('b', 200)]),
                FuzzContent.JsonLatin1 => "application/json; charset=latin1",
                _ => null,
            };
            if (type is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", type);
            }

            request.Content = content;
        }

        return request;
    }

    private string PathValue(string name, FuzzPath kind, Random random) => kind switch
    {
        FuzzPath.Known or FuzzPath.QueryGarbage => name switch
        {
            "caseId" => _caseId.ToString(),
            "eventId" => _eventId.ToString(),
            _ when name.Contains("sha", StringComparison.OrdinalIgnoreCase) || name.Contains("hash", StringComparison.OrdinalIgnoreCase) => CaseApiHost.Sha("fuzz-claim"),
            _ => Guid.NewGuid().ToString(),
        },
        FuzzPath.RandomGuid => random.Next(2) == 0 ? Guid.NewGuid().ToString() : Guid.NewGuid().ToString("N").ToUpperInvariant(),
        FuzzPath.Garbage => Uri.EscapeDataString(Pick(random, ["x", "0", "-1", "null", "undefined", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "{caseId}", "' or 1=1 --", "<script>", "1e309", new string('a', 63), new string('f', 65), "..", "Zz"])),
        FuzzPath.Long => new string((char)('a' + random.Next(26)), random.Next(1000, 4000)),
        _ => Pick(random, ["%00", "%FF%FE", "%F0%9F%98%80", "a%2Fb", "%252e%252e", "%C0%AF", "%E2%80%AE"]),
    };

    private static string QueryValue(Random random) =>
        Pick(random, ["-1", "0", "abc", "99999999999999999999", "2147483648", "1.5", "", "null", "[]", "%00", "\u0000", new string('9', 500), "true", "2026-13-45", "зарегистрировано"]);

    private string? TokenFor(FuzzToken kind, Random random) => kind switch
    {
        FuzzToken.None => null,
        FuzzToken.Garbage => Pick(random, ["Bearer", "Bearer ", "Bearer abc.def.ghi", "Basic dXNlcjpwYXNz", "Bearer " + new string('A', 5000), "bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."]),
        FuzzToken.WrongKey => "Bearer " + AccessTokens.Issue(
            AccessTokens.FromText(Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray())),
            "caseledger-local", "caseledger", "court-system-x", [Roles.CourtSystem], null, CaseApiHost.Court),
        FuzzToken.CourtSystem => "Bearer " + _api.CourtSystem(),
        FuzzToken.OtherCourtSystem => "Bearer " + _api.CourtSystem("astana-esil"),
        FuzzToken.Clerk => "Bearer " + _api.Token(Roles.Clerk, Guid.NewGuid().ToString(), CaseApiHost.Court),
        FuzzToken.Judge => "Bearer " + _api.Token(Roles.Judge, Guid.NewGuid().ToString(), CaseApiHost.Court),
        FuzzToken.AdmittedLawyer => "Bearer " + _api.Token(Roles.Lawyer, _lawyer.ToString()),
        FuzzToken.StrangerLawyer => "Bearer " + _api.Token(Roles.Lawyer, Guid.NewGuid().ToString()),
        FuzzToken.Party => "Bearer " + _api.Token(Roles.Party, Guid.NewGuid().ToString()),
        FuzzToken.Prosecutor => "Bearer " + _api.Token(Roles.Prosecutor, Guid.NewGuid().ToString()),
        FuzzToken.Auditor => "Bearer " + _api.Token(Roles.Auditor, "auditor-1"),
        FuzzToken.Analyst => "Bearer " + _api.Token(Roles.Analyst, "analyst-1"),
        FuzzToken.LawEnforcement => "Bearer " + _api.Token(Roles.LawEnforcementSystem, "prosecutor-office-1"),
        _ => "Bearer " + _api.Token(Roles.CourtChair, "chair-1", CaseApiHost.Court),
    };

    private static void AddHeaders(HttpRequestMessage request, FuzzHeader kind, Random random)
    {
        switch (kind)
        {
            case FuzzHeader.IfMatchGarbage:
                request.Headers.TryAddWithoutValidation("If-Match", Pick(random, ["*", "abc", "\"\"", "\"-1\"", "W/\"1\"", "\"1\", \"2\"", "\"99999999999999999999\"", "\"1.5\"", "\"" + new string('9', 300) + "\""]));
                break;
            case FuzzHeader.IfMatchNumber:
                request.Headers.TryAddWithoutValidation("If-Match", $"\"{random.Next(0, 4)}\"");
                break;
            case FuzzHeader.IdempotencyOversize:
                request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', random.Next(201, 8000)));
                break;
            case FuzzHeader.IdempotencyOdd:
                request.Headers.TryAddWithoutValidation("Idempotency-Key", Pick(random, ["", " ", "a b", "\t", "fuzz-" + random.Next(3), "%00", "\u007f"]));
                break;
            case FuzzHeader.OccurredAtGarbage:
                request.Headers.TryAddWithoutValidation("X-Occurred-At", Pick(random, ["yesterday", "0", "-1", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2026-02-30T10:00:00+05:00", "2026-01-01T10:00:00+99:00", ""]));
                break;
            case FuzzHeader.OccurredAtFuture:
                request.Headers.TryAddWithoutValidation("X-Occurred-At", DateTimeOffset.UtcNow.AddDays(random.Next(1, 1000)).ToString("O", CultureInfo.InvariantCulture));
                break;
            case FuzzHeader.AcceptLanguageGarbage:
                request.Headers.TryAddWithoutValidation("Accept-Language", Pick(random, ["xx", "*;q=abc", "ru;q=2", new string('a', 2000), "kk-Cyrl-KZ-x-private"]));
                break;
            case FuzzHeader.ManyHeaders:
                for (var i = 0; i < 50; i++)
                {
                    request.Headers.TryAddWithoutValidation("X-Fuzz-" + i.ToString(CultureInfo.InvariantCulture), new string('h', 100));
                }

                break;
            default:
                break;
        }
    }

    private static byte[]? Body(Operation operation, FuzzBody kind, Random random)
    {
        var example = operation.Example?.DeepClone() ?? new JsonObject(operation.Fields.Select(f => KeyValuePair.Create(f, (JsonNode?)RandomValue(random, 0))));
        string? text = kind switch
        {
            FuzzBody.None => null,
            FuzzBody.Empty => "",
            FuzzBody.Example => example.ToJsonString(),
            FuzzBody.MutatedExample => Mutate(example.ToJsonString(), random),
            FuzzBody.TruncatedExample => example.ToJsonString() is var s && s.Length > 1 ? s[..random.Next(1, s.Length)] : "{",
            FuzzBody.WrongTypes => Retype(example, random).ToJsonString(),
            FuzzBody.MissingFields => Drop(example, random).ToJsonString(),
            FuzzBody.ExtraFields => Extra(example, random).ToJsonString(),
            FuzzBody.HugeString => SetSomewhere(example, JsonValue.Create(new string('ж', random.Next(10_000, 300_000))), random).ToJsonString(),
            FuzzBody.DeepNesting => random.Next(2) == 0
                ? new string('[', random.Next(100, 5000)) + new string(']', random.Next(0, 2) * 5000)
                : string.Concat(Enumerable.Repeat("{\"a\":", random.Next(65, 3000))) + "1" + new string('}', 3000),
            FuzzBody.HugeNumbers => SetSomewhere(example, JsonNode.Parse(Pick(random, ["1e400", "-1e400", "99999999999999999999999999999", "-0", "1.0000000000000000000001", "9223372036854775808"])), random).ToJsonString(),
            FuzzBody.RandomJson => RandomValue(random, 0)?.ToJsonString() ?? "null",
            FuzzBody.NotJson => Pick(random, ["hello", "<xml/>", "a=1&b=2", "{'a':1}", "{\"a\":1,}", "\u0000", "--fuzz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--fuzz--",
                "--fuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 trunc",
                "--fuzz\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nРешение суда\r\n--fuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n\r\n--fuzz--\r\n",
                "--fuzz\r\n" + new string('X', 20_000) + "\r\n\r\nx\r\n--fuzz--"]),
            _ => null,
        };

        if (kind == FuzzBody.InvalidUtf8)
        {
            var bytes = Encoding.UTF8.GetBytes(example.ToJsonString()).ToList();
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            bytes.InsertRange(at, Pick(random, new byte[][] { [0xC3, 0x28], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82] }));
            return [.. bytes];
        }

        return text is null ? null : Encoding.UTF8.GetBytes(text);
    }

    private static string Mutate(string json, Random random)
    {
        var chars = json.ToCharArray();
        for (var i = random.Next(1, 4); i > 0 && chars.Length > 0; i--)
        {
            chars[random.Next(chars.Length)] = Pick(random, ['"', '{', '}', '[', ']', ',', ':', '0', 'x', '\\', ' ', '-', 'ё']);
        }

        return new string(chars);
    }

    private static JsonNode Retype(JsonNode node, Random random)
    {
        if (node is JsonObject obj && obj.Count > 0)
        {
            var keys = obj.Select(p => p.Key).ToList();
            foreach (var key in keys.Where(_ => random.Next(2) == 0).DefaultIfEmpty(keys[random.Next(keys.Count)]))
            {
                obj[key] = obj[key] is JsonObject or JsonArray && random.Next(2) == 0 ? Retype(obj[key]!, random) : RandomValue(random, 2);
            }
        }
        else if (node is JsonArray array && array.Count > 0)
        {
            array[random.Next(array.Count)] = RandomValue(random, 2);
        }

        return node;
    }

    private static JsonNode Drop(JsonNode node, Random random)
    {
        if (node is JsonObject obj && obj.Count > 0)
        {
            foreach (var key in obj.Select(p => p.Key).Where(_ => random.Next(2) == 0).ToList().DefaultIfEmpty(obj.First().Key))
            {
                obj.Remove(key);
            }
        }

        return node;
    }

    private static JsonObject Extra(JsonNode node, Random random)
    {
        if (node is JsonObject obj)
        {
            obj[Pick(random, ["extra", "$type", "__proto__", "id", "caseId2", "", "\u0000"])] = RandomValue(random, 1);
            return obj;
        }

        return new JsonObject { ["value"] = node, ["extra"] = 1 };
    }

    private static JsonObject SetSomewhere(JsonNode node, JsonNode? value, Random random)
    {
        if (node is JsonObject obj && obj.Count > 0)
        {
            var key = obj.ElementAt(random.Next(obj.Count)).Key;
            if (obj[key] is JsonObject inner && random.Next(2) == 0)
            {
                SetSomewhere(inner, value, random);
            }
            else
            {
                obj[key] = value;
            }

            return obj;
        }

        return new JsonObject { ["value"] = value };
    }

    private static JsonNode? RandomValue(Random random, int depth) => (depth > 3 ? random.Next(6) : random.Next(9)) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
        3 => JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-10, 300))),
        4 => JsonValue.Create(Pick(random, ["", " ", "x", "2026-01-01", "not-a-guid", Guid.NewGuid().ToString(), "inPerson", "civil", "\u0000", "👍", "' or 1=1", new string('я', 1000)])),
        5 => JsonValue.Create(Guid.NewGuid().ToString()),
        6 => new JsonArray([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(random, depth + 1))]),
        _ => new JsonObject(Enumerable.Range(0, random.Next(0, 4)).Select(i => KeyValuePair.Create("k" + i.ToString(CultureInfo.InvariantCulture), RandomValue(random, depth + 1)))),
    };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private async Task<(long Entries, long Events, long Sequenced, long Keys)> CountRowsAsync()
    {
        await using var connection = new NpgsqlConnection(_api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select (select count(*) from ledger.entries), (select count(*) from caseledger.mt_events),
                   (select (select count(*) from ledger.pending) + (select count(*) from ledger.leaves)), (select count(*) from ledger.idempotency)
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}
