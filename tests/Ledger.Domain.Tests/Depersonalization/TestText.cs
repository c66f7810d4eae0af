using Ledger.Domain.Depersonalization;

namespace Ledger.Domain.Tests.Depersonalization;

internal static class TestText
{
    public static DepersonalizationResult Run(string text, params Participant[] participants) =>
        Depersonalizer.Depersonalize(text, new DepersonalizationContext(participants));

    public static IEnumerable<string> Removed(this DepersonalizationResult result, EntityType type) =>
        result.Replacements.Where(r => r.Type == type).Select(r => r.Original);

    /// <summary>The directory holding <c>eval/depersonalization</c>, found by walking up from the test binaries.</summary>
    public static string EvalDirectory(string sub)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "eval", "depersonalization", sub);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"eval/depersonalization/{sub} was not found above {AppContext.BaseDirectory}.");
    }
}
