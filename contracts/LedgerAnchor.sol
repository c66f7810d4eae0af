// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title LedgerAnchor
/// @notice Records the signed tree heads (tree size, root hash) of CaseLedger's RFC 6962 Merkle logs.
/// A log is named by `logId` = SHA-256 of its origin string (UTF-8). For each log the anchored tree size
/// strictly increases, so an anchored root can never be replaced and a smaller tree can never follow a larger one.
/// Only accounts holding the anchorer role may anchor; the admin grants and revokes that role.
contract LedgerAnchor {
    /// @notice The account that grants and revokes the anchorer role.
    address public admin;

    /// @notice The account proposed as the next admin; it becomes admin when it calls `acceptAdmin`.
    address public pendingAdmin;

    mapping(address account => bool) private _anchorers;
    mapping(bytes32 logId => uint64) private _latestSize;
    mapping(bytes32 logId => mapping(uint64 treeSize => bytes32)) private _roots;

    /// @notice A tree head of log `logId` was anchored.
    event Anchored(bytes32 indexed logId, uint64 indexed treeSize, bytes32 rootHash);

    /// @notice `account` may now anchor.
    event AnchorerGranted(address indexed account, address indexed admin);

    /// @notice `account` may no longer anchor.
    event AnchorerRevoked(address indexed account, address indexed admin);

    /// @notice `proposed` may accept the admin role.
    event AdminTransferStarted(address indexed admin, address indexed proposed);

    /// @notice The admin role moved from `previousAdmin` to `newAdmin`.
    event AdminTransferred(address indexed previousAdmin, address indexed newAdmin);

    /// @notice The caller is not the admin.
    error NotAdmin(address caller);

    /// @notice The caller is not the proposed admin.
    error NotPendingAdmin(address caller);

    /// @notice The caller does not hold the anchorer role.
    error NotAnchorer(address caller);

    /// @notice The given tree size is not larger than the latest anchored size of the log.
    error TreeSizeNotIncreasing(bytes32 logId, uint64 latest, uint64 given);

    /// @notice A zero root hash was given; zero means "not anchored" in `rootAt` and `latest`.
    error ZeroRootHash(bytes32 logId, uint64 treeSize);

    /// @notice The zero address was given where an account is needed.
    error ZeroAddress();

    modifier onlyAdmin() {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        _;
    }

    constructor() {
        admin = msg.sender;
        emit AdminTransferred(address(0), msg.sender);
    }

    /// @notice Anchors the tree head (`treeSize`, `rootHash`) of log `logId`.
    function anchor(bytes32 logId, uint64 treeSize, bytes32 rootHash) external {
        if (!_anchorers[msg.sender]) revert NotAnchorer(msg.sender);
        uint64 latestSize = _latestSize[logId];
        if (treeSize <= latestSize) revert TreeSizeNotIncreasing(logId, latestSize, treeSize);
        if (rootHash == bytes32(0)) revert ZeroRootHash(logId, treeSize);
        _latestSize[logId] = treeSize;
        _roots[logId][treeSize] = rootHash;
        emit Anchored(logId, treeSize, rootHash);
    }

    /// @notice The root hash anchored for log `logId` at `treeSize`, or zero when that size was not anchored.
    function rootAt(bytes32 logId, uint64 treeSize) external view returns (bytes32) {
        return _roots[logId][treeSize];
    }

    /// @notice The largest anchored tree size of log `logId` and its root hash; (0, 0) when nothing was anchored.
    function latest(bytes32 logId) external view returns (uint64 treeSize, bytes32 rootHash) {
        treeSize = _latestSize[logId];
        rootHash = _roots[logId][treeSize];
    }

    /// @notice Whether `account` holds the anchorer role.
    function isAnchorer(address account) external view returns (bool) {
        return _anchorers[account];
    }

    /// @notice Gives `account` the anchorer role.
    function grantAnchorer(address account) external onlyAdmin {
        if (account == address(0)) revert ZeroAddress();
        if (_anchorers[account]) return;
        _anchorers[account] = true;
        emit AnchorerGranted(account, msg.sender);
    }

    /// @notice Takes the anchorer role from `account`.
    function revokeAnchorer(address account) external onlyAdmin {
        if (!_anchorers[account]) return;
        _anchorers[account] = false;
        emit AnchorerRevoked(account, msg.sender);
    }

    /// @notice Proposes `proposed` as the next admin (two steps, so a mistyped address cannot lock the contract).
    function transferAdmin(address proposed) external onlyAdmin {
        if (proposed == address(0)) revert ZeroAddress();
        pendingAdmin = proposed;
        emit AdminTransferStarted(msg.sender, proposed);
    }

    /// @notice The proposed admin accepts the role.
    function acceptAdmin() external {
        if (msg.sender != pendingAdmin) revert NotPendingAdmin(msg.sender);
        address previous = admin;
        admin = msg.sender;
        pendingAdmin = address(0);
        emit AdminTransferred(previous, msg.sender);
    }
}
