namespace Outreach.Organization.Contracts;

public sealed record UserSummary
{
    public required Guid Id { get; init; }
    public required string Username { get; init; }
    public required string DisplayName { get; init; }
    public required string Role { get; init; }
    public required bool IsActive { get; init; }
}

/// <summary>An active user assigned inside the caller's regions, else null: for modules that hand work to someone.</summary>
public sealed record FindUserInScope(Guid UserId) : Mediator.IQuery<UserSummary?>;
