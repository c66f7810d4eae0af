using System.Net;
using System.Text.Json;
using Ledger.Api.Health;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Host;

public sealed class HealthTests
{
    [Fact]
    public async Task Given_an_unreachable_database_When_health_is_asked_Then_the_database_is_unhealthy_with_a_clear_description()
    {
        await using var host = await ApiTestHost.StartAsync(TestSettings.Unreachable());

        using var response = await host.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", health.RootElement.GetProperty("status").GetString());
        var database = health.RootElement.GetProperty("components").GetProperty("database");
        Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
        var description = database.GetProperty("description").GetString();
        Assert.StartsWith("PostgreSQL at 127.0.0.1:1/ledger cannot be reached", description, StringComparison.Ordinal);
        Assert.DoesNotContain("not-used", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_no_database_setting_When_health_is_asked_Then_the_description_names_the_missing_setting()
    {
        await using var host = await ApiTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Ledger"] = "",
            ["Chain:RpcUrl"] = TestSettings.UnreachableChain,
        });

        var database = await ComponentAsync(host, "database");

        Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
        Assert.Contains("ConnectionStrings:Ledger", database.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_unreachable_chain_When_health_is_asked_Then_the_chain_is_unhealthy_and_names_the_node()
    {
        await using var host = await ApiTestHost.StartAsync(TestSettings.Unreachable());

        var chain = await ComponentAsync(host, "chain");

        Assert.Equal("Unhealthy", chain.GetProperty("status").GetString());
        Assert.StartsWith("The chain node at http://127.0.0.1:1 cannot be used", chain.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_the_sequencer_and_anchorer_have_not_reported_When_health_is_asked_Then_they_are_not_started()
    {
        // Without a database setting neither component starts, so neither reports.
        await using var host = await ApiTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Ledger"] = "",
            ["Chain:RpcUrl"] = TestSettings.UnreachableChain,
        });

        foreach (var name in new[] { "sequencer", "anchorer" })
        {
            var component = await ComponentAsync(host, name);
            Assert.Equal("Degraded", component.GetProperty("status").GetString());
            Assert.Equal("not started", component.GetProperty("description").GetString());
        }
    }

    [Fact]
    public async Task Given_components_report_When_health_is_asked_Then_their_last_reports_are_shown()
    {
        await using var host = await ApiTestHost.StartAsync(TestSettings.Unreachable());
        var registry = host.Services.GetRequiredService<ComponentHealthRegistry>();

        registry.Report(ComponentHealthRegistry.Sequencer, healthy: false, "leader; sequencing failed: disk full");
        registry.Report(ComponentHealthRegistry.Sequencer, healthy: true, "leader; 1204 leaves sequenced");
        registry.Report(ComponentHealthRegistry.Anchorer, healthy: false, "anchor transaction rejected: account not allowed");

        var sequencer = await ComponentAsync(host, "sequencer");
        Assert.Equal("Healthy", sequencer.GetProperty("status").GetString());
        Assert.Equal("leader; 1204 leaves sequenced", sequencer.GetProperty("description").GetString());
        Assert.True(sequencer.GetProperty("data").TryGetProperty("reportedAt", out _));
        var anchorer = await ComponentAsync(host, "anchorer");
        Assert.Equal("Unhealthy", anchorer.GetProperty("status").GetString());
        Assert.Equal("anchor transaction rejected: account not allowed", anchorer.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Given_the_anchorer_is_disabled_in_this_instance_When_health_is_asked_Then_it_is_healthy_and_says_so()
    {
        var settings = TestSettings.Unreachable();
        settings["Anchoring:Enabled"] = "false";
        await using var host = await ApiTestHost.StartAsync(settings);

        var anchorer = await ComponentAsync(host, "anchorer");

        Assert.Equal("Healthy", anchorer.GetProperty("status").GetString());
        Assert.Contains("Anchoring:Enabled is false", anchorer.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_dependencies_are_down_When_liveness_is_asked_Then_the_process_is_alive()
    {
        await using var host = await ApiTestHost.StartAsync(TestSettings.Unreachable());

        using var response = await host.Client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Empty(health.RootElement.GetProperty("components").EnumerateObject());
    }

    private static async Task<JsonElement> ComponentAsync(ApiTestHost host, string name)
    {
        using var response = await host.Client.GetAsync("/health");
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return health.RootElement.GetProperty("components").GetProperty(name).Clone();
    }
}
