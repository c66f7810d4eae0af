using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ledger.Api.Cases;
using Ledger.Api.Security;
using Ledger.Domain.Cases;
using Ledger.Domain.Cases.Scenarios;
using Ledger.LocalStack;
using Microsoft.IdentityModel.Tokens;
using Spectre.Console;

namespace Ledger.Cli.Commands;

/// <summary>What to seed and where.</summary>
public sealed record SeedOptions
{
    public required Uri Api { get; init; }

    public int Cases { get; init; } = 200;

    public int Seed { get; init; } = 1;

    public int Concurrency { get; init; } = 8;

    /// <summary>Arrivals are spread over this many days, ending now.</summary>
    public int Days { get; init; } = 365;

    /// <summary>The token signing key (base64), shared with the API.</summary>
    public required SymmetricSecurityKey TokenKey { get; init; }

    public string Issuer { get; init; } = "caseledger-local";

    public string Audience { get; init; } = "caseledger";
}

/// <summary>The outcome of a seed run.</summary>
public sealed record SeedSummary(
    int Cases, int Commands, int EventsAppended, int Replayed, int Refusals, int Errors, int Skipped, TimeSpan Elapsed, IReadOnlyList<string> FirstProblems)
{
    public double EventsPerSecond => Elapsed.TotalSeconds > 0 ? EventsAppended / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// <c>caseledger seed --api URL --cases N [--token-key FILE] [--seed S]</c>: drives the case API as the courts'
/// systems would, with the realistic caseload of <see cref="CaseScenarioGenerator"/> (criminal, civil and
/// administrative cases over ~20 courts and a year of dates, suspensions, appeals, some cases past their terms).
/// Every command is sent by the court system of the case's court with <c>X-Occurred-At</c> = the scenario's time
/// (the API must allow it: <c>Cases:AllowBackdating</c>, on in Development) and a deterministic
/// <c>Idempotency-Key</c>, so that running the same seed again stores nothing twice.
/// </summary>
public static class SeedCommand
{
    public static Command Create()
    {
        var api = new Option<string>("--api") { Description = "Base address of the API, e.g. http://127.0.0.1:5080", Required = true };
        var cases = new Option<int>("--cases") { Description = "How many cases to generate (default 200)", DefaultValueFactory = _ => 200 };
        var keyFile = new Option<string?>("--token-key") { Description = "Token signing key file (default .data/keys/auth.key)" };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same cases (default 1)", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--concurrency") { Description = "Cases sent in parallel (default 8)", DefaultValueFactory = _ => 8 };
        var days = new Option<int>("--days") { Description = "Days of history, ending now (default 365)", DefaultValueFactory = _ => 365 };
        var command = new Command("seed", "Fill the ledger through the API with realistic case flows, as court systems would send them.")
        {
            api, cases, keyFile, seed, concurrency, days,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!Uri.TryCreate(parseResult.GetValue(api), UriKind.Absolute, out var baseUri))
            {
                Console.Error.WriteLine($"--api must be an absolute address such as http://127.0.0.1:5080; got \"{parseResult.GetValue(api)}\".");
                return 2;
            }

            var count = parseResult.GetValue(cases);
            if (count < 1 || parseResult.GetValue(concurrency) < 1 || parseResult.GetValue(days) < 1)
            {
                Console.Error.WriteLine("--cases, --concurrency and --days must be at least 1.");
                return 2;
            }

            var path = parseResult.GetValue(keyFile) ?? Path.Combine(RepositoryRoot.Find(), ".data", "keys", LocalKeys.AuthKeyFileName);
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"The token signing key {path} does not exist: run ./caseledger up once, or give --token-key.");
                return 2;
            }

            var options = new SeedOptions
            {
                Api = baseUri,
                Cases = count,
                Seed = parseResult.GetValue(seed),
                Concurrency = parseResult.GetValue(concurrency),
                Days = parseResult.GetValue(days),
                TokenKey = AccessTokens.FromText((await File.ReadAllTextAsync(path, cancellationToken)).Trim()),
            };
            using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(100) };
            var summary = await RunAsync(options, http, AnsiConsole.Console, TimeProvider.System, cancellationToken);
            return summary.Errors > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>Generates the scenarios and sends them; shows a progress bar and a summary on <paramref name="console"/>.</summary>
    public static async Task<SeedSummary> RunAsync(SeedOptions options, HttpClient http, IAnsiConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().ToOffset(TimeSpan.FromHours(5));
        var start = new DateTimeOffset(now.Date.AddDays(-options.Days).AddHours(9), now.Offset);
        var generator = new CaseScenarioGenerator(options.Seed, new CaseScenarioOptions
        {
            Start = start,
            Days = options.Days,
            Horizon = now.AddMinutes(-1),
        });
        var scenarios = generator.Generate(options.Cases);
        var total = scenarios.Sum(s => s.Commands.Count);
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var court in scenarios.Select(s => s.CourtId).Distinct(StringComparer.Ordinal))
        {
            tokens[court] = AccessTokens.Issue(
                options.TokenKey, options.Issuer, options.Audience, "court-system-" + court, [Roles.CourtSystem],
                name: "Court system " + court, courtId: court, lifetime: TimeSpan.FromHours(12));
        }

        var counters = new Counters();
        var clock = Stopwatch.StartNew();
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                // Intake triage records (RecordIntakeAssessment, ReviewIntake) are made by the intake API from a real filing
                // (POST /api/v1/intake/cases/{id}/filings runs the pipeline on the file); the generated scenarios have no
                // file to send, so these records are left out and counted as skipped.
                var task = progress.AddTask($"Seeding {scenarios.Count} cases ({total} commands)", maxValue: total);
                using var gate = new SemaphoreSlim(options.Concurrency);
                var runs = scenarios.Select(async scenario =>
                {
                    await gate.WaitAsync(cancellationToken);
                    try
                    {
                        for (var i = 0; i < scenario.Commands.Count; i++)
                        {
                            if (!HasApiCall(scenario.Commands[i]))
                            {
                                counters.Skip();
                                task.Increment(1);
                                continue;
                            }

                            var key = string.Create(CultureInfo.InvariantCulture, $"seed-{options.Seed}-{scenario.CaseId:N}-{i}");
                            await SendAsync(http, tokens[scenario.CourtId], scenario.Commands[i], key, counters, cancellationToken);
                            task.Increment(1);
                        }
                    }
                    finally
                    {
                        gate.Release();
                    }
                });
                await Task.WhenAll(runs);
            });
        clock.Stop();

        var summary = new SeedSummary(
            scenarios.Count, total, counters.Events, counters.Replayed, counters.Refusals, counters.Errors, counters.Skipped, clock.Elapsed, [.. counters.Problems]);
        var table = new Table().AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        table.AddRow("Cases", summary.Cases.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Commands sent", summary.Commands.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Events appended", summary.EventsAppended.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Replayed (already stored)", summary.Replayed.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Skipped (intake records)", summary.Skipped.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Refused by the rules", summary.Refusals.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Errors", summary.Errors.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Elapsed", summary.Elapsed.ToString(@"hh\:mm\:ss\.f", CultureInfo.InvariantCulture));
        table.AddRow("Events per second", summary.EventsPerSecond.ToString("F1", CultureInfo.InvariantCulture));
        console.Write(table);
        foreach (var problem in summary.FirstProblems)
        {
            console.MarkupLine("[yellow]" + Markup.Escape(problem) + "[/]");
        }

        return summary;
    }

    private static async Task SendAsync(HttpClient http, string token, CaseCommand command, string key, Counters counters, CancellationToken cancellationToken)
    {
        var (path, body) = Describe(command);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path)
                {
                    Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), CaseRequestReader.Json), Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Add(CaseRequestReader.IdempotencyKeyHeader, key);
                request.Headers.Add(CaseRequestReader.OccurredAtHeader, command.Now.ToString("O", CultureInfo.InvariantCulture));
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 5)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
                    continue;
                }

                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    var answer = JsonSerializer.Deserialize<AppendResponse>(text, CaseRequestReader.Json)!;
                    if (answer.Replayed)
                    {
                        counters.Replay();
                    }
                    else
                    {
                        counters.Append(answer.Events.Count);
                    }
                }
                else if ((int)response.StatusCode is >= 400 and < 500)
                {
                    counters.Refuse($"{command.GetType().Name} {path}: {(int)response.StatusCode} {Detail(text)}");
                }
                else
                {
                    counters.Fail($"{command.GetType().Name} {path}: {(int)response.StatusCode} {Detail(text)}");
                }

                return;
            }
            catch (HttpRequestException ex) when (attempt < 5)
            {
                _ = ex;
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                counters.Fail($"{command.GetType().Name} {path}: {ex.Message}");
                return;
            }
        }
    }

    private static string Detail(string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(problem);
            return document.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : problem;
        }
        catch (JsonException)
        {
            return problem.Length > 200 ? problem[..200] : problem;
        }
    }

    /// <summary>Whether the case API has a call for the command (intake records come from the intake API, which needs the filing itself).</summary>
    public static bool HasApiCall(CaseCommand command) => command is not (RecordIntakeAssessment or ReviewIntake);

    private static DocumentReference Doc(DocumentRef d) => DocumentReference.From(d)!;

    private static ParticipantRequest Person(Participant p) => new() { ParticipantId = p.ParticipantId, Role = p.Role, DisplayName = p.DisplayName, Iin = p.Iin };

    /// <summary>The API call for a command: its path and request body.</summary>
    public static (string Path, object Body) Describe(CaseCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var c = $"api/v1/cases/{command.CaseId}";
        return command switch
        {
            ReceiveCriminalCase r => ("api/v1/cases/criminal", new TransmitCriminalCaseRequest
            {
                CaseId = r.CaseId, CourtId = r.CourtId, CaseNumber = r.CaseNumber, ErdrNumber = r.ErdrNumber, ProsecutorOffice = r.ProsecutorOffice,
                Materials = [.. r.Materials.Select(Doc)], ClosedCategories = r.ClosedCategories,
            }),
            FileClaim f => ("api/v1/cases/claims", new FileClaimRequest
            {
                CaseId = f.CaseId, Kind = f.Kind, Category = f.Category, CourtId = f.CourtId, CaseNumber = f.CaseNumber, Subject = f.Subject,
                Claimant = Person(f.Claimant), Materials = [.. f.Materials.Select(Doc)], ClosedCategories = f.ClosedCategories,
            }),
            AcceptCase a => ($"{c}/acceptance", new AcceptCaseRequest { JudgeId = a.Judge.ParticipantId, JudgeName = a.Judge.DisplayName, JudgeIin = a.Judge.Iin }),
            ReturnCase r => ($"{c}/return", new ReturnCaseRequest { JudgeId = r.JudgeId, Reason = r.Reason, Ruling = DocumentReference.From(r.Ruling) }),
            AdmitParticipants a => ($"{c}/participants", new AdmitParticipantsRequest { Participants = [.. a.Participants.Select(Person)] }),
            AttachMaterial m => ($"{c}/materials", new AttachMaterialRequest { MaterialId = m.MaterialId, Document = Doc(m.Document), FiledBy = m.FiledBy }),
            FileMotion m => ($"{c}/motions", new FileMotionRequest { MotionId = m.MotionId, Kind = m.Kind, Document = Doc(m.Document), FiledBy = m.FiledBy }),
            DecideMotion m => ($"{c}/motions/{m.MotionId}/decision", new DecideMotionRequest { Outcome = m.Outcome, Ruling = DocumentReference.From(m.Ruling), JudgeId = m.JudgeId }),
            CompletePreparation p => ($"{c}/preparation-completed", new CompletePreparationRequest { JudgeId = p.JudgeId }),
            ScheduleHearing h => ($"{c}/hearings", new ScheduleHearingRequest
            {
                HearingId = h.HearingId, StartsAt = h.StartsAt, Format = h.Format, Courtroom = h.Courtroom, ParticipantIds = h.ParticipantIds,
            }),
            HoldHearing h => ($"{c}/hearings/{h.HearingId}/held", new HoldHearingRequest { Recordings = [.. h.Recordings.Select(Doc)] }),
            PostponeHearing h => ($"{c}/hearings/{h.HearingId}/postponement", new PostponeHearingRequest { Reason = h.Reason }),
            SuspendProceedings s => ($"{c}/suspension", new SuspendProceedingsRequest { Ground = s.Ground, Note = s.Note, Ruling = DocumentReference.From(s.Ruling), JudgeId = s.JudgeId }),
            ResumeProceedings r => ($"{c}/resumption", new ResumeProceedingsRequest { Note = r.Note, JudgeId = r.JudgeId }),
            IssueJudgment j => ($"{c}/judgments", new IssueJudgmentRequest { ActId = j.ActId, Kind = j.Kind, Document = Doc(j.Document), Outcome = j.Outcome, JudgeId = j.JudgeId }),
            EnterJudgmentIntoForce e => ($"{c}/judgments/{e.ActId}/entry-into-force", new EnterIntoForceRequest()),
            FileAppeal a => ($"{c}/appeals", new FileAppealRequest
            {
                AppealId = a.AppealId, ActId = a.ActId, Document = Doc(a.Document), ReinstatementMotionId = a.ReinstatementMotionId, FiledBy = a.FiledBy,
            }),
            DecideAppeal a => ($"{c}/appeals/{a.AppealId}/decision", new DecideAppealRequest
            {
                Outcome = a.Outcome, AppellateCourtId = a.AppellateCourtId, Decision = Doc(a.Decision), AmendedAct = DocumentReference.From(a.AmendedAct),
            }),
            SetAsideJudgment s => ($"{c}/judgments/{s.ActId}/set-aside", new SetAsideJudgmentRequest { Ground = s.Ground, Document = Doc(s.Document) }),
            CloseCase x => ($"{c}/closure", new CloseCaseRequest { Reason = x.Reason, Ruling = DocumentReference.From(x.Ruling) }),
            TransferCase t => ($"{c}/transfer", new TransferCaseRequest { ToCourtId = t.ToCourtId, Reason = t.Reason }),
            MarkClosedCategory m => ($"{c}/closed-categories", new MarkClosedCategoryRequest { Category = m.Category }),
            OrderErasure e => ($"{c}/erasures", new OrderErasureRequest { ErasureId = e.ErasureId, Reason = e.Reason, OrderReference = e.OrderReference, EventVersions = e.EventVersions }),
            _ => throw new ArgumentException($"No API call for {command.GetType().Name}.", nameof(command)),
        };
    }

    private sealed class Counters
    {
        private readonly object _lock = new();
        private readonly List<string> _problems = [];

        public int Events { get; private set; }

        public int Replayed { get; private set; }

        public int Refusals { get; private set; }

        public int Errors { get; private set; }

        public int Skipped { get; private set; }

        public IReadOnlyList<string> Problems
        {
            get
            {
                lock (_lock)
                {
                    return [.. _problems];
                }
            }
        }

        public void Append(int events)
        {
            lock (_lock)
            {
                Events += events;
            }
        }

        public void Replay()
        {
            lock (_lock)
            {
                Replayed++;
            }
        }

        public void Skip()
        {
            lock (_lock)
            {
                Skipped++;
            }
        }

        public void Refuse(string problem)
        {
            lock (_lock)
            {
                Refusals++;
                Note(problem);
            }
        }

        public void Fail(string problem)
        {
            lock (_lock)
            {
                Errors++;
                Note(problem);
            }
        }

        private void Note(string problem)
        {
            if (_problems.Count < 10)
            {
                _problems.Add(problem);
            }
        }
    }
}
