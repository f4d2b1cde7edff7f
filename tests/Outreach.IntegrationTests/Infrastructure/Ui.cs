using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Outreach.Organization.Demo;

namespace Outreach.IntegrationTests.Infrastructure;

/// <summary>Drives the Razor Pages over HTTP the way a browser form does: antiforgery token, cookie, redirects.</summary>
public static partial class Ui
{
    public static async Task<HttpClient> SignInAsync(IOutreachApp app, string username, string password = SeedDemoData.Password)
    {
        var client = app.Anonymous();
        var response = await PostFormAsync(client, "/Account/Login", new() { ["Username"] = username, ["Password"] = password });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"sign-in as {username} failed: {(int)response.StatusCode}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url);
        fields["__RequestVerificationToken"] = AntiforgeryTokenIn(page);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token of a page's form; any form's token is good for every form of the same signed-in client.</summary>
    public static string AntiforgeryTokenIn(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
