using System.Globalization;
using System.Text;

namespace Ledger.Domain.Signatures;

/// <summary>
/// Whether a verified signature was made by a given person (pure). The IIN decides when both the person's and the
/// certificate's are known. Otherwise the names are compared: NCA certificates name the signer "SURNAME GIVEN-NAME"
/// in capitals, cases name people as "Surname Given-name Patronymic" or with initials; the words are compared ignoring
/// case, <c>ё</c>/<c>е</c> and initials, and one name's words must all be in the other's (at least the surname).
/// </summary>
public static class SignerIdentity
{
    /// <summary>The verdict, with what decided it.</summary>
    public enum Match
    {
        /// <summary>The IINs are equal.</summary>
        SameIin,

        /// <summary>No IIN to compare; the names agree.</summary>
        SameName,

        /// <summary>The IINs differ, or (without IINs) the names do.</summary>
        Different,

        /// <summary>Nothing is known about the person: no check was possible.</summary>
        Unknown,
    }

    public static Match Compare(SignatureInfo signature, string? personName, string? personIin)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (!string.IsNullOrWhiteSpace(personIin) && !string.IsNullOrWhiteSpace(signature.Iin))
        {
            return string.Equals(personIin.Trim(), signature.Iin.Trim(), StringComparison.Ordinal) ? Match.SameIin : Match.Different;
        }

        var person = Words(personName);
        if (person.Count == 0)
        {
            return Match.Unknown;
        }

        var signer = Words(signature.SignerName);
        return signer.Count > 0 && (signer.IsSubsetOf(person) || person.IsSubsetOf(signer)) ? Match.SameName : Match.Different;
    }

    /// <summary>The words of a name of two letters or more, upper-cased, <c>Ё</c> read as <c>Е</c>.</summary>
    private static HashSet<string> Words(string? name)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(name))
        {
            return words;
        }

        var word = new StringBuilder();
        foreach (var ch in name.Normalize(NormalizationForm.FormC) + " ")
        {
            if (char.IsLetter(ch) || ch == '-')
            {
                word.Append(char.ToUpper(ch, CultureInfo.InvariantCulture) == 'Ё' ? 'Е' : char.ToUpper(ch, CultureInfo.InvariantCulture));
                continue;
            }

            if (word.Length >= 2)
            {
                words.Add(word.ToString().Trim('-'));
            }

            word.Clear();
        }

        return words;
    }
}
