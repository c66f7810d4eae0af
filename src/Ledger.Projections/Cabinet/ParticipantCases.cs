using Npgsql;

namespace Ledger.Projections.Cabinet;

/// <summary>
/// The "participant → cases" read model (<c>publication.participant_cases</c>, kept by
/// <see cref="Publication.PublicationProjector"/> from the log): the cases a person was admitted to, with the role.
/// </summary>
public sealed class ParticipantCases(NpgsqlDataSource dataSource)
{
    public sealed record Entry(Guid CaseId, string Role, DateTimeOffset Since);

    public async Task<IReadOnlyList<Entry>> ForParticipantAsync(Guid participantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "select case_id, role, since from publication.participant_cases where participant_id = @participant order by since desc, case_id");
        command.Parameters.AddWithValue("participant", participantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<Entry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new Entry(reader.GetGuid(0), reader.GetString(1), new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero)));
        }

        return entries;
    }
}
