using System.Reflection;

namespace Ledger.Domain.Depersonalization;

/// <summary>The embedded word lists: first names (all inflected forms) and procedural role words.</summary>
public sealed class NameDictionary
{
    private static readonly Lazy<NameDictionary> LazyDefault = new(Load);

    private readonly HashSet<string> _firstNameForms;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _firstNameLookup;
    private readonly Dictionary<string, RoleWordKind> _roleWords;
    private readonly Dictionary<string, RoleWordKind>.AlternateLookup<ReadOnlySpan<char>> _roleLookup;

    public NameDictionary(IEnumerable<string> firstNames, IEnumerable<(string Word, RoleWordKind Kind)> roleWords)
    {
        ArgumentNullException.ThrowIfNull(firstNames);
        ArgumentNullException.ThrowIfNull(roleWords);
        FirstNames = firstNames.Select(n => n.Trim()).Where(n => n.Length > 0).ToArray();
        _firstNameForms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in FirstNames)
        {
            foreach (var form in NameForms.AllForms(name))
            {
                _firstNameForms.Add(form);
            }
        }

        _firstNameLookup = _firstNameForms.GetAlternateLookup<ReadOnlySpan<char>>();
        _roleWords = new Dictionary<string, RoleWordKind>(StringComparer.Ordinal);
        foreach (var (word, kind) in roleWords)
        {
            _roleWords.TryAdd(word, kind);
        }

        _roleLookup = _roleWords.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The dictionary built from the embedded files <c>Data/first-names.txt</c> and <c>Data/role-words.txt</c>.</summary>
    public static NameDictionary Default => LazyDefault.Value;

    public IReadOnlyList<string> FirstNames { get; }

    /// <summary>True when the lower-case word is a first name from the dictionary, in any case form.</summary>
    public bool IsFirstName(ReadOnlySpan<char> lower) => _firstNameLookup.Contains(lower);

    public RoleWordKind RoleWord(ReadOnlySpan<char> lower) =>
        _roleLookup.TryGetValue(lower, out var kind) ? kind : RoleWordKind.None;

    private static NameDictionary Load()
    {
        var firstNames = ReadLines("first-names.txt").ToList();
        var roles = new List<(string, RoleWordKind)>();
        foreach (var line in ReadLines("role-words.txt"))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var kind = line[..tab] == "keep" ? RoleWordKind.Kept : RoleWordKind.Removed;
            foreach (var word in line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                roles.Add((word, kind));
            }
        }

        return new NameDictionary(firstNames, roles);
    }

    private static IEnumerable<string> ReadLines(string file)
    {
        var assembly = typeof(NameDictionary).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                yield return line;
            }
        }
    }
}

/// <summary>Whether a role word before a name marks a person kept in, or removed from, published acts.</summary>
public enum RoleWordKind
{
    None,
    Kept,
    Removed,
}
