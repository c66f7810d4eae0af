using Ledger.LocalStack;

namespace Ledger.Tests.Infrastructure;

/// <summary>
/// Starts the local stack (PostgreSQL cluster, anvil chain, LedgerAnchor) once for the test classes of the
/// "stack" collection, in <c>.data/test/&lt;assembly name&gt;</c> so that test assemblies running in parallel do not
/// collide, and stops it afterwards. Give each test class its own database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    private LocalStackHost? _stack;

    /// <summary>The running stack.</summary>
    public LocalStackHost Stack => _stack ?? throw new InvalidOperationException("The stack fixture is not initialized.");

    public async Task InitializeAsync()
    {
        var name = typeof(StackFixture).Assembly.GetName().Name!;
        _stack = await LocalStackHost.StartAsync(LocalStackOptions.ForTests(name));
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }

    /// <summary>A fresh database for one test class (dropped first when it exists); returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string name) => Stack.CreateDatabaseAsync(name);
}

/// <summary>Test classes marked <c>[Collection("stack")]</c> share one <see cref="StackFixture"/>.</summary>
[CollectionDefinition("stack")]
public sealed class StackCollection : ICollectionFixture<StackFixture>;
