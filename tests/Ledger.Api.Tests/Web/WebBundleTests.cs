using System.Diagnostics;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Web;

public sealed class WebBundleTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Given_the_front_end_sources_When_bundled_again_Then_the_committed_bundles_are_identical()
    {
        var web = RepositoryRoot.Combine("web");
        Assert.True(
            Directory.Exists(Path.Combine(web, "node_modules", "esbuild")),
            "web/node_modules is missing: run `npm ci` in web/ (.ci/run does).");
        var start = new ProcessStartInfo("node", ["build.mjs", "--check"])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(node.ExitCode == 0, $"{await output}{await errors}");
        Assert.Contains("3 bundles match the sources.", await output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/lib/chart.js", "window.Chart=")]
    [InlineData("/lib/jsqr.js", "window.jsQR=")]
    [InlineData("/lib/site.js", "window.CaseLedger=")]
    [InlineData("/css/site.css", "--brand")]
    public async Task Given_the_running_API_When_a_bundle_is_requested_Then_it_is_served_from_this_server(string path, string marker)
    {
        await using var host = await ApiTestHost.StartAsync(TestSettings.Unreachable());

        var body = await host.Client.GetStringAsync(path);

        Assert.Contains(marker, body, StringComparison.Ordinal);
    }
}
