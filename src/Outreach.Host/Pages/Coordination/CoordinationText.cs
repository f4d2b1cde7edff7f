using Mediator;
using Outreach.Organization.Users;
using Outreach.Shared;

namespace Outreach.Host.Pages.Coordination;

public static class CoordinationText
{
    /// <summary>Display names of the users in the coordinator's regions, to say who a row is about.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> UserNamesAsync(ISender sender, CancellationToken ct) =>
        (await sender.Send(new ListUsers(PageSize: Paging.MaxPageSize), ct)).Items.ToDictionary(u => u.Id, u => u.DisplayName);

    public static string NameOf(IReadOnlyDictionary<Guid, string> names, Guid id) => names.TryGetValue(id, out var name) ? name : "A user outside your regions";
}
