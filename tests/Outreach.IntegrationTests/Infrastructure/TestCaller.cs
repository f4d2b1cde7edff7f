using Outreach.Shared.Security;

namespace Outreach.IntegrationTests.Infrastructure;

/// <summary>A signed-in user for requests sent straight to the mediator, as if from this machine.</summary>
internal sealed record TestCaller(Guid UserId, string Role) : ICurrentUser
{
    public bool IsAuthenticated => true;
    public string? ClientAddress => "127.0.0.1";
}
