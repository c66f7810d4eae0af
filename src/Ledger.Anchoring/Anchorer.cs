using System.Globalization;
using System.Numerics;
using Ledger.Anchoring.Contracts;
using Ledger.Domain.Integrity;
using Ledger.Projections.Log;
using Ledger.Projections.Sequencing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Ledger.Anchoring;

/// <summary>Settings of the anchorer.</summary>
public sealed record AnchorerOptions
{
    /// <summary>The log's checkpoint origin; the contract's log id is SHA-256 of it.</summary>
    public required string Origin { get; init; }

    /// <summary>The chain id the anchors are recorded under (<c>Chain:ChainId</c>).</summary>
    public required long ChainId { get; init; }

    /// <summary>Anchor when at least this many leaves are not anchored yet (<c>Anchoring:EveryLeaves</c>).</summary>
    public int EveryLeaves { get; init; } = 1000;

    /// <summary>Or when unanchored leaves exist and the last anchor is this old (<c>Anchoring:EverySeconds</c>).</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Blocks, counting the one that holds the transaction, before an anchor counts as confirmed (<c>Chain:Confirmations</c>).</summary>
    public int Confirmations { get; init; } = 1;

    /// <summary>How often the anchorer looks at the log and the chain.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a waiting instance retries to become leader.</summary>
    public TimeSpan LeaderRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>First delay before retrying when the chain cannot be reached (doubles, with jitter, up to <see cref="RetryMaxDelay"/>).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between retries while the chain cannot be reached.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Delay after any other failure (a refused transaction, a database error).</summary>
    public TimeSpan ErrorRetryInterval { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>What the anchorer is doing, for health checks and metrics.</summary>
/// <param name="IsLeader">Whether this instance is the active anchorer.</param>
/// <param name="AnchoredTreeSize">The largest confirmed anchored tree size (0 when none).</param>
/// <param name="PendingTreeSize">The tree size of the anchor awaiting confirmation, if any.</param>
/// <param name="LastConfirmedAt">When the last anchor was confirmed by this instance.</param>
/// <param name="LastError">The last failure, as a sentence; null when the last step succeeded.</param>
public sealed record AnchorerStatus(bool IsLeader, long AnchoredTreeSize, long? PendingTreeSize, DateTimeOffset? LastConfirmedAt, string? LastError);

/// <summary>The points of an anchor's life where tests inject a crash.</summary>
public enum AnchorerStep
{
    /// <summary>The transaction is signed; nothing is recorded or sent.</summary>
    Signed,

    /// <summary>The transaction is recorded as pending (with its hash and raw bytes); not broadcast yet.</summary>
    Recorded,

    /// <summary>The transaction is broadcast; that it was sent is not recorded yet.</summary>
    Broadcast,
}

/// <summary>Called at each <see cref="AnchorerStep"/>; throwing simulates a crash at that point.</summary>
public delegate ValueTask AnchorerFaultHook(AnchorerStep step, SignedAnchorTransaction transaction);

/// <summary>Thrown by fault-injection hooks in tests to simulate a crash of the anchorer.</summary>
public sealed class AnchorerFaultException(string message) : Exception(message);

/// <summary>
/// Anchors the log's latest signed checkpoint on the LedgerAnchor contract every <see cref="AnchorerOptions.EveryLeaves"/>
/// leaves or <see cref="AnchorerOptions.Every"/>, whichever comes first. One instance is active (advisory-lock leader).
/// <para>
/// Crash safety: a transaction is signed locally, recorded as pending with its hash and raw bytes, and only then
/// broadcast. A pending record is resolved by its receipt, by the contract's <c>rootAt</c> and <c>Anchored</c> events,
/// or by broadcasting the same signed bytes again — never by signing a second transaction for the same size while the
/// first may still be mined. At most one anchor is in flight; a size not larger than the larger of the last
/// confirmed anchor and the contract's <c>latest</c> is never anchored. A transaction that drops out before
/// K confirmations (reorganisation, node restarted without its state) is broadcast again.
/// </para>
/// </summary>
public sealed class Anchorer : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly LedgerAnchorClient _client;
    private readonly AnchorerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly LeaderLock _leader;
    private readonly AnchorStore _store;
    private readonly LogReader _log;
    private readonly byte[] _logId;
    private readonly ResiliencePipeline _chainRetry;
    private readonly DateTimeOffset _startedAt;
    private long _anchoredTreeSize;
    private long? _pendingTreeSize;
    private DateTimeOffset? _lastConfirmedAt;
    private string? _lastError;
    private string? _lastLoggedError;

    public Anchorer(
        NpgsqlDataSource dataSource, LedgerAnchorClient client, AnchorerOptions options, ILogger<Anchorer>? logger = null, TimeProvider? clock = null)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.EveryLeaves, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Confirmations, 1);
        if (client.SenderAddress is null)
        {
            throw new ArgumentException("The anchorer needs a client that signs: connect it with the anchorer account's private key.", nameof(client));
        }

        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _clock = clock ?? TimeProvider.System;
        _leader = new LeaderLock(dataSource, LeaderLock.AnchorerKey);
        _store = new AnchorStore(dataSource);
        _log = new LogReader(dataSource);
        _logId = LogId.FromOrigin(options.Origin);
        _startedAt = _clock.GetUtcNow();
        _chainRetry = new ResiliencePipelineBuilder { TimeProvider = _clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<LedgerAnchorException>(ex => ex.Failure == LedgerAnchorFailure.ChainUnavailable),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    var message = args.Outcome.Exception?.Message ?? "The chain node cannot be reached.";
                    _lastError = string.Create(
                        CultureInfo.InvariantCulture,
                        $"{message} Retrying in {args.RetryDelay.TotalSeconds:0.#} s (attempt {args.AttemptNumber + 1}); appends continue and will be anchored when the chain is back.");
                    if (args.AttemptNumber == 0 || args.AttemptNumber % 10 == 0)
                    {
                        _logger.LogWarning("Anchorer: {Error}", _lastError);
                    }

                    return default;
                },
            })
            .Build();
    }

    /// <summary>Test hook: called at each <see cref="AnchorerStep"/>; throwing aborts the step as a crash would.</summary>
    public AnchorerFaultHook? FaultHook { get; set; }

    /// <summary>Raised after an anchor is recorded as confirmed.</summary>
    public event Action<AnchorRecord>? AnchorConfirmed;

    /// <summary>The contract this anchorer writes to.</summary>
    public string ContractAddress => _client.ContractAddress;

    /// <summary>The anchorer account.</summary>
    public string AccountAddress => _client.SenderAddress!;

    public AnchorerStatus Status => new(_leader.IsHeld, Interlocked.Read(ref _anchoredTreeSize), _pendingTreeSize, _lastConfirmedAt, _lastError);

    /// <summary>Tries to become the active anchorer.</summary>
    public Task<bool> TryBecomeLeaderAsync(CancellationToken cancellationToken = default) => _leader.TryAcquireAsync(cancellationToken);

    /// <summary>Runs until cancelled: waits for leadership, then anchors as the log grows.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!await _leader.TryAcquireAsync(cancellationToken))
                {
                    await Task.Delay(_options.LeaderRetryInterval, _clock, cancellationToken);
                    continue;
                }

                await _chainRetry.ExecuteAsync(async token => await StepAsync(token), cancellationToken);
                _lastError = null;
                _lastLoggedError = null;
                await Task.Delay(_options.PollInterval, _clock, cancellationToken);
                await _leader.StillHeldAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is LedgerAnchorException or NpgsqlException or InvalidOperationException or TimeoutException
                                           or AnchorerFaultException or Nethereum.JsonRpc.Client.RpcResponseException)
            {
                _lastError = ex.Message;
                if (!string.Equals(_lastLoggedError, ex.Message, StringComparison.Ordinal))
                {
                    // The same failure repeats every few seconds (a revoked role stays revoked): log it once.
                    _logger.LogError(ex, "Anchorer: {Error}", ex.Message);
                    _lastLoggedError = ex.Message;
                }

                await _leader.StillHeldAsync(CancellationToken.None);
                try
                {
                    await Task.Delay(_options.ErrorRetryInterval, _clock, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await _leader.ReleaseAsync();
    }

    /// <summary>
    /// One round (only when this instance is leader): resolves the anchor in flight, if any; otherwise anchors the
    /// latest checkpoint when it is due. Returns the tree size of a newly signed anchor, or null.
    /// </summary>
    public async Task<long?> StepAsync(CancellationToken cancellationToken = default)
    {
        if (!_leader.IsHeld)
        {
            throw new InvalidOperationException("This anchorer is not the active one: another instance holds the anchorer lock.");
        }

        var pending = await _store.GetPendingAsync(_options.ChainId, ContractAddress, cancellationToken);
        long? inFlight = null;
        foreach (var record in pending)
        {
            if (!await ResolveAsync(record, cancellationToken))
            {
                inFlight ??= record.TreeSize;
            }
        }

        _pendingTreeSize = inFlight;
        if (inFlight is not null)
        {
            // One anchor in flight at a time: its nonce precedes any later one, and it may still be mined.
            return null;
        }

        var checkpoint = await _log.GetLatestCheckpointAsync(cancellationToken);
        var confirmed = await _store.GetLatestConfirmedAsync(_options.ChainId, ContractAddress, cancellationToken);
        var anchored = confirmed?.TreeSize ?? 0;
        var (chainSize, chainRoot) = await _client.LatestAsync(_logId, cancellationToken);
        if ((long)chainSize > anchored)
        {
            await CheckForeignAnchorAsync((long)chainSize, chainRoot, cancellationToken);
            anchored = (long)chainSize;
        }

        Interlocked.Exchange(ref _anchoredTreeSize, anchored);
        if (checkpoint is null || checkpoint.TreeSize <= anchored)
        {
            return null;
        }

        var newest = await _store.GetNewestLiveAsync(_options.ChainId, ContractAddress, cancellationToken);
        var since = newest?.CreatedAt ?? _startedAt;
        var due = checkpoint.TreeSize - anchored >= _options.EveryLeaves
                  || newest is null
                  || _clock.GetUtcNow() - since >= _options.Every;
        if (!due)
        {
            return null;
        }

        await AnchorAsync(checkpoint, cancellationToken);
        return checkpoint.TreeSize;
    }

    private async Task AnchorAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var transaction = await _client.SignAnchorAsync(_logId, (ulong)checkpoint.TreeSize, checkpoint.RootHash, cancellationToken);
        await FaultAsync(AnchorerStep.Signed, transaction);
        var record = await _store.InsertPendingAsync(_options.ChainId, ContractAddress, checkpoint.RootHash, transaction, cancellationToken);
        _pendingTreeSize = record.TreeSize;
        await FaultAsync(AnchorerStep.Recorded, transaction);
        await _client.BroadcastAsync(transaction.RawTransaction, cancellationToken);
        await FaultAsync(AnchorerStep.Broadcast, transaction);
        await _store.MarkSentAsync(record.Id, cancellationToken);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation(
                "Anchoring tree size {TreeSize} on contract {Contract}: transaction {TxHash} (nonce {Nonce}) sent",
                checkpoint.TreeSize, ContractAddress, transaction.TransactionHash, transaction.Nonce);
        }
    }

    /// <summary>Moves a pending anchor on; returns true when it is settled (confirmed or failed).</summary>
    private async Task<bool> ResolveAsync(AnchorRecord record, CancellationToken cancellationToken)
    {
        var receipt = await _client.GetReceiptAsync(record.TxHash, cancellationToken);
        if (receipt is not null)
        {
            var block = (long)receipt.BlockNumber.Value;
            var gasUsed = receipt.GasUsed is null ? (long?)null : (long)receipt.GasUsed.Value;
            if (receipt.Status?.Value != BigInteger.One)
            {
                await FailAsync(record, string.Create(
                    CultureInfo.InvariantCulture,
                    $"The anchor transaction {record.TxHash} for tree size {record.TreeSize} was reverted by contract {ContractAddress} in block {block}."),
                    cancellationToken);
                return true;
            }

            return await ConfirmIfDeepEnoughAsync(record, record.TxHash, block, receipt.BlockHash, gasUsed, cancellationToken);
        }

        if (await _client.IsTransactionKnownAsync(record.TxHash, cancellationToken))
        {
            // In the node's pool, not mined yet.
            if (record.SentAt is null)
            {
                await _store.MarkSentAsync(record.Id, cancellationToken);
            }

            return false;
        }

        // Neither mined nor in the pool: never sent (a crash before the broadcast), or dropped (reorganisation,
        // node restarted without its state). Find out whether the size is anchored all the same.
        var onChain = await _client.RootAtAsync(_logId, (ulong)record.TreeSize, cancellationToken);
        if (onChain.AsSpan().SequenceEqual(record.RootHash))
        {
            var anchoredEvent = (await _client.GetAnchoredEventsAsync(_logId, cancellationToken: cancellationToken))
                .LastOrDefault(e => (long)e.TreeSize == record.TreeSize);
            if (anchoredEvent is not null)
            {
                return await ConfirmIfDeepEnoughAsync(
                    record, anchoredEvent.TransactionHash, (long)anchoredEvent.BlockNumber, anchoredEvent.BlockHash, null, cancellationToken);
            }

            return false;
        }

        if (onChain.Any(b => b != 0))
        {
            if (_logger.IsEnabled(LogLevel.Critical))
            {
                _logger.LogCritical(
                    "The contract {Contract} holds a different root for tree size {TreeSize} than the log's checkpoint: {OnChain} vs {Ours}",
                    ContractAddress, record.TreeSize, Convert.ToHexStringLower(onChain), Convert.ToHexStringLower(record.RootHash));
            }

            await FailAsync(record, string.Create(
                CultureInfo.InvariantCulture,
                $"Contract {ContractAddress} holds a different root for tree size {record.TreeSize} than the log's checkpoint; the log and the chain disagree and need an audit."),
                cancellationToken);
            return true;
        }

        var (latest, _) = await _client.LatestAsync(_logId, cancellationToken);
        if ((long)latest >= record.TreeSize)
        {
            await FailAsync(record, string.Create(
                CultureInfo.InvariantCulture,
                $"Tree size {record.TreeSize} was not anchored and can no longer be: the contract already holds tree size {latest}."),
                cancellationToken);
            return true;
        }

        var minedNonce = await _client.GetMinedNonceAsync(record.Sender, cancellationToken);
        if ((long)minedNonce > record.Nonce)
        {
            await FailAsync(record, string.Create(
                CultureInfo.InvariantCulture,
                $"The anchor transaction {record.TxHash} can no longer be mined: its nonce {record.Nonce} was used by another transaction of {record.Sender}."),
                cancellationToken);
            return true;
        }

        if (record.BlockNumber is not null && _logger.IsEnabled(LogLevel.Warning))
        {
            _logger.LogWarning(
                "Anchor transaction {TxHash} (tree size {TreeSize}) was in block {Block} but dropped out before {Confirmations} confirmations; broadcasting it again",
                record.TxHash, record.TreeSize, record.BlockNumber, _options.Confirmations);
        }
        else if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation(
                "Anchor transaction {TxHash} (tree size {TreeSize}) is not on the chain; broadcasting the recorded transaction",
                record.TxHash, record.TreeSize);
        }

        try
        {
            await _client.BroadcastAsync(record.RawTransaction, cancellationToken);
        }
        catch (LedgerAnchorException ex) when (ex.Failure == LedgerAnchorFailure.Rejected)
        {
            await FailAsync(record, ex.Message, cancellationToken);
            return true;
        }

        await _store.MarkSentAsync(record.Id, cancellationToken);
        return false;
    }

    private async Task<bool> ConfirmIfDeepEnoughAsync(
        AnchorRecord record, string txHash, long block, string blockHash, long? gasUsed, CancellationToken cancellationToken)
    {
        var head = (long)await _client.GetBlockNumberAsync(cancellationToken);
        var confirmations = head - block + 1;
        if (confirmations < _options.Confirmations)
        {
            if (record.BlockNumber != block)
            {
                await _store.MarkMinedAsync(record.Id, block, blockHash, gasUsed, cancellationToken);
            }

            return false;
        }

        await _store.MarkConfirmedAsync(record.Id, txHash, block, blockHash, gasUsed, cancellationToken);
        _lastConfirmedAt = _clock.GetUtcNow();
        Interlocked.Exchange(ref _anchoredTreeSize, Math.Max(Interlocked.Read(ref _anchoredTreeSize), record.TreeSize));
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation(
                "Tree size {TreeSize} anchored on contract {Contract} in transaction {TxHash}, block {Block} ({Confirmations} confirmations)",
                record.TreeSize, ContractAddress, txHash, block, confirmations);
        }

        AnchorConfirmed?.Invoke(record with
        {
            Status = AnchorState.Confirmed,
            TxHash = txHash,
            BlockNumber = block,
            BlockHash = blockHash,
            GasUsed = gasUsed ?? record.GasUsed,
        });
        return true;
    }

    private async Task FailAsync(AnchorRecord record, string error, CancellationToken cancellationToken)
    {
        _logger.LogWarning("Anchor of tree size {TreeSize} given up: {Error}", record.TreeSize, error);
        await _store.MarkFailedAsync(record.Id, error, cancellationToken);
    }

    /// <summary>The contract holds a larger size than this log's records: check that it is this log's checkpoint.</summary>
    private async Task CheckForeignAnchorAsync(long size, byte[] root, CancellationToken cancellationToken)
    {
        var ours = await _log.GetCheckpointAsync(size, cancellationToken);
        if (ours is not null && !ours.RootHash.AsSpan().SequenceEqual(root))
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Contract {ContractAddress} holds a different root for tree size {size} than the log's checkpoint; the log and the chain disagree and need an audit."));
        }
    }

    private async ValueTask FaultAsync(AnchorerStep step, SignedAnchorTransaction transaction)
    {
        if (FaultHook is { } hook)
        {
            await hook(step, transaction);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _leader.DisposeAsync();
        GC.KeepAlive(_dataSource);
    }
}
