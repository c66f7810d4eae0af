using JasperFx.Events;
using Ledger.Domain.Cases;
using Ledger.Domain.Statistics;
using Marten.Events.Aggregation;

namespace Ledger.Projections.Statistics.CaseFacts;

/// <summary>
/// Folds each case stream into its <see cref="CaseFactsDocument"/> with <see cref="CaseStatistics.Evolve"/> (pure), in
/// the async daemon (registered with the Async lifecycle by <see cref="StatisticsReadModels"/>).
/// </summary>
public sealed class CaseFactsProjection : SingleStreamProjection<CaseFactsDocument, Guid>
{
    public const string ProjectionName = "SituationCaseFacts";

    public CaseFactsProjection()
    {
        Name = ProjectionName;
    }

    public override CaseFactsDocument? Evolve(CaseFactsDocument? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Data is not CaseEvent caseEvent)
        {
            return snapshot;
        }

        var document = snapshot ?? new CaseFactsDocument { Id = id };
        document.Statistics = CaseStatistics.Evolve(document.Statistics, caseEvent);
        document.Sequence = Math.Max(document.Sequence, e.Sequence);
        return document;
    }
}
