using Outreach.Cases.People;

namespace Outreach.UnitTests.Cases;

/// <summary>The spellings one name gets in the field, in English and Hindi, share a search key; different names do not.</summary>
public sealed class NameKeyTests
{
    public static TheoryData<string[]> SameName => new()
    {
        new[] { "Sunita", "Suneeta", "Sunitha", "SUNITA", "सुनीता", "Sunītā" },
        new[] { "Mohammad", "Mohammed", "Muhammad", "Muhammed", "मोहम्मद", "मुहम्मद" },
        new[] { "Lakshmi", "Laxmi", "Lakshmee", "लक्ष्मी" },
        new[] { "Kamla", "Kamlaa", "कमला" },
        new[] { "Deepak", "Dipak", "दीपक" },
        new[] { "Pooja", "Puja", "पूजा" },
        new[] { "Rekha", "Reka", "रेखा" },
        new[] { "Shanti", "Shanthi", "Santi", "शांति" },
        new[] { "Kailash", "Kelash", "कैलाश" },
        new[] { "Sanjay", "Sanjai", "संजय" },
        new[] { "Vijay", "Wijay", "विजय" },
        new[] { "Phoolwati", "Fulvati", "फूलवती" },
        new[] { "Zahid", "Jahid", "ज़ाहिद" },
        new[] { "Radha", "Raadha", "राधा" },
        new[] { "Gautam", "Gotam", "गौतम" },
        new[] { "Bhagwati", "Bagwati", "भगवती" },
    };

    [Theory]
    [MemberData(nameof(SameName))]
    public void Spellings_of_one_name_share_a_key(string[] spellings)
    {
        var keys = spellings.Select(s => NameKey.For(s)).Distinct().ToArray();
        Assert.True(keys.Length == 1, string.Join(", ", spellings.Zip(spellings.Select(s => NameKey.For(s)), (s, k) => $"{s} → {k}")));
        Assert.NotEqual("", keys[0]);
    }

    [Theory]
    [InlineData("Sunita", "Sanjay")]
    [InlineData("Meena", "Mohan")]
    [InlineData("Radha", "Rekha")]
    [InlineData("Kamla", "Kavita")]
    public void Different_names_keep_different_keys(string one, string other) =>
        Assert.NotEqual(NameKey.For(one), NameKey.For(other));

    [Fact]
    public void A_full_name_keys_each_word_and_ignores_punctuation_and_empty_parts()
    {
        Assert.Equal(NameKey.For("Sunita") + " " + NameKey.For("Bai"), NameKey.For("  Suneeta ", null, "Bai."));
        Assert.Equal(NameKey.For("सुनीता", "बाई"), NameKey.For("Sunita", "Bai"));
        Assert.Equal("", NameKey.For(null, "  ", "—"));
    }
}
