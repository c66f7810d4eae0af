namespace Ledger.Domain.Depersonalization;

/// <summary>
/// Finds names of natural persons: first the case's participants (every inflected form of every name part,
/// plus their initials), then persons not in the list, by patterns over capitalised words — surname endings,
/// the first-name dictionary, patronymic endings, initials and the role word before the name.
/// Persons found by pattern become known, so their later bare-surname mentions are found too.
/// </summary>
internal sealed class NameDetector
{
    private const int MaxRun = 4;

    private readonly DepersonalizationContext _context;
    private readonly NameDictionary _dictionary;
    private readonly List<Person> _persons = [];
    private readonly Dictionary<string, List<(int Person, NamePart Part)>> _forms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inferredBySurname = new(StringComparer.Ordinal);

    public NameDetector(DepersonalizationContext context, NameDictionary dictionary)
    {
        _context = context;
        _dictionary = dictionary;
        foreach (var participant in context.Participants)
        {
            AddParticipant(participant);
        }
    }

    /// <summary>A person: a listed participant or one inferred from the text.</summary>
    internal sealed record Person(int Index, string Name, bool Kept, string Source, char FirstInitial, char PatronymicInitial);

    internal enum NamePart
    {
        Surname,
        Given,
        Patronymic,
    }

    public IReadOnlyList<Person> Persons => _persons;

    public void Find(string text, List<Candidate> output)
    {
        var tokens = NameTokenizer.Tokenize(text);
        var patterns = new PatternMatch?[tokens.Count];
        var patternsKnown = false;

        // Pass 1: learn persons that are not in the participant list.
        if (_context.DetectUnlistedPersons)
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                if (!tokens[i].Capitalized)
                {
                    continue;
                }

                var m = patterns[i] = MatchPattern(tokens, i);
                var run = MatchRun(tokens, i);
                if (m is { } p && (run is null || p.End >= run.Value.End))
                {
                    if (IdentifyListed(tokens, p.Start, p.End) is null)
                    {
                        Register(tokens, p);
                    }

                    i = p.End - 1;
                }
                else if (run is { } r)
                {
                    i = r.End - 1;
                }
            }

