using System.CommandLine;
using Ledger.Anchoring.Audit;
using Ledger.Anchoring.Contracts;
using Ledger.Domain.Integrity;
using Ledger.Projections.Storage;
using Spectre.Console;

namespace Ledger.Cli.Commands;

/// <summary>
/// <c>caseledger audit [--connection CS] [--rpc URL] [--contract ADDR] [--key VKEY] [--origin O]</c>: the full audit
/// of the ledger against its database and the chain (<see cref="LedgerAuditor"/>). Exit codes: 0 every check held;
/// 1 something is broken (each broken leaf and case is named); 2 the command was used wrongly.
/// </summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var connection = new Option<string?>("--connection")
        {
            Description = "PostgreSQL connection string (default: the environment's ConnectionStrings__Ledger)",
        };
        var rpc = new Option<string?>("--rpc") { Description = "A JSON-RPC endpoint of the chain; with --contract, anchors are read on the chain" };
        var contract = new Option<string?>("--contract") { Description = "The anchor contract address" };
        var key = new Option<string?>("--key") { Description = "The log's verifier key (name+keyid+base64), or a file holding it" };
        var origin = new Option<string?>("--origin") { Description = "The log's origin (default: as the leaves name it)" };
        var command = new Command("audit", "Audit the whole ledger: every leaf, tree node, root, checkpoint, anchor and case chain.")
        {
            connection, rpc, contract, key, origin,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(connection) ?? Environment.GetEnvironmentVariable("ConnectionStrings__Ledger"),
            parseResult.GetValue(rpc), parseResult.GetValue(contract), parseResult.GetValue(key), parseResult.GetValue(origin),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(
        string? connectionString, string? rpcUrl, string? contract, string? key, string? origin,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync("Give the database with --connection (or set ConnectionStrings__Ledger).");
            return 2;
        }

        if (!string.IsNullOrWhiteSpace(rpcUrl) != !string.IsNullOrWhiteSpace(contract))
        {
            await error.WriteLineAsync("Give both --rpc and --contract to check anchors on the chain, or neither.");
            return 2;
        }

        NoteVerifier? logKey = null;
        if (!string.IsNullOrWhiteSpace(key))
        {
            try
            {
                logKey = NoteVerifier.FromVerifierKey(File.Exists(key) ? await File.ReadAllTextAsync(key, cancellationToken) : key);
            }
            catch (FormatException ex)
            {
                await error.WriteLineAsync($"The log key is not a verifier key (name+keyid+base64): {ex.Message}");
                return 2;
            }
        }

        AuditChain? chain = null;
        if (!string.IsNullOrWhiteSpace(rpcUrl))
        {
            var client = LedgerAnchorClient.Connect(rpcUrl, contract!);
            chain = new AuditChain(
                async (logId, size, token) =>
                {
                    var root = await client.RootAtAsync(logId, (ulong)size, token);
                    return root is null || root.All(b => b == 0) ? null : root;
                },
                async (logId, token) =>
                {
                    var (size, root) = await client.LatestAsync(logId, token);
                    return size == 0 ? null : ((long)size, root);
                },
                $"contract {contract} at {rpcUrl}");
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var auditor = new LedgerAuditor(new AuditOptions { LogKey = logKey, Chain = chain, Origin = origin });
        AuditReport report;
        try
        {
            await using var dataSource = LedgerDataSource.Create(LedgerAuditor.AuditConnectionString(connectionString));
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            // One repeatable-read snapshot: the log may grow while it is audited, but the audit sees one state.
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            report = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Leaves");
                    var progress = new Progress<AuditProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.LeavesTotal);
                        task.Value = p.LeavesChecked;
                    });
                    var result = await auditor.AuditAsync(connection, transaction, progress, cancellationToken);
                    task.Value = task.MaxValue;
                    return result;
                });
            await transaction.RollbackAsync(cancellationToken);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await error.WriteLineAsync($"The database cannot be read: {ex.Message}");
            return 2;
        }

        var rate = report.Elapsed.TotalSeconds > 0 ? report.Leaves / report.Elapsed.TotalSeconds : 0;
        var table = new Table().AddColumns("Checked", "Count");
        table.AddRow("leaves (payload, envelope, leaf hash, tree nodes)", report.Leaves.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("erased events (payload check skipped)", report.ErasedEvents.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("case chains", report.Cases.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("signed checkpoints", report.Checkpoints.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("anchors (read on the chain)", $"{report.Anchors} ({report.AnchorsCheckedOnChain})");
        console.Write(table);
        console.WriteLine($"{report.Leaves} events in {report.Elapsed.TotalSeconds:F2} s ({rate:F0} events/s).");
        foreach (var warning in report.Warnings)
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
        }

        if (report.Passed)
        {
            console.MarkupLine("[green]AUDIT PASSED[/]: every leaf, node, root, checkpoint, anchor and case chain holds.");
            return 0;
        }

        console.MarkupLineInterpolated($"[red]AUDIT FAILED[/]: {report.FindingCount} findings.");
        foreach (var finding in report.Findings.Take(200))
        {
            console.WriteLine("  " + finding);
        }

        if (report.BrokenLeaves.Count > 0)
        {
            console.WriteLine("Broken leaves: " + string.Join(", ", report.BrokenLeaves.Take(100)));
        }

        if (report.BrokenCases.Count > 0)
        {
            console.WriteLine("Broken cases: " + string.Join(", ", report.BrokenCases.Take(100)));
        }

        return 1;
    }
}
