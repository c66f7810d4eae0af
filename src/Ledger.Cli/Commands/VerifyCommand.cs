using System.CommandLine;
using System.Text.Json;
using Ledger.Anchoring.Contracts;
using Ledger.Domain.Integrity;

namespace Ledger.Cli.Commands;

/// <summary>
/// <c>caseledger verify RECEIPT.json --key VKEY --rpc URL [--contract ADDR]</c>: verifies a receipt offline, trusting
/// only the log's verifier key and a JSON-RPC endpoint of the chain: leaf input → leaf hash → inclusion proof →
/// checkpoint root → checkpoint signature → <c>rootAt</c> on the anchor contract. Exit codes: 0 verified up to the
/// chain; 1 a check failed (the step is named); 2 the command was used wrongly (unreadable receipt or key);
/// 3 every check made held but the receipt is not anchored yet, or the chain was not consulted.
/// </summary>
public static class VerifyCommand
{
    public const int Verified = 0;
    public const int CheckFailed = 1;
    public const int UsageError = 2;
    public const int NotAnchored = 3;

    public static Command Create()
    {
        var receipt = new Argument<FileInfo>("RECEIPT") { Description = "The receipt JSON (GET /api/v1/receipts/{eventId})" };
        var key = new Option<string>("--key")
        {
            Description = "The log's verifier key (name+keyid+base64), or a file holding it",
            Required = true,
        };
        var rpc = new Option<string?>("--rpc") { Description = "A JSON-RPC endpoint of the chain, e.g. http://127.0.0.1:8545" };
        var contract = new Option<string?>("--contract") { Description = "The anchor contract to trust (default: the one the receipt names)" };
        var command = new Command("verify", "Verify a receipt offline, trusting only the log key and the chain.") { receipt, key, rpc, contract };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(receipt)!, parseResult.GetValue(key)!, parseResult.GetValue(rpc), parseResult.GetValue(contract),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(
        FileInfo receiptFile, string key, string? rpcUrl, string? contract, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receiptFile);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        Receipt receipt;
        try
        {
            receipt = Receipt.FromJson(await File.ReadAllTextAsync(receiptFile.FullName, cancellationToken));
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"The receipt {receiptFile.FullName} cannot be read: {ex.Message}");
            return UsageError;
        }

        NoteVerifier logKey;
        try
        {
            logKey = NoteVerifier.FromVerifierKey(File.Exists(key) ? await File.ReadAllTextAsync(key, cancellationToken) : key);
        }
        catch (FormatException ex)
        {
            await error.WriteLineAsync($"The log key is not a verifier key (name+keyid+base64): {ex.Message}");
            return UsageError;
        }

        Func<AnchorLookup, CancellationToken, Task<byte[]?>>? lookup = null;
        if (!string.IsNullOrWhiteSpace(rpcUrl))
        {
            lookup = async (anchor, token) =>
            {
                var address = string.IsNullOrWhiteSpace(contract) ? anchor.Contract : contract;
                if (!string.IsNullOrWhiteSpace(contract) && !string.Equals(contract, anchor.Contract, StringComparison.OrdinalIgnoreCase))
                {
                    await output.WriteLineAsync($"note: the receipt names contract {anchor.Contract}; reading contract {contract} as told.");
                }

                var client = LedgerAnchorClient.Connect(rpcUrl, address);
                var chainId = await client.Web3.Eth.ChainId.SendRequestAsync().WaitAsync(token);
                if ((long)chainId.Value != anchor.ChainId)
                {
                    throw new InvalidOperationException($"the endpoint serves chain {chainId.Value}, but the receipt was anchored on chain {anchor.ChainId}");
                }

                var root = await client.RootAtAsync(anchor.LogId, (ulong)anchor.TreeSize, token);
                return root is null || root.All(b => b == 0) ? null : root;
            };
        }

        var result = await ReceiptVerifier.VerifyAsync(receipt, logKey, lookup, cancellationToken);
        await output.WriteLineAsync($"Receipt of event {receipt.EventId}, leaf {receipt.LeafIndex}");
        foreach (var check in result.Checks)
        {
            var mark = check.Outcome switch
            {
                ReceiptCheckOutcome.Passed => "ok  ",
                ReceiptCheckOutcome.Failed => "FAIL",
                _ => "skip",
            };
            await output.WriteLineAsync($"  {mark} {Describe(check.Step),-38} {check.Message}");
        }

        if (!result.IsValid)
        {
            await output.WriteLineAsync($"NOT VERIFIED: the check \"{Describe(result.FailedStep!.Value)}\" failed. {result.Error}");
            return CheckFailed;
        }

        switch (result.AnchorStatus)
        {
            case AnchorStatus.ConfirmedOnChain:
                await output.WriteLineAsync(
                    $"VERIFIED: the event is in the log of {result.Checkpoint!.TreeSize} leaves signed by {logKey.Name}, whose root the chain holds.");
                return Verified;
            case AnchorStatus.Pending:
                await output.WriteLineAsync("VALID BUT NOT ANCHORED YET: the proof and signature hold; fetch the receipt again later for the anchored one.");
                return NotAnchored;
            default:
                await output.WriteLineAsync("VALID BUT NOT CHECKED ON THE CHAIN: give --rpc to read the anchored root from the chain.");
                return NotAnchored;
        }
    }

    private static string Describe(ReceiptCheckStep step) => step switch
    {
        ReceiptCheckStep.LeafInput => "leaf input → leaf hash",
        ReceiptCheckStep.ProofFormat => "proof format",
        ReceiptCheckStep.CheckpointSignature => "checkpoint signature (log key)",
        ReceiptCheckStep.Origin => "log origin",
        ReceiptCheckStep.Inclusion => "inclusion proof → checkpoint root",
        ReceiptCheckStep.Anchor => "anchor matches checkpoint",
        ReceiptCheckStep.AnchorOnChain => "rootAt on the chain",
        _ => step.ToString(),
    };
}
