using Ledger.Api.Configuration;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Ledger.Api.Tests.Host;

public sealed class ConfigurationTests
{
    private static Dictionary<string, string?> CompleteProductionSettings(string keyDirectory) => new()
    {
        ["ConnectionStrings:Ledger"] = TestSettings.UnreachableDatabase,
        ["Log:Origin"] = "ledger.court.example/2026",
        ["Log:KeyFile"] = Path.Combine(keyDirectory, "log.key"),
        ["Chain:RpcUrl"] = TestSettings.UnreachableChain,
        ["Chain:ChainId"] = "1337",
        ["Chain:ContractAddress"] = "0x42699A7612A82f1d9C36148af9C77354759b210b",
        ["Anchoring:KeyFile"] = Path.Combine(keyDirectory, "anchorer.key"),
        ["Auth:Issuer"] = "https://id.court.example",
        ["Auth:Audience"] = "caseledger",
        ["Auth:SigningKeyFile"] = Path.Combine(keyDirectory, "jwt.key"),
    };

    [Fact]
    public void Given_production_without_a_database_and_keys_When_the_app_is_built_Then_it_stops_and_names_each_missing_setting()
    {
        var settings = CompleteProductionSettings("/nonexistent");
        settings["ConnectionStrings:Ledger"] = "";
        settings["Log:KeyFile"] = null;
        settings["Chain:ContractAddress"] = " ";

        var error = Assert.Throws<MissingSettingsException>(() => ApiApp.Build(["--environment=Production"], settings));

        Assert.Equal(
            ["ConnectionStrings:Ledger", "Log:KeyFile", "Chain:ContractAddress"],
            error.MissingSettings.Select(s => s.AnyOf[0]));
        Assert.Contains("ConnectionStrings__Ledger", error.Message, StringComparison.Ordinal);
        Assert.Contains("Log:KeyFile or Log:Key", error.Message, StringComparison.Ordinal);
        Assert.Contains("Chain__ContractAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_production_with_every_required_setting_When_the_app_starts_Then_it_serves()
    {
        var keys = Directory.CreateTempSubdirectory("caseledger-keys-");
        try
        {
            // The token-validation key must exist in production (the app refuses to start without it).
            await File.WriteAllTextAsync(Path.Combine(keys.FullName, "jwt.key"), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)));
            await using var host = await ApiTestHost.StartAsync(CompleteProductionSettings(keys.FullName), environment: "Production");

            using var response = await host.Client.GetAsync("/health/live");

            Assert.True(response.IsSuccessStatusCode);
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    [Fact]
    public void Given_anchoring_is_disabled_When_no_anchorer_key_is_set_Then_the_key_is_not_required()
    {
        var settings = CompleteProductionSettings("/keys");
        settings["Anchoring:KeyFile"] = null;
        settings["Anchoring:Enabled"] = "false";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        Assert.Empty(RequiredSettings.Missing(configuration));
        settings["Anchoring:Enabled"] = "true";
        Assert.Equal("Anchoring:KeyFile", Assert.Single(RequiredSettings.Missing(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())).AnyOf[0]);
    }

    [Fact]
    public void Given_a_key_file_or_an_inline_key_When_the_secret_is_read_Then_the_value_and_a_safe_description_are_returned()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "  0xfeedface\n");
            var fromFile = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Anchoring:KeyFile"] = file }).Build();
            var inline = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Anchoring:Key"] = "0xbeef", ["Anchoring:KeyFile"] = file }).Build();
            var none = new ConfigurationBuilder().Build();

            Assert.Equal("0xfeedface", ConfiguredSecrets.Read(fromFile, "Anchoring"));
            Assert.Equal($"file {file}", ConfiguredSecrets.DescribeSource(fromFile, "Anchoring"));
            Assert.Equal("0xbeef", ConfiguredSecrets.Read(inline, "Anchoring"));
            Assert.Equal("inline setting Anchoring:Key", ConfiguredSecrets.DescribeSource(inline, "Anchoring"));
            Assert.Null(ConfiguredSecrets.Read(none, "Anchoring"));
            Assert.Equal("not configured", ConfiguredSecrets.DescribeSource(none, "Anchoring"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Given_a_key_file_that_does_not_exist_When_the_secret_is_read_Then_the_error_names_the_setting_and_the_path()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Log:KeyFile"] = "/run/secrets/missing" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => ConfiguredSecrets.Read(configuration, "Log"));

        Assert.Contains("Log:KeyFile", error.Message, StringComparison.Ordinal);
        Assert.Contains("/run/secrets/missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_keys_are_configured_When_the_app_starts_and_serves_Then_no_log_line_contains_a_key_value()
    {
        var logKey = "PRIVATE+KEY+ledger.court.example/2026+" + Guid.NewGuid().ToString("N");
        var anchorerKey = "0x" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var databasePassword = "pw-" + Guid.NewGuid().ToString("N");
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, anchorerKey);
        try
        {
            var settings = TestSettings.Unreachable();
            settings["Log:Key"] = logKey;
            settings["Anchoring:KeyFile"] = keyFile;
            settings["ConnectionStrings:Ledger"] = TestSettings.UnreachableDatabase.Replace("not-used", databasePassword, StringComparison.Ordinal);
            await using (var host = await ApiTestHost.StartAsync(settings))
            {
                (await host.Client.GetAsync("/health")).Dispose();
                (await host.Client.GetAsync("/")).Dispose();
                var logs = host.Logs.AllText;

                // The summary was written (so the check below looked at real start-up output) ...
                Assert.Contains(host.Logs.Lines, line => line.Contains("CaseLedger API started", StringComparison.Ordinal)
                    && line.Contains("log signer key from inline setting Log:Key", StringComparison.Ordinal)
                    && line.Contains($"anchorer key from file {keyFile}", StringComparison.Ordinal));
                // ... and it holds no secret.
                Assert.DoesNotContain(logKey, logs, StringComparison.Ordinal);
                Assert.DoesNotContain(anchorerKey, logs, StringComparison.Ordinal);
                Assert.DoesNotContain(anchorerKey[2..], logs, StringComparison.Ordinal);
                Assert.DoesNotContain(databasePassword, logs, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(keyFile);
        }
    }
}
