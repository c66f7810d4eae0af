using Ledger.Api;
using Ledger.Api.Security;
using Ledger.Cli.Commands;
using Ledger.Domain.Cases.Scenarios;
using Ledger.LocalStack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Spectre.Console;

namespace Ledger.Cli.Tests.Commands;

/// <summary><c>caseledger seed</c> against the real API on a test database.</summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class SeedCommandTests(StackFixture fixture) : IAsyncLifetime
{
    private WebApplication _app = null!;
    private string _connectionString = null!;
    private Uri _api = null!;
    private string _keyFile = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await fixture.CreateDatabaseAsync(nameof(SeedCommandTests));
        var port = Ports.FindFree();
        _api = new Uri($"http://127.0.0.1:{port}/");
        var settings = new Dictionary<string, string?>(fixture.Stack.ToApiSettings(_connectionString))
        {
            ["Urls"] = _api.ToString().TrimEnd('/'),
            ["Anchoring:Enabled"] = "false",
            ["Cases:AllowBackdating"] = "true",
            ["Cases:RequireUploadedDocuments"] = "false",
            ["Cases:RequireSignedActs"] = "false",
        };
        _keyFile = settings["Auth:SigningKeyFile"]!;
        _app = ApiApp.Build(["--environment=Testing"], settings);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Given_a_small_caseload_When_seeded_twice_Then_every_event_is_stored_once_over_a_year_of_dates()
    {
        var options = new SeedOptions
        {
            Api = _api, Cases = 16, Seed = 42, Concurrency = 4,
            TokenKey = AccessTokens.FromText((await File.ReadAllTextAsync(_keyFile)).Trim()),
        };
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        using var http = new HttpClient { BaseAddress = _api };

        var first = await SeedCommand.RunAsync(options, http, console, TimeProvider.System, CancellationToken.None);

        Assert.True(first.Refusals == 0 && first.Errors == 0, string.Join(Environment.NewLine, first.FirstProblems));
        Assert.Equal(16, first.Cases);
        Assert.True(first.EventsAppended >= first.Commands - first.Skipped, $"{first.EventsAppended} events for {first.Commands - first.Skipped} commands sent");
        Assert.Equal(first.EventsAppended, await CountAsync("select count(*) from ledger.entries"));
        Assert.Equal(16, await CountAsync("select count(distinct case_id) from ledger.entries"));
        Assert.True(await CountAsync("select count(distinct event_type) from ledger.entries") >= 8);
        // A year of dates: the oldest event is months back, none in the future.
        Assert.True(await CountAsync("select count(*) from ledger.entries where occurred_at < now() - interval '120 days'") > 0);
        Assert.Equal(0, await CountAsync("select count(*) from ledger.entries where occurred_at > now() + interval '1 minute'"));
        Assert.Contains("Events appended", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Events per second", output.ToString(), StringComparison.Ordinal);

        var second = await SeedCommand.RunAsync(options, http, console, TimeProvider.System, CancellationToken.None);

        Assert.Equal(0, second.EventsAppended);
        Assert.Equal(first.Commands - first.Skipped, second.Replayed);
        Assert.Equal(first.EventsAppended, await CountAsync("select count(*) from ledger.entries"));
    }

    [Fact]
    public async Task Given_the_command_line_When_seed_runs_with_a_key_file_Then_it_exits_zero_and_stores_the_cases()
    {
        var before = await CountAsync("select count(*) from ledger.entries");
        var exit = await CaseLedgerCommand.Create()
            .Parse(["seed", "--api", _api.ToString(), "--cases", "3", "--seed", "7", "--token-key", _keyFile, "--concurrency", "2"])
            .InvokeAsync();

        Assert.Equal(0, exit);
        Assert.True(await CountAsync("select count(*) from ledger.entries") > before);
    }

    [Fact]
    public void Given_every_generated_command_When_described_Then_each_has_an_API_call()
    {
        var scenarios = new CaseScenarioGenerator(3).Generate(60);
        var kinds = scenarios.SelectMany(s => s.Commands).Select(c => c.GetType()).Distinct().ToList();
        foreach (var command in scenarios.SelectMany(s => s.Commands).Where(SeedCommand.HasApiCall))
        {
            var (path, body) = SeedCommand.Describe(command);
            Assert.StartsWith("api/v1/cases", path, StringComparison.Ordinal);
            Assert.NotNull(body);
        }

        Assert.True(kinds.Count >= 12, $"only {kinds.Count} kinds of commands generated");
    }

    [Fact]
    public async Task Given_no_key_file_When_seed_runs_Then_it_says_how_to_get_one()
    {
        var exit = await CaseLedgerCommand.Create()
            .Parse(["seed", "--api", _api.ToString(), "--cases", "1", "--token-key", "/nonexistent/auth.key"])
            .InvokeAsync();
        Assert.Equal(2, exit);
    }
}
