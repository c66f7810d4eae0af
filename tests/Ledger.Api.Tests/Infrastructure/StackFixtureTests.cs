using Ledger.Api;
using Ledger.LocalStack;

namespace Ledger.Api.Tests.Infrastructure;

[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class StackFixtureTests(StackFixture fixture)
{
    [Fact]
    public async Task Given_the_local_stack_When_the_API_starts_with_its_settings_Then_health_answers()
    {
        var port = Ports.FindFree();
        var settings = new Dictionary<string, string?>(fixture.Stack.ToApiSettings(await fixture.CreateDatabaseAsync(nameof(StackFixtureTests))))
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
        };
        await using var app = ApiApp.Build([], settings);
        await app.StartAsync();

        using var http = new HttpClient();
        var health = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/health"));

        using (var healthJson = System.Text.Json.JsonDocument.Parse(health!))
        {
            var components = healthJson.RootElement.GetProperty("components");
            Assert.Equal("Healthy", components.GetProperty("database").GetProperty("status").GetString());
            Assert.Equal("Healthy", components.GetProperty("chain").GetProperty("status").GetString());
        }
        Assert.NotNull(settings["Chain:ContractAddress"]);
        await app.StopAsync();
    }
}
