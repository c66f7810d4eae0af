using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ledger.Domain.Cases;
using Ledger.LocalStack;
using Ledger.Projections.Publication;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Ledger.Benchmarks -- search [--acts 100000] [--runs 200] [--connection CS]</c>:
/// fills <c>publication.acts</c> with synthetic depersonalized acts (Russian and Kazakh, fixed seed) by binary COPY,
/// then measures p50/p95/p99 of typical searches through <see cref="ActSearch"/> against a baseline in the same run
/// (a primary-key lookup of one act). Without <c>--connection</c> it starts the local stack in
/// <c>.data/test/search-bench</c>.
/// </summary>
public static class SearchBench
{
    private static readonly string[] RuTopics =
    [
        "о взыскании долга по договору займа", "о расторжении договора аренды нежилого помещения",
        "о восстановлении на работе и взыскании заработной платы", "о возмещении ущерба, причинённого дорожно-транспортным происшествием",
        "о признании права собственности на земельный участок", "о защите прав потребителей при продаже автомобиля",
        "о взыскании неустойки по договору поставки", "об оспаривании постановления налогового органа",
        "о разделе совместно нажитого имущества", "о возмещении морального вреда",
    ];

    private static readonly string[] RuCrimes =
    [
        "кражу, то есть тайное хищение чужого имущества", "мошенничество с использованием служебного положения",
        "грабёж, совершённый группой лиц", "причинение вреда здоровью средней тяжести", "незаконный оборот наркотических средств",
        "присвоение вверенного имущества", "угон транспортного средства", "уклонение от уплаты налогов",
    ];

    private static readonly string[] KkTopics =
    [
        "қарыз шарты бойынша қарызды өндіру туралы", "тұрғын үйді жалдау шартын бұзу туралы", "жұмысқа қайта алу және жалақы өндіру туралы",
        "жол-көлік оқиғасынан келтірілген залалды өтеу туралы", "жер учаскесіне меншік құқығын тану туралы", "моральдық зиянды өтеу туралы",
    ];

    private static readonly string[] Words =
    [
        "суд", "установил", "истец", "ответчик", "договор", "сумма", "тенге", "обязательство", "доказательства", "представитель",
        "пояснил", "заседание", "требования", "исполнение", "срок", "претензия", "оплата", "расчёт", "экспертиза", "заключение",
        "свидетель", "показания", "материалы", "дела", "исследовав", "оценив", "совокупности", "пришёл", "выводу", "обоснованности",
    ];

