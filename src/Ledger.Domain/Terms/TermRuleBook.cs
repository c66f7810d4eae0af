using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Domain.Terms;

/// <summary>
/// The procedural-terms rules table, loaded from data (by default the embedded
/// <c>Terms/procedural-terms.json</c>). Immutable once loaded.
/// </summary>
public sealed class TermRuleBook
{
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    private static readonly Lazy<TermRuleBook> LazyDefault = new(() =>
    {
        using var stream = OpenResource("procedural-terms.json");
        return Load(stream);
    });

    private readonly FrozenDictionary<string, TermRule> _byId;
    private readonly FrozenDictionary<string, SuspensionGroundRow> _groundsByName;

    private TermRuleBook(int version, TimeSpan timeZoneOffset, IReadOnlyList<TermRule> rows, IReadOnlyList<SuspensionGroundRow> grounds)
    {
        Version = version;
        TimeZoneOffset = timeZoneOffset;
        Rows = rows;
        SuspensionGrounds = grounds;
        _byId = rows.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
        _groundsByName = grounds.ToFrozenDictionary(g => g.Ground, StringComparer.Ordinal);
    }

    /// <summary>The table shipped with the domain assembly.</summary>
    public static TermRuleBook Default => LazyDefault.Value;

    public int Version { get; }

    /// <summary>The courts' civil-time offset (Kazakhstan has used a single UTC+5 zone since 1 March 2024).</summary>
    public TimeSpan TimeZoneOffset { get; }

    public IReadOnlyList<TermRule> Rows { get; }

    public IReadOnlyList<SuspensionGroundRow> SuspensionGrounds { get; }

    public TermRule this[string id] =>
        _byId.TryGetValue(id, out var row) ? row : throw new KeyNotFoundException($"No procedural-term row '{id}'.");

    public bool TryGet(string id, out TermRule? row) => _byId.TryGetValue(id, out row);

    public SuspensionGroundRow? Ground(string ground) => _groundsByName.GetValueOrDefault(ground);

    /// <summary>The rows started by an event of this type for a case of this kind and category.</summary>
    public IEnumerable<TermRule> StartedBy(string eventType, string caseKind, string category, string? actKind = null) =>
        Rows.Where(r => string.Equals(r.StartsOn, eventType, StringComparison.Ordinal) && r.AppliesTo(caseKind, category, actKind));

    /// <summary>Reads and validates a rules table.</summary>
    public static TermRuleBook Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = JsonSerializer.Deserialize<RuleFile>(json, JsonOptions)
            ?? throw new InvalidDataException("The procedural-terms table is empty.");
        if (file.Rows is null || file.Rows.Count == 0)
        {
            throw new InvalidDataException("The procedural-terms table has no rows.");
        }

        foreach (var row in file.Rows)
        {
            if (string.IsNullOrWhiteSpace(row.Id) || row.Amount <= 0 || row.Source is null
                || string.IsNullOrWhiteSpace(row.Source.Code) || string.IsNullOrWhiteSpace(row.Source.Article)
                || string.IsNullOrWhiteSpace(row.Source.Citation) || row.EndsOn is null || row.EndsOn.Count == 0)
            {
                throw new InvalidDataException($"Procedural-term row '{row.Id}' is incomplete: id, positive amount, source (code, article, citation) and endsOn are required.");
            }
        }

        var duplicate = file.Rows.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"Procedural-term row '{duplicate.Key}' appears twice.");
        }

        var offset = TimeSpan.Parse(file.TimeZoneOffset.TrimStart('+'), CultureInfo.InvariantCulture);
        return new TermRuleBook(file.Version, offset, file.Rows, file.SuspensionGrounds ?? []);
    }

    internal static Stream OpenResource(string name)
    {
        var assembly = typeof(TermRuleBook).Assembly;
        var resource = $"Ledger.Domain.Terms.{name}";
        return assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing from {assembly.GetName().Name}.");
    }

    private sealed record RuleFile(
        int Version,
        string TimeZoneOffset,
        string? Description,
        List<TermRule> Rows,
        List<SuspensionGroundRow>? SuspensionGrounds);
}
