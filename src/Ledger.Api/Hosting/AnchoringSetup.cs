using Ledger.Anchoring;
using Ledger.Projections.Log;
using Npgsql;

namespace Ledger.Api.Hosting;

/// <summary>Registers the anchor store, the receipt service and (when <c>Anchoring:Enabled</c>) the anchorer.</summary>
public static class AnchoringSetup
{
    public static IServiceCollection AddCaseLedgerAnchoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new AnchorStore(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton(sp => new ReceiptService(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<LogReader>(),
            sp.GetRequiredService<AnchorStore>(),
            new ReceiptAnchorScope(
                configuration.GetValue<long?>("Chain:ChainId"),
                configuration["Chain:ContractAddress"] is { Length: > 0 } contract ? contract : null)));
        if (configuration.GetValue("Anchoring:Enabled", true) && !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Ledger")))
        {
            services.AddSingleton<AnchorerService>();
            services.AddHostedService(sp => sp.GetRequiredService<AnchorerService>());
        }

        return services;
    }

    /// <summary>The anchorer's settings: <c>Anchoring:EveryLeaves</c>, <c>Anchoring:EverySeconds</c>, <c>Chain:Confirmations</c>, …</summary>
    public static AnchorerOptions ReadOptions(IConfiguration configuration) => new()
    {
        Origin = LogSigning.Origin(configuration),
        ChainId = configuration.GetValue<long?>("Chain:ChainId") ?? 0,
        EveryLeaves = Math.Max(1, configuration.GetValue("Anchoring:EveryLeaves", 1000)),
        Every = TimeSpan.FromSeconds(Math.Max(0.1, configuration.GetValue("Anchoring:EverySeconds", 30.0))),
        Confirmations = Math.Max(1, configuration.GetValue("Chain:Confirmations", 1)),
        PollInterval = TimeSpan.FromMilliseconds(Math.Max(10, configuration.GetValue("Anchoring:PollMilliseconds", 500))),
    };
}