            patternsKnown = true;
        }

        // Pass 2: replace.
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].Capitalized)
            {
                continue;
            }

            // Patterns depend only on the text and the dictionary: reuse pass 1 where it looked at this token.
            var pattern = !_context.DetectUnlistedPersons ? null
                : patternsKnown && patterns[i] is { } known ? known
                : MatchPattern(tokens, i);
            var run = MatchRun(tokens, i);
            int end;
            Person? person;
            string reason;
            if (pattern is { } p && (run is null || p.End >= run.Value.End))
            {
                end = p.End;
                person = IdentifyListed(tokens, p.Start, p.End) ?? FindInferred(tokens, p);
                reason = person is null ? $"pattern: {p.Rule}" : $"{person.Source}; pattern: {p.Rule}";
                if (person is null)
                {
                    continue;
                }
            }
            else if (run is { } r)
            {
                end = r.End;
                person = _persons[r.Person];
                reason = $"{person.Source}; {r.Reason}";
            }
            else
            {
                continue;
            }

            if (!person.Kept)
            {
                var start = tokens[i].Start;
                output.Add(new Candidate(start, tokens[end - 1].End - start, EntityType.PersonName, reason, person.Index));
            }

            i = end - 1;
        }
    }

    // ---------------------------------------------------------------- participants and known persons

    private void AddParticipant(Participant participant)
    {
        var parts = SplitName(participant.FullName);
        if (parts.Count == 0)
        {
            return;
        }

        var kept = _context.IsKept(participant.Role);
        var person = new Person(_persons.Count, participant.FullName, kept,
            $"participant: {participant.FullName} ({participant.Role})",
            parts.Count > 1 ? char.ToLowerInvariant(parts[1][0]) : '\0',
            parts.Count > 2 ? char.ToLowerInvariant(parts[2][0]) : '\0');
        _persons.Add(person);
        for (var k = 0; k < parts.Count; k++)
        {
            var part = k switch { 0 => NamePart.Surname, 1 => NamePart.Given, _ => NamePart.Patronymic };
            foreach (var form in NameForms.AllForms(parts[k]))
            {
                AddForm(form, person.Index, part);
            }
        }
    }

    private static List<string> SplitName(string fullName)
    {
        var words = fullName.Split([' ', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries).ToList();
        // "Асқар ұлы" / "Серік қызы": the patronymic is written as two words; keep its first word.
        words.RemoveAll(w => w.ToLowerInvariant() is "ұлы" or "улы" or "қызы" or "кызы" or "оглы" or "кызы");
        return words;
    }

    private void AddForm(string form, int person, NamePart part)
    {
        if (!_forms.TryGetValue(form, out var list))
        {
            list = [];
            _forms[form] = list;
        }

        if (!list.Contains((person, part)))
        {
            list.Add((person, part));
        }
    }

    private IEnumerable<(int Person, NamePart Part)> Lookup(NameToken token)
    {
        if (token.Kind != TokenKind.Word || !token.Capitalized)
        {
            yield break;
        }

        if (_forms.TryGetValue(token.Lower, out var list))
        {
            foreach (var x in list)
            {
                yield return x;
            }
        }

        if (_inferredBySurname.Count > 0)
        {
            var key = token.SurnameStem ?? token.Lower;
            if (_inferredBySurname.TryGetValue(key, out var inferred))
            {
                yield return (inferred, NamePart.Surname);
            }
        }
    }

    private readonly record struct Run(int End, int Person, string Reason);

    /// <summary>The longest run of adjacent tokens that all belong to one known person.</summary>
    private Run? MatchRun(List<NameToken> tokens, int i)
    {
        var first = tokens[i];
        HashSet<int> candidates;
        var parts = new List<NamePart>();
        var j = i;
        if (first.Kind == TokenKind.Initials)
        {
            if (i + 1 >= tokens.Count || !tokens[i + 1].JoinedToPrevious)
            {
                return null;
            }

            candidates = Lookup(tokens[i + 1]).Where(x => x.Part == NamePart.Surname).Select(x => x.Person)
                .Where(p => InitialsFit(_persons[p], first.Lower)).ToHashSet();
            if (candidates.Count == 0)
            {
                return null;
            }

            parts.Add(NamePart.Surname);
            j = i + 2;
        }
        else
        {
            var matches = Lookup(first).ToList();
            if (matches.Count == 0)
            {
                return null;
            }

            candidates = matches.Select(x => x.Person).ToHashSet();
            parts.Add(matches[0].Part);
            j = i + 1;
        }

        while (j < tokens.Count && j - i < MaxRun && tokens[j].JoinedToPrevious && !tokens[j].SentenceBreakBefore)
        {
            var t = tokens[j];
            HashSet<int> next;
            if (t.Kind == TokenKind.Initials)
            {
                next = candidates.Where(p => InitialsFit(_persons[p], t.Lower)).ToHashSet();
            }
            else
            {
                var matches = Lookup(t).Where(x => candidates.Contains(x.Person)).ToList();
                next = matches.Select(x => x.Person).ToHashSet();
                if (matches.Count > 0)
                {
                    parts.Add(matches[0].Part);
                }
            }

            if (next.Count == 0)
            {
                break;
            }

            candidates = next;
            j++;
        }

        // A bare first name is a weak signal: not after "имени"/"им." (streets, institutions).
        if (j - i == 1 && parts[0] == NamePart.Given && i > 0 && tokens[i - 1].Lower is "им" or "имени" or "атындағы" or "ул" or "улица" or "пр" or "проспект")
        {
            return null;
        }

        if (j - i == 1 && parts[0] == NamePart.Patronymic)
        {
            return null;
        }

        // Prefer a listed participant to an inferred person, and a removed person to a kept one.
        var person = candidates.Select(p => _persons[p])
            .OrderBy(p => p.Source.StartsWith("participant", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(p => p.Kept ? 1 : 0)
            .ThenBy(p => p.Index)
            .First();
        return new Run(j, person.Index, j - i == 1 ? $"form of {parts[0].ToString().ToLowerInvariant()}" : "name and initials forms");
    }

    private static bool InitialsFit(Person person, string initials) =>
        person.FirstInitial != '\0' && initials[0] == person.FirstInitial
        && (initials.Length == 1 || person.PatronymicInitial == '\0' || initials[1] == person.PatronymicInitial);

    /// <summary>The listed participant (or already known person) named by the tokens, if any.</summary>
    private Person? IdentifyListed(List<NameToken> tokens, int start, int end)
    {
        var votes = new Dictionary<int, int>();
        string? initials = null;
        var words = 0;
        for (var k = start; k < end; k++)
        {
            if (tokens[k].Kind == TokenKind.Initials)
            {
                initials = tokens[k].Lower;
                continue;
            }

            if (tokens[k].Lower is "ұлы" or "улы" or "қызы" or "кызы" or "оглы")
            {
                continue;
            }

            words++;
            foreach (var person in Lookup(tokens[k]).Where(x => _persons[x.Person].Source.StartsWith("participant", StringComparison.Ordinal))
                         .GroupBy(x => x.Person))
            {
                var surname = person.Any(x => x.Part == NamePart.Surname);
                votes[person.Key] = votes.GetValueOrDefault(person.Key) + (surname ? 10 : 1) + 1000;
            }
        }

        // Every word must belong to the person: "Абилова Тимура Руслановича" is the defendant's son, not the
        // defendant Абилов Руслан, although the surname matches.
        foreach (var key in votes.Keys.ToList())
        {
            if (votes[key] / 1000 < words)
            {
                votes.Remove(key);
            }
            else
            {
                votes[key] %= 1000;
            }
        }

        // A listed person is named only when the surname is among the words, or first name and patronymic
        // together (a shared first name or patronymic alone says nothing about who it is).
        return votes.Count == 0
            ? null
            : votes.Where(v => (v.Value >= 10 || words >= 2) && (initials is null || InitialsFit(_persons[v.Key], initials)))
                .OrderByDescending(v => v.Value).ThenBy(v => _persons[v.Key].Kept ? 1 : 0)
                .Select(v => _persons[v.Key]).FirstOrDefault();
    }

    // ---------------------------------------------------------------- persons not in the list

    private readonly record struct PatternMatch(int Start, int End, int SurnameToken, char Initial, string Rule, bool Kept);

    private void Register(List<NameToken> tokens, PatternMatch m)
    {
        var surname = tokens[m.SurnameToken];
        var key = surname.SurnameStem ?? surname.Lower;
        if (_inferredBySurname.ContainsKey(key))
        {
            return;
        }

        var person = new Person(_persons.Count, surname.Lower, m.Kept,
            m.Kept ? $"unlisted person kept by role word ({m.Rule})" : $"unlisted person ({m.Rule})", m.Initial, '\0');
        _persons.Add(person);
        _inferredBySurname[key] = person.Index;
        if (surname.SurnameStem is null)
        {
            // Not a Russian-style surname (Цой, Пак, Ли): learn its case forms from the form seen.
            foreach (var form in NameForms.RussianForms(surname.Lower))
            {
                _inferredBySurname.TryAdd(form, person.Index);
            }
        }

        // The other words of the name (first name, patronymic), so that the whole name is one run later.
        for (var k = m.Start; k < m.End; k++)
        {
            if (k != m.SurnameToken && tokens[k].Kind == TokenKind.Word)
            {
                foreach (var form in NameForms.AllForms(tokens[k].Lower))
                {
                    AddForm(form, person.Index, NamePart.Given);
                }
            }
        }
    }

    private Person? FindInferred(List<NameToken> tokens, PatternMatch m)
    {
        var surname = tokens[m.SurnameToken];
        var key = surname.SurnameStem ?? surname.Lower;
        return _inferredBySurname.TryGetValue(key, out var index) ? _persons[index] : null;
    }

    private bool IsNameWord(NameToken t) =>
        t.IsCapitalizedWord && t.Lower.Length >= 2 && _dictionary.RoleWord(t.Lower) == RoleWordKind.None
        && !NonNames.Contains(t.Lower);

    private static bool Joined(List<NameToken> tokens, int k) =>
        k < tokens.Count && tokens[k].JoinedToPrevious && !tokens[k].SentenceBreakBefore;

    /// <summary>Name patterns at token i, longest first.</summary>
    private PatternMatch? MatchPattern(List<NameToken> tokens, int i)
    {
        var t0 = tokens[i];
        if (t0.Kind == TokenKind.Initials)
        {
            // И.И. Иванов / А.С. Ким / А. Иванова
            if (Joined(tokens, i + 1) && IsNameWord(tokens[i + 1]) && !tokens[i + 1].IsPatronymic
                && (t0.InitialCount >= 2 ? !_dictionary.IsFirstName(tokens[i + 1].Lower) || tokens[i + 1].SurnameStem is not null
                                          : tokens[i + 1].SurnameStem is not null))
            {
                return WithRole(tokens, new PatternMatch(i, i + 2, i + 1, t0.Lower[0], "initials + surname", false));
            }

            return null;
        }

        // по имени Азамат
        if (t0.IsCapitalizedWord && i > 1 && tokens[i - 1].Lower == "имени" && tokens[i - 2].Lower == "по" && _dictionary.IsFirstName(t0.Lower))
        {
            return WithRole(tokens, new PatternMatch(i, i + 1, i, t0.Lower[0], "\"по имени\" + first name", false));
        }

        if (!IsNameWord(t0))
        {
            return null;
        }

        var t1 = Joined(tokens, i + 1) ? tokens[i + 1] : null;
        var t2 = t1 is not null && Joined(tokens, i + 2) ? tokens[i + 2] : null;
        var t3 = t2 is not null && Joined(tokens, i + 3) ? tokens[i + 3] : null;

        // Фамилия Имя Отчество / Фамилия Имя Асқар ұлы
        if (t1 is not null && t2 is not null && IsNameWord(t1) && !t0.IsPatronymic && !t1.IsPatronymic)
        {
            if (t2.IsPatronymic)
            {
                return WithRole(tokens, new PatternMatch(i, i + 3, i, t1.Lower[0], "surname + first name + patronymic", false));
            }

            if (IsNameWord(t2) && t3 is not null && t3.Lower is "ұлы" or "улы" or "қызы" or "кызы" or "оглы")
            {
                return WithRole(tokens, new PatternMatch(i, i + 4, i, t1.Lower[0], "surname + first name + patronymic (… ұлы/қызы)", false));
            }
        }

        // Имя Отчество Фамилия
        if (t1 is not null && t1.IsPatronymic && !t0.IsPatronymic)
        {
            if (t2 is not null && IsNameWord(t2) && t2.SurnameStem is not null)
            {
                return WithRole(tokens, new PatternMatch(i, i + 3, i + 2, t0.Lower[0], "first name + patronymic + surname", false));
            }

            return WithRole(tokens, new PatternMatch(i, i + 2, i, t0.Lower[0], "first name + patronymic", false));
        }

        if (t1 is not null && t1.Kind == TokenKind.Initials && !t0.IsPatronymic)
        {
            // Иванов И.И. / Ким А.Б. / Иванова А.
            if (t1.InitialCount >= 2 || t0.SurnameStem is not null)
            {
                return WithRole(tokens, new PatternMatch(i, i + 2, i, t1.Lower[0], "surname + initials", false));
            }
        }

        if (t1 is not null && IsNameWord(t1))
        {
            // Иванова Анна / Анна Иванова
            if (t0.SurnameStem is not null && _dictionary.IsFirstName(t1.Lower))
            {
                return WithRole(tokens, new PatternMatch(i, i + 2, i, t1.Lower[0], "surname + dictionary first name", false));
            }

            if (_dictionary.IsFirstName(t0.Lower) && t1.SurnameStem is not null)
            {
                return WithRole(tokens, new PatternMatch(i, i + 2, i + 1, t0.Lower[0], "dictionary first name + surname", false));
            }
        }

        var roleBefore = i > 0 && tokens[i].JoinedToPrevious && !tokens[i].SentenceBreakBefore
            ? _dictionary.RoleWord(tokens[i - 1].Lower)
            : RoleWordKind.None;
        if (roleBefore != RoleWordKind.None)
        {
            var role = tokens[i - 1].Lower;

            // потерпевший Цой В. / гр. Ли В.
            if (t1 is not null && t1.Kind == TokenKind.Initials)
            {
                return WithRole(tokens, new PatternMatch(i, i + 2, i, t1.Lower[0], $"role word \"{role}\" + surname + initial", false));
            }

            // подсудимого Пак Ен Су / потерпевшего Цой Виктора: up to three capitalised words after a role word.
            if (t1 is not null && IsNameWord(t1) && t0.Lower.Length <= 12)
            {
                var end = t2 is not null && IsNameWord(t2) && t2.Lower.Length <= 4 ? i + 3 : i + 2;
                return WithRole(tokens, new PatternMatch(i, end, i, t1.Lower[0], $"role word \"{role}\" + capitalised words", false));
            }

            // свидетель Петров / потерпевшей Сидоровой
            if (t0.SurnameStem is not null)
            {
                return WithRole(tokens, new PatternMatch(i, i + 1, i, '\0', $"role word \"{role}\" + surname", false));
            }
        }

        // "… по вине сантехника Горбунова …": an -ов/-ев/-ин surname in the middle of a sentence.
        if (IsNameWord(t0) && t0.SurnameStem is { } lone && NameForms.EndsWithAny(lone, "ов", "ев", "ёв", "ин", "ын") && i > 0
            && tokens[i].JoinedToPrevious && !tokens[i].SentenceBreakBefore
            && tokens[i - 1] is { Kind: TokenKind.Word, Capitalized: false } previous
            && !PlaceWords.Contains(previous.Lower)
            && (i + 1 >= tokens.Count || !PlaceWords.Contains(tokens[i + 1].Lower))
            && (t1 is null || !t1.IsCapitalizedWord))
        {
            return WithRole(tokens, new PatternMatch(i, i + 1, i, '\0', "surname ending mid-sentence", false));
        }


        return null;
    }

    /// <summary>Marks a match as kept when the nearest role word before it names a kept role (судья, прокурор…).</summary>
    private PatternMatch WithRole(List<NameToken> tokens, PatternMatch m)
    {
        var counted = 0;
        for (var k = m.Start - 1; k >= 0 && counted < 3; k--)
        {
            if (tokens[k + 1].SentenceBreakBefore && k + 1 != m.Start)
            {
                break;
            }

            var role = _dictionary.RoleWord(tokens[k].Lower);
            if (role == RoleWordKind.Kept)
            {
                return m with { Kept = true, Rule = m.Rule + $", after \"{tokens[k].Lower}\"" };
            }

            if (role == RoleWordKind.Removed)
            {
                return m;
            }

            if (!tokens[k].Capitalized && !CourtWords.Contains(tokens[k].Lower) && tokens[k].Kind == TokenKind.Word)
            {
                counted++;
            }

            if (tokens[k + 1].SentenceBreakBefore)
            {
                break;
            }
        }

        return m;
    }

    // Words after which a surname-like word names a street, town or institution, not a person.
    private static readonly HashSet<string> PlaceWords = new(StringComparer.Ordinal)
    {
        "имени", "им", "ул", "улица", "улице", "улицы", "улицу", "проспект", "проспекта", "проспекте", "пр", "пер", "переулок",
        "мкр", "микрорайон", "г", "город", "города", "городе", "с", "село", "села", "селе", "пос", "поселок", "посёлок",
        "область", "области", "район", "района", "районе", "бульвар", "б-р", "атындағы", "ауылы", "станция", "ст",
        "районный", "районного", "районному", "районным", "городской", "городского", "қаласы", "қаласының", "облысы",
        "облысының", "ауданы", "ауданының", "аудандық", "қалалық", "облыстық", "көшесі", "даңғылы", "ауылдық",
    };

    private static readonly HashSet<string> CourtWords = new(StringComparer.Ordinal)
    {
        "суда", "суд", "районного", "районный", "городского", "городской", "областного", "областной", "межрайонного",
        "межрайонный", "специализированного", "специализированный", "экономического", "административного",
        "уголовным", "гражданским", "делам", "по", "г", "города", "области", "района", "судебного", "заседания",
        "заседании", "ювенального", "помощника", "помощник", "старшего", "старший", "государственного", "государственный",
        "сотының", "сот", "отырысының", "ауданы", "ауданының", "қаласы", "қаласының", "облысы", "облысының",
        "мамандандырылған", "ауданаралық", "экономикалық", "әкімшілік", "қылмыстық", "істер", "жөніндегі", "етуші",
        "мемлекеттік", "аға", "коллегии", "коллегиясы", "адвокатов", "адвокаттар", "–", "и", "мен", "в", "составе", "құрамында",
    };

    // Capitalised words that look like name parts but never are (court and document vocabulary).
    private static readonly HashSet<string> NonNames = new(StringComparer.Ordinal)
    {
        "суд", "суда", "судом", "республики", "республика", "казахстан", "казахстана", "қазақстан", "қазақстан", "кодекса",
        "кодексі", "закона", "закон", "приговор", "решение", "постановление", "определение", "установил", "постановил",
        "решил", "руководствуясь", "учитывая", "согласно", "кроме", "также", "исследовав", "выслушав", "ходатайство",
        "иск", "истец", "ответчик", "свидетель", "потерпевший", "подсудимый", "сот", "шешім", "үкім", "қаулы", "талапкер",
        "жауапкер", "алматы", "астана", "шымкент", "караганда", "қарағанды", "актобе", "ақтөбе", "тараз", "павлодар",
        "нур", "султан", "нұр", "сұлтан", "тенге", "теңге", "российской", "федерации", "верховного", "верховный",
        "ип", "тоо", "ао",
    };
}
