using Ledger.Api;

await ApiApp.Build(args).RunAsync();

/// <summary>Entry point type, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
