using System.Globalization;
using Ledger.Anchoring;
using Ledger.Anchoring.Contracts;
using Ledger.Api.Configuration;
using Ledger.Api.Health;
using Nethereum.Signer;

namespace Ledger.Api.Hosting;

/// <summary>
/// Hosts the anchorer in the API process (when <c>Anchoring:Enabled</c>) and reports its health as the
/// <see cref="ComponentHealthRegistry.Anchorer"/> component. The anchorer key is read with
/// <see cref="ConfiguredSecrets"/> (<c>Anchoring:KeyFile</c> or <c>Anchoring:Key</c>) and never logged: only where it
/// comes from and the account address are.
/// </summary>
public sealed class AnchorerService(
    IServiceProvider services, IConfiguration configuration, ComponentHealthRegistry health, ILogger<AnchorerService> logger)
    : BackgroundService
{
    private static readonly TimeSpan StartRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>The running anchorer, once started (tests use it for fault hooks and status).</summary>
    public Anchorer? Anchorer { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? lastStartError = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await services.GetRequiredService<LedgerDatabase>().EnsureReadyAsync(stoppingToken);
                var client = Connect();
                await using var anchorer = new Anchorer(
                    services.GetRequiredService<Npgsql.NpgsqlDataSource>(),
                    client,
                    AnchoringSetup.ReadOptions(configuration),
                    services.GetRequiredService<ILogger<Anchorer>>());
                Anchorer = anchorer;
                using var reporting = ReportPeriodically(anchorer, stoppingToken);
                await anchorer.RunAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
            {
                var message = ex is AnchoringConfigurationException ? ex.Message : "The anchorer cannot start: " + ex.Message;
                health.Report(ComponentHealthRegistry.Anchorer, false, message);
                if (!string.Equals(lastStartError, message, StringComparison.Ordinal))
                {
                    logger.LogError(ex is AnchoringConfigurationException ? null : ex, "{Error} Retrying every {Seconds} s.", message, StartRetryDelay.TotalSeconds);
                    lastStartError = message;
                }

                try
                {
                    await Task.Delay(StartRetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private LedgerAnchorClient Connect()
    {
        var rpcUrl = configuration["Chain:RpcUrl"];
        if (string.IsNullOrWhiteSpace(rpcUrl))
        {
            throw new AnchoringConfigurationException("The anchorer cannot start: no chain is configured (set Chain:RpcUrl).");
        }

        var contract = configuration["Chain:ContractAddress"];
        if (string.IsNullOrWhiteSpace(contract))
        {
            throw new AnchoringConfigurationException(
                "The anchorer cannot start: the LedgerAnchor contract address is not configured (set Chain:ContractAddress).");
        }

        var chainId = configuration.GetValue<long?>("Chain:ChainId")
            ?? throw new AnchoringConfigurationException("The anchorer cannot start: the chain id is not configured (set Chain:ChainId).");
        var source = ConfiguredSecrets.DescribeSource(configuration, "Anchoring");
        var key = ConfiguredSecrets.Read(configuration, "Anchoring")
            ?? throw new AnchoringConfigurationException(
                "The anchorer cannot start: its account key is not configured (set Anchoring:KeyFile, or Anchoring:Key).");
        string address;
        try
        {
            address = new EthECKey(key).GetPublicAddress();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            // The message of the parser may quote the key: say only where it came from.
            throw new AnchoringConfigurationException(
                $"The anchorer cannot start: the key from {source} is not a secp256k1 private key (64 hexadecimal digits).");
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "Anchorer key loaded from {Source}; account {Account}; contract {Contract} on chain {ChainId}",
                source, address, contract, chainId);
        }

        return LedgerAnchorClient.Connect(rpcUrl, contract, key, chainId);
    }

    private Timer ReportPeriodically(Anchorer anchorer, CancellationToken stoppingToken) =>
        new(_ =>
        {
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var status = anchorer.Status;
            if (status.LastError is { } error)
            {
                health.Report(ComponentHealthRegistry.Anchorer, false, error);
            }
            else if (status.IsLeader)
            {
                var pending = status.PendingTreeSize is { } size
                    ? string.Create(CultureInfo.InvariantCulture, $"; tree size {size} awaits confirmation")
                    : "";
                health.Report(
                    ComponentHealthRegistry.Anchorer,
                    true,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Active; anchored up to tree size {status.AnchoredTreeSize}{pending}; account {anchorer.AccountAddress}, contract {anchorer.ContractAddress}."));
            }
            else
            {
                health.Report(ComponentHealthRegistry.Anchorer, true, "Standing by: another instance is the active anchorer.");
            }
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
}

/// <summary>The anchorer's settings are missing or wrong; the message names the setting.</summary>
public sealed class AnchoringConfigurationException(string message) : InvalidOperationException(message);
