using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Shared;

namespace Outreach.Surveys;

public static class SurveysModule
{
    public static IServiceCollection AddSurveysModule(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleValidators(typeof(SurveysModule).Assembly);
}
