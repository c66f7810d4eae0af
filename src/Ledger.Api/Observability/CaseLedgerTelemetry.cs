using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ledger.Api.Observability;

/// <summary>
/// CaseLedger's own metrics and traces. Everything published under the name <see cref="Name"/> is exported:
/// metrics on <c>/metrics</c> (Prometheus text), traces to OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// Code in this project uses <see cref="Meter"/> and <see cref="ActivitySource"/>; code in the lower projects
/// (Projections, Anchoring), which cannot see this type, creates <c>new Meter("CaseLedger")</c> (or
/// <c>IMeterFactory.Create("CaseLedger")</c>) and <c>new ActivitySource("CaseLedger")</c> with the same name.
/// Instrument names: <c>caseledger.{area}.{what}</c>, e.g. <c>caseledger.sequencer.leaves</c>.
/// </summary>
public static class CaseLedgerTelemetry
{
    public const string Name = "CaseLedger";

    public static Meter Meter { get; } = new(Name);

    public static ActivitySource ActivitySource { get; } = new(Name);
}
