namespace Outreach.Cases.People;

/// <summary>How a person is named on a page: a pseudonymous person (no name recorded) by their reference.</summary>
public static class PersonName
{
    public static string Display(string reference, string? givenName, string? familyName) => PersonRecord.DisplayName(reference, givenName, familyName);
}
