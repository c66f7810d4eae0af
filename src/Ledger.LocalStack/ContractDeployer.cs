using System.Numerics;
using Ledger.Anchoring.Contracts;
using Nethereum.Signer;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Ledger.LocalStack;

/// <summary>Where LedgerAnchor was deployed on the local chain, and by whom.</summary>
public sealed record ContractDeployment(string ContractAddress, string AdminAddress, string AnchorerAddress);

/// <summary>
/// Deploys LedgerAnchor on a local development chain with anvil's well-known dev account 0, funds the anchorer
/// account and grants it the anchorer role. For local mode only: the dev key is public knowledge.
/// </summary>
public static class ContractDeployer
{
    /// <summary>anvil's dev account 0 (from its public test mnemonic). Never use outside a local chain.</summary>
    public const string DevAccountPrivateKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>Address of <see cref="DevAccountPrivateKey"/>.</summary>
    public const string DevAccountAddress = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    /// <summary>Ether sent to the anchorer account so that it can pay for anchors.</summary>
    public const decimal AnchorerFundingEther = 100m;

    /// <summary>A Web3 connection that signs with <paramref name="privateKey"/> (polls receipts every 100 ms).</summary>
    public static IWeb3 Connect(string rpcUrl, long chainId, string privateKey)
    {
        var web3 = new Web3(new Account(privateKey, new BigInteger(chainId)), rpcUrl);
        web3.TransactionReceiptPolling.SetPollingRetryIntervalInMilliseconds(100);
        return web3;
    }

    /// <summary>Deploys LedgerAnchor with the dev account (its admin), funds the anchorer and grants it the role.</summary>
    public static async Task<ContractDeployment> DeployAsync(
        string rpcUrl, long chainId, string anchorerPrivateKey, CancellationToken cancellationToken = default)
    {
        var admin = Connect(rpcUrl, chainId, DevAccountPrivateKey);
        var address = await LedgerAnchorClient.DeployAsync(admin, cancellationToken).ConfigureAwait(false);
        var anchorer = new EthECKey(anchorerPrivateKey).GetPublicAddress();
        await admin.Eth.GetEtherTransferService()
            .TransferEtherAndWaitForReceiptAsync(anchorer, AnchorerFundingEther, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await new LedgerAnchorClient(admin, address).GrantAnchorerAsync(anchorer, cancellationToken).ConfigureAwait(false);
        return new ContractDeployment(address, DevAccountAddress, anchorer);
    }

    /// <summary>Whether <paramref name="contractAddress"/> holds contract code on the chain and <paramref name="anchorerAddress"/> may anchor there.</summary>
    public static async Task<bool> IsDeployedAsync(
        string rpcUrl, string contractAddress, string anchorerAddress, CancellationToken cancellationToken = default)
    {
        var web3 = new Web3(rpcUrl);
        var code = await web3.Eth.GetCode.SendRequestAsync(contractAddress).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(code) || code == "0x")
        {
            return false;
        }

        return await new LedgerAnchorClient(web3, contractAddress).IsAnchorerAsync(anchorerAddress, cancellationToken).ConfigureAwait(false);
    }
}
