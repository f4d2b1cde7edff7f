namespace Outreach.Host.Pages.Gaps;

public static class GapText
{
    public static readonly IReadOnlyList<string> States = ["reported", "verified", "action-planned", "addressed", "resolved"];

    public const string Changed = "This gap was changed by someone else while you were looking at it. Reload the page to see its current state, then try again.";

    public static string State(string state) => state switch
    {
        "reported" => "Reported",
        "verified" => "Verified",
        "action-planned" => "Action planned",
        "addressed" => "Addressed",
        "resolved" => "Resolved",
        _ => state,
    };

    /// <summary>The button that moves a gap from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static string Action(string from, string to) => to switch
    {
        "verified" => "Verify",
        "action-planned" => "Plan action",
        "addressed" => "Mark addressed",
        "resolved" => "Resolve",
        "reported" when from != "reported" => "Reopen",
        _ => State(to),
    };

    public static string Category(string category) =>
        category.Length == 0 ? category : char.ToUpperInvariant(category[0]) + category[1..].Replace('-', ' ');

    public static bool IsOverdue(string state, DateOnly? dueOn, DateOnly today) => dueOn is { } due && due < today && state is not ("resolved" or "addressed");
}
