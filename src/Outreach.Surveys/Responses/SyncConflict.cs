using Outreach.Shared;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Responses;

public sealed record SyncConflict
{
    public required Guid Id { get; init; }
    public required Guid ResponseId { get; init; }
    public required Guid VillageId { get; init; }
    public required string Stored { get; init; }
    public required string Submitted { get; init; }
    public required Guid SubmittedBy { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string Status { get; init; }

    /// <summary>
    /// When the later version was taken: the version it replaced, in the same form as <see cref="Submitted"/>, rebuilt from
    /// the stored row (so numbers come back at the database's scale: PostgreSQL keeps GPS at six decimals).
    /// </summary>
    public string? Replaced { get; init; }
}
