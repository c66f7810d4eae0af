using Ledger.Api.Health;
using Ledger.Projections.Sequencing;

namespace Ledger.Api.Hosting;

/// <summary>Hosts the sequencer in the API process (when <c>Sequencer:Enabled</c>) and reports its health.</summary>
public sealed class SequencerService(IServiceProvider services, ComponentHealthRegistry health, ILogger<SequencerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await services.GetRequiredService<LedgerDatabase>().EnsureReadyAsync(stoppingToken);
                await using var sequencer = new Sequencer(
                    services.GetRequiredService<Npgsql.NpgsqlDataSource>(),
                    services.GetRequiredService<Domain.Integrity.NoteSigner>(),
                    services.GetRequiredService<SequencerOptions>(),
                    services.GetRequiredService<ILogger<Sequencer>>());
                using var reporting = ReportPeriodically(sequencer, stoppingToken);
                await sequencer.RunAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
            {
                health.Report(ComponentHealthRegistry.Sequencer, false, "The sequencer cannot reach the database: " + ex.Message);
                logger.LogWarning(ex, "Sequencer could not start; retrying in 5 s");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private Timer ReportPeriodically(Sequencer sequencer, CancellationToken stoppingToken) =>
        new(_ =>
        {
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var status = sequencer.Status;
            if (status.LastError is { } error)
            {
                health.Report(ComponentHealthRegistry.Sequencer, false, "The last batch failed: " + error);
            }
            else if (status.IsLeader)
            {
                health.Report(ComponentHealthRegistry.Sequencer, true, $"Active; the log has {status.TreeSize} leaves.");
            }
            else
            {
                health.Report(ComponentHealthRegistry.Sequencer, true, "Standing by: another instance is the active sequencer.");
            }
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(2));
}
