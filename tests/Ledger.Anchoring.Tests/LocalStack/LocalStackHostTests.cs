using Ledger.Anchoring.Contracts;
using Ledger.Anchoring.Tests.Infrastructure;
using Ledger.LocalStack;
using Npgsql;

namespace Ledger.Anchoring.Tests.LocalStack;

[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class LocalStackHostTests(StackFixture fixture)
{
    private static readonly string AssemblyName = typeof(LocalStackHostTests).Assembly.GetName().Name!;

    [Fact]
    public async Task Given_a_running_stack_When_a_second_one_starts_in_the_same_folder_Then_it_reuses_the_cluster_and_chain_and_leaves_them_running()
    {
        var first = fixture.Stack;

        await using (var second = await LocalStackHost.StartAsync(LocalStackOptions.ForTests(AssemblyName)))
        {
            Assert.False(second.Postgres.Owned);
            Assert.False(second.Chain.Owned);
            Assert.Equal(first.Postgres.Port, second.Postgres.Port);
            Assert.Equal(first.Postgres.ServerProcessId, second.Postgres.ServerProcessId);
            Assert.Equal(first.RpcUrl, second.RpcUrl);
            Assert.Equal(first.ContractAddress, second.ContractAddress);
        }

        // Disposing the second stack stopped nothing it did not start.
        await using var connection = new NpgsqlConnection(first.ConnectionString);
        await connection.OpenAsync();
        Assert.True(await LedgerAnchorClient.Connect(first.RpcUrl, first.ContractAddress!).IsAnchorerAsync(first.AnchorerAddress));
    }

    [Fact]
    public async Task Given_a_stack_whose_processes_were_killed_When_it_starts_again_Then_it_recovers_and_stops_cleanly()
    {
        var options = LocalStackOptions.ForTests(AssemblyName + ".recovery");
        var killed = await LocalStackHost.StartAsync(options);
        var oldPostmaster = killed.Postgres.ServerProcessId;
        var oldAnvil = killed.Chain.ProcessId;
        Assert.True(killed.Postgres.Owned);

        // Simulate a killed run: kill -9 of PostgreSQL and anvil, nothing stopped in order.
        await RunAsync("kill", "-9", oldPostmaster.ToString(System.Globalization.CultureInfo.InvariantCulture), oldAnvil.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await WaitGoneAsync(oldPostmaster);
        await WaitGoneAsync(oldAnvil);

        int newPostmaster;
        int newAnvil;
        await using (var recovered = await LocalStackHost.StartAsync(options))
        {
            newPostmaster = recovered.Postgres.ServerProcessId;
            newAnvil = recovered.Chain.ProcessId;
            Assert.True(recovered.Postgres.Owned);
            Assert.True(recovered.Chain.Owned);
            Assert.NotEqual(oldPostmaster, newPostmaster);

            await using var connection = new NpgsqlConnection(recovered.ConnectionString);
            await connection.OpenAsync();
            var client = LedgerAnchorClient.Connect(recovered.RpcUrl, recovered.ContractAddress!, recovered.AnchorerPrivateKey, recovered.ChainId);
            await client.AnchorAsync(LedgerAnchorClient.LogIdFor("recovery.test"), 1, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        // The killed stack's dispose must not stop what the recovered one started (that one is already stopped).
        await killed.DisposeAsync();
        Assert.False(IsAlive(newPostmaster), "PostgreSQL was left running");
        Assert.False(IsAlive(newAnvil), "anvil was left running");
    }

    [Fact]
    public async Task Given_a_test_class_When_it_creates_its_database_Then_it_gets_a_fresh_empty_database()
    {
        var connectionString = await fixture.CreateDatabaseAsync("LocalStackHostTests.Fresh");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE marker (id int)", connection);
            await create.ExecuteNonQueryAsync();
        }

        var again = await fixture.CreateDatabaseAsync("LocalStackHostTests.Fresh");

        await using var reopened = new NpgsqlConnection(again);
        await reopened.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE tablename = 'marker'", reopened);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
        Assert.Equal("localstackhosttests_fresh", new NpgsqlConnectionStringBuilder(again).Database);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Given_the_stack_When_settings_are_asked_Then_they_use_the_documented_keys_and_an_owner_only_key_file()
    {
        var settings = fixture.Stack.ToApiSettings();

        Assert.Equal(fixture.Stack.ConnectionString, settings["ConnectionStrings:Ledger"]);
        Assert.Equal(fixture.Stack.RpcUrl, settings["Chain:RpcUrl"]);
        Assert.Equal("31337", settings["Chain:ChainId"]);
        Assert.Equal(fixture.Stack.ContractAddress, settings["Chain:ContractAddress"]);
        Assert.Equal(fixture.Stack.AnchorerKeyFile, settings["Anchoring:KeyFile"]);
        Assert.Equal(LocalStackOptions.DefaultLogOrigin, settings["Log:Origin"]);
        Assert.True(settings.ContainsKey("Log:KeyFile"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fixture.Stack.AnchorerKeyFile));
        Assert.StartsWith(Path.Combine(fixture.Stack.RepositoryRoot, ".data", "test"), fixture.Stack.DataDirectory, StringComparison.Ordinal);
    }

    private static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z');

    private static async Task WaitGoneAsync(int pid)
    {
        for (var i = 0; i < 100 && IsAlive(pid); i++)
        {
            await Task.Delay(50);
        }
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(file, args);
        await process.WaitForExitAsync();
    }
}

[Trait("Category", "Integration")]
public sealed class PostgresClusterTests
{
    [Fact]
    public async Task Given_a_data_folder_only_its_owner_can_enter_When_a_cluster_starts_Then_it_runs_where_the_postgres_user_can_reach_it()
    {
        var parent = Directory.CreateTempSubdirectory("ledger-private-"); // mode 0700: only its owner enters
        var dataDirectory = Path.Combine(parent.FullName, "data");
        string? clusterDirectory = null;
        try
        {
            await using (var cluster = await PostgresCluster.StartAsync(dataDirectory))
            {
                clusterDirectory = cluster.DataDirectory;
                await using var connection = new NpgsqlConnection(cluster.ConnectionString);
                await connection.OpenAsync();
                Assert.Equal(PostgresCluster.DefaultDatabase, connection.Database);
                if (Environment.UserName == "root")
                {
                    Assert.DoesNotContain(parent.FullName, cluster.DataDirectory, StringComparison.Ordinal);
                    Assert.StartsWith(Path.Combine(Path.GetTempPath(), "caseledger-"), cluster.DataDirectory, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Equal(Path.Combine(dataDirectory, "pg"), cluster.DataDirectory);
                }
            }

            Assert.False(File.Exists(Path.Combine(clusterDirectory, "postmaster.pid")), "PostgreSQL was left running");
        }
        finally
        {
            parent.Delete(recursive: true);
            if (clusterDirectory is not null && !clusterDirectory.StartsWith(parent.FullName, StringComparison.Ordinal))
            {
                Directory.Delete(Path.GetDirectoryName(clusterDirectory)!, recursive: true);
            }
        }
    }

    [Fact]
    public void Given_test_class_names_When_normalized_Then_they_are_valid_PostgreSQL_identifiers()
    {
        Assert.Equal("ledger_tests_casefilingtests", PostgresCluster.NormalizeDatabaseName("Ledger.Tests.CaseFilingTests"));
        Assert.Equal("db_1abc", PostgresCluster.NormalizeDatabaseName("1abc"));
        Assert.Equal(63, PostgresCluster.NormalizeDatabaseName(new string('x', 100)).Length);
    }
}
