using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Shared;

namespace Outreach.Reporting;

public static class ReportingModule
{
    public static IServiceCollection AddReportingModule(this IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleValidators(typeof(ReportingModule).Assembly);
}
