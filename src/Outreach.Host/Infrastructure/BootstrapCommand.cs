using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Organization.Setup;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Host.Infrastructure;

/// <summary>
/// <c>Outreach.Host bootstrap --country India --username asha --name "Asha Verma"</c>, with the password in
/// OUTREACH_BOOTSTRAP_PASSWORD: migrates, then creates the first country and its administrator on an empty installation.
/// </summary>
public static class BootstrapCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var country = Option(args, "--country");
        var username = Option(args, "--username");
        var name = Option(args, "--name") ?? username;
        var password = Environment.GetEnvironmentVariable("OUTREACH_BOOTSTRAP_PASSWORD");
        if (country is null || username is null || string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("Usage: bootstrap --country <name> [--country-local <name>] --username <name> [--name <display name>], with the password in OUTREACH_BOOTSTRAP_PASSWORD.");
            return 2;
        }

        DatabaseStartup.Migrate(app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().RunAs(new SystemUser());
        try
        {
            await scope.ServiceProvider.GetRequiredService<ISender>()
                .Send(new BootstrapOrganization(country, Option(args, "--country-local"), username, name!, password));
        }
        catch (OutreachProblem problem)
        {
            var reasons = problem is ValidationProblem invalid ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value)) : problem.Message;
            await Console.Error.WriteLineAsync($"Bootstrap refused: {reasons}");
            return 1;
        }
        Console.WriteLine($"Created {country} and its administrator '{username}'. Sign in and add states, districts and users.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
