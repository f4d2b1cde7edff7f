using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Cases.Access;
using Outreach.Cases.Directory;
using Outreach.Cases.Referrals;
using Outreach.Shared;

namespace Outreach.Cases;

public static class CasesModule
{
    public static IServiceCollection AddCasesModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BreakGlassOptions>().Bind(configuration.GetSection(BreakGlassOptions.Section));
        services.AddOptions<DirectoryOptions>().Bind(configuration.GetSection(DirectoryOptions.Section));
        services.AddOptions<ReferralOptions>().Bind(configuration.GetSection(ReferralOptions.Section));
        return services.AddModuleValidators(typeof(CasesModule).Assembly);
    }
}
