using System.Diagnostics;
using Ledger.Anchoring.Contracts;
using Ledger.LocalStack;

namespace Ledger.Anchoring.Tests.Contracts;

public sealed class LedgerAnchorArtifactsTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Given_the_contract_source_When_it_is_recompiled_Then_the_committed_artefacts_match()
    {
        var root = RepositoryRoot.Find();
        await AnvilChain.EnsureInstalledAsync(root); // npm ci in tools/chain installs solc as well
        var output = Directory.CreateTempSubdirectory("ledger-anchor-build-");
        try
        {
            var startInfo = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
            startInfo.ArgumentList.Add(Path.Combine(root, "contracts", "build.mjs"));
            startInfo.ArgumentList.Add(output.FullName);
            using var process = Process.Start(startInfo)!;
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await stderr);

            foreach (var file in new[] { "LedgerAnchor.abi", "LedgerAnchor.bin" })
            {
                var committed = await File.ReadAllTextAsync(Path.Combine(root, "contracts", "build", file));
                var rebuilt = await File.ReadAllTextAsync(Path.Combine(output.FullName, file));
                Assert.True(committed == rebuilt, $"contracts/build/{file} is out of date: run \"node contracts/build.mjs\" and commit the result.");
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void Given_the_embedded_artefacts_When_read_Then_they_are_the_committed_ones()
    {
        var root = RepositoryRoot.Find();
        Assert.Equal(File.ReadAllText(Path.Combine(root, "contracts", "build", "LedgerAnchor.bin")).Trim(), LedgerAnchorArtifacts.Bytecode);
        Assert.Equal(File.ReadAllText(Path.Combine(root, "contracts", "build", "LedgerAnchor.abi")), LedgerAnchorArtifacts.Abi);
    }
}
