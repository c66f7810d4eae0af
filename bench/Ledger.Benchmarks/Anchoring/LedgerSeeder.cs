using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.Domain.Cases;
using Ledger.Projections.Cases;
using Ledger.Projections.Storage;

namespace Ledger.Benchmarks.Anchoring;

/// <summary>Appends filed-and-accepted civil cases (two events each) through the case ledger.</summary>
public static class LedgerSeeder
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var count))
        {
            await Console.Error.WriteLineAsync("usage: seed CONNECTION_STRING CASES [ORIGIN]");
            return 2;
        }

        var origin = args.Length > 2 ? args[2] : "ledger.court.example/2026";
        await using var dataSource = LedgerDataSource.Create(args[0]);
        await LedgerSchema.EnsureAsync(dataSource);
        using var store = MartenConfiguration.CreateStore(dataSource);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var ledger = new CaseLedger(store, origin);
        var events = 0;
        for (var n = 0; n < count; n++)
        {
            events += (await AppendCaseAsync(ledger, n)).Count;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Appended {count} cases ({events} events)."));
        return 0;
    }

    /// <summary>Files and accepts one civil case; returns its two event ids.</summary>
    public static async Task<IReadOnlyList<Guid>> AppendCaseAsync(CaseLedger ledger, int n)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var now = DateTimeOffset.UtcNow;
        var caseId = Guid.NewGuid();
        var document = new DocumentRef(
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(caseId.ToString()))), "evidence", "claim.pdf", "application/pdf", 1000 + n);
        var filed = await ledger.HandleAsync(new FileClaim(
            caseId, CaseKind.Civil, CaseCategory.General, CourtRegistry.FirstInstance[n % CourtRegistry.FirstInstance.Count].Id,
            CaseNumber.Format(CaseKind.Civil, 1 + (n % 99_999), now.Year), "О взыскании долга",
            new Participant(Guid.NewGuid(), ParticipantRole.Plaintiff, "Истец " + n, null), [document], now));
        var accepted = await ledger.HandleAsync(new AcceptCase(
            caseId, new Participant(Guid.NewGuid(), ParticipantRole.Judge, "Судья " + n, null), now.AddDays(1)));
        return [.. filed.Events.Select(e => e.EventId), .. accepted.Events.Select(e => e.EventId)];
    }
}
