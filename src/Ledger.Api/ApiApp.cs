namespace Ledger.Api;

/// <summary>
/// Builds the CaseLedger web application. Used by <c>Program.cs</c>, by <c>caseledger up</c> (in-process)
/// and by the API tests. <paramref name="settings"/> override configuration keys (see docs/configuration.md).
/// </summary>
public static class ApiApp
{
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        return app;
    }
}
