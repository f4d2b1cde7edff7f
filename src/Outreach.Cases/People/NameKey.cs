using System.Globalization;
using System.Text;

namespace Outreach.Cases.People;

/// <summary>
/// A rough sound of a name, so that the spellings one name gets in the field find each other: "Sunita", "Suneeta",
/// "Sunitha" and "सुनीता" share a key, as do "Mohammad", "Mohammed" and "Muhammad". Devanagari is transliterated
/// (with Hindi's silent inherent vowels dropped), then spelling variants are folded: aspirate h after a consonant,
/// doubled letters, long and short vowels, e/a and o/u, w/v, z/j, ph/f, x/ks. Keys are stored when a name is written
/// and compared by word prefix, so changing this function means recomputing every stored key.
/// </summary>
internal static class NameKey
{
    /// <summary>The key of a name, one word key per word, separated by single spaces; empty when there is nothing to key.</summary>
    public static string For(params string?[] names)
    {
        var words = names.Where(n => n is not null)
            .SelectMany(n => n!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(Word)
            .Where(w => w.Length > 0);
        return string.Join(' ', words);
    }

    /// <summary>
    /// A LIKE pattern for stored keys: every word of <paramref name="text"/> begins a word of the name, in order, from the
    /// first word (<paramref name="atStart"/>) or a later one. Null when the text has nothing to key. Keys hold only a-z,
    /// digits and spaces, so nothing needs escaping.
    /// </summary>
    public static string? Pattern(string? text, bool atStart)
    {
        var key = For(text);
        if (key.Length == 0) return null;
        var words = string.Join("% ", key.Split(' ')) + "%";
        return atStart ? words : "% " + words;
    }

    private static string Word(string word)
    {
        var latin = Devanagari.Transliterate(word.Normalize(NormalizationForm.FormD));
        var letters = new StringBuilder();
        foreach (var c in latin.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z') letters.Append(c);
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber) letters.Append(c);
        }
        return Fold(letters.ToString());
    }

    private static string Fold(string text)
    {
        var s = text.Replace("ph", "f").Replace("x", "ks").Replace("ck", "k").Replace("q", "k")
            .Replace("w", "v").Replace("z", "j").Replace("mb", "nb").Replace("mp", "np");
        s = DropAspirates(s);
        if (s.EndsWith('y')) s = s[..^1] + "i";
        s = s.Replace("ee", "i").Replace("ii", "i").Replace("oo", "u").Replace("ou", "u").Replace("au", "u").Replace("ai", "a")
            .Replace('e', 'a').Replace('o', 'u');
        return Collapse(s);
    }

