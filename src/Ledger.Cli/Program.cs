using System.CommandLine;
using Ledger.Cli;

// Ctrl-C and SIGTERM cancel the running command; it gets time to stop what it started.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
return await CaseLedgerCommand.Create().Parse(args).InvokeAsync(invocation);
