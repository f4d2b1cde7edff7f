using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Shared;

namespace Outreach.Volunteers;

public static class VolunteersModule
{
    public static IServiceCollection AddVolunteersModule(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleValidators(typeof(VolunteersModule).Assembly);
}