    /// <summary>Kh, gh, th, dh, bh, sh, ch: the h of an aspirate or sibilant is spelt or not, so it is dropped.</summary>
    private static string DropAspirates(string s)
    {
        var kept = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == 'h' && i > 0 && !IsVowel(s[i - 1])) continue;
            kept.Append(s[i]);
        }
        return kept.ToString();
    }

    private static string Collapse(string s)
    {
        var collapsed = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (collapsed.Length == 0 || collapsed[^1] != c) collapsed.Append(c);
        }
        return collapsed.ToString();
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>Hindi in Devanagari to plain Latin letters, as a Hindi speaker would spell the name in English.</summary>
    private static class Devanagari
    {
        private const char Virama = '\u094D';
        private const char Nukta = '\u093C';

        private static readonly Dictionary<char, string> Consonants = new()
        {
            ['क'] = "k", ['ख'] = "kh", ['ग'] = "g", ['घ'] = "gh", ['ङ'] = "n",
            ['च'] = "ch", ['छ'] = "chh", ['ज'] = "j", ['झ'] = "jh", ['ञ'] = "n",
            ['ट'] = "t", ['ठ'] = "th", ['ड'] = "d", ['ढ'] = "dh", ['ण'] = "n",
            ['त'] = "t", ['थ'] = "th", ['द'] = "d", ['ध'] = "dh", ['न'] = "n",
            ['प'] = "p", ['फ'] = "ph", ['ब'] = "b", ['भ'] = "bh", ['म'] = "m",
            ['य'] = "y", ['र'] = "r", ['ल'] = "l", ['ळ'] = "l", ['व'] = "v",
            ['श'] = "sh", ['ष'] = "sh", ['स'] = "s", ['ह'] = "h",
        };

        private static readonly Dictionary<char, string> WithNukta = new()
        {
            ['क'] = "q", ['ख'] = "kh", ['ग'] = "g", ['ज'] = "z", ['ड'] = "r", ['ढ'] = "rh", ['फ'] = "f", ['य'] = "y",
        };

        private static readonly Dictionary<char, string> VowelSigns = new()
        {
            ['ा'] = "aa", ['ि'] = "i", ['ी'] = "ii", ['ु'] = "u", ['ू'] = "uu", ['ृ'] = "ri", ['े'] = "e", ['ै'] = "ai",
            ['ो'] = "o", ['ौ'] = "au", ['ॅ'] = "e", ['ॉ'] = "o",
        };

        private static readonly Dictionary<char, string> Vowels = new()
        {
            ['अ'] = "a", ['आ'] = "aa", ['इ'] = "i", ['ई'] = "ii", ['उ'] = "u", ['ऊ'] = "uu", ['ऋ'] = "ri", ['ए'] = "e", ['ऐ'] = "ai",
            ['ओ'] = "o", ['औ'] = "au", ['ऑ'] = "o",
        };

        /// <summary>One akshara-like piece: a consonant (or none) with its vowel; Inherent marks the unwritten "a" Hindi may not say.</summary>
        private sealed class Syllable
        {
            public string Consonant = "";
            public string Vowel = "";
            public string Coda = "";
            public bool Inherent;
        }

        public static string Transliterate(string word)
        {
            if (!word.Any(c => c is >= '\u0900' and <= '\u097F')) return word;
            var syllables = new List<Syllable>();
            var other = new StringBuilder();
            foreach (var c in word)
            {
                var last = syllables.Count > 0 ? syllables[^1] : null;
                if (Consonants.TryGetValue(c, out var consonant)) syllables.Add(new Syllable { Consonant = consonant, Vowel = "a", Inherent = true });
                else if (c == Nukta && last is { Inherent: true } && WithNukta.TryGetValue(ConsonantLetter(last.Consonant), out var nukta)) last.Consonant = nukta;
                else if (c == Virama && last is not null) { last.Vowel = ""; last.Inherent = false; }
                else if (VowelSigns.TryGetValue(c, out var sign) && last is not null) { last.Vowel = sign; last.Inherent = false; }
                else if (Vowels.TryGetValue(c, out var vowel)) syllables.Add(new Syllable { Vowel = vowel });
                else if (c is 'ं' or 'ँ' && last is not null) { last.Coda = "n"; last.Inherent = false; }
                else if (c == 'ः' && last is not null) { last.Coda = "h"; last.Inherent = false; }
                else if (c is not (>= '\u0900' and <= '\u097F')) other.Append(c);
            }
            DropSilentVowels(syllables);
            return string.Concat(syllables.Select(s => s.Consonant + s.Vowel + s.Coda)) + other;
        }

        /// <summary>
        /// Hindi does not say the inherent "a" at the end of a word, nor between a vowel-consonant and a consonant-vowel
        /// (कमला is "Kamla", भगवती "Bhagvati"); the medial rule works from the start of the word.
        /// </summary>
        private static void DropSilentVowels(List<Syllable> syllables)
        {
            if (syllables.Count > 1 && syllables[^1] is { Inherent: true } last && last.Consonant.Length > 0) last.Vowel = "";
            for (var i = 1; i < syllables.Count - 1; i++)
            {
                var s = syllables[i];
                if (!s.Inherent || s.Consonant.Length == 0) continue;
                var next = syllables[i + 1];
                var previous = syllables[i - 1];
                if (next.Consonant.Length > 0 && next.Vowel.Length > 0 && previous.Vowel.Length > 0 && previous.Coda.Length == 0) s.Vowel = "";
            }
        }

        private static char ConsonantLetter(string latin) => Consonants.FirstOrDefault(c => c.Value == latin).Key;
    }
}
