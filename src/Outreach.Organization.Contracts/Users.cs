namespace Outreach.Organization.Contracts;

public sealed record UserSummary
{
    public required Guid Id { get; init; }
    public required string Username { get; init; }
    public required string DisplayName { get; init; }
    public required string Role { get; init; }
    public required bool IsActive { get; init; }
}
