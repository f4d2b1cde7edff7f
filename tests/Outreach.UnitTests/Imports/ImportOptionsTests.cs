using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Surveys;
using Outreach.Surveys.Imports;

namespace Outreach.UnitTests.Imports;

public sealed class ImportOptionsTests
{
    private static ImportOptions Bound(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        using var services = new ServiceCollection().AddSurveysModule(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ImportOptions>>().Value;
    }

    [Theory]
    [InlineData("Imports:AbandonedAfterDays", "0", "AbandonedAfterDays must be at least 1")]
    [InlineData("Imports:BatchSize", "0", "BatchSize must be at least 1")]
    [InlineData("Imports:MaxFileMegabytes", "-5", "MaxFileMegabytes must be at least 1")]
    public void Settings_that_would_lose_uploads_or_read_nothing_are_refused_with_the_setting_named(string key, string value, string message)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Bound((key, value)));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_and_sensible_settings_are_accepted()
    {
        var options = Bound(("Imports:AbandonedAfterDays", "1"), ("Imports:BatchSize", "500"));

        Assert.Equal((1, 500, 50), (options.AbandonedAfterDays, options.BatchSize, options.MaxFileMegabytes));
        Assert.Equal(7, Bound().AbandonedAfterDays);
    }
}
