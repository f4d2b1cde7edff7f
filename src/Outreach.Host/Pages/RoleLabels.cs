using Outreach.Shared;

namespace Outreach.Host.Pages;

public static class RoleLabels
{
    public static string For(string role) => role switch
    {
        Roles.OutreachWorker => "Outreach worker",
        Roles.Coordinator => "Coordinator",
        Roles.Manager => "Manager",
        Roles.Admin => "Administrator",
        _ => role,
    };
}
