using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;
using Ledger.Domain.Cases;
using Ledger.Domain.Statistics;

namespace Ledger.Projections.Statistics;

/// <summary>
/// Keeps the situation center's documents small (they are written for every case on each page of events the daemon
/// folds): the fold state's computed properties (<c>IsSuspended</c>, <c>CurrentAct</c>, <c>Region</c>, …: never read
/// back) are not written, and a flow counter that is zero is left out (it reads back as zero). Applies only to the
/// statistics types below; events and other documents are serialized as before.
/// </summary>
public static class StatisticsJson
{
    private static readonly FrozenSet<Type> CompactTypes = new[]
    {
        typeof(CaseStatistics), typeof(CaseState), typeof(Deadline), typeof(SuspensionPeriod), typeof(ActRecord), typeof(AppealRecord),
        typeof(Domain.Statistics.CaseFacts), typeof(DailyFlow), typeof(EndedTerm), typeof(SuspensionFact), typeof(OverdueTerm), typeof(CaseMovement),
        typeof(FlowCounts),
    }.ToFrozenSet();

    /// <summary>A <see cref="DefaultJsonTypeInfoResolver"/> modifier.</summary>
    public static void Compact(JsonTypeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Kind != JsonTypeInfoKind.Object || !CompactTypes.Contains(info.Type))
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var property = info.Properties[i];
            if (property.Set is null && property.AssociatedParameter is null)
            {
                info.Properties.RemoveAt(i);
            }
            else if (info.Type == typeof(FlowCounts) && property.PropertyType == typeof(int))
            {
                property.ShouldSerialize = static (_, value) => value is not 0;
            }
        }
    }
}
