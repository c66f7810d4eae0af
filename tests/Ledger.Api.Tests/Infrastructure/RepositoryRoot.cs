namespace Ledger.Api.Tests.Infrastructure;

/// <summary>The repository's root folder (the one holding CaseLedger.slnx), found from the test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CaseLedger.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CaseLedger.slnx above {AppContext.BaseDirectory}.");
    }
}
