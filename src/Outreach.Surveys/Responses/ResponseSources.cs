using Outreach.Shared;

namespace Outreach.Surveys.Responses;

public static class ResponseSources
{
    public const string App = "app";
    public const string Sync = "sync";
    public const string Kobo = "kobo";
    public const string Odk = "odk";
}
