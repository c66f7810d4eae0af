using Ledger.Api;
using Ledger.Api.Configuration;

try
{
    await ApiApp.Build(args).RunAsync();
    return 0;
}
catch (MissingSettingsException missing)
{
    // A configuration mistake, not a crash: say what to set, without a stack trace.
    await Console.Error.WriteLineAsync(missing.Message);
    return 2;
}

/// <summary>Entry point type, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
