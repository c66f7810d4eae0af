using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Domain.Depersonalization.Evaluation;

/// <summary>A span of a labelled document: a personal datum to remove, or something that must stay.</summary>
public sealed record LabelledSpan(string Type, int Start, int End, string Text)
{
    public int Length => End - Start;
}

/// <summary>
/// One document of the evaluation set: the text, the participant list the court system would pass,
/// every personal datum (<see cref="Entities"/>, typed by <see cref="EntityType"/> names) and the spans that
/// must not be removed (<see cref="Keep"/>: judges, prosecutors, lawyers, court staff, articles, amounts,
/// courts, companies, dates of events, case numbers).
/// </summary>
public sealed record LabelledDocument(
    string Id,
    string Language,
    string Kind,
    string Text,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<LabelledSpan> Entities,
    IReadOnlyList<LabelledSpan> Keep)
{
    public DepersonalizationContext Context() => new(Participants);

    /// <summary>Reads the <c>.labels.json</c> format of <c>eval/depersonalization</c> (see its README).</summary>
    /// <exception cref="FormatException">When a span does not match the text it claims to cover.</exception>
    public static LabelledDocument FromJson(string text, string labelsJson)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(labelsJson);
        var file = JsonSerializer.Deserialize(labelsJson, LabelsJsonContext.Default.LabelsFile)
            ?? throw new FormatException("The labels file is empty.");
        var participants = (file.Participants ?? [])
            .Select(p => new Participant(p.Name, Enum.TryParse<ParticipantRole>(p.Role, out var role) ? role : ParticipantRole.Other))
            .ToArray();
        var entities = (file.Entities ?? []).Select(s => Check(text, s, file.Id)).ToArray();
        var keep = (file.Keep ?? []).Select(s => Check(text, s, file.Id)).ToArray();
        return new LabelledDocument(file.Id ?? "", file.Language ?? "", file.Kind ?? "", text, participants, entities, keep);
    }

    /// <summary>Only the participant list of a <c>.labels.json</c> file.</summary>
    public static IReadOnlyList<Participant> ParticipantsFromJson(string labelsJson)
    {
        var file = JsonSerializer.Deserialize(labelsJson, LabelsJsonContext.Default.LabelsFile)
            ?? throw new FormatException("The labels file is empty.");
        return (file.Participants ?? [])
            .Select(p => new Participant(p.Name, Enum.TryParse<ParticipantRole>(p.Role, out var role) ? role : ParticipantRole.Other))
            .ToArray();
    }

    private static LabelledSpan Check(string text, LabelsSpan s, string? id)
    {
        if (s.Start < 0 || s.End > text.Length || s.Start > s.End || text[s.Start..s.End] != s.Text)
        {
            throw new FormatException($"Document {id}: the span {s.Start}-{s.End} ({s.Type}) does not match its text \"{s.Text}\".");
        }

        return new LabelledSpan(s.Type, s.Start, s.End, s.Text);
    }
}

internal sealed record LabelsFile(
    string? Id,
    string? Language,
    string? Kind,
    List<LabelsParticipant>? Participants,
    List<LabelsSpan>? Entities,
    List<LabelsSpan>? Keep);

internal sealed record LabelsParticipant(string Name, string Role);

internal sealed record LabelsSpan(string Type, int Start, int End, string Text);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LabelsFile))]
internal sealed partial class LabelsJsonContext : JsonSerializerContext;
