using System.Net;
using System.Text.Json;
using Ledger.Anchoring.Contracts;
using Ledger.Api.Hosting;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain.Cases;
using Ledger.Domain.Integrity;
using Ledger.LocalStack;
using Ledger.Projections.Cases;
using Microsoft.Extensions.DependencyInjection;
using Nethereum.Signer;

namespace Ledger.Api.Tests.Anchoring;

/// <summary>
/// The API with its anchorer on the local stack: receipts and anchors over HTTP, the anchorer's health, and its key
/// never in the logs. Each test deploys a contract and an anchorer account of its own.
/// </summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class AnchoringApiTests(StackFixture fixture) : IDisposable
{
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("caseledger-anchoring-").FullName;

    private sealed record Setup(Dictionary<string, string?> Settings, string Contract, string AnchorerKey, string AnchorerAddress);

    private async Task<Setup> NewSetupAsync(string name, bool grantRole = true)
    {
        var key = EthECKey.GenerateKey().GetPrivateKey();
        var deployment = await ContractDeployer.DeployAsync(fixture.Stack.RpcUrl, fixture.Stack.ChainId, key);
        if (!grantRole)
        {
            await LedgerAnchorClient.Connect(fixture.Stack.RpcUrl, deployment.ContractAddress, ContractDeployer.DevAccountPrivateKey, fixture.Stack.ChainId)
                .RevokeAnchorerAsync(deployment.AnchorerAddress);
        }

        var keyFile = Path.Combine(_keyDirectory, name + ".key");
        await File.WriteAllTextAsync(keyFile, key + "\n");
        var settings = new Dictionary<string, string?>(fixture.Stack.ToApiSettings(await fixture.CreateDatabaseAsync("api_anchoring_" + name)))
        {
            ["Chain:ContractAddress"] = deployment.ContractAddress,
            ["Anchoring:KeyFile"] = keyFile,
            ["Anchoring:EveryLeaves"] = "1",
            ["Anchoring:EverySeconds"] = "1",
            ["Anchoring:PollMilliseconds"] = "100",
            ["Sequencer:PollMilliseconds"] = "20",
        };
        return new Setup(settings, deployment.ContractAddress, key, deployment.AnchorerAddress);
    }

    private static async Task<IReadOnlyList<Guid>> AppendCaseAsync(ApiTestHost host)
    {
        // The tables are created once, on first use: wait for that, as the API's endpoints do.
        await host.Services.GetRequiredService<LedgerDatabase>().EnsureReadyAsync();
        var cases = host.Services.GetRequiredService<CaseLedger>();
        var now = DateTimeOffset.UtcNow;
        var caseId = Guid.NewGuid();
        var filed = await cases.HandleAsync(new FileClaim(
            caseId, CaseKind.Civil, CaseCategory.General, CourtRegistry.FirstInstance[0].Id,
            CaseNumber.Format(CaseKind.Civil, Random.Shared.Next(1, 99999), now.Year), "О взыскании долга",
            new Participant(Guid.NewGuid(), ParticipantRole.Plaintiff, "Истец", null),
            [new DocumentRef(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray()), "evidence", "claim.pdf", "application/pdf", 1000)],
            now));
        var accepted = await cases.HandleAsync(new AcceptCase(caseId, new Participant(Guid.NewGuid(), ParticipantRole.Judge, "Судья", null), now.AddDays(1)));
        return [.. filed.Events.Select(e => e.EventId), .. accepted.Events.Select(e => e.EventId)];
    }

    private static async Task<JsonElement> HealthComponentAsync(ApiTestHost host, string name)
    {
        using var response = await host.Client.GetAsync("/health");
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return health.RootElement.GetProperty("components").GetProperty(name).Clone();
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Given_appended_events_When_the_anchorer_runs_Then_the_receipt_over_HTTP_is_anchored_and_verifies_against_the_chain()
    {
        var setup = await NewSetupAsync("receipt");
        await using var host = await ApiTestHost.StartAsync(setup.Settings);
        var ids = await AppendCaseAsync(host);

        var receipt = await WaitForAsync(async () =>
        {
            using var response = await host.Client.GetAsync($"/api/v1/receipts/{ids[^1]}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            var parsed = Receipt.FromJson(await response.Content.ReadAsStringAsync());
            return parsed.Anchor is null ? null : parsed;
        }, "an anchored receipt");

        var logKey = NoteVerifier.FromVerifierKey((await host.Client.GetStringAsync("/api/v1/log/key")).Trim());
        var chain = LedgerAnchorClient.Connect(fixture.Stack.RpcUrl, setup.Contract);
        var verification = await ReceiptVerifier.VerifyAsync(receipt, logKey, async (lookup, token) =>
        {
            var root = await LedgerAnchorClient.Connect(fixture.Stack.RpcUrl, lookup.Contract).RootAtAsync(lookup.LogId, (ulong)lookup.TreeSize, token);
            return root.Any(b => b != 0) ? root : null;
        });
        Assert.True(verification.IsValid, verification.Error);
        Assert.Equal(AnchorStatus.ConfirmedOnChain, verification.AnchorStatus);
        Assert.Equal(ids[^1], receipt.EventId);
        Assert.Equal(setup.Contract, receipt.Anchor!.Contract, ignoreCase: true);
        Assert.Equal(fixture.Stack.ChainId, receipt.Anchor.ChainId);
        var onChainReceipt = await chain.GetReceiptAsync(receipt.Anchor.TxHash);
        Assert.Equal(receipt.Anchor.BlockNumber, (long)onChainReceipt!.BlockNumber.Value);

        using var anchors = JsonDocument.Parse(await host.Client.GetStringAsync("/api/v1/anchors"));
        var listed = anchors.RootElement.EnumerateArray().First(a => a.GetProperty("txHash").GetString() == receipt.Anchor.TxHash);
        Assert.Equal("confirmed", listed.GetProperty("status").GetString());
        Assert.Equal(receipt.Anchor.TreeSize, listed.GetProperty("treeSize").GetInt64());
        Assert.Equal(Convert.ToBase64String(receipt.Anchor.RootHash), listed.GetProperty("rootHash").GetString());
        Assert.Equal(fixture.Stack.ChainId, listed.GetProperty("chainId").GetInt64());
        Assert.Equal(setup.Contract, listed.GetProperty("contract").GetString(), ignoreCase: true);
        Assert.Equal(receipt.Anchor.BlockNumber, listed.GetProperty("blockNumber").GetInt64());

        // The anchorer's health report is refreshed periodically: wait for the report made after the anchor.
        var anchorer = await HealthComponentAsync(host, "anchorer");
        for (var i = 0; i < 50 && !(anchorer.GetProperty("description").GetString() ?? "").StartsWith("Active", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            anchorer = await HealthComponentAsync(host, "anchorer");
        }

        Assert.Equal("Healthy", anchorer.GetProperty("status").GetString());
        Assert.StartsWith("Active; anchored up to tree size", anchorer.GetProperty("description").GetString(), StringComparison.Ordinal);

        Assert.Contains("Anchorer key loaded from file " + setup.Settings["Anchoring:KeyFile"], host.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.AnchorerKey.Replace("0x", "", StringComparison.Ordinal), host.Logs.AllText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Given_unknown_and_unsequenced_events_When_receipts_are_asked_Then_404_and_202_with_Retry_After()
    {
        var setup = await NewSetupAsync("missing");
        setup.Settings["Sequencer:Enabled"] = "false";
        await using var host = await ApiTestHost.StartAsync(setup.Settings);
        var ids = await AppendCaseAsync(host);

        using var unknown = await host.Client.GetAsync($"/api/v1/receipts/{Guid.NewGuid()}");
        using var unsequenced = await host.Client.GetAsync($"/api/v1/receipts/{ids[0]}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Accepted, unsequenced.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), unsequenced.Headers.RetryAfter?.Delta);
        using var body = JsonDocument.Parse(await unsequenced.Content.ReadAsStringAsync());
        Assert.Equal("not-sequenced", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(ids[0], body.RootElement.GetProperty("eventId").GetGuid());
    }

    [Fact]
    public async Task Given_an_anchorer_account_without_the_role_When_it_tries_to_anchor_Then_health_and_logs_say_so_clearly_without_the_key()
    {
        var setup = await NewSetupAsync("revoked", grantRole: false);
        await using var host = await ApiTestHost.StartAsync(setup.Settings);
        await AppendCaseAsync(host);
        var expected = $"The anchorer account {setup.AnchorerAddress} does not hold the anchorer role on contract {setup.Contract}.";

        var anchorer = await WaitForAsync(async () =>
        {
            var component = await HealthComponentAsync(host, "anchorer");
            return component.GetProperty("status").GetString() == "Unhealthy" ? (object)component : null;
        }, "the anchorer to report the revoked role");

        Assert.Equal(expected, ((JsonElement)anchorer).GetProperty("description").GetString(), ignoreCase: true);
        Assert.Contains(host.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal)
            && line.Contains(expected, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(setup.AnchorerKey.Replace("0x", "", StringComparison.Ordinal), host.Logs.AllText, StringComparison.OrdinalIgnoreCase);
        using var anchors = JsonDocument.Parse(await host.Client.GetStringAsync("/api/v1/anchors"));
        Assert.Empty(anchors.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Given_the_API_When_OpenAPI_is_read_Then_receipts_and_anchors_are_described()
    {
        await using var host = await ApiTestHost.StartAsync(TestSettings.Unreachable());

        var document = await host.Client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/v1/receipts/{eventId}\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/v1/anchors\"", document, StringComparison.Ordinal);
        Assert.Contains("not-sequenced", document, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_keyDirectory, recursive: true);
}
