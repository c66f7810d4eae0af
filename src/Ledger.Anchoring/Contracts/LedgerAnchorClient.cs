using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Ledger.Anchoring.Contracts;

/// <summary>
/// Typed access to one deployed LedgerAnchor contract. Transactions are signed by the account of the
/// <see cref="IWeb3"/> given (see <see cref="Connect"/>). Contract refusals surface as
/// <see cref="LedgerAnchorException"/> with a sentence a person can act on.
/// </summary>
public sealed class LedgerAnchorClient
{
    private readonly IWeb3 _web3;

    public LedgerAnchorClient(IWeb3 web3, string contractAddress)
    {
        ArgumentNullException.ThrowIfNull(web3);
        ArgumentException.ThrowIfNullOrWhiteSpace(contractAddress);
        _web3 = web3;
        ContractAddress = contractAddress;
    }

    /// <summary>The contract this client talks to.</summary>
    public string ContractAddress { get; }

    /// <summary>The account that signs this client's transactions, or null when the client only reads.</summary>
    public string? SenderAddress => _web3.TransactionManager?.Account?.Address;

    /// <summary>The underlying Nethereum connection (for receipts, blocks and confirmations).</summary>
    public IWeb3 Web3 => _web3;

    /// <summary>
    /// Connects to <paramref name="rpcUrl"/>; with <paramref name="privateKeyHex"/> transactions are signed by that
    /// account for <paramref name="chainId"/>, without it the client can only read.
    /// </summary>
    public static LedgerAnchorClient Connect(string rpcUrl, string contractAddress, string? privateKeyHex = null, long? chainId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rpcUrl);
        var web3 = privateKeyHex is null
            ? new Web3(rpcUrl)
            : new Web3(new Account(privateKeyHex, chainId is null ? null : new BigInteger(chainId.Value)), rpcUrl);
        web3.TransactionReceiptPolling.SetPollingRetryIntervalInMilliseconds(100);
        return new LedgerAnchorClient(web3, contractAddress);
    }

    /// <summary>The log id of an origin: SHA-256 of the origin string (UTF-8), as in the design's contract interface.</summary>
    public static byte[] LogIdFor(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return SHA256.HashData(Encoding.UTF8.GetBytes(origin));
    }

    /// <summary>Deploys a new LedgerAnchor from the account of <paramref name="web3"/> (which becomes its admin); returns its address.</summary>
    public static async Task<string> DeployAsync(IWeb3 web3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(web3);
        var handler = web3.Eth.GetContractDeploymentHandler<LedgerAnchorDeployment>();
        var receipt = await ChainCallAsync(
            () => handler.SendRequestAndWaitForReceiptAsync(new LedgerAnchorDeployment(), cancellationToken),
            "deploying the LedgerAnchor contract").ConfigureAwait(false);
        if (receipt.Status?.Value != BigInteger.One || string.IsNullOrEmpty(receipt.ContractAddress))
        {
            throw new LedgerAnchorException(
                LedgerAnchorFailure.Reverted,
                $"The LedgerAnchor deployment transaction {receipt.TransactionHash} failed on the chain.");
        }

        return receipt.ContractAddress;
    }

    /// <summary>Anchors (treeSize, rootHash) of log <paramref name="logId"/> and waits for the transaction's receipt.</summary>
    public async Task<TransactionReceipt> AnchorAsync(byte[] logId, ulong treeSize, byte[] rootHash, CancellationToken cancellationToken = default)
    {
        var message = CreateAnchorMessage(logId, treeSize, rootHash);
        var handler = _web3.Eth.GetContractTransactionHandler<AnchorFunction>();
        var receipt = await ContractCallAsync(
            () => handler.SendRequestAndWaitForReceiptAsync(ContractAddress, message, cancellationToken),
            "anchoring").ConfigureAwait(false);
        EnsureSucceeded(receipt, "anchor");
        return receipt;
    }

    /// <summary>
    /// Sends the anchor transaction and returns its hash without waiting for it to be mined. The call is
    /// simulated first, so a refusal by the contract (role, size) is reported here and nothing is sent.
    /// </summary>
    public Task<string> SendAnchorAsync(byte[] logId, ulong treeSize, byte[] rootHash, CancellationToken cancellationToken = default)
    {
        var message = CreateAnchorMessage(logId, treeSize, rootHash);
        var handler = _web3.Eth.GetContractTransactionHandler<AnchorFunction>();
        return ContractCallAsync(() => handler.SendRequestAsync(ContractAddress, message).WaitAsync(cancellationToken), "anchoring");
    }

    /// <summary>
    /// Signs an anchor transaction locally without sending it: the raw transaction and its hash are known before
    /// anything reaches the chain, so a caller can record them first (crash safety) and broadcast afterwards with
    /// <see cref="BroadcastAsync"/>. The call is simulated first (gas estimate), so a refusal by the contract (role,
    /// size) is reported here. The nonce is the account's next one including transactions still in the node's pool.
    /// </summary>
    public async Task<SignedAnchorTransaction> SignAnchorAsync(byte[] logId, ulong treeSize, byte[] rootHash, CancellationToken cancellationToken = default)
    {
        var sender = SenderAddress ?? throw new InvalidOperationException("This client has no signing account; connect it with the anchorer's private key.");
        var message = CreateAnchorMessage(logId, treeSize, rootHash);
        var handler = _web3.Eth.GetContractTransactionHandler<AnchorFunction>();
        var gas = await ContractCallAsync(() => handler.EstimateGasAsync(ContractAddress, message).WaitAsync(cancellationToken), "anchoring").ConfigureAwait(false);
        var nonce = await ChainCallAsync(
            () => _web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(sender, BlockParameter.CreatePending()).WaitAsync(cancellationToken),
            "reading the anchorer account's nonce").ConfigureAwait(false);
        message.Nonce = nonce.Value;
        // A margin over the estimate: the estimate is exact for this contract, but a node may price the call slightly differently.
        message.Gas = gas.Value + (gas.Value / 5);
        var raw = await ChainCallAsync(
            () => handler.SignTransactionAsync(ContractAddress, message).WaitAsync(cancellationToken),
            "signing the anchor transaction").ConfigureAwait(false);
        raw = raw.EnsureHexPrefix();
        return new SignedAnchorTransaction(TransactionHashOf(raw), raw, sender, (ulong)nonce.Value, treeSize);
    }

    /// <summary>The hash of a signed raw transaction (Keccak-256 of its bytes), lower-case hex with <c>0x</c>.</summary>
    public static string TransactionHashOf(string rawTransactionHex)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rawTransactionHex);
        return Sha3Keccack.Current.CalculateHash(rawTransactionHex.HexToByteArray()).ToHex(prefix: true);
    }

    /// <summary>
    /// Broadcasts a signed raw transaction (<c>eth_sendRawTransaction</c>). Sending the same raw transaction again is
    /// harmless: it has the same hash and nonce, so it can be mined at most once. A node's refusal (nonce already used,
    /// transaction already known) surfaces as <see cref="RpcResponseException"/> wrapped in <see cref="LedgerAnchorException"/>
    /// with <see cref="LedgerAnchorFailure.Rejected"/>.
    /// </summary>
    public async Task<string> BroadcastAsync(string rawTransactionHex, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rawTransactionHex);
        try
        {
            return await ChainCallAsync(
                () => _web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(rawTransactionHex.EnsureHexPrefix()).WaitAsync(cancellationToken),
                "broadcasting the anchor transaction").ConfigureAwait(false);
        }
        catch (RpcResponseException ex)
        {
            throw new LedgerAnchorException(
                LedgerAnchorFailure.Rejected,
                $"The chain node refused transaction {TransactionHashOf(rawTransactionHex)}: {ex.RpcError?.Message ?? ex.Message}",
                ex);
        }
    }

    /// <summary>Whether the node knows the transaction (in its pool or mined).</summary>
    public async Task<bool> IsTransactionKnownAsync(string transactionHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionHash);
        var transaction = await ChainCallAsync<Transaction?>(
            async () => await _web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(transactionHash).WaitAsync(cancellationToken).ConfigureAwait(false),
            "looking up a transaction").ConfigureAwait(false);
        return transaction is not null;
    }

    /// <summary>The number of the chain's latest block.</summary>
    public async Task<ulong> GetBlockNumberAsync(CancellationToken cancellationToken = default)
    {
        var number = await ChainCallAsync(
            () => _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().WaitAsync(cancellationToken), "reading the latest block number").ConfigureAwait(false);
        return (ulong)number.Value;
    }

    /// <summary>The number of transactions <paramref name="account"/> has had mined (its next nonce on the chain, not counting the node's pool).</summary>
    public async Task<ulong> GetMinedNonceAsync(string account, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        var count = await ChainCallAsync(
            () => _web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(account, BlockParameter.CreateLatest()).WaitAsync(cancellationToken),
            "reading an account's nonce").ConfigureAwait(false);
        return (ulong)count.Value;
    }

    /// <summary>The chain id the node reports.</summary>
    public async Task<long> GetChainIdAsync(CancellationToken cancellationToken = default)
    {
        var id = await ChainCallAsync(() => _web3.Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken), "reading the chain id").ConfigureAwait(false);
        return (long)id.Value;
    }

    /// <summary>Estimated gas of an anchor call (refusals are reported as by <see cref="AnchorAsync"/>).</summary>
    public async Task<ulong> EstimateAnchorGasAsync(byte[] logId, ulong treeSize, byte[] rootHash, CancellationToken cancellationToken = default)
    {
        var message = CreateAnchorMessage(logId, treeSize, rootHash);
        var handler = _web3.Eth.GetContractTransactionHandler<AnchorFunction>();
        var gas = await ContractCallAsync(() => handler.EstimateGasAsync(ContractAddress, message).WaitAsync(cancellationToken), "anchoring").ConfigureAwait(false);
        return (ulong)gas.Value;
    }

    /// <summary>The receipt of a transaction, or null while it is not mined (or unknown to the node).</summary>
    public Task<TransactionReceipt?> GetReceiptAsync(string transactionHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionHash);
        return ChainCallAsync<TransactionReceipt?>(
            async () => await _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transactionHash).WaitAsync(cancellationToken).ConfigureAwait(false),
            "reading a transaction receipt");
    }

    /// <summary>The root anchored for log <paramref name="logId"/> at <paramref name="treeSize"/>; 32 zero bytes when that size was not anchored.</summary>
    public Task<byte[]> RootAtAsync(byte[] logId, ulong treeSize, CancellationToken cancellationToken = default)
    {
        var message = new RootAtFunction { LogId = CheckBytes32(logId, nameof(logId)), TreeSize = treeSize };
        var handler = _web3.Eth.GetContractQueryHandler<RootAtFunction>();
        return ContractCallAsync(() => handler.QueryAsync<byte[]>(ContractAddress, message).WaitAsync(cancellationToken), "reading an anchored root");
    }

    /// <summary>The largest anchored tree size of log <paramref name="logId"/> and its root; (0, 32 zero bytes) when none.</summary>
    public async Task<(ulong Size, byte[] Root)> LatestAsync(byte[] logId, CancellationToken cancellationToken = default)
    {
        var message = new LatestFunction { LogId = CheckBytes32(logId, nameof(logId)) };
        var handler = _web3.Eth.GetContractQueryHandler<LatestFunction>();
        var output = await ContractCallAsync(
            () => handler.QueryDeserializingToObjectAsync<LatestOutputDTO>(message, ContractAddress).WaitAsync(cancellationToken),
            "reading the latest anchor").ConfigureAwait(false);
        return (output.TreeSize, output.RootHash);
    }

    /// <summary>The Anchored events of log <paramref name="logId"/> between two blocks (inclusive; to the latest block when null), in chain order.</summary>
    public async Task<IReadOnlyList<AnchoredEvent>> GetAnchoredEventsAsync(
        byte[] logId, ulong fromBlock = 0, ulong? toBlock = null, CancellationToken cancellationToken = default)
    {
        var topic = CheckBytes32(logId, nameof(logId));
        var anchored = _web3.Eth.GetEvent<AnchoredEventDTO>(ContractAddress);
        var filter = anchored.CreateFilterInput(
            new object[] { topic },
            new BlockParameter(fromBlock),
            toBlock is null ? BlockParameter.CreateLatest() : new BlockParameter(toBlock.Value));
        var logs = await ChainCallAsync(() => anchored.GetAllChangesAsync(filter).WaitAsync(cancellationToken), "reading Anchored events")
            .ConfigureAwait(false);
        return logs
            .OrderBy(l => (ulong)l.Log.BlockNumber.Value)
            .ThenBy(l => (ulong)l.Log.LogIndex.Value)
            .Select(l => new AnchoredEvent(
                l.Event.LogId,
                l.Event.TreeSize,
                l.Event.RootHash,
                l.Log.TransactionHash,
                (ulong)l.Log.BlockNumber.Value,
                l.Log.BlockHash,
                (ulong)l.Log.LogIndex.Value))
            .ToList();
    }

    /// <summary>Gives <paramref name="account"/> the anchorer role (admin only).</summary>
    public async Task<TransactionReceipt> GrantAnchorerAsync(string account, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        var handler = _web3.Eth.GetContractTransactionHandler<GrantAnchorerFunction>();
        var receipt = await ContractCallAsync(
            () => handler.SendRequestAndWaitForReceiptAsync(ContractAddress, new GrantAnchorerFunction { Account = account }, cancellationToken),
            "granting the anchorer role").ConfigureAwait(false);
        EnsureSucceeded(receipt, "grantAnchorer");
        return receipt;
    }

    /// <summary>Takes the anchorer role from <paramref name="account"/> (admin only).</summary>
    public async Task<TransactionReceipt> RevokeAnchorerAsync(string account, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        var handler = _web3.Eth.GetContractTransactionHandler<RevokeAnchorerFunction>();
        var receipt = await ContractCallAsync(
            () => handler.SendRequestAndWaitForReceiptAsync(ContractAddress, new RevokeAnchorerFunction { Account = account }, cancellationToken),
            "revoking the anchorer role").ConfigureAwait(false);
        EnsureSucceeded(receipt, "revokeAnchorer");
        return receipt;
    }

    /// <summary>Whether <paramref name="account"/> holds the anchorer role.</summary>
    public Task<bool> IsAnchorerAsync(string account, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        var handler = _web3.Eth.GetContractQueryHandler<IsAnchorerFunction>();
        return ContractCallAsync(
            () => handler.QueryAsync<bool>(ContractAddress, new IsAnchorerFunction { Account = account }).WaitAsync(cancellationToken),
            "reading the anchorer role");
    }

    /// <summary>The contract's admin account.</summary>
    public Task<string> GetAdminAsync(CancellationToken cancellationToken = default)
    {
        var handler = _web3.Eth.GetContractQueryHandler<AdminFunction>();
        return ContractCallAsync(() => handler.QueryAsync<string>(ContractAddress, new AdminFunction()).WaitAsync(cancellationToken), "reading the admin");
    }

    private static AnchorFunction CreateAnchorMessage(byte[] logId, ulong treeSize, byte[] rootHash) => new()
    {
        LogId = CheckBytes32(logId, nameof(logId)),
        TreeSize = treeSize,
        RootHash = CheckBytes32(rootHash, nameof(rootHash)),
    };

    private static byte[] CheckBytes32(byte[] value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length != 32)
        {
            throw new ArgumentException($"{name} must be 32 bytes (a SHA-256 hash); {value.Length} bytes were given.", name);
        }

        return value;
    }

    private void EnsureSucceeded(TransactionReceipt receipt, string function)
    {
        if (receipt.Status?.Value != BigInteger.One)
        {
            throw new LedgerAnchorException(
                LedgerAnchorFailure.Reverted,
                $"The {function} transaction {receipt.TransactionHash} was reverted by contract {ContractAddress} (block {receipt.BlockNumber?.Value}).");
        }
    }

    private async Task<T> ContractCallAsync<T>(Func<Task<T>> call, string doing)
    {
        try
        {
            return await ChainCallAsync(call, doing).ConfigureAwait(false);
        }
        catch (SmartContractCustomErrorRevertException ex)
        {
            throw TranslateCustomError(ex.ExceptionEncodedData, ex);
        }
        catch (SmartContractRevertException ex)
        {
            throw new LedgerAnchorException(
                LedgerAnchorFailure.Reverted,
                $"Contract {ContractAddress} refused {doing}: {ex.RevertMessage}",
                ex);
        }
        catch (RpcResponseException ex) when (RevertData(ex) is { } data)
        {
            throw TranslateCustomError(data, ex);
        }
    }

    private static async Task<T> ChainCallAsync<T>(Func<Task<T>> call, string doing)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcClientUnknownException ex)
        {
            throw new LedgerAnchorException(LedgerAnchorFailure.ChainUnavailable, $"The chain node cannot be reached while {doing}: {ex.Message}", ex);
        }
        catch (RpcClientTimeoutException ex)
        {
            throw new LedgerAnchorException(LedgerAnchorFailure.ChainUnavailable, $"The chain node did not answer in time while {doing}.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new LedgerAnchorException(LedgerAnchorFailure.ChainUnavailable, $"The chain node cannot be reached while {doing}: {ex.Message}", ex);
        }
    }

    private static string? RevertData(RpcResponseException ex)
    {
        var data = ex.RpcError?.Data?.ToString();
        return data is not null && data.StartsWith("0x", StringComparison.Ordinal) && data.Length >= 10 ? data : null;
    }

    private LedgerAnchorException TranslateCustomError(string data, Exception inner)
    {
        if (data.IsExceptionEncodedDataForError<NotAnchorerError>())
        {
            var error = data.DecodeExceptionEncodedData<NotAnchorerError>();
            return new LedgerAnchorException(
                LedgerAnchorFailure.NotAnchorer,
                $"The anchorer account {error.Caller} does not hold the anchorer role on contract {ContractAddress}.",
                inner);
        }

        if (data.IsExceptionEncodedDataForError<TreeSizeNotIncreasingError>())
        {
            var error = data.DecodeExceptionEncodedData<TreeSizeNotIncreasingError>();
            return new LedgerAnchorException(
                LedgerAnchorFailure.TreeSizeNotIncreasing,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Tree size {error.Given} cannot be anchored for log {error.LogId.ToHex()}: contract {ContractAddress} already holds tree size {error.Latest}, and anchored sizes must increase."),
                inner)
            { LatestTreeSize = error.Latest };
        }

        if (data.IsExceptionEncodedDataForError<ZeroRootHashError>())
        {
            var error = data.DecodeExceptionEncodedData<ZeroRootHashError>();
            return new LedgerAnchorException(
                LedgerAnchorFailure.ZeroRootHash,
                string.Create(CultureInfo.InvariantCulture, $"A zero root hash cannot be anchored (log {error.LogId.ToHex()}, tree size {error.TreeSize})."),
                inner);
        }

        if (data.IsExceptionEncodedDataForError<NotAdminError>())
        {
            var error = data.DecodeExceptionEncodedData<NotAdminError>();
            return new LedgerAnchorException(
                LedgerAnchorFailure.NotAdmin,
                $"The account {error.Caller} is not the admin of contract {ContractAddress}; only the admin grants and revokes the anchorer role.",
                inner);
        }

        if (data.IsExceptionEncodedDataForError<NotPendingAdminError>())
        {
            var error = data.DecodeExceptionEncodedData<NotPendingAdminError>();
            return new LedgerAnchorException(
                LedgerAnchorFailure.NotPendingAdmin,
                $"The account {error.Caller} was not proposed as the admin of contract {ContractAddress}.",
                inner);
        }

        if (data.IsExceptionEncodedDataForError<ZeroAddressError>())
        {
            return new LedgerAnchorException(LedgerAnchorFailure.ZeroAddress, "An account address is required; the zero address was given.", inner);
        }

        return new LedgerAnchorException(
            LedgerAnchorFailure.Reverted,
            $"Contract {ContractAddress} refused the call with an unknown error (data {data}).",
            inner);
    }
}

