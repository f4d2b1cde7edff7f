using Outreach.Organization.Contracts;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Imports;

namespace Outreach.UnitTests.Imports;

public sealed class ImportColumnsTests
{
    internal static readonly Question[] Questions =
    [
        new() { Key = "household_size", Type = QuestionType.Number, Label = "Household size", LabelHi = "परिवार के सदस्य", Required = true, Min = 1, Max = 30 },
        new() { Key = "has_counsellor", Type = QuestionType.YesNo, Label = "Is there a counsellor nearby?" },
        new()
        {
            Key = "services", Type = QuestionType.MultiSelect, Label = "Services used",
            Choices = [new() { Value = "clinic", Label = "Clinic" }, new() { Value = "helpline", Label = "Helpline" }, new() { Value = "group", Label = "Group" }],
        },
        new() { Key = "location", Type = QuestionType.GpsPoint, Label = "Location" },
        new() { Key = "notes", Type = QuestionType.Text, Label = "Notes", LabelHi = "टिप्पणी" },
    ];

    private static string? TargetOf(IReadOnlyList<ImportColumn> columns, string header) => columns.Single(c => c.Header == header).Target;

    [Fact]
    public void Kobo_xml_names_map_by_last_path_segment_and_split_and_metadata_columns_are_ignored_with_a_reason()
    {
        string[] headers = ["start", "today", "household/household_size", "services", "services/clinic", "location", "_location_latitude", "village", "_uuid", "_id", "enumerator_mood"];

        var columns = ImportColumns.Suggest(headers, Questions, null);

        Assert.Equal("household_size", TargetOf(columns, "household/household_size"));
        Assert.Equal("services", TargetOf(columns, "services"));
        Assert.Equal("location", TargetOf(columns, "location"));
        Assert.Equal(ImportTargets.CollectedOn, TargetOf(columns, "today"));
        Assert.Null(TargetOf(columns, "start"));
        Assert.Equal(ImportTargets.SubmissionId, TargetOf(columns, "_uuid"));
        Assert.Equal(ImportTargets.Village, TargetOf(columns, "village"));
        Assert.Contains("option of 'services'", columns.Single(c => c.Header == "services/clinic").Note);
        Assert.Contains("GPS point 'location'", columns.Single(c => c.Header == "_location_latitude").Note);
        Assert.Equal("Not a question of this survey; ignored.", columns.Single(c => c.Header == "enumerator_mood").Note);
        Assert.Empty(ImportColumns.Missing(columns, Questions));
    }

    [Fact]
    public void Labels_as_headers_match_in_English_and_Hindi_ignoring_case_spaces_and_underscores()
    {
        string[] headers = ["HOUSEHOLD_SIZE", "Is there a counsellor nearby?", "Services used/Clinic", "टिप्पणी", "गाँव", "_uuid", "today"];

        var columns = ImportColumns.Suggest(headers, Questions, null);

        Assert.Equal("household_size", TargetOf(columns, "HOUSEHOLD_SIZE"));
        Assert.Equal("has_counsellor", TargetOf(columns, "Is there a counsellor nearby?"));
        Assert.Equal("notes", TargetOf(columns, "टिप्पणी"));
        Assert.Equal(ImportTargets.Village, TargetOf(columns, "गाँव"));
        Assert.Null(TargetOf(columns, "Services used/Clinic"));
    }

    [Fact]
    public void Odk_central_headers_use_dashes_and_its_split_gps_columns_feed_the_point()
    {
        string[] headers = ["SubmissionDate", "today", "household-household_size", "location-Latitude", "location-Longitude", "location-Accuracy", "village", "meta-instanceID", "KEY", "SubmitterName"];

        var columns = ImportColumns.Suggest(headers, Questions, null);

        Assert.Equal(ImportTargets.SubmissionId, TargetOf(columns, "meta-instanceID"));
        Assert.Equal(ImportTargets.CollectedOn, TargetOf(columns, "today"));
        Assert.Equal("household_size", TargetOf(columns, "household-household_size"));
        Assert.Equal("location.latitude", TargetOf(columns, "location-Latitude"));
        Assert.Equal("location.longitude", TargetOf(columns, "location-Longitude"));
        Assert.Null(TargetOf(columns, "location-Accuracy"));
        Assert.Null(TargetOf(columns, "KEY"));
    }

