using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ledger.Api.Tests.Reliability;

/// <summary>
/// Court systems appending over HTTP from several concurrent clients: each client files new claims and attaches a
/// material to each, recording every event id the API acknowledged (2xx) and counting every other outcome
/// (status codes, connection failures). The clients go on through errors until stopped.
/// </summary>
public sealed class AppendLoad
{
    private readonly ConcurrentDictionary<Guid, byte> _acknowledged = new();
    private readonly ConcurrentDictionary<string, int> _outcomes = new();
    private long _acknowledgedRequests;

    /// <summary>Every event id of a 2xx answer.</summary>
    public IReadOnlyCollection<Guid> Acknowledged => [.. _acknowledged.Keys];

    /// <summary>2xx answers so far.</summary>
    public long AcknowledgedRequests => Interlocked.Read(ref _acknowledgedRequests);

    /// <summary>Outcomes by status code or failure kind, e.g. <c>201: 340, 503: 12, connection: 30</c>.</summary>
    public string Outcomes => string.Join(", ", _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}"));

    /// <summary>Count of an outcome (<c>"503"</c>, <c>"connection"</c>, …).</summary>
    public int Count(string outcome) => _outcomes.TryGetValue(outcome, out var n) ? n : 0;

    /// <summary>Any 5xx other than 503 (a retryable refusal is fine; an internal error is not).</summary>
    public IEnumerable<string> UnexpectedServerErrors =>
        _outcomes.Where(o => o.Key.StartsWith('5') && o.Key != "503").Select(o => $"{o.Key}: {o.Value}");

    /// <summary>Runs <paramref name="clients"/> clients against <paramref name="baseAddress"/> until <paramref name="stop"/>.</summary>
    public Task RunAsync(Func<Uri> baseAddress, string token, int clients, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => ClientAsync(baseAddress, token, stop), CancellationToken.None)));

    private async Task ClientAsync(Func<Uri> baseAddress, string token, CancellationToken stop)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        while (!stop.IsCancellationRequested)
        {
            var caseId = Guid.NewGuid();
            var claimant = Guid.NewGuid();
            var filed = await SendAsync(http, baseAddress(), "api/v1/cases/claims", token, Claim(caseId, claimant));
            if (filed)
            {
                await SendAsync(http, baseAddress(), $"api/v1/cases/{caseId}/materials", token, Material(caseId, claimant));
            }
            else
            {
                // The server is down or refusing: do not spin.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private async Task<bool> SendAsync(HttpClient http, Uri baseAddress, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        try
        {
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            _outcomes.AddOrUpdate(status.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
            if (status is < 200 or > 299)
            {
                return false;
            }

            // Counted as acknowledged only once the whole answer was read: that is what a client can rely on.
            using var json = JsonDocument.Parse(text);
            foreach (var e in json.RootElement.GetProperty("events").EnumerateArray())
            {
                _acknowledged.TryAdd(e.GetProperty("eventId").GetGuid(), 0);
            }

            Interlocked.Increment(ref _acknowledgedRequests);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or JsonException)
        {
            _outcomes.AddOrUpdate(ex is TaskCanceledException ? "timeout" : "connection", 1, (_, n) => n + 1);
            return false;
        }
    }

    private static object Claim(Guid caseId, Guid claimant) => new
    {
        caseId,
        kind = "civil",
        courtId = Cases.CaseApiHost.Court,
        caseNumber = $"2-{Random.Shared.Next(1, 99999)}-26",
        subject = "О взыскании долга",
        claimant = new { participantId = claimant, role = "plaintiff", displayName = "Нурланова Айгерим" },
        materials = new[] { Cases.CaseApiHost.Doc("claim-" + caseId, "claim") },
    };

    // A court system acts in someone's name: the claimant attaches the material.
    private static object Material(Guid caseId, Guid claimant) => new { document = Cases.CaseApiHost.Doc("evidence-" + caseId, "evidence"), filedBy = claimant };
}
