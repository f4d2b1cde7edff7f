namespace Outreach.Shared;

public static class Roles
{
    public const string OutreachWorker = nameof(OutreachWorker);
    public const string Coordinator = nameof(Coordinator);
    public const string Manager = nameof(Manager);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [OutreachWorker, Coordinator, Manager, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
