using Microsoft.Extensions.DependencyInjection;
using Outreach.Shared.Data;
using Outreach.Shared.Notifications;

namespace Outreach.IntegrationTests.Infrastructure;

/// <summary>A session on a database without the host, for tests that seed or inspect tables directly; it raises nothing.</summary>
public static class StandaloneSession
{
    private static readonly IServiceScopeFactory NoSubscribers = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();

    public static DbSession Open(ConnectionFactory factory) => new(factory, new NotificationOutbox(NoSubscribers, TimeProvider.System));
}
