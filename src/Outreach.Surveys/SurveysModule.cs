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
        // Checked at start-up: a zero here would delete every upload within the hour, or read no rows at all.
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.Section))
            .Validate(o => o.AbandonedAfterDays >= 1, "Imports:AbandonedAfterDays must be at least 1 (days an uploaded file is kept).")
            .Validate(o => o.BatchSize is null or >= 1, "Imports:BatchSize must be at least 1, or left unset.")
            .Validate(o => o.MaxFileMegabytes >= 1, "Imports:MaxFileMegabytes must be at least 1.")
            .ValidateOnStart();
        return services.AddModuleValidators(typeof(SurveysModule).Assembly);
    }
}
