using Outreach.Host.Infrastructure;

namespace Outreach.Host.Api;

public static class ApiEndpoints
{
    public static WebApplication MapOutreachApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthSchemes.ApiPolicy);
        api.MapAccessEndpoints();
        api.MapRegionEndpoints();
        api.MapUserEndpoints();
        api.MapPeopleEndpoints();
        api.MapVisitEndpoints();
        api.MapDirectoryEndpoints();
        api.MapReferralEndpoints();
        api.MapSurveyEndpoints();
        api.MapHouseholdEndpoints();
        api.MapImportEndpoints();
        return app;
    }
}
