using Ledger.Domain.Statistics;

namespace Ledger.Projections.Statistics.CaseFacts;

/// <summary>
/// Read model of the situation center: one document per case (table <c>caseledger.mt_doc_situation_case_facts</c>),
/// kept by <see cref="CaseFactsProjection"/> in the async daemon. <see cref="Statistics"/> is the fold state (no personal
/// data); <see cref="Facts"/> is the lean view every figure is computed from, stored beside it so readers load only it.
/// </summary>
public sealed class CaseFactsDocument
{
    public Guid Id { get; set; }

    /// <summary>Sequence number of the last event folded in (duplicated column <c>sequence</c>: readers load what changed).</summary>
    public long Sequence { get; set; }

    public CaseStatistics Statistics { get; set; } = CaseStatistics.Empty;

    /// <summary>Computed from <see cref="Statistics"/> whenever the document is written; ignored when read back.</summary>
    public Domain.Statistics.CaseFacts? Facts
    {
        get => Domain.Statistics.CaseFacts.From(Statistics);
        set
        {
            // Derived: nothing to restore.
        }
    }
}
