namespace Ledger.Domain.Depersonalization;

internal enum TokenKind
{
    Word,
    Initials,
}

/// <summary>
/// A word ("Ивановой", "Мухамед-Али", "Иванов-қа") or a run of initials ("И.И.", "А. С.", "И.И.-ге").
/// <see cref="Lower"/> is the lower-case word without a hyphenated Kazakh suffix; for initials, the letters.
/// </summary>
internal sealed class NameToken
{
    public required int Start { get; init; }

    public required int End { get; init; }

    public required TokenKind Kind { get; init; }

    public required string Lower { get; init; }

    /// <summary>First letter upper case and the rest not all upper case (not an abbreviation like "ГПК").</summary>
    public required bool Capitalized { get; init; }

    /// <summary>Only spaces (at most one line break) separate this token from the previous one.</summary>
    public required bool JoinedToPrevious { get; init; }

    /// <summary>The text between the previous token and this one contains sentence punctuation.</summary>
    public required bool SentenceBreakBefore { get; init; }

    private string? _surnameStem;
    private bool _surnameStemDone;
    private int _patronymic = -1;

    public string? SurnameStem
    {
        get
        {
            if (!_surnameStemDone)
            {
                _surnameStem = Kind == TokenKind.Word && Capitalized ? NameForms.SurnameStem(Lower) : null;
                _surnameStemDone = true;
            }

            return _surnameStem;
        }
    }

    public bool IsPatronymic
    {
        get
        {
            if (_patronymic < 0)
            {
                _patronymic = Kind == TokenKind.Word && Capitalized && NameForms.IsPatronymic(Lower) ? 1 : 0;
            }

            return _patronymic == 1;
        }
    }

    public bool IsCapitalizedWord => Kind == TokenKind.Word && Capitalized;

    public int InitialCount => Kind == TokenKind.Initials ? Lower.Length : 0;
}

internal static class NameTokenizer
{
    public static List<NameToken> Tokenize(string text)
    {
        var tokens = new List<NameToken>(text.Length / 6);
        var i = 0;
        var previousEnd = 0;
        var n = text.Length;
        Span<char> letters = stackalloc char[3];
        while (i < n)
        {
            var c = text[i];
            if (!char.IsLetter(c))
            {
                i++;
                continue;
            }

            var start = i;
            NameToken token;
            if (char.IsUpper(c) && i + 1 < n && text[i + 1] == '.' && (i == 0 || !char.IsLetter(text[i - 1])))
            {
                // Initials: up to three "X." with at most one space between them.
                var count = 0;
                var j = i;
                while (count < 3 && j + 1 < n && char.IsUpper(text[j]) && text[j + 1] == '.')
                {
                    letters[count++] = char.ToLowerInvariant(text[j]);
                    j += 2;
                    var k = j;
                    if (k < n && text[k] == ' ')
                    {
                        k++;
                    }

                    if (count < 3 && k + 1 < n && char.IsUpper(text[k]) && text[k + 1] == '.')
                    {
                        j = k;
                    }
                    else
                    {
                        break;
                    }
                }

                if (count == 0)
                {
                    i++;
                    continue;
                }

                j = SkipHyphenSuffix(text, j);
                token = new NameToken
                {
                    Start = start,
                    End = j,
                    Kind = TokenKind.Initials,
                    Lower = new string(letters[..count]),
                    Capitalized = true,
                    JoinedToPrevious = Joined(text, previousEnd, start, tokens),
                    SentenceBreakBefore = SentenceBreak(text, previousEnd, start, tokens),
                };
                i = j;
            }
            else
            {
                var j = i + 1;
                while (j < n && (char.IsLetter(text[j]) || (text[j] == '-' && j + 1 < n && char.IsLetter(text[j + 1]))))
                {
                    j++;
                }

                var word = text.AsSpan(start, j - start);
                var core = word;
                var dash = word.LastIndexOf('-');
                if (dash > 0 && NameForms.IsKazakhSuffix(word[(dash + 1)..]))
                {
                    core = word[..dash];
                }

                // Title case, or a whole word in capitals long enough not to be an abbreviation (КАРИМОВУ, not ГПК).
                var capitalized = char.IsUpper(c) && (core.Length == 1 || HasLower(core[1..]) || core.Length >= 5);
                token = new NameToken
                {
                    Start = start,
                    End = j,
                    Kind = TokenKind.Word,
                    Lower = core.ToString().ToLowerInvariant(),
                    Capitalized = capitalized,
                    JoinedToPrevious = Joined(text, previousEnd, start, tokens),
                    SentenceBreakBefore = SentenceBreak(text, previousEnd, start, tokens),
                };
                i = j;
            }

            tokens.Add(token);
            previousEnd = token.End;
        }

        return tokens;
    }

    private static int SkipHyphenSuffix(string text, int j)
    {
        if (j < text.Length && text[j] == '-')
        {
            var k = j + 1;
            while (k < text.Length && char.IsLetter(text[k]) && char.IsLower(text[k]))
            {
                k++;
            }

            if (k > j + 1 && NameForms.IsKazakhSuffix(text.AsSpan(j + 1, k - j - 1)))
            {
                return k;
            }
        }

        return j;
    }

    private static bool HasLower(ReadOnlySpan<char> s)
    {
        foreach (var ch in s)
        {
            if (char.IsLower(ch))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Joined(string text, int from, int to, List<NameToken> tokens)
    {
        if (tokens.Count == 0 || to - from > 4)
        {
            return false;
        }

        var afterAbbreviation = tokens[^1] is { Kind: TokenKind.Word, Capitalized: false, Lower.Length: <= 3 };
        var newlines = 0;
        for (var k = from; k < to; k++)
        {
            var ch = text[k];
            if (ch == '\n')
            {
                newlines++;
            }
            else if (ch == '.' && afterAbbreviation && k == from)
            {
                continue;
            }
            else if (ch is not (' ' or '\t' or '\r' or '\u00A0'))
            {
                return false;
            }
        }

        return newlines <= 1;
    }

    private static bool SentenceBreak(string text, int from, int to, List<NameToken> tokens)
    {
        // The dot of a short lower-case abbreviation (гр., г., ул., ст.) does not end a sentence.
        var afterAbbreviation = tokens.Count > 0 && tokens[^1] is { Kind: TokenKind.Word, Capitalized: false, Lower.Length: <= 3 };
        for (var k = from; k < to; k++)
        {
            if (text[k] is ';' or '!' or '?' || (text[k] == '.' && !afterAbbreviation))
            {
                return true;
            }

            if (text[k] == '\n' && k + 1 < to && text[k + 1] is '\n' or '\r')
            {
                return true;
            }
        }

        return false;
    }
}
