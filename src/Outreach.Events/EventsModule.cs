using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Shared;

namespace Outreach.Events;

public static class EventsModule
{
    public static IServiceCollection AddEventsModule(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleValidators(typeof(EventsModule).Assembly);
}
