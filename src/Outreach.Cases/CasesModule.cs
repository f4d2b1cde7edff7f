using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Shared;

namespace Outreach.Cases;

public static class CasesModule
{
    public static IServiceCollection AddCasesModule(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleValidators(typeof(CasesModule).Assembly);
}
