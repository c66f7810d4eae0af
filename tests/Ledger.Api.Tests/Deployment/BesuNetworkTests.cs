using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Api.Tests.Infrastructure;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RLP;
using Nethereum.Signer;
using Nethereum.Util;

namespace Ledger.Api.Tests.Deployment;

/// <summary>The development Besu QBFT network under deploy/besu agrees with its keys and with docker-compose.yml.</summary>
public sealed partial class BesuNetworkTests
{
    private static readonly string Besu = RepositoryRoot.Combine("deploy", "besu");

    private static IReadOnlyList<(string Name, EthECKey Key)> Validators { get; } =
        Enumerable.Range(1, 4)
            .Select(i => ($"validator{i}", new EthECKey(File.ReadAllText(Path.Combine(Besu, "keys", $"validator{i}", "key")).Trim())))
            .ToList();

    [Fact]
    public void Given_the_genesis_When_read_Then_it_is_QBFT_with_zero_base_fee_and_the_four_validators_in_extraData()
    {
        using var genesis = JsonDocument.Parse(File.ReadAllText(Path.Combine(Besu, "genesis.json")));
        var config = genesis.RootElement.GetProperty("config");

        Assert.True(config.GetProperty("zeroBaseFee").GetBoolean());
        Assert.True(config.GetProperty("qbft").GetProperty("blockperiodseconds").GetInt32() > 0);
        var extra = (RLPCollection)RLP.Decode(genesis.RootElement.GetProperty("extraData").GetString()!.HexToByteArray());
        Assert.Equal(5, extra.Count); // vanity, validators, vote, round, seals
        Assert.Equal(32, extra[0].RLPData.Length);
        var listed = ((RLPCollection)extra[1]).Select(item => item.RLPData.ToHex(prefix: true)).ToList();
        Assert.Equal(Validators.Select(v => v.Key.GetPublicAddress().ToLowerInvariant()), listed);
        Assert.All(Validators, v => Assert.Equal(
            v.Key.GetPublicAddress().ToLowerInvariant(),
            File.ReadAllText(Path.Combine(Besu, "keys", v.Name, "address")).Trim()));
    }

    [Fact]
    public void Given_the_node_allow_list_When_read_Then_it_admits_exactly_the_validators_at_their_compose_addresses()
    {
        var allowed = TomlStrings(File.ReadAllText(Path.Combine(Besu, "permissions_config.toml")), "nodes-allowlist");
        var compose = ComposeFile.Load();

        var expected = Validators.Select((v, i) =>
        {
            var service = compose.Service($"besu-validator{i + 1}");
            var address = ComposeFile.Scalar(ComposeFile.Mapping(ComposeFile.Mapping(service, "networks")!, "chain")!.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("ipv4_address")]);
            return $"enode://{v.Key.GetPubKeyNoPrefix().ToHex()}@{address}:30303";
        }).ToList();

        Assert.Equal(expected, allowed);
        Assert.All(Validators, v => Assert.Equal(
            "0x" + v.Key.GetPubKeyNoPrefix().ToHex(),
            File.ReadAllText(Path.Combine(Besu, "keys", v.Name, "key.pub")).Trim()));
        var bootnodes = TomlStrings(File.ReadAllText(Path.Combine(Besu, "config.toml")), "bootnodes");
        Assert.NotEmpty(bootnodes);
        Assert.All(bootnodes, node => Assert.Contains(node, allowed));
    }

    [Fact]
    public void Given_the_account_allow_list_When_read_Then_only_the_anchorer_may_transact_and_the_contract_address_follows_from_it()
    {
        var anchorer = new EthECKey(File.ReadAllText(RepositoryRoot.Combine("deploy", "secrets", "dev", "anchorer_key")).Trim());
        var address = anchorer.GetPublicAddress();
        var accounts = TomlStrings(File.ReadAllText(Path.Combine(Besu, "permissions_config.toml")), "accounts-allowlist");
        var compose = ComposeFile.Load();

        Assert.Equal([address.ToLowerInvariant()], accounts);
        var expectedContract = ContractUtils.CalculateContractAddress(address, 0);
        Assert.Equal(expectedContract, ComposeFile.Environment(compose.Service("api"))["Chain__ContractAddress"], ignoreCase: true);
        Assert.Equal(expectedContract, ComposeFile.Environment(compose.Service("contract-deployer"))["Chain__ContractAddress"], ignoreCase: true);
    }

    [Fact]
    public void Given_the_node_configuration_When_read_Then_gas_is_free_and_both_allow_lists_are_enforced()
    {
        var config = File.ReadAllText(Path.Combine(Besu, "config.toml"));
        using var genesis = JsonDocument.Parse(File.ReadAllText(Path.Combine(Besu, "genesis.json")));
        var compose = ComposeFile.Load();

        Assert.Matches(@"(?m)^min-gas-price=0\s*$", config);
        Assert.Matches(@"(?m)^permissions-nodes-config-file-enabled=true\s*$", config);
        Assert.Matches(@"(?m)^permissions-accounts-config-file-enabled=true\s*$", config);
        var chainId = genesis.RootElement.GetProperty("config").GetProperty("chainId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(chainId, ComposeFile.Environment(compose.Service("api"))["Chain__ChainId"]);
    }

    private static List<string> TomlStrings(string toml, string key)
    {
        var match = Regex.Match(toml, $@"(?ms)^{Regex.Escape(key)}\s*=\s*\[(.*?)\]");
        Assert.True(match.Success, $"{key} is missing");
        return Quoted().Matches(match.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex Quoted();
}
