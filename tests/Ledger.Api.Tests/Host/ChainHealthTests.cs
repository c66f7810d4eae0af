using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Host;

/// <summary>The chain health check against a real anvil node (from tools/chain, installed by .ci/run).</summary>
[Trait("Category", "Integration")]
public sealed class ChainHealthTests : IAsyncLifetime
{
    private const long AnvilChainId = 31337;
    private static readonly string AnvilPath = RepositoryRoot.Combine("tools", "chain", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    private Process? _anvil;
    private string _rpcUrl = string.Empty;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(AnvilPath), $"anvil is missing at {AnvilPath}: run `npm ci` in tools/chain (.ci/run does).");
        var port = FreePort();
        _rpcUrl = $"http://127.0.0.1:{port}";
        _anvil = Process.Start(new ProcessStartInfo(AnvilPath, ["--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--chain-id", AnvilChainId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _anvil.OutputDataReceived += (_, _) => { };
        _anvil.ErrorDataReceived += (_, _) => { };
        _anvil.BeginOutputReadLine();
        _anvil.BeginErrorReadLine();
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var response = await client.PostAsync(_rpcUrl, new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}", System.Text.Encoding.UTF8, "application/json"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.False(_anvil.HasExited, "anvil exited at start-up.");
            Assert.True(DateTime.UtcNow < deadline, "anvil did not answer within 20 s.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_anvil is { HasExited: false })
        {
            _anvil.Kill();
            await _anvil.WaitForExitAsync();
        }

        _anvil?.Dispose();
    }

    [Fact]
    public async Task Given_a_node_on_the_configured_chain_When_health_is_asked_Then_the_chain_is_healthy_with_its_latest_block()
    {
        var chain = await ChainComponentAsync(AnvilChainId);

        Assert.Equal("Healthy", chain.GetProperty("status").GetString());
        Assert.Equal($"Chain {AnvilChainId} at {_rpcUrl} answers; latest block 0.", chain.GetProperty("description").GetString());
        Assert.Equal(AnvilChainId, chain.GetProperty("data").GetProperty("chainId").GetInt64());
    }

    [Fact]
    public async Task Given_a_node_on_another_chain_When_health_is_asked_Then_the_chain_is_unhealthy_and_says_which_chains_differ()
    {
        var chain = await ChainComponentAsync(2026);

        Assert.Equal("Unhealthy", chain.GetProperty("status").GetString());
        Assert.Equal(
            $"The node at {_rpcUrl} is on chain {AnvilChainId}, but this instance is configured for chain 2026 (Chain:ChainId).",
            chain.GetProperty("description").GetString());
    }

    private async Task<JsonElement> ChainComponentAsync(long configuredChainId)
    {
        var settings = TestSettings.Unreachable();
        settings["Chain:RpcUrl"] = _rpcUrl;
        settings["Chain:ChainId"] = configuredChainId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await ApiTestHost.StartAsync(settings);
        using var response = await host.Client.GetAsync("/health");
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return health.RootElement.GetProperty("components").GetProperty("chain").Clone();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
