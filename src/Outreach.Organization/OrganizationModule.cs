using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Organization.Access;
using Outreach.Shared;

namespace Outreach.Organization;

public static class OrganizationModule
{
    public static IServiceCollection AddOrganizationModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.Section));
        services.AddSingleton<PasswordHasher<UserAccount>>();
        services.AddScoped<PasswordCheck>();
        return services.AddModuleValidators(typeof(OrganizationModule).Assembly);
    }
}
