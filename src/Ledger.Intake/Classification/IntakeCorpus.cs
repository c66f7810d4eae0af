using System.Security.Cryptography;
using System.Text;

namespace Ledger.Intake.Classification;

/// <summary>A labelled filing of the corpus: id (path under the corpus folder), label (subcategory), language, source ("generated" or "handwritten") and text.</summary>
public sealed record CorpusDocument(string Id, string Label, string Language, string Source, string Text);

/// <summary>
/// The labelled corpus kept in the repository: <c>{source}/{subcategory}/{name}.{ru|kk}.txt</c> under
/// <c>eval/intake/corpus</c>. All filings are fictitious.
/// </summary>
public static class IntakeCorpus
{
    public static IReadOnlyList<CorpusDocument> Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The intake corpus folder \"{folder}\" does not exist.");
        }

        var documents = new List<CorpusDocument>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.txt", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            var parts = relative.Split('/');
            if (parts.Length != 3)
            {
                continue;
            }

            var name = parts[2];
            var language = name.EndsWith(".kk.txt", StringComparison.Ordinal) ? "kk" : "ru";
            documents.Add(new CorpusDocument(relative, parts[1], language, parts[0], File.ReadAllText(path, Encoding.UTF8)));
        }

        return documents.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>SHA-256 (hex) over every document's id and text in id order: the corpus part of the model version.</summary>
    public static string Sha256(IReadOnlyList<CorpusDocument> documents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var d in documents.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(d.Id + "\0" + d.Text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\0"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A stratified split with a fixed seed: about <paramref name="heldOutShare"/> of each label is held out for evaluation.</summary>
    public static (IReadOnlyList<CorpusDocument> Train, IReadOnlyList<CorpusDocument> HeldOut) Split(IReadOnlyList<CorpusDocument> documents, int seed, double heldOutShare = 0.25)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var random = new Random(seed);
        var train = new List<CorpusDocument>();
        var heldOut = new List<CorpusDocument>();
        foreach (var group in documents.OrderBy(d => d.Id, StringComparer.Ordinal).GroupBy(d => d.Label).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var shuffled = group.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
            random.Shuffle(shuffled);
            var take = (int)Math.Round(shuffled.Length * heldOutShare, MidpointRounding.AwayFromZero);
            heldOut.AddRange(shuffled.Take(take));
            train.AddRange(shuffled.Skip(take));
        }

        return (train, heldOut);
    }
}
