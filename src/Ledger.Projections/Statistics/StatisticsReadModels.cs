using JasperFx.Events.Projections;
using Ledger.Projections.Statistics.CaseFacts;
using Marten;

namespace Ledger.Projections.Statistics;

/// <summary>Registers the situation center's read models (async projections) with the event store.</summary>
public static class StatisticsReadModels
{
    public const string CaseFactsTable = "mt_doc_situation_case_facts";

    public static void Register(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Larger pages of events than the default (500): fewer round trips while catching up or rebuilding.
        options.Projections.Add(new CaseFactsProjection(), ProjectionLifecycle.Async, async => async.BatchSize = 5000);
        options.Schema.For<CaseFactsDocument>().DocumentAlias("situation_case_facts").Duplicate(d => d.Sequence);
    }
}
