using System.Collections.Concurrent;

namespace Ledger.Api.Health;

/// <summary>The last state a background component reported about itself.</summary>
public sealed record ComponentReport(bool Healthy, string Description, DateTimeOffset ReportedAt);

/// <summary>
/// Where long-running components of this instance (the sequencer, the anchorer) say how they are.
/// A singleton: take it from dependency injection and call <see cref="Report"/> whenever the state changes
/// (started, leader or standby, caught up, failing and why). <c>/health</c> shows the last report of each.
/// </summary>
public sealed class ComponentHealthRegistry(TimeProvider clock)
{
    public const string Sequencer = "sequencer";
    public const string Anchorer = "anchorer";

    private readonly ConcurrentDictionary<string, ComponentReport> _reports = new(StringComparer.Ordinal);

    /// <param name="component">For example <see cref="Sequencer"/> or <see cref="Anchorer"/>.</param>
    /// <param name="healthy">Whether the component is doing its job (a standby waiting for the lock is healthy).</param>
    /// <param name="description">A sentence an operator understands, e.g. "leader; 1 204 leaves sequenced".</param>
    public void Report(string component, bool healthy, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        ArgumentNullException.ThrowIfNull(description);
        _reports[component] = new ComponentReport(healthy, description, clock.GetUtcNow());
    }

    /// <summary>The last report of <paramref name="component"/>, or null if it has not reported yet.</summary>
    public ComponentReport? Get(string component) =>
        _reports.TryGetValue(component, out var report) ? report : null;
}
