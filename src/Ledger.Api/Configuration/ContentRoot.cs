namespace Ledger.Api.Configuration;

/// <summary>Finds the folder that holds <c>wwwroot</c>, whichever program hosts the API.</summary>
internal static class ContentRoot
{
    /// <summary>
    /// The build output holds a copy of <c>wwwroot</c> (see Ledger.Api.csproj), also in the output of the CLI and the
    /// tests, which reference this project. Falls back to the current directory (ASP.NET Core's default).
    /// </summary>
    public static string? Locate()
    {
        var beside = AppContext.BaseDirectory;
        return Directory.Exists(Path.Combine(beside, "wwwroot")) ? beside : null;
    }
}
