using JasperFx.Events.Daemon;
using Ledger.Domain.Integrity;
using Ledger.Projections.Cases;
using Ledger.Projections.Log;
using Ledger.Projections.Sequencing;
using Ledger.Projections.Storage;
using Marten;
using Npgsql;

namespace Ledger.Api.Hosting;

/// <summary>Registers the event store, the case ledger, the Merkle log reader and the sequencer.</summary>
public static class LedgerServiceCollectionExtensions
{
    public static IServiceCollection AddCaseLedgerCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var environment = sp.GetRequiredService<IHostEnvironment>();
            var connectionString = configuration.GetConnectionString("Ledger");
            if (string.IsNullOrWhiteSpace(connectionString) && !environment.IsProduction())
            {
                // Outside production the host still starts (health names the missing setting); every database
                // call fails with the name of an unconfigured host.
                return LedgerDataSource.Create("Host=database-not-configured.invalid;Database=caseledger");
            }

            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "The database is not configured: set ConnectionStrings:Ledger (environment ConnectionStrings__Ledger).");
            }

            return LedgerDataSource.Create(connectionString);
        });
        services.AddSingleton(sp => LogSigning.LoadSigner(
            configuration, sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ledger.Log")));
        services.AddMarten(sp =>
        {
            var options = new StoreOptions();
            MartenConfiguration.Configure(options, sp.GetRequiredService<NpgsqlDataSource>());
            return options;
        })
            // Async projections (read models such as the situation center's) run in the daemon; with several API
            // instances one holds the leader lock (hot/cold). Projections:Daemon = HotCold (default), Solo or Disabled;
            // without a database setting no daemon runs.
            .AddAsyncDaemon(string.IsNullOrWhiteSpace(configuration.GetConnectionString("Ledger"))
                ? DaemonMode.Disabled
                : configuration.GetValue("Projections:Daemon", DaemonMode.HotCold));
        services.AddSingleton<LedgerDatabase>();
        // Case states kept in memory for appends: bounded by cases and by the events they hold together (docs/configuration.md).
        services.AddSingleton(sp => new CaseLedger(
            sp.GetRequiredService<IDocumentStore>(), LogSigning.Origin(configuration),
            configuration.GetValue("Ledger:KeptCases", 100_000), configuration.GetValue("Ledger:KeptCaseEvents", 500_000L)));
        services.AddSingleton(sp => new LogReader(sp.GetRequiredService<NpgsqlDataSource>()));
        // Verification counts anchors on the configured chain and contract only (the ones receipts cite).
        services.AddSingleton(sp => new Projections.Verification.DocumentVerifier(
            sp.GetRequiredService<NpgsqlDataSource>(), MartenConfiguration.Schema,
            configuration.GetValue<long?>("Chain:ChainId"), configuration["Chain:ContractAddress"]));
        services.AddSingleton(_ => new SequencerOptions
        {
            Origin = LogSigning.Origin(configuration),
            BatchSize = configuration.GetValue("Sequencer:BatchSize", 5000),
            PollInterval = TimeSpan.FromMilliseconds(configuration.GetValue("Sequencer:PollMilliseconds", 100)),
        });
        var databaseConfigured = !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Ledger"));
        if (databaseConfigured && configuration.GetValue("Sequencer:Enabled", true))
        {
            services.AddHostedService<SequencerService>();
        }

        services.AddCaseLedgerAnchoring(configuration);

        return services;
    }
}
