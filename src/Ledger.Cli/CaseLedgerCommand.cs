using System.CommandLine;
using Ledger.Cli.Commands;

namespace Ledger.Cli;

/// <summary>The <c>caseledger</c> root command. Each subcommand lives in its own file under Commands/.</summary>
public static class CaseLedgerCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("CaseLedger: the court's tamper-evident case record. Local stack, receipt verification and audit.");
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        root.Subcommands.Add(DepersonalizeCommands.CreateDepersonalize());
        root.Subcommands.Add(DepersonalizeCommands.CreateEvaluate());
        root.Subcommands.Add(IntakeCommands.CreateTrain());
        root.Subcommands.Add(IntakeCommands.CreateAssess());
        return root;
    }
}