/// <summary>One Anchored event of the LedgerAnchor contract, with where it sits on the chain.</summary>
public sealed record AnchoredEvent(
    byte[] LogId,
    ulong TreeSize,
    byte[] RootHash,
    string TransactionHash,
    ulong BlockNumber,
    string BlockHash,
    ulong LogIndex);

/// <summary>
/// An anchor transaction signed locally and not yet (known to be) broadcast: its hash, the raw signed bytes (hex),
/// the sender, its nonce and the tree size it anchors.
/// </summary>
public sealed record SignedAnchorTransaction(string TransactionHash, string RawTransaction, string Sender, ulong Nonce, ulong TreeSize);

/// <summary>Why the chain or the contract refused a call.</summary>
public enum LedgerAnchorFailure
{
    /// <summary>The sender does not hold the anchorer role.</summary>
    NotAnchorer,

    /// <summary>The tree size is not larger than the latest anchored size of the log (see <see cref="LedgerAnchorException.LatestTreeSize"/>).</summary>
    TreeSizeNotIncreasing,

    /// <summary>A zero root hash was given.</summary>
    ZeroRootHash,

    /// <summary>The sender is not the contract's admin.</summary>
    NotAdmin,

    /// <summary>The sender was not proposed as admin.</summary>
    NotPendingAdmin,

    /// <summary>The zero address was given.</summary>
    ZeroAddress,

    /// <summary>The transaction was reverted for another reason.</summary>
    Reverted,

    /// <summary>The chain node could not be reached or did not answer.</summary>
    ChainUnavailable,

    /// <summary>The chain node refused a raw transaction (e.g. its nonce was already used).</summary>
    Rejected,
}

/// <summary>A refusal by the LedgerAnchor contract or the chain node, with a sentence a person can act on.</summary>
public sealed class LedgerAnchorException : Exception
{
    public LedgerAnchorException(LedgerAnchorFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>What went wrong.</summary>
    public LedgerAnchorFailure Failure { get; }

    /// <summary>For <see cref="LedgerAnchorFailure.TreeSizeNotIncreasing"/>: the largest size the contract already holds.</summary>
    public ulong? LatestTreeSize { get; init; }
}
