using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Ledger.Api;
using Ledger.LocalStack;

namespace Ledger.Cli.Commands;

/// <summary>
/// <c>caseledger up</c>: starts the local stack (PostgreSQL, anvil with LedgerAnchor, keys in .data/) and the API
/// in this process; Ctrl-C or SIGTERM stops everything it started.
/// </summary>
public static class UpCommand
{
    public const int DefaultPort = 5080;
    public const int DefaultChainPort = 8545;

    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = $"HTTP port of the API on 127.0.0.1 (environment: CASELEDGER_PORT; default {DefaultPort})",
            DefaultValueFactory = result => PortFromEnvironment(result, "CASELEDGER_PORT", DefaultPort),
        };
        var chainPort = new Option<int>("--chain-port")
        {
            Description = $"JSON-RPC port of the local chain (environment: CASELEDGER_CHAIN_PORT; default {DefaultChainPort})",
            DefaultValueFactory = result => PortFromEnvironment(result, "CASELEDGER_CHAIN_PORT", DefaultChainPort),
        };
        var command = new Command("up", "Start PostgreSQL, a local chain with the LedgerAnchor contract, and the API. Ctrl-C stops everything.")
        {
            port,
            chainPort,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(port), parseResult.GetValue(chainPort), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    /// <summary>Runs the stack (folder .data) and the API until <paramref name="cancellationToken"/> is cancelled (or the API stops).</summary>
    public static Task<int> RunAsync(int port, int chainPort, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(LocalStackOptions.ForUp(chainPort), port, output, error, cancellationToken);

    /// <summary>Runs the stack described by <paramref name="stackOptions"/> and the API on <paramref name="port"/> until cancelled.</summary>
    public static async Task<int> RunAsync(
        LocalStackOptions stackOptions, int port, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stackOptions);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        LocalStackHost? stack = null;
        try
        {
            stack = await LocalStackHost.StartAsync(stackOptions with { Log = line => output.WriteLine(line) }, cancellationToken);

            var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
            var settings = new Dictionary<string, string?>(stack.ToApiSettings()) { ["Urls"] = url };
            // Local mode: the Development environment (local defaults) unless the operator chose another one.
            string[] hostArgs = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } ? [] : ["--environment", "Development"];
            await using var app = ApiApp.Build(hostArgs, settings);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                await error.WriteLineAsync($"The API could not listen on {url}: {ex.Message} Choose another port with --port or CASELEDGER_PORT.");
                return 1;
            }

            await output.WriteLineAsync($"CaseLedger is up: {url} (health: {url}/health). PostgreSQL port {stack.Postgres.Port}, chain {stack.RpcUrl}, contract {stack.ContractAddress}.");
            await output.WriteLineAsync("Press Ctrl-C to stop.");

            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C, SIGTERM or the API stopping.
            }

            await output.WriteLineAsync("Stopping CaseLedger.");
            await app.StopAsync(CancellationToken.None);
            return 0;
        }
        catch (LocalStackException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 130;
        }
        finally
        {
            if (stack is not null)
            {
                await stack.DisposeAsync();
                await output.WriteLineAsync("Stopped.");
            }
        }
    }

    private static int PortFromEnvironment(ArgumentResult result, string variable, int fallback)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
        {
            return port;
        }

        result.AddError($"{variable} must be a port number (1-65535); it is \"{value}\".");
        return fallback;
    }
}
