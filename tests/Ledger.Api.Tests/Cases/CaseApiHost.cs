using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Api.Security;
using Ledger.Api.Tests.Infrastructure;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Cases;

/// <summary>
/// The API on the test stack's PostgreSQL with its own database, the stack's token key, backdating on for court
/// systems, and helpers to call the case endpoints as a given role.
/// </summary>
public sealed class CaseApiHost : IAsyncDisposable
{
    public const string Court = "almaty-bostandyk";
    public static readonly byte[] VideoKey = SHA256.HashData("video-provider-shared-key"u8.ToArray());

    private readonly Microsoft.IdentityModel.Tokens.SymmetricSecurityKey _key;

    private CaseApiHost(ApiTestHost host, string connectionString, Microsoft.IdentityModel.Tokens.SymmetricSecurityKey key)
    {
        Host = host;
        ConnectionString = connectionString;
        _key = key;
    }

    public ApiTestHost Host { get; }

    public string ConnectionString { get; }

    public HttpClient Client => Host.Client;

    public static async Task<CaseApiHost> StartAsync(StackFixture fixture, string database, Action<Dictionary<string, string?>>? more = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var connectionString = await fixture.CreateDatabaseAsync(database);
        var settings = new Dictionary<string, string?>(fixture.Stack.ToApiSettings(connectionString))
        {
            ["Anchoring:Enabled"] = "false",
            ["Cases:AllowBackdating"] = "true",
            // Most tests reference made-up hashes, unsigned; the upload and signature checks have their own tests.
            ["Cases:RequireUploadedDocuments"] = "false",
            ["Cases:RequireSignedActs"] = "false",
            ["Video:BaseUrl"] = "https://video.court.example/rooms",
            ["Video:JoinKey"] = Convert.ToBase64String(VideoKey),
        };
        more?.Invoke(settings);
        var key = AccessTokens.FromText((await File.ReadAllTextAsync(settings["Auth:SigningKeyFile"]!)).Trim());
        var host = await ApiTestHost.StartAsync(settings);
        // Tests count rows in the ledger's tables before their first request: make sure the tables exist.
        await host.Services.GetRequiredService<Ledger.Api.Hosting.LedgerDatabase>().EnsureReadyAsync();
        return new CaseApiHost(host, connectionString, key);
    }

    public string Token(string role, string subject, string? court = null, string? name = null) =>
        AccessTokens.Issue(_key, "caseledger-local", "caseledger", subject, [role], name, court);

    public string CourtSystem(string court = Court) => Token(Roles.CourtSystem, "court-system-" + court, court);

    public static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static object Doc(string name, string kind = "document") =>
        new { sha256 = Sha(name), kind, fileName = name + ".pdf", mediaType = "application/pdf", sizeBytes = 2048 };

    public static object Recording(string name) =>
        new { sha256 = Sha(name), kind = "video-recording", fileName = name + ".mp4", mediaType = "video/mp4", sizeBytes = 50_000_000 };

    public static HttpRequestMessage Request(
        HttpMethod method, string path, string token, object? body = null, long? ifMatch = null, string? idempotencyKey = null, DateTimeOffset? at = null)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = body is string text
                ? new StringContent(text, Encoding.UTF8, "application/json")
                : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (at is { } when)
        {
            request.Headers.Add("X-Occurred-At", when.ToString("O"));
        }

        return request;
    }

    /// <summary>Sends and returns status and parsed JSON body (an empty object when there is none).</summary>
    public async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (request)
        {
            using var response = await Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
                ? JsonDocument.Parse(text).RootElement.Clone()
                : JsonDocument.Parse("{}").RootElement.Clone();
            return new Answer(
                (int)response.StatusCode, json, text, response.Headers.ETag?.Tag, response.Headers.Location?.ToString(),
                response.Content.Headers.ContentType?.MediaType);
        }
    }

    public Task<Answer> PostAsync(string path, string token, object? body, long? ifMatch = null, string? key = null, DateTimeOffset? at = null) =>
        SendAsync(Request(HttpMethod.Post, path, token, body, ifMatch, key, at));

    public Task<Answer> GetAsync(string path, string token) => SendAsync(Request(HttpMethod.Get, path, token));

    /// <summary>Rows in the ledger's tables: (ledger entries, stored events, idempotency keys).</summary>
    public async Task<(long Entries, long Events, long Keys)> CountRowsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select (select count(*) from ledger.entries), (select count(*) from caseledger.mt_events), (select count(*) from ledger.idempotency)",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    public sealed record Answer(int Status, JsonElement Json, string Text, string? ETag, string? Location, string? MediaType)
    {
        public string? Str(string property) => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(property, out var value) ? value.ToString() : null;

        public override string ToString() => $"{Status} {Text}";
    }
}
