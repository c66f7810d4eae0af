using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Api.Health;

/// <summary>The chain's JSON-RPC endpoint (<c>Chain:RpcUrl</c>) answers <c>eth_chainId</c> with <c>Chain:ChainId</c>.</summary>
internal sealed class ChainHealthCheck(IHttpClientFactory httpClients, IConfiguration configuration) : IHealthCheck
{
    public const string HttpClientName = "chain-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var rpcUrl = configuration["Chain:RpcUrl"];
        if (string.IsNullOrWhiteSpace(rpcUrl) || !Uri.TryCreate(rpcUrl, UriKind.Absolute, out var endpoint))
        {
            return HealthCheckResult.Unhealthy("No chain is configured: the setting Chain:RpcUrl is empty or not a URL.");
        }

        var expected = configuration.GetValue<long?>("Chain:ChainId");
        var where = Redact.Url(rpcUrl);
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            var chainId = await CallAsync(client, endpoint, "eth_chainId", cancellationToken);
            var block = await CallAsync(client, endpoint, "eth_blockNumber", cancellationToken);
            var data = new Dictionary<string, object> { ["chainId"] = chainId, ["blockNumber"] = block };
            if (expected is not null && chainId != expected)
            {
                return HealthCheckResult.Unhealthy(
                    $"The node at {where} is on chain {chainId}, but this instance is configured for chain {expected} (Chain:ChainId).",
                    data: data);
            }

            return HealthCheckResult.Healthy($"Chain {chainId} at {where} answers; latest block {block}.", data);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The chain node at {where} did not answer in time.");
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or FormatException or InvalidOperationException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The chain node at {where} cannot be used: {exception.Message}");
        }
    }

    private static async Task<long> CallAsync(HttpClient client, Uri endpoint, string method, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync(
            endpoint, new { jsonrpc = "2.0", id = 1, method, @params = Array.Empty<object>() }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        if (document.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error.GetRawText()}");
        }

        var hex = document.RootElement.GetProperty("result").GetString()
            ?? throw new FormatException($"{method} returned no result.");
        return long.Parse(hex.AsSpan(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? 2 : 0), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
