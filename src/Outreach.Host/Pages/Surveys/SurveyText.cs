using System.Security.Claims;
using System.Text.Json;
using Mediator;
using Outreach.Organization.Regions;
using Outreach.Shared;
using Outreach.Surveys.Contracts;

namespace Outreach.Host.Pages.Surveys;

public static class SurveyText
{
    public static bool MayFill(ClaimsPrincipal user) => user.IsInRole(Roles.OutreachWorker) || user.IsInRole(Roles.Coordinator);

    public static bool IsCoordinator(ClaimsPrincipal user) => user.IsInRole(Roles.Coordinator);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>A message from the answer rules ("'key' must be at least 0.") as the person filling the form reads it beside the question.</summary>
    public static string ForQuestion(Question question, string message)
    {
        if (message.Contains("is required", StringComparison.Ordinal)) return "Please answer this question.";
        var prefix = $"'{question.Key}'";
        if (!message.StartsWith(prefix, StringComparison.Ordinal)) return message;
        var rest = message[prefix.Length..].TrimStart(':', ' ');
        return rest.Length == 0 ? message : char.ToUpperInvariant(rest[0]) + rest[1..];
    }

    /// <summary>An answer as stored (canonical JSON) in words, with choice labels instead of values.</summary>
    public static string Answer(Question? question, JsonElement value, IReadOnlyDictionary<Guid, VillageListItem> villages) => value.ValueKind switch
    {
        JsonValueKind.True => "Yes",
        JsonValueKind.False => "No",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => Answer(question, v, villages))),
        JsonValueKind.Object when value.TryGetProperty("latitude", out var lat) && value.TryGetProperty("longitude", out var lon) => $"{lat}, {lon}",
        JsonValueKind.String when question?.Choices?.FirstOrDefault(c => c.Value == value.GetString()) is { } choice => choice.Label,
        JsonValueKind.String when Guid.TryParse(value.GetString(), out var id) && villages.TryGetValue(id, out var village) => village.Name,
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        _ => value.GetRawText(),
    };

    /// <summary>The villages in the caller's regions by id, for names in lists and for village questions.</summary>
    public static async Task<IReadOnlyDictionary<Guid, VillageListItem>> VillagesAsync(ISender sender, CancellationToken ct)
    {
        var villages = new Dictionary<Guid, VillageListItem>();
        for (var page = 1; ; page++)
        {
            var found = await sender.Send(new ListMyVillages(null, page, Paging.MaxPageSize), ct);
            foreach (var village in found.Items) villages[village.Id] = village;
            if (found.Items.Count == 0 || villages.Count >= found.Total) return villages;
        }
    }

    public static string VillageName(IReadOnlyDictionary<Guid, VillageListItem> villages, Guid id) =>
        villages.TryGetValue(id, out var village) ? village.Name : "A village outside my regions";
}
