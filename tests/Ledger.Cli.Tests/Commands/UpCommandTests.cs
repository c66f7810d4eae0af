using System.Globalization;
using Ledger.Cli;
using Ledger.Cli.Commands;
using Ledger.LocalStack;

namespace Ledger.Cli.Tests.Commands;

public sealed class UpCommandTests
{
    [Fact]
    public void Given_ports_on_the_command_line_When_up_is_parsed_Then_they_are_used()
    {
        var result = CaseLedgerCommand.Create().Parse(["up", "--port", "6001", "--chain-port", "9001"]);

        Assert.Empty(result.Errors);
        Assert.Equal(6001, result.GetValue<int>("--port"));
        Assert.Equal(9001, result.GetValue<int>("--chain-port"));
    }

    [Fact]
    public void Given_no_ports_When_up_is_parsed_Then_the_environment_or_the_defaults_apply()
    {
        var previous = (Environment.GetEnvironmentVariable("CASELEDGER_PORT"), Environment.GetEnvironmentVariable("CASELEDGER_CHAIN_PORT"));
        try
        {
            Environment.SetEnvironmentVariable("CASELEDGER_PORT", null);
            Environment.SetEnvironmentVariable("CASELEDGER_CHAIN_PORT", null);
            var defaults = CaseLedgerCommand.Create().Parse(["up"]);
            Environment.SetEnvironmentVariable("CASELEDGER_PORT", "6123");
            Environment.SetEnvironmentVariable("CASELEDGER_CHAIN_PORT", "9123");
            var fromEnvironment = CaseLedgerCommand.Create().Parse(["up"]);
            Environment.SetEnvironmentVariable("CASELEDGER_PORT", "not-a-port");
            var invalid = CaseLedgerCommand.Create().Parse(["up"]);

            Assert.Equal((UpCommand.DefaultPort, UpCommand.DefaultChainPort), (defaults.GetValue<int>("--port"), defaults.GetValue<int>("--chain-port")));
            Assert.Equal((6123, 9123), (fromEnvironment.GetValue<int>("--port"), fromEnvironment.GetValue<int>("--chain-port")));
            Assert.Contains(invalid.Errors, e => e.Message.Contains("CASELEDGER_PORT must be a port number", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CASELEDGER_PORT", previous.Item1);
            Environment.SetEnvironmentVariable("CASELEDGER_CHAIN_PORT", previous.Item2);
        }
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Given_up_is_running_When_it_is_cancelled_Then_health_answered_and_nothing_is_left_running()
    {
        var port = Ports.FindFree();
        var options = LocalStackOptions.ForTests(typeof(UpCommandTests).Assembly.GetName().Name + ".up") with { ChainPort = Ports.FindFree() };
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var run = UpCommand.RunAsync(options, port, TextWriter.Synchronized(output), TextWriter.Synchronized(output), stop.Token);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        string? health = null;
        for (var attempt = 0; attempt < 600 && health is null && !run.IsCompleted; attempt++)
        {
            try
            {
                health = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/health"));
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        await stop.CancelAsync();
        var exitCode = await run;

        Assert.True(health is not null, output.ToString());
        using (var healthJson = System.Text.Json.JsonDocument.Parse(health!))
        {
            var components = healthJson.RootElement.GetProperty("components");
            Assert.Equal("Healthy", components.GetProperty("database").GetProperty("status").GetString());
            Assert.Equal("Healthy", components.GetProperty("chain").GetProperty("status").GetString());
        }
        Assert.Equal(0, exitCode);
        var log = output.ToString();
        Assert.Contains("Stopping anvil", log, StringComparison.Ordinal);
        Assert.Contains("Stopping PostgreSQL", log, StringComparison.Ordinal);
        var dataFolder = Path.Combine(RepositoryRoot.Find(), options.DataFolder);
        Assert.False(File.Exists(Path.Combine(dataFolder, "pg", "postmaster.pid")), "PostgreSQL was left running");
        Assert.False(File.Exists(Path.Combine(dataFolder, "chain", "anvil.pid")), "anvil was left running");
    }
}
