namespace Ledger.LocalStack;

/// <summary>Finds the repository root: the nearest folder above that holds <c>CaseLedger.slnx</c>.</summary>
public static class RepositoryRoot
{
    public const string MarkerFile = "CaseLedger.slnx";

    /// <summary>The root above <paramref name="start"/>, else above the current folder, else above this assembly.</summary>
    public static string Find(string? start = null)
    {
        foreach (var candidate in new[] { start, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            if (candidate is not null && TryFindFrom(candidate) is { } root)
            {
                return root;
            }
        }

        throw new LocalStackException(
            $"The CaseLedger repository was not found: no {MarkerFile} above {start ?? Directory.GetCurrentDirectory()}. Run from inside the repository.");
    }

    private static string? TryFindFrom(string path)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(path)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, MarkerFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