    private static readonly string[] KkWords =
    [
        "сот", "анықтады", "талапкер", "жауапкер", "шарт", "сома", "теңге", "міндеттеме", "дәлелдемелер", "өкіл", "түсіндірді",
        "отырыс", "талаптар", "орындау", "мерзім", "төлем", "сараптама", "қорытынды", "куәгер", "айғақтар", "материалдар",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var acts = Option(args, "--acts", 100_000);
        var runs = Option(args, "--runs", 200);
        var connectionString = args.SkipWhile(a => a != "--connection").Skip(1).FirstOrDefault();
        LocalStackHost? stack = null;
        if (connectionString is null)
        {
            stack = await LocalStackHost.StartAsync(LocalStackOptions.ForTests("search-bench"));
            connectionString = await stack.CreateDatabaseAsync("search_bench");
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await PublicationSchema.EnsureAsync(dataSource);
            var count = (long)(await dataSource.CreateCommand("select count(*) from publication.acts").ExecuteScalarAsync())!;
            if (count < acts)
            {
                await using (var truncate = dataSource.CreateCommand("truncate publication.acts"))
                {
                    await truncate.ExecuteNonQueryAsync();
                }

                var load = Stopwatch.StartNew();
                var ids = await LoadAsync(dataSource, acts);
                await using (var analyze = dataSource.CreateCommand("vacuum analyze publication.acts"))
                {
                    await analyze.ExecuteNonQueryAsync();
                }

                Console.WriteLine($"Loaded {acts:N0} acts by COPY in {load.Elapsed.TotalSeconds:F1} s ({ids.Count} ids).");
            }

            var size = await dataSource.CreateCommand(
                "select pg_size_pretty(pg_total_relation_size('publication.acts')) || ', GIN ' || pg_size_pretty(pg_relation_size('publication.acts_search'))").ExecuteScalarAsync();
            Console.WriteLine($"Table and indexes: {size}");
            var sampleIds = new List<Guid>();
            await using (var sample = dataSource.CreateCommand("select act_id from publication.acts order by act_id limit 1000"))
            await using (var reader = await sample.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    sampleIds.Add(reader.GetGuid(0));
                }
            }

            var search = new ActSearch(dataSource);
            var cases = new (string Name, Func<int, Task> Run)[]
            {
                ("baseline: act by id (primary key)", i => search.GetAsync(sampleIds[i % sampleIds.Count])),
                ("ru phrase «договор займа»", _ => search.SearchAsync(new ActSearchQuery("договор займа"))),
                ("ru phrase + court + year", _ => search.SearchAsync(new ActSearchQuery("договору займа", CourtId: "almaty-bostandyk", Year: 2024))),
                ("ru «восстановлении на работе» + outcome", _ => search.SearchAsync(new ActSearchQuery("\"восстановлении на работе\"", Outcome: ActOutcomes.PartiallyGranted))),
                ("ru «мошенничество» + article УК 190", _ => search.SearchAsync(new ActSearchQuery("мошенничество", Article: "УК 190"))),
                ("kk «қарызды өндіру»", _ => search.SearchAsync(new ActSearchQuery("қарызды өндіру"))),
                ("kk «залалды өтеу» + kind civil, page 3", _ => search.SearchAsync(new ActSearchQuery("залалды өтеу", CaseKind: "civil", Page: 3))),
                ("filters only: court + year + outcome", _ => search.SearchAsync(new ActSearchQuery(CourtId: "astana-esil", Year: 2023, Outcome: ActOutcomes.Granted))),
                ("rare word «экспертиза» + court", _ => search.SearchAsync(new ActSearchQuery("экспертизы", CourtId: "shymkent-abay"))),
            };

            Console.WriteLine();
            Console.WriteLine($"| query ({acts:N0} acts, {runs} runs after 10 warm-up) | p50 ms | p95 ms | p99 ms |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (name, run) in cases)
            {
                for (var i = 0; i < 10; i++)
                {
                    await run(i);
                }

                var times = new double[runs];
                for (var i = 0; i < runs; i++)
                {
                    var watch = Stopwatch.StartNew();
                    await run(i);
                    times[i] = watch.Elapsed.TotalMilliseconds;
                }

                Array.Sort(times);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {Percentile(times, 0.50):F1} | {Percentile(times, 0.95):F1} | {Percentile(times, 0.99):F1} |"));
            }

            return 0;
        }
        finally
        {
            if (stack is not null)
            {
                await stack.DisposeAsync();
            }
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Option(string[] args, string name, int fallback) =>
        int.TryParse(args.SkipWhile(a => a != name).Skip(1).FirstOrDefault(), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static async Task<List<Guid>> LoadAsync(NpgsqlDataSource dataSource, int count)
    {
        var random = new Random(20260101);
        var courts = CourtRegistry.FirstInstance;
        var ids = new List<Guid>(count);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy publication.acts (act_id, case_id, original_hash, published_hash, case_number, court_id, case_kind, category, act_kind, year, outcome, articles, language, text, replacements, issued_at, in_force_at, depersonalized_at) from stdin (format binary)");
        var hash = new byte[32];
        for (var n = 0; n < count; n++)
        {
            var kazakh = random.Next(100) < 25;
            var criminal = !kazakh && random.Next(100) < 30;
            var year = 2019 + random.Next(7);
            var court = courts[random.Next(courts.Count)];
            string text, outcome, kind;
            string[] articles;
            if (criminal)
            {
                var article = 188 + random.Next(8);
                var crime = RuCrimes[random.Next(RuCrimes.Length)];
                outcome = random.Next(10) < 9 ? ActOutcomes.Convicted : ActOutcomes.Acquitted;
                kind = "criminal";
                articles = [$"УК {article}", article.ToString(CultureInfo.InvariantCulture)];
                text = $"ПРИГОВОР ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН. {court.NameRu} в составе председательствующего судьи, при секретаре, с участием прокурора и защитника, рассмотрев уголовное дело в отношении [ФИО-1], обвиняемого в совершении уголовного правонарушения, предусмотренного ч. 2 ст. {article} УК РК, установил: подсудимый совершил {crime}. "
                    + Filler(random, Words, 220) + (outcome == ActOutcomes.Convicted ? " ПРИГОВОРИЛ: признать [ФИО-1] виновным." : " ПРИГОВОРИЛ: оправдать [ФИО-1].");
            }
            else if (kazakh)
            {
                var topic = KkTopics[random.Next(KkTopics.Length)];
                outcome = random.Next(3) switch { 0 => ActOutcomes.Denied, 1 => ActOutcomes.PartiallyGranted, _ => ActOutcomes.Granted };
                kind = "civil";
                articles = ["ГК 715", "715"];
                text = $"ШЕШІМ ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ АТЫНАН. Сот [ФИО-1] талап арызы бойынша [ФИО-2]-ге {topic} азаматтық істі қарап, мыналарды анықтады: "
                    + Filler(random, KkWords, 220) + " АК 715-бабын басшылыққа алып, сот ШЕШТІ: талап қанағаттандырылсын.";
            }
            else
            {
                var topic = RuTopics[random.Next(RuTopics.Length)];
                outcome = random.Next(3) switch { 0 => ActOutcomes.Denied, 1 => ActOutcomes.PartiallyGranted, _ => ActOutcomes.Granted };
                kind = random.Next(10) == 0 ? "administrative" : "civil";
                var article = 272 + random.Next(700);
                articles = [$"ГК {article}", article.ToString(CultureInfo.InvariantCulture)];
                text = $"РЕШЕНИЕ ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН. {court.NameRu} в составе председательствующего судьи, рассмотрев в открытом судебном заседании гражданское дело по иску [ФИО-1] к [ФИО-2] {topic}, установил: "
                    + Filler(random, Words, 220) + $" Руководствуясь статьёй {article} ГК РК, суд РЕШИЛ: иск удовлетворить.";
            }

            var id = new Guid(RandomBytes(random, 16));
            ids.Add(id);
            random.NextBytes(hash);
            var hex = Convert.ToHexStringLower(hash);
            var issued = new DateTime(year, 1, 1, 5, 0, 0, DateTimeKind.Utc).AddDays(random.Next(360));
            await writer.StartRowAsync();
            await writer.WriteAsync(id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(new Guid(RandomBytes(random, 16)), NpgsqlDbType.Uuid);
            await writer.WriteAsync(hex, NpgsqlDbType.Text);
            await writer.WriteAsync(hex, NpgsqlDbType.Text);
            await writer.WriteAsync($"{(criminal ? 1 : 2)}-{n}-{year % 100:D2}", NpgsqlDbType.Text);
            await writer.WriteAsync(court.Id, NpgsqlDbType.Text);
            await writer.WriteAsync(kind, NpgsqlDbType.Text);
            await writer.WriteAsync("general", NpgsqlDbType.Text);
            await writer.WriteAsync(criminal ? "verdict" : "decision", NpgsqlDbType.Text);
            await writer.WriteAsync(year, NpgsqlDbType.Integer);
            await writer.WriteAsync(outcome, NpgsqlDbType.Text);
            await writer.WriteAsync(articles, NpgsqlDbType.Array | NpgsqlDbType.Text);
            await writer.WriteAsync(kazakh ? "kk" : "ru", NpgsqlDbType.Text);
            await writer.WriteAsync(text, NpgsqlDbType.Text);
            await writer.WriteAsync(2 + random.Next(20), NpgsqlDbType.Integer);
            await writer.WriteAsync(issued, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(issued.AddDays(35), NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(issued.AddDays(36), NpgsqlDbType.TimestampTz);
        }

        await writer.CompleteAsync();
        return ids;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Sentences of 8–15 words drawn from the vocabulary (about <paramref name="words"/> words).</summary>
    private static string Filler(Random random, string[] vocabulary, int words)
    {
        var text = new StringBuilder(words * 10);
        var inSentence = 0;
        var length = 8 + random.Next(8);
        for (var i = 0; i < words; i++)
        {
            var word = vocabulary[random.Next(vocabulary.Length)];
            text.Append(inSentence == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            if (++inSentence == length)
            {
                text.Append(". ");
                inSentence = 0;
                length = 8 + random.Next(8);
            }
            else
            {
                text.Append(' ');
            }
        }

        return text.ToString();
    }
}
