using Npgsql;

namespace Ledger.Projections.Tests.Infrastructure;

[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class StackFixtureTests(StackFixture fixture)
{
    [Fact]
    public async Task Given_the_stack_fixture_When_a_test_class_creates_its_database_Then_it_can_connect_to_it()
    {
        var connectionString = await fixture.CreateDatabaseAsync(nameof(StackFixtureTests));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);

        Assert.Equal("stackfixturetests", await command.ExecuteScalarAsync());
    }
}