    [Fact]
    public void A_saved_mapping_wins_over_guessing_and_missing_required_columns_are_listed()
    {
        var saved = new Dictionary<string, string?> { ["hh"] = "household_size", ["place"] = ImportTargets.Village, ["notes"] = null };

        var columns = ImportColumns.Suggest(["hh", "place", "notes", "_uuid"], Questions, saved);
        var missing = ImportColumns.Missing(ImportColumns.Suggest(["notes", "village"], Questions, null), Questions);

        Assert.Equal("household_size", TargetOf(columns, "hh"));
        Assert.Equal(ImportTargets.Village, TargetOf(columns, "place"));
        Assert.Null(TargetOf(columns, "notes"));
        Assert.Equal(3, missing.Count);
        Assert.Contains(missing, m => m.Contains("submission id", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.Contains("household_size", StringComparison.Ordinal));
    }

    [Fact]
    public void An_edited_mapping_may_not_feed_one_target_twice_or_name_a_column_the_file_lacks()
    {
        string[] headers = ["a", "b"];
        ImportColumn[] columns = [new(0, "a", "household_size"), new(1, "b", "household_size"), new(2, "c", "nonsense")];

        var problems = ImportColumns.ProblemsWith(columns, headers, Questions);

        Assert.Contains(problems, p => p.Contains("more than one column", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Column 3", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'nonsense'", StringComparison.Ordinal));
    }

    [Fact]
    public void Villages_are_found_by_name_local_name_or_id_and_an_ambiguous_name_asks_for_the_id()
    {
        var kotri = Village("Kotri", "कोटरी");
        var twinA = Village("Rampur", null);
        var twinB = Village("Rampur", null);
        var directory = new VillageDirectory([kotri, twinA, twinB]);

        Assert.Equal(kotri.Id, directory.Find(" kotri ").Village?.Id);
        Assert.Equal(kotri.Id, directory.Find("कोटरी").Village?.Id);
        Assert.Equal(kotri.Id, directory.Find(kotri.Id.ToString()).Village?.Id);
        Assert.Contains("more than one", directory.Find("Rampur").Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("No village called 'Atlantis'", directory.Find("Atlantis").Error, StringComparison.Ordinal);
        Assert.Equal(kotri.Id, directory.Find("Kotri").Village?.Id);
    }

    [Fact]
    public void A_name_spelled_exactly_is_still_ambiguous_when_another_village_differs_only_in_case_or_spaces()
    {
        var directory = new VillageDirectory([Village("Kotri", null), Village("KOTRI", null), Village("Jawar", null)]);

        Assert.Contains("more than one", directory.Find("Kotri").Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("more than one", directory.Find("KOTRI").Error, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(directory.Find("Jawar").Village);
    }

    [Fact]
    public void The_response_id_is_a_name_based_uuid_of_the_survey_and_the_submission()
    {
        var template = Guid.CreateVersion7();
        var id = ImportNextBatchHandler.ResponseId(template, "8f1c2d3e-0001");

        Assert.Equal(id, ImportNextBatchHandler.ResponseId(template, "8f1c2d3e-0001"));
        Assert.NotEqual(id, ImportNextBatchHandler.ResponseId(Guid.CreateVersion7(), "8f1c2d3e-0001"));
        Assert.Equal(5, id.Version);
    }

    private static RegionSummary Village(string name, string? local)
    {
        var id = Guid.NewGuid();
        return new RegionSummary { Id = id, Level = RegionLevel.Village, Name = name, LocalName = local, Path = $"/{Guid.NewGuid():N}/{id:N}/" };
    }
}

public sealed class ExportNumberTests
{
    [Theory]
    [InlineData("4,5", "4.5")]
    [InlineData("12,50", "12.5")]
    [InlineData("1,234", "1234")]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("1.2E+1", "12")]
    [InlineData("12 345", "12345")]
    public void Numbers_read_the_way_spreadsheets_and_exports_write_them(string text, string expected)
    {
        Assert.True(Outreach.Surveys.Templates.QuestionRules.TryNumber(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }
}
