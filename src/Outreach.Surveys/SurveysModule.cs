using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Shared;
using Outreach.Surveys.Gaps;
using Outreach.Surveys.Imports;
using Outreach.Surveys.Responses;

namespace Outreach.Surveys;

public static class SurveysModule
{
    public static IServiceCollection AddSurveysModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GapOptions>().Bind(configuration.GetSection(GapOptions.Section));
        services.AddScoped<ResponseIntake>();
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.Section));
        return services.AddModuleValidators(typeof(SurveysModule).Assembly);
    }
}
